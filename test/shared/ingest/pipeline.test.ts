import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/model/events';
import { bytesSource, type BundleInput, type ByteSource } from '../../../shared/io/bytes';
import { ingestBundle } from '../../../shared/ingest/pipeline';
import type { IngestOptions, IngestProgress, IngestSink } from '../../../shared/ingest/types';
import { openBundle } from '../../../cli/fs-source';
import { sample } from '../../helpers/samples';

const encoder = new TextEncoder();

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function jsonl(tag: string, count: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ tag, i }));
  return encoder.encode(`${lines.join('\n')}\n`);
}

function collectingSink(): { sink: IngestSink; events: AgentEvent[] } {
  const events: AgentEvent[] = [];
  return {
    events,
    sink: {
      beginEvidence: () => {},
      content: () => {},
      events: (_key, batch) => {
        events.push(...batch);
      },
      endEvidence: () => {},
    },
  };
}

function fileInput(name: string, bytes: Uint8Array, chunkSize = 1000): BundleInput {
  return { kind: 'file', source: bytesSource(name, bytes, chunkSize) };
}

async function ingest(input: BundleInput, options: Partial<IngestOptions> = {}) {
  const { sink, events } = collectingSink();
  const result = await ingestBundle(input, sink, { importId: 'test', ...options });
  return { result, events };
}

let work = '';
const A = jsonl('a', 40);
const B = jsonl('b', 300);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'custody-pipeline-'));
  writeFileSync(join(work, 'a.jsonl'), A);
  writeFileSync(join(work, 'b.jsonl'), B);
  execFileSync('tar', ['-cf', 'bundle.tar', 'a.jsonl', 'b.jsonl'], { cwd: work });
  execFileSync('tar', ['-czf', 'bundle.tar.gz', 'a.jsonl', 'b.jsonl'], { cwd: work });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('ingestBundle hashes', () => {
  it('hashes a single file bundle', async () => {
    const bytes = encoder.encode('{"a":1}\n{"a":2}\n');
    const { result } = await ingest(fileInput('one.jsonl', bytes, 5));
    expect(result.bundleSha256).toBe(sha256(bytes));
    expect(result.bundleBytes).toBe(bytes.length);
    expect(result.evidence.map((file) => file.sha256)).toEqual([sha256(bytes)]);
  });

  it('hashes every byte of an archive', async () => {
    const archives: [string, Uint8Array][] = [
      ['bundle.tar', new Uint8Array(readFileSync(join(work, 'bundle.tar')))],
      ['bundle.tar.gz', new Uint8Array(readFileSync(join(work, 'bundle.tar.gz')))],
      ['bundle.zip', zipSync({ 'a.jsonl': A, 'b.jsonl': B })],
      ['b.jsonl.gz', gzipSync(B)],
    ];
    for (const [name, bytes] of archives) {
      const { result } = await ingest(fileInput(name, bytes));
      expect(result.bundleSha256, name).toBe(sha256(bytes));
      expect(result.bundleBytes, name).toBe(bytes.length);
    }
  });

  it('hashes each evidence file', async () => {
    const { result } = await ingest(fileInput('bundle.zip', zipSync({ 'a.jsonl': A, 'sub/b.jsonl': B })));
    expect(result.evidence.map((file) => [file.path, file.sha256, file.size])).toEqual([
      ['a.jsonl', sha256(A), A.length],
      ['sub/b.jsonl', sha256(B), B.length],
    ]);
  });

  it('hashes a folder as a sorted listing', async () => {
    const { result } = await ingest(await openBundle(work), {});
    const listing = result.evidence.map((file) => `${file.sha256}  ${file.path}\n`).sort().join('');
    expect(result.bundleSha256).toBe(sha256(listing));
    const byPath = Object.fromEntries(result.evidence.map((file) => [file.path, file.sha256]));
    expect(byPath['a.jsonl']).toBe(sha256(A));
    expect(byPath['bundle.tar/b.jsonl']).toBe(sha256(B));
  });

  it('hashes the gzip sample', async () => {
    const path = sample('bundles', 'short.jsonl.gz');
    const { result } = await ingest(await openBundle(path));
    expect(result.bundleSha256).toBe(sha256(readFileSync(path)));
    expect(result.evidence[0]!.sha256).toBe(sha256(readFileSync(sample('claude-code', 'short.jsonl'))));
  });
});

describe('ingestBundle control', () => {
  it('returns cancelled on a cancelled signal', async () => {
    const signal = { aborted: false };
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`f${i}.jsonl`] = jsonl(`f${i}`, 50);
    const { result } = await ingest(fileInput('many.zip', zipSync(files)), {
      signal,
      onProgress: (progress) => {
        if (progress.files >= 2) signal.aborted = true;
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.evidence.length).toBeGreaterThanOrEqual(2);
    expect(result.evidence.length).toBeLessThan(5);
  });

  it('returns cancelled before the first file', async () => {
    const { result, events } = await ingest(fileInput('one.jsonl', A), { signal: { aborted: true } });
    expect(result.cancelled).toBe(true);
    expect(result.evidence).toEqual([]);
    expect(events).toEqual([]);
  });

  it('reports monotonic progress', async () => {
    const inputs: [string, BundleInput][] = [
      ['zip', fileInput('bundle.zip', zipSync({ 'a.jsonl': A, 'b.jsonl': B, 'c.jsonl': A }), 97)],
      ['folder', await openBundle(work)],
      ['sample', await openBundle(sample('claude-code', 'projects'))],
    ];
    for (const [label, input] of inputs) {
      const seen: IngestProgress[] = [];
      const { result } = await ingest(input, { onProgress: (progress) => seen.push(progress), eventBatch: 10 });
      expect(seen.length, label).toBeGreaterThan(2);
      for (let i = 1; i < seen.length; i++) {
        const before = seen[i - 1]!;
        const after = seen[i]!;
        for (const key of ['bundleBytes', 'evidenceBytes', 'records', 'events', 'files'] as const) {
          expect(after[key], `${label} ${key} at report ${i}`).toBeGreaterThanOrEqual(before[key]);
        }
      }
      const last = seen.at(-1)!;
      expect(last.files, label).toBe(result.evidence.length);
      expect(last.records, label).toBe(result.evidence.reduce((sum, file) => sum + file.records, 0));
      expect(last.events, label).toBe(result.evidence.reduce((sum, file) => sum + file.events, 0));
    }
  });

  it('keeps container diagnostics on the result', async () => {
    const zip = zipSync({ 'a.jsonl': A, 'b.jsonl': B });
    const { result } = await ingest(fileInput('cut.zip', zip.subarray(0, zip.length - 200)), {});
    expect(result.evidence.map((file) => file.path)).toEqual(['a.jsonl', 'b.jsonl']);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['corrupt-archive', 'cut.zip']]);
  });

  it('reads from a source that yields Buffers', async () => {
    const source: ByteSource = {
      name: 'buffered.jsonl',
      size: A.length,
      async *chunks() {
        yield Buffer.from(A.subarray(0, 100));
        yield Buffer.from(A.subarray(100));
      },
    };
    const { result, events } = await ingest({ kind: 'file', source });
    expect(result.evidence[0]!.records).toBe(40);
    expect(events).toHaveLength(40);
  });
});
