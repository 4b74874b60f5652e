import { describe, expect, it } from 'vitest';
import type { BridgeBundle, CustodyBridge, ReadChunkRequest } from '../../../shared/bridge';
import { importInputFromBridge } from '../../../renderer/bridge/desktop';
import { sampleBytes, sha256Hex } from '../helpers';

/** Serves files from memory the way main serves them from disk: chunked reads by handle. */
function servingBridge(files: Record<string, Uint8Array<ArrayBuffer>>) {
  const released: string[] = [];
  const reads: ReadChunkRequest[] = [];
  const bridge = {
    readChunk: async (request: ReadChunkRequest) => {
      reads.push(request);
      const bytes = files[request.handle];
      if (!bytes) return { ok: false, error: { name: 'Error', message: `unknown handle ${request.handle}`, code: 'unknown-handle' } };
      return { ok: true, value: bytes.slice(request.offset, request.offset + (request.length ?? 1 << 20)) };
    },
    releaseFiles: async (request: { handles: readonly string[] }) => {
      released.push(...request.handles);
      return { ok: true, value: undefined };
    },
  } as unknown as CustodyBridge;
  return { bridge, released, reads };
}

describe('importInputFromBridge', () => {
  it('rebuilds a file byte for byte', async () => {
    const bytes = await sampleBytes('bundles/claude-projects.zip');
    const { bridge, released, reads } = servingBridge({ h1: bytes });
    const bundle: BridgeBundle = { kind: 'file', location: '/x/claude-projects.zip', name: 'claude-projects.zip', files: [{ handle: 'h1', path: 'claude-projects.zip', size: bytes.length, modifiedMs: 0 }], skipped: [] };
    const input = await importInputFromBridge(bridge, bundle);
    expect(input.kind).toBe('file');
    if (input.kind !== 'file') return;
    const rebuilt = new Uint8Array(await input.file.arrayBuffer());
    expect(await sha256Hex(rebuilt)).toBe(await sha256Hex(bytes));
    expect(input.file.name).toBe('claude-projects.zip');
    expect(released).toEqual(['h1']);
    expect(reads.every((read) => (read.length ?? 0) <= 4 << 20)).toBe(true);
  });

  it('keeps folder paths and releases handles on failure', async () => {
    const a = new TextEncoder().encode('{"a":1}\n') as Uint8Array<ArrayBuffer>;
    const { bridge, released } = servingBridge({ a });
    const folder: BridgeBundle = {
      kind: 'folder',
      location: '/x/logs',
      name: 'logs',
      files: [
        { handle: 'a', path: 'sub/a.jsonl', size: a.length, modifiedMs: 0 },
        { handle: 'missing', path: 'b.jsonl', size: 5, modifiedMs: 0 },
      ],
      skipped: [],
    };
    await expect(importInputFromBridge(bridge, folder)).rejects.toThrow('unknown handle missing');
    expect(released).toEqual(['a', 'missing']);
  });
});
