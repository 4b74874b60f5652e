import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../shared/model/diagnostics';
import type { ContainerKind } from '../../../shared/model/evidence';
import { bytesSource, concatBytes, type BundleInput, type ByteSource, type FolderSource } from '../../../shared/io/bytes';
import { walkBundle } from '../../../shared/io/container';
import { DEFAULT_LIMITS, type ContainerLimits } from '../../../shared/io/limits';

const encoder = new TextEncoder();

interface Walked {
  readonly entries: { path: string; chain: readonly ContainerKind[]; bytes: Uint8Array }[];
  readonly diagnostics: Diagnostic[];
}

async function walkAll(input: BundleInput, limits: Partial<ContainerLimits> = {}): Promise<Walked> {
  const diagnostics: Diagnostic[] = [];
  const entries: Walked['entries'] = [];
  for await (const entry of walkBundle(input, { limits: { ...DEFAULT_LIMITS, ...limits }, onDiagnostic: (d) => diagnostics.push(d) })) {
    const parts: Uint8Array[] = [];
    // A copy as a plain Uint8Array: stored entries may pass through the source's own Buffer views.
    for await (const chunk of entry.chunks) parts.push(new Uint8Array(chunk));
    entries.push({ path: entry.path, chain: entry.chain, bytes: concatBytes(parts) });
  }
  return { entries, diagnostics };
}

function file(name: string, bytes: Uint8Array, chunkSize = 4096): BundleInput {
  return { kind: 'file', source: bytesSource(name, bytes, chunkSize) };
}

/** Compares large byte arrays quickly; toEqual walks them element by element. */
function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return Buffer.from(actual).equals(Buffer.from(expected));
}

/** JSONL text of `count` distinct records, so that truncation shows in the output. */
function jsonl(tag: string, count: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ tag, i, note: `record ${i} of ${tag}` }));
  return encoder.encode(`${lines.join('\n')}\n`);
}

/** Bytes that deflate poorly, so truncating the compressed form cuts the middle of the content. */
function noise(count: number, seed = 7): Uint8Array {
  const out = new Uint8Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = 0x61 + ((state >>> 16) % 26);
  }
  return out;
}

function run(cwd: string, command: string, args: string[]): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Builds a zip with fflate's streaming Zip class, which writes data descriptors after each entry. */
function streamedZip(files: { name: string; bytes: Uint8Array; stored: boolean }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  for (const entry of files) {
    const member = entry.stored ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: 6 });
    zip.add(member);
    member.push(entry.bytes, true);
  }
  zip.end();
  return concatBytes(parts);
}

/** True when the zip's first local header sets general-purpose flag bit 3 (sizes in a data descriptor). */
function firstEntryUsesDataDescriptor(zip: Uint8Array): boolean {
  return (zip[6]! & 0x08) !== 0;
}

let work = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'custody-container-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Writes files into a fresh folder under the temp dir and returns its path. */
function folderWith(name: string, files: Record<string, Uint8Array>): string {
  const root = join(work, name);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

const A = jsonl('a', 50);
const B = jsonl('b', 400);

describe('walkBundle plain files', () => {
  it('yields a plain file unchanged', async () => {
    const { entries, diagnostics } = await walkAll(file('one.jsonl', B, 7));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.path).toBe('one.jsonl');
    expect(entries[0]!.chain).toEqual([]);
    expect(entries[0]!.bytes).toEqual(B);
    expect(diagnostics).toEqual([]);
  });

  it('yields an empty file', async () => {
    const { entries, diagnostics } = await walkAll(file('empty.jsonl', new Uint8Array(0)));
    expect(entries).toEqual([{ path: 'empty.jsonl', chain: [], bytes: new Uint8Array(0) }]);
    expect(diagnostics).toEqual([]);
  });

  it('walks a folder source', async () => {
    const files: Record<string, ByteSource> = {
      'x/a.jsonl': bytesSource('x/a.jsonl', A),
      'x/inner.zip': bytesSource('x/inner.zip', zipSync({ 'b.jsonl': B })),
      'empty.jsonl': bytesSource('empty.jsonl', new Uint8Array(0)),
    };
    const folder: FolderSource = {
      name: 'evidence',
      async *files() {
        for (const [path, source] of Object.entries(files)) yield { path, source };
      },
    };
    const { entries, diagnostics } = await walkAll({ kind: 'folder', folder });
    expect(entries.map((entry) => [entry.path, entry.chain])).toEqual([
      ['x/a.jsonl', ['folder']],
      ['x/inner.zip/b.jsonl', ['folder', 'zip']],
      ['empty.jsonl', ['folder']],
    ]);
    expect(entries[0]!.bytes).toEqual(A);
    expect(entries[1]!.bytes).toEqual(B);
    expect(diagnostics).toEqual([]);
  });
});

describe('walkBundle zip', () => {
  it('reads stored and deflated entries', async () => {
    const zip = zipSync({ 'stored.jsonl': [A, { level: 0 }], 'dir/deflated.jsonl': [B, { level: 9 }], 'dir/': {} } as Zippable);
    const { entries, diagnostics } = await walkAll(file('bundle.zip', zip, 1000));
    expect(entries.map((entry) => entry.path)).toEqual(['stored.jsonl', 'dir/deflated.jsonl']);
    expect(entries[0]!.bytes).toEqual(A);
    expect(entries[1]!.bytes).toEqual(B);
    expect(entries.every((entry) => entry.chain.join() === 'zip')).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it('reads an Info-ZIP archive', async () => {
    const root = folderWith('infozip', { 'a.jsonl': A, 'sub/b.jsonl': B });
    run(root, 'zip', ['-q', '-r', 'deflated.zip', 'a.jsonl', 'sub']);
    run(root, 'zip', ['-q', '-0', '-r', 'stored.zip', 'a.jsonl', 'sub']);
    for (const name of ['deflated.zip', 'stored.zip']) {
      const { entries, diagnostics } = await walkAll(file(name, readFileSync(join(root, name))));
      expect(entries.map((entry) => entry.path), name).toEqual(['a.jsonl', 'sub/b.jsonl']);
      expect(entries[0]!.bytes, name).toEqual(A);
      expect(entries[1]!.bytes, name).toEqual(B);
      expect(diagnostics, name).toEqual([]);
    }
  });

  it('reads data-descriptor entries from Info-ZIP streaming', async () => {
    const root = folderWith('zipstream', { 'a.jsonl': A, 'b.jsonl': B });
    const zip = execFileSync('zip', ['-q', '-', 'a.jsonl', 'b.jsonl'], { cwd: root });
    expect(firstEntryUsesDataDescriptor(zip)).toBe(true);
    const { entries, diagnostics } = await walkAll(file('streamed.zip', new Uint8Array(zip)));
    expect(entries.map((entry) => entry.path)).toEqual(['a.jsonl', 'b.jsonl']);
    expect(entries[0]!.bytes).toEqual(A);
    expect(entries[1]!.bytes).toEqual(B);
    expect(diagnostics).toEqual([]);
  });

  it('reads data-descriptor entries from fflate Zip', async () => {
    const zip = streamedZip([
      { name: 'deflated.jsonl', bytes: B, stored: false },
      { name: 'stored.jsonl', bytes: A, stored: true },
      { name: 'after.jsonl', bytes: B, stored: false },
    ]);
    expect(firstEntryUsesDataDescriptor(zip)).toBe(true);
    const { entries, diagnostics } = await walkAll(file('streamed.zip', zip, 333));
    expect(entries.map((entry) => entry.path)).toEqual(['deflated.jsonl', 'stored.jsonl', 'after.jsonl']);
    expect(entries[0]!.bytes).toEqual(B);
    expect(entries[1]!.bytes).toEqual(A);
    expect(entries[2]!.bytes).toEqual(B);
    expect(diagnostics).toEqual([]);
  });

  it('opens a zip inside a zip', async () => {
    const inner = zipSync({ 'deep.jsonl': B });
    const outer = zipSync({ 'a.jsonl': A, 'nested/inner.zip': inner });
    const { entries, diagnostics } = await walkAll(file('outer.zip', outer));
    expect(entries.map((entry) => [entry.path, entry.chain.join('>')])).toEqual([
      ['a.jsonl', 'zip'],
      ['nested/inner.zip/deep.jsonl', 'zip>zip'],
    ]);
    expect(entries[1]!.bytes).toEqual(B);
    expect(diagnostics).toEqual([]);
  });

  it('yields nothing for an empty zip', async () => {
    const { entries, diagnostics } = await walkAll(file('empty.zip', zipSync({})));
    expect(entries).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('yields an empty zip entry', async () => {
    const { entries, diagnostics } = await walkAll(file('b.zip', zipSync({ 'empty.jsonl': new Uint8Array(0), 'a.jsonl': A })));
    expect(entries.map((entry) => [entry.path, entry.bytes.length])).toEqual([
      ['empty.jsonl', 0],
      ['a.jsonl', A.length],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('keeps hostile zip names literal', async () => {
    const names = ['../../etc/evil.jsonl', '/abs/path.jsonl', 'ctl\u0001\u001b[31mred.jsonl', 'dir/../../up.jsonl', 'C:\\win\\x.jsonl'];
    const zip = zipSync(Object.fromEntries(names.map((name) => [name, A])));
    const { entries, diagnostics } = await walkAll(file('hostile.zip', zip));
    expect(entries.map((entry) => entry.path)).toEqual(names);
    // Every name but the one with control characters would leave an extraction folder.
    expect(diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['unsafe-name', 'warning', '../../etc/evil.jsonl'],
      ['unsafe-name', 'warning', '/abs/path.jsonl'],
      ['unsafe-name', 'warning', 'dir/../../up.jsonl'],
      ['unsafe-name', 'warning', 'C:\\win\\x.jsonl'],
    ]);
  });

  it('escapes unsafe names in warnings', async () => {
    const name = '../\u001b[31m\u202eevil.jsonl';
    const { diagnostics } = await walkAll(file('hostile.zip', zipSync({ [name]: A })));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.reason).toContain('"../\\u001b[31m\\u202eevil.jsonl" climbs to a parent folder');
    expect(diagnostics[0]!.reason).not.toContain('\u001b');
    expect(diagnostics[0]!.reason).not.toContain('\u202e');
  });

  it('names every unsafe name reason', async () => {
    const zip = zipSync({ '/a/../b.jsonl': A, 'D:x.jsonl': A, '..\\up.jsonl': A, 'a..b/c...jsonl': A });
    const { entries, diagnostics } = await walkAll(file('names.zip', zip));
    expect(entries).toHaveLength(4);
    expect(diagnostics.map((d) => d.reason.split(' Custody')[0])).toEqual([
      'Archive member name "/a/../b.jsonl" is an absolute path and climbs to a parent folder with "..".',
      'Archive member name "D:x.jsonl" starts with a drive letter.',
      'Archive member name "..\\up.jsonl" climbs to a parent folder with "..".',
    ]);
  });

  it('reports a truncated zip', async () => {
    const zip = zipSync({ 'a.jsonl': [A, { level: 0 }], 'b.bin': [noise(200_000), { level: 6 }], 'c.jsonl': A });
    const cut = zip.subarray(0, 100_000);
    const { entries, diagnostics } = await walkAll(file('cut.zip', cut));
    expect(entries[0]!.path).toBe('a.jsonl');
    expect(entries[0]!.bytes).toEqual(A);
    expect(entries[1]!.path).toBe('b.bin');
    expect(entries[1]!.bytes.length).toBeGreaterThan(0);
    expect(entries[1]!.bytes.length).toBeLessThan(200_000);
    expect(sameBytes(entries[1]!.bytes, noise(200_000).subarray(0, entries[1]!.bytes.length))).toBe(true);
    expect(entries).toHaveLength(2);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('corrupt-archive');
    expect(diagnostics[0]!.file).toBe('cut.zip');
    expect(diagnostics[0]!.offset).toBe(100_000);
  });
});

describe('walkBundle tar and gzip', () => {
  const longName = `${'deep-folder-name/'.repeat(8)}${'f'.repeat(60)}.jsonl`;

  it('reads pax and GNU long names', async () => {
    expect(longName.length).toBeGreaterThan(100);
    const root = folderWith('tarlong', { [longName]: B, 'short.jsonl': A });
    for (const format of ['pax', 'gnu', 'ustar']) {
      run(root, 'tar', [`--format=${format}`, '-cf', `${format}.tar`, 'short.jsonl', longName]);
      const { entries, diagnostics } = await walkAll(file(`${format}.tar`, readFileSync(join(root, `${format}.tar`)), 1500));
      expect(entries.map((entry) => entry.path), format).toEqual(['short.jsonl', longName]);
      expect(entries[0]!.bytes, format).toEqual(A);
      expect(entries[1]!.bytes, format).toEqual(B);
      expect(entries[1]!.chain, format).toEqual(['tar']);
      expect(diagnostics, format).toEqual([]);
    }
  });

  it('reads a pax name over 256 characters', async () => {
    const veryLong = `${'x'.repeat(90)}/${'y'.repeat(90)}/${'z'.repeat(90)}.jsonl`;
    const root = folderWith('tarpax', { [veryLong]: A });
    run(root, 'tar', ['--format=pax', '-cf', 'pax.tar', veryLong]);
    const { entries } = await walkAll(file('pax.tar', readFileSync(join(root, 'pax.tar'))));
    expect(entries.map((entry) => entry.path)).toEqual([veryLong]);
  });

  it('reads a tar.gz', async () => {
    const root = folderWith('targz', { 'a.jsonl': A, 'logs/b.jsonl': B });
    run(root, 'tar', ['-czf', 'bundle.tar.gz', 'a.jsonl', 'logs/b.jsonl']);
    const { entries, diagnostics } = await walkAll(file('bundle.tar.gz', readFileSync(join(root, 'bundle.tar.gz')), 512));
    expect(entries.map((entry) => [entry.path, entry.chain.join('>')])).toEqual([
      ['a.jsonl', 'gzip>tar'],
      ['logs/b.jsonl', 'gzip>tar'],
    ]);
    expect(entries[0]!.bytes).toEqual(A);
    expect(entries[1]!.bytes).toEqual(B);
    expect(diagnostics).toEqual([]);
  });

  it('reads a plain gzip', async () => {
    const root = folderWith('gz', { 'one.jsonl': B });
    run(root, 'gzip', ['-k', 'one.jsonl']);
    const { entries, diagnostics } = await walkAll(file('one.jsonl.gz', readFileSync(join(root, 'one.jsonl.gz')), 100));
    expect(entries.map((entry) => [entry.path, entry.chain.join('>')])).toEqual([['one.jsonl', 'gzip']]);
    expect(entries[0]!.bytes).toEqual(B);
    expect(diagnostics).toEqual([]);
  });

  it('reads an empty gzip', async () => {
    const { entries, diagnostics } = await walkAll(file('empty.jsonl.gz', gzipSync(new Uint8Array(0))));
    expect(entries).toEqual([{ path: 'empty.jsonl', chain: ['gzip'], bytes: new Uint8Array(0) }]);
    expect(diagnostics).toEqual([]);
  });

  it('opens a gzip inside a tar', async () => {
    const root = folderWith('gzintar', { 'inner/b.jsonl.gz': gzipSync(B), 'a.jsonl': A, 'empty.jsonl': new Uint8Array(0) });
    run(root, 'tar', ['-cf', 'bundle.tar', 'a.jsonl', 'inner/b.jsonl.gz', 'empty.jsonl']);
    const { entries, diagnostics } = await walkAll(file('bundle.tar', readFileSync(join(root, 'bundle.tar'))));
    expect(entries.map((entry) => [entry.path, entry.chain.join('>')])).toEqual([
      ['a.jsonl', 'tar'],
      ['inner/b.jsonl', 'tar>gzip'],
      ['empty.jsonl', 'tar'],
    ]);
    expect(entries[1]!.bytes).toEqual(B);
    expect(entries[2]!.bytes.length).toBe(0);
    expect(diagnostics).toEqual([]);
  });

  it('keeps hostile tar names literal', async () => {
    const root = folderWith('tarhostile', { 'a.jsonl': A, 'ctl\u0001\u001b[31m.jsonl': A });
    run(root, 'tar', ['-P', '--transform=s,^a\\.jsonl$,../../etc/evil.jsonl,', '--transform=s,^ctl,/abs/ctl,', '-cf', 'hostile.tar', 'a.jsonl', 'ctl\u0001\u001b[31m.jsonl']);
    const { entries, diagnostics } = await walkAll(file('hostile.tar', readFileSync(join(root, 'hostile.tar'))));
    expect(entries.map((entry) => entry.path)).toEqual(['../../etc/evil.jsonl', '/abs/ctl\u0001\u001b[31m.jsonl']);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['unsafe-name', '../../etc/evil.jsonl'],
      ['unsafe-name', '/abs/ctl\u0001\u001b[31m.jsonl'],
    ]);
    expect(diagnostics[1]!.reason).toContain('"/abs/ctl\\u0001\\u001b[31m.jsonl" is an absolute path');
  });

  it('reports a truncated gzip', async () => {
    const whole = gzipSync(noise(300_000));
    const cut = whole.subarray(0, 150_000);
    const { entries, diagnostics } = await walkAll(file('cut.jsonl.gz', cut, 10_000));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.path).toBe('cut.jsonl');
    expect(entries[0]!.bytes.length).toBeGreaterThan(0);
    expect(sameBytes(entries[0]!.bytes, noise(300_000).subarray(0, entries[0]!.bytes.length))).toBe(true);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('corrupt-archive');
    expect(diagnostics[0]!.file).toBe('cut.jsonl.gz');
    expect(diagnostics[0]!.offset).toBe(150_000);
    expect(diagnostics[0]!.reason).toBe(
      `Gzip stream is truncated: it ends at compressed byte 150000 before its end. The ${entries[0]!.bytes.length} bytes decompressed before that were read.`,
    );
  });

  it('reports invalid gzip data', async () => {
    const whole = gzipSync(noise(300_000));
    const damaged = whole.slice();
    // The first deflate block after the 10-byte header gets the reserved block type 3.
    damaged[10] = 0x07;
    const { entries, diagnostics } = await walkAll(file('bad.jsonl.gz', damaged, 10_000));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.bytes.length).toBe(0);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('corrupt-archive');
    expect(diagnostics[0]!.reason).toMatch(/^Gzip data is invalid within its first \d+ compressed bytes, so decompression stopped\. The \d+ bytes decompressed before that were read\.$/);
  });

  it('reports a tar cut mid-entry', async () => {
    const root = folderWith('tarcut', { 'a.jsonl': A, 'b.jsonl': B });
    run(root, 'tar', ['--format=ustar', '-cf', 'whole.tar', 'a.jsonl', 'b.jsonl']);
    const whole = readFileSync(join(root, 'whole.tar'));
    const bStart = 512 + Math.ceil(A.length / 512) * 512 + 512;
    const cutAt = bStart + 1000;
    const { entries, diagnostics } = await walkAll(file('cut.tar', new Uint8Array(whole.subarray(0, cutAt))));
    expect(entries.map((entry) => entry.path)).toEqual(['a.jsonl', 'b.jsonl']);
    expect(entries[0]!.bytes).toEqual(A);
    expect(entries[1]!.bytes).toEqual(B.subarray(0, 1000));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('corrupt-archive');
    expect(diagnostics[0]!.file).toBe('cut.tar');
    expect(diagnostics[0]!.offset).toBe(cutAt);
  });

  it('reports a tar cut inside a header', async () => {
    const root = folderWith('tarcuthead', { 'a.jsonl': A, 'b.jsonl': B });
    run(root, 'tar', ['--format=ustar', '-cf', 'whole.tar', 'a.jsonl', 'b.jsonl']);
    const whole = readFileSync(join(root, 'whole.tar'));
    const bHeader = 512 + Math.ceil(A.length / 512) * 512;
    const { entries, diagnostics } = await walkAll(file('cut.tar', new Uint8Array(whole.subarray(0, bHeader + 100))));
    expect(entries.map((entry) => entry.path)).toEqual(['a.jsonl']);
    expect(diagnostics.map((d) => [d.code, d.file, d.offset])).toEqual([['corrupt-archive', 'cut.tar', bHeader]]);
  });
});

describe('walkBundle limits', () => {
  it('stops after maxEntries', async () => {
    const files: Zippable = {};
    for (let i = 0; i < 10; i++) files[`f${i}.jsonl`] = jsonl(`f${i}`, 3);
    const { entries, diagnostics } = await walkAll(file('many.zip', zipSync(files)), { maxEntries: 4 });
    expect(entries.map((entry) => entry.path)).toEqual(['f0.jsonl', 'f1.jsonl', 'f2.jsonl', 'f3.jsonl']);
    expect(entries[3]!.bytes).toEqual(jsonl('f3', 3));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('archive-limit');
    expect(diagnostics[0]!.file).toBe('f4.jsonl');
  });

  it('stops a folder after maxEntries', async () => {
    const folder: FolderSource = {
      name: 'many',
      async *files() {
        for (let i = 0; i < 6; i++) yield { path: `f${i}.jsonl`, source: bytesSource(`f${i}.jsonl`, A) };
      },
    };
    const { entries, diagnostics } = await walkAll({ kind: 'folder', folder }, { maxEntries: 3 });
    expect(entries.map((entry) => entry.path)).toEqual(['f0.jsonl', 'f1.jsonl', 'f2.jsonl']);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['archive-limit', 'f3.jsonl']]);
  });

  it('cuts a zip entry over maxRatio', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = zipSync({ 'bomb.jsonl': [zeros, { level: 9 }], 'after.jsonl': A });
    expect(zip.length).toBeLessThan(zeros.length / 200);
    const { entries, diagnostics } = await walkAll(file('bomb.zip', zip));
    const bomb = entries.find((entry) => entry.path === 'bomb.jsonl')!;
    expect(bomb.bytes.length).toBeLessThan(zeros.length);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['archive-limit', 'bomb.jsonl']]);
    expect(entries.find((entry) => entry.path === 'after.jsonl')?.bytes).toEqual(A);
  });

  it('keeps a zip bomb entry up to maxRatio', async () => {
    const newlines = new Uint8Array(64 * 1024 * 1024).fill(0x0a);
    const zip = zipSync({ 'bomb.jsonl': [newlines, { level: 9 }] });
    const stored = zip.length - 2 * 'bomb.jsonl'.length - 30 - 46 - 22;
    const diagnostics: Diagnostic[] = [];
    let kept = 0;
    let largestChunk = 0;
    for await (const entry of walkBundle(file('bomb.zip', zip, 1024 * 1024), { onDiagnostic: (d) => diagnostics.push(d) })) {
      for await (const chunk of entry.chunks) {
        kept += chunk.length;
        largestChunk = Math.max(largestChunk, chunk.length);
      }
      expect(entry.cutShort?.()).toEqual({ code: 'archive-limit', cause: 'it expands more than 200 times its compressed size, as a zip bomb would' });
    }
    expect(kept).toBe(200 * stored);
    // Inflate gets 16 KiB of input at a time, so no chunk comes near the whole entry.
    expect(largestChunk).toBeLessThanOrEqual(16 * 1024 * 1032);
    expect(diagnostics.map((d) => d.reason)).toEqual([
      `"bomb.jsonl" expands more than 200 times its compressed size, as a zip bomb would: ${stored} compressed bytes expanded past ${kept} bytes. The first ${kept} bytes were read and the rest was skipped.`,
    ]);
  });

  it('cuts a data-descriptor entry over maxRatio', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = streamedZip([{ name: 'bomb.jsonl', bytes: zeros, stored: false }, { name: 'after.jsonl', bytes: A, stored: false }]);
    expect(firstEntryUsesDataDescriptor(zip)).toBe(true);
    const { entries, diagnostics } = await walkAll(file('bomb.zip', zip));
    const bomb = entries.find((entry) => entry.path === 'bomb.jsonl')!;
    expect(bomb.bytes.length).toBeLessThan(zeros.length);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['archive-limit', 'bomb.jsonl']]);
    expect(entries.find((entry) => entry.path === 'after.jsonl')?.bytes).toEqual(A);
  });

  it('cuts a gzip over maxRatio', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const { entries, diagnostics } = await walkAll(file('bomb.jsonl.gz', gzipSync(zeros, { level: 9 })));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.bytes.length).toBeLessThan(zeros.length);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['archive-limit', 'bomb.jsonl.gz']]);
  });

  it('keeps a highly compressible entry under maxRatio', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const { entries, diagnostics } = await walkAll(file('ok.jsonl.gz', gzipSync(zeros)), { maxRatio: 5000 });
    expect(sameBytes(entries[0]!.bytes, zeros)).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it('stops past maxTotalBytes', async () => {
    const zip = zipSync({ 'a.jsonl': A, 'b.jsonl': B, 'c.jsonl': A });
    const { entries, diagnostics } = await walkAll(file('total.zip', zip), { maxTotalBytes: A.length + 10 });
    expect(entries[0]!.bytes).toEqual(A);
    // The file that crosses the limit is read up to it.
    expect(entries[1]!.bytes).toEqual(B.subarray(0, 10));
    expect(entries).toHaveLength(2);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['archive-limit', 'b.jsonl']]);
  });

  it('keeps an archive beyond maxDepth as a file', async () => {
    const innermost = zipSync({ 'deep.jsonl': B });
    const middle = zipSync({ 'innermost.zip': innermost });
    const outer = zipSync({ 'middle.zip': middle });
    const { entries, diagnostics } = await walkAll(file('outer.zip', outer), { maxDepth: 2 });
    expect(entries.map((entry) => [entry.path, entry.chain.join('>')])).toEqual([['middle.zip/innermost.zip', 'zip>zip']]);
    expect(entries[0]!.bytes).toEqual(innermost);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('archive-limit');
    expect(diagnostics[0]!.file).toBe('middle.zip/innermost.zip');
  });
});
