import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CHUNK_BYTES, type BridgeBundle, type BridgeFile } from '../../../shared/bridge';
import type { BundleInput, ByteSource } from '../../../shared/io/bytes';
import { analyseBundle } from '../../../shared/ingest/memory';
import { BridgeFailure } from '../../../electron/lib/errors';
import { FileRegistry } from '../../../electron/lib/file-registry';
import { openPath, openPaths } from '../../../electron/lib/open-paths';
import { sample, SPOTTER_FOLDER, SPOTTER_SESSION } from '../../helpers/samples';

// The renderer reads files this way: one readChunk after another until a short chunk.
function bridgeSource(registry: FileRegistry, file: BridgeFile, chunkBytes: number): ByteSource {
  return {
    name: file.path,
    size: file.size,
    async *chunks() {
      for (let offset = 0; ; ) {
        const chunk = await registry.readChunk({ handle: file.handle, offset, length: chunkBytes });
        if (chunk.length > 0) yield chunk;
        offset += chunk.length;
        if (chunk.length < chunkBytes) return;
      }
    },
  };
}

function bridgeInput(registry: FileRegistry, bundle: BridgeBundle, chunkBytes: number): BundleInput {
  if (bundle.kind === 'file') return { kind: 'file', source: bridgeSource(registry, bundle.files[0]!, chunkBytes) };
  return {
    kind: 'folder',
    folder: {
      name: bundle.name,
      async *files() {
        for (const file of bundle.files) yield { path: file.path, source: bridgeSource(registry, file, chunkBytes) };
      },
    },
  };
}

async function sha256Through(registry: FileRegistry, file: BridgeFile, chunkBytes: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of bridgeSource(registry, file, chunkBytes).chunks()) hash.update(chunk);
  return hash.digest('hex');
}

async function expectFailure(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BridgeFailure);
  expect((error as BridgeFailure).code).toBe(code);
}

const scratch = mkdtempSync(join(tmpdir(), 'custody-registry-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('openPath', () => {
  it('lists a folder in walk order with sizes', async () => {
    const bundle = await openPath(SPOTTER_FOLDER, new FileRegistry());
    expect(bundle.kind).toBe('folder');
    expect(bundle.files.map((file) => file.path)).toEqual([
      `${SPOTTER_SESSION}/subagents/agent-a2898e3.jsonl`,
      `${SPOTTER_SESSION}/subagents/agent-acompact-e1f845.jsonl`,
      `${SPOTTER_SESSION}.jsonl`,
    ]);
    for (const file of bundle.files) {
      expect(file.size).toBe(readFileSync(join(SPOTTER_FOLDER, file.path)).length);
    }
    expect(bundle.skipped).toEqual([]);
  });

  it('opens a lone file as a one-file bundle', async () => {
    const bundle = await openPath(sample('bundles', 'claude-projects.zip'), new FileRegistry());
    expect(bundle.kind).toBe('file');
    expect(bundle.name).toBe('claude-projects.zip');
    expect(bundle.files).toHaveLength(1);
  });

  it('skips symbolic links in a folder', async () => {
    const folder = join(scratch, 'with-link');
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(join(scratch, 'outside.txt'), 'outside');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.jsonl'), '{}\n');
    symlinkSync(join(scratch, 'outside.txt'), join(folder, 'link.txt'));
    const bundle = await openPath(folder, new FileRegistry());
    expect(bundle.files.map((file) => file.path)).toEqual(['a.jsonl']);
    expect(bundle.skipped).toEqual(['link.txt']);
  });

  it('reports a missing path by name', async () => {
    const opened = await openPaths(['/nonexistent/custody/bundle.zip', sample('claude-code', 'short.jsonl')], new FileRegistry());
    expect(opened.bundles).toHaveLength(1);
    expect(opened.failures).toHaveLength(1);
    expect(opened.failures[0]!.error.code).toBe('not-found');
    expect(opened.failures[0]!.error.message).toContain('/nonexistent/custody/bundle.zip');
  });
});

describe('FileRegistry.readChunk', () => {
  it('streams bytes whose SHA-256 matches the files', async () => {
    const registry = new FileRegistry();
    const bundle = await openPath(SPOTTER_FOLDER, registry);
    for (const file of bundle.files) {
      const expected = createHash('sha256').update(readFileSync(join(SPOTTER_FOLDER, file.path))).digest('hex');
      expect(await sha256Through(registry, file, 64 * 1024)).toBe(expected);
    }
  });

  it('feeds the import pipeline the same evidence as the disk', async () => {
    const registry = new FileRegistry();
    const bundle = await openPath(SPOTTER_FOLDER, registry);
    const analysed = await analyseBundle(bridgeInput(registry, bundle, 256 * 1024));
    expect(analysed.summaries.map((summary) => summary.id)).toEqual([SPOTTER_SESSION]);
    expect(analysed.summaries[0]!.toolCalls).toBe(183);
    expect(analysed.result.diagnostics).toEqual([]);
  });

  it('returns an empty chunk at the end of the file', async () => {
    const registry = new FileRegistry();
    const file = (await openPath(sample('claude-code', 'short.jsonl'), registry)).files[0]!;
    expect(await registry.readChunk({ handle: file.handle, offset: file.size })).toHaveLength(0);
    const tail = await registry.readChunk({ handle: file.handle, offset: file.size - 10, length: 100 });
    expect(tail).toHaveLength(10);
    expect(tail.buffer.byteLength).toBe(10);
  });

  it('rejects bad requests with codes', async () => {
    const registry = new FileRegistry();
    const file = (await openPath(sample('claude-code', 'short.jsonl'), registry)).files[0]!;
    await expectFailure(registry.readChunk({ handle: 'not-a-handle', offset: 0 }), 'unknown-handle');
    await expectFailure(registry.readChunk({ handle: file.handle, offset: -1 }), 'invalid-argument');
    await expectFailure(registry.readChunk({ handle: file.handle, offset: 0.5 }), 'invalid-argument');
    await expectFailure(registry.readChunk({ handle: file.handle, offset: file.size + 1 }), 'invalid-argument');
    await expectFailure(registry.readChunk({ handle: file.handle, offset: 0, length: 0 }), 'invalid-argument');
    await expectFailure(registry.readChunk({ handle: file.handle, offset: 0, length: MAX_CHUNK_BYTES + 1 }), 'invalid-argument');
  });

  it('rejects reads after release', async () => {
    const registry = new FileRegistry();
    const file = (await openPath(sample('claude-code', 'short.jsonl'), registry)).files[0]!;
    registry.release([file.handle]);
    expect(registry.count).toBe(0);
    await expectFailure(registry.readChunk({ handle: file.handle, offset: 0 }), 'unknown-handle');
  });

  it('rejects a file changed after opening', async () => {
    const path = join(scratch, 'changing.jsonl');
    writeFileSync(path, '{"a":1}\n');
    const registry = new FileRegistry();
    const file = (await openPath(path, registry)).files[0]!;
    writeFileSync(path, '{"a":2}\n');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    await expectFailure(registry.readChunk({ handle: file.handle, offset: 0 }), 'read-failed');
  });
});
