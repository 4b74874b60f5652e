// The desktop app's bridge, when present. In a plain browser `window.custody` is absent and the
// UI uses file inputs and drag and drop instead; in Electron the native dialogs and the paths
// given on the command line or the File menu arrive through the bridge.

import { BRIDGE_GLOBAL, MAX_CHUNK_BYTES, type BridgeBundle, type CustodyBridge } from '../../shared/bridge';
import type { ImportInput } from '../input/collect';

declare global {
  interface Window {
    readonly [BRIDGE_GLOBAL]?: CustodyBridge;
  }
}

export function desktopBridge(): CustodyBridge | null {
  return window[BRIDGE_GLOBAL] ?? null;
}

/** Bytes gathered before they are folded into the file's Blob, which the browser may keep on disk. */
const FOLD_BYTES = 64 * 1024 * 1024;

/**
 * Reads one bridged file into a File. The chunks are folded into a Blob every 64 MiB; Chromium
 * keeps large Blobs in its blob store, which spills to disk.
 * NOTE: peak renderer memory is one fold (64 MiB) plus what the blob store keeps in memory.
 */
async function readBridgedFile(bridge: CustodyBridge, handle: string, name: string, size: number): Promise<File> {
  let blob = new Blob([]);
  let parts: BlobPart[] = [];
  let gathered = 0;
  for (let offset = 0; offset < size; ) {
    const result = await bridge.readChunk({ handle, offset, length: MAX_CHUNK_BYTES });
    if (!result.ok) throw new Error(result.error.message);
    if (result.value.length === 0) break;
    // Chunks arrive over IPC as fresh ArrayBuffer-backed arrays.
    parts.push(result.value as Uint8Array<ArrayBuffer>);
    gathered += result.value.length;
    offset += result.value.length;
    if (gathered >= FOLD_BYTES) {
      blob = new Blob([blob, ...parts]);
      parts = [];
      gathered = 0;
    }
  }
  return new File([blob, ...parts], name);
}

/** Turns a bundle registered by main into an import input and releases its handles. */
export async function importInputFromBridge(bridge: CustodyBridge, bundle: BridgeBundle): Promise<ImportInput> {
  try {
    if (bundle.kind === 'file') {
      const file = bundle.files[0]!;
      return { kind: 'file', file: await readBridgedFile(bridge, file.handle, bundle.name, file.size) };
    }
    const files: { path: string; file: File }[] = [];
    for (const file of bundle.files) files.push({ path: file.path, file: await readBridgedFile(bridge, file.handle, file.path.split('/').pop() ?? file.path, file.size) });
    return { kind: 'folder', name: bundle.name, files };
  } finally {
    await bridge.releaseFiles({ handles: bundle.files.map((file) => file.handle) });
  }
}

/** Opens the native dialog and returns import inputs, or an empty list when cancelled. */
export async function pickWithBridge(bridge: CustodyBridge, kind: 'files' | 'folder'): Promise<ImportInput[]> {
  const result = await bridge.openBundleDialog({ kind });
  if (!result.ok) throw new Error(result.error.message);
  if (result.value.failures.length > 0) throw new Error(result.value.failures.map((failure) => failure.error.message).join(' '));
  return Promise.all(result.value.bundles.map((bundle) => importInputFromBridge(bridge, bundle)));
}
