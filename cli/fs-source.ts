// Node file-system adapters for shared/'s byte sources. Files are opened read-only and streamed.

import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { BundleInput, ByteSource } from '../shared/io/bytes';

const CHUNK_BYTES = 1 << 20;

export function fileSource(path: string, name: string, size: number | null): ByteSource {
  return {
    name,
    size,
    async *chunks() {
      for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
        const buffer = chunk as Buffer;
        yield new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      }
    },
  };
}

async function* walkFolder(root: string, folder: string): AsyncGenerator<{ path: string; source: ByteSource }> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) yield* walkFolder(root, full);
    else if (entry.isFile()) {
      const path = relative(root, full).split(sep).join('/');
      const info = await stat(full);
      yield { path, source: fileSource(full, path, info.size) };
    }
  }
}

/** Opens a file or a folder as a bundle. */
export async function openBundle(path: string): Promise<BundleInput> {
  const info = await stat(path);
  if (info.isDirectory()) {
    return { kind: 'folder', folder: { name: basename(path), files: () => walkFolder(path, path) } };
  }
  return { kind: 'file', source: fileSource(path, basename(path), info.size) };
}
