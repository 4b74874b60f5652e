// Imports every case of the hostile corpus (test/fixtures/hostile, written by
// scripts/generate-hostile.mjs) through analyseBundle, and checks the diagnostic each case must
// give, with its file and byte offset, and that every good record around the damage is kept.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '../../shared/io/bytes';
import { DEFAULT_LIMITS, type ContainerLimits } from '../../shared/io/limits';
import { analyseBundle, type AnalysedBundle } from '../../shared/ingest/memory';
import type { Diagnostic } from '../../shared/model/diagnostics';
import type { EvidenceFile } from '../../shared/model/evidence';
import { buildReport } from '../../shared/report/report';
import { reportMarkdown } from '../../shared/report/markdown';
import { runReport } from '../../cli/report-command';
import { REPO_ROOT } from '../helpers/samples';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'hostile');
const GENERATOR = join(REPO_ROOT, 'scripts', 'generate-hostile.mjs');

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

async function analyse(name: string, bytes: Uint8Array = fixture(name), limits: Partial<ContainerLimits> = {}, chunkSize?: number): Promise<AnalysedBundle> {
  return analyseBundle({ kind: 'file', source: bytesSource(name, bytes, chunkSize) }, { limits: { ...DEFAULT_LIMITS, ...limits } });
}

function summaries(analysed: AnalysedBundle): string[] {
  return analysed.sessions.flatMap((session) => session.events.map((event) => event.summary));
}

function allDiagnostics(analysed: AnalysedBundle): Diagnostic[] {
  return [...analysed.result.diagnostics, ...analysed.result.evidence.flatMap((file) => file.diagnostics)];
}

function evidence(analysed: AnalysedBundle, path: string): EvidenceFile {
  const file = analysed.result.evidence.find((item) => item.path === path);
  if (!file) throw new Error(`no evidence file "${path}" among ${analysed.result.evidence.map((item) => item.path).join(', ')}`);
  return file;
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** Returns the compressed size that a zip's local header states for `name`. */
function zipEntryCompressedSize(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 30 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    if (new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength)) === name) return view.getUint32(at + 18, true);
  }
  throw new Error(`no local header for "${name}"`);
}

/** Byte length of the first `count` lines of `bytes`, line breaks included. */
function lineStart(bytes: Uint8Array, count: number): number {
  let at = 0;
  for (let line = 0; line < count; line++) at = bytes.indexOf(0x0a, at) + 1;
  return at;
}

/** Expects `prefix 0` to `prefix count-1` among the event summaries. */
function expectRecords(analysed: AnalysedBundle, prefix: string, indexes: readonly number[]): void {
  const all = summaries(analysed);
  for (const index of indexes) expect(all.some((summary) => summary.includes(`${prefix} ${index}`)), `${prefix} ${index}`).toBe(true);
}

describe('hostile corpus', () => {
  it('matches a fresh run of the generator', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-hostile-'));
    try {
      execFileSync(process.execPath, [GENERATOR, '--out', dir]);
      const names = readdirSync(dir).sort();
      expect(readdirSync(FIXTURES).sort()).toEqual(names);
      for (const name of names) expect(Buffer.compare(readFileSync(join(dir, name)), readFileSync(join(FIXTURES, name))), name).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile text', () => {
  it('keeps UTF-8 split at every byte', async () => {
    const bytes = fixture('utf8-split.jsonl');
    const whole = summaries(await analyse('utf8-split.jsonl', bytes));
    expect(whole.join(' ')).toContain('日本語のテキスト');
    expect(whole.join(' ')).toContain('🎉🔥');
    let splits = 0;
    for (let cut = 1; cut < bytes.length; cut++) {
      // Only cuts inside a multi-byte character: the byte after the cut is a continuation byte.
      if ((bytes[cut]! & 0xc0) !== 0x80) continue;
      splits += 1;
      const source: ByteSource = {
        name: 'utf8-split.jsonl',
        size: bytes.length,
        async *chunks() {
          yield bytes.slice(0, cut);
          yield bytes.slice(cut);
        },
      };
      const analysed = await analyseBundle({ kind: 'file', source });
      expect(summaries(analysed), `cut at ${cut}`).toEqual(whole);
      expect(allDiagnostics(analysed), `cut at ${cut}`).toEqual([]);
    }
    expect(splits).toBeGreaterThan(30);
  });

  it('keeps UTF-8 in one-byte chunks', async () => {
    const whole = summaries(await analyse('utf8-split.jsonl'));
    for (const size of [1, 2, 3, 5]) {
      const analysed = await analyse('utf8-split.jsonl', undefined, {}, size);
      expect(summaries(analysed), `chunks of ${size}`).toEqual(whole);
      expect(allDiagnostics(analysed)).toEqual([]);
    }
  });

  it('strips a BOM and keeps offsets', async () => {
    const analysed = await analyse('bom.jsonl', undefined, {}, 2);
    expectRecords(analysed, 'record', [0, 1, 2]);
    expect(allDiagnostics(analysed)).toEqual([]);
    expect(analysed.sessions[0]!.events[0]!.raw.offset).toBe(3);
  });

  it('reads CRLF line ends', async () => {
    const analysed = await analyse('crlf.jsonl');
    expectRecords(analysed, 'record', [0, 1, 2]);
    expect(allDiagnostics(analysed)).toEqual([]);
    expect(summaries(analysed).some((summary) => summary.includes('\r'))).toBe(false);
  });

  it('reports a truncated last line', async () => {
    const bytes = fixture('truncated-last-line.jsonl');
    const analysed = await analyse('truncated-last-line.jsonl');
    expectRecords(analysed, 'record', [0, 1, 2]);
    expect(summaries(analysed)).toHaveLength(3);
    const [diagnostic, ...rest] = allDiagnostics(analysed);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: 'truncated-line', file: 'truncated-last-line.jsonl', line: 4, offset: lineStart(bytes, 3), length: bytes.length - lineStart(bytes, 3) });
  });

  it('reads a record glued after a cut one', async () => {
    const bytes = fixture('glued-record.jsonl');
    const analysed = await analyse('glued-record.jsonl');
    expectRecords(analysed, 'record', [0, 2, 3]);
    expect(summaries(analysed)).toHaveLength(3);
    const [diagnostic, ...rest] = allDiagnostics(analysed);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: 'truncated-line', file: 'glued-record.jsonl', line: 2, offset: lineStart(bytes, 1), length: 60 });
    expect(diagnostic!.reason).toContain(`at byte ${lineStart(bytes, 1) + 60}`);
  });

  it('skips runs of NUL bytes', async () => {
    const bytes = fixture('nul-run.jsonl');
    const analysed = await analyse('nul-run.jsonl');
    expectRecords(analysed, 'record', [0, 1, 2]);
    const diagnostics = allDiagnostics(analysed);
    expect(diagnostics.map((d) => d.code)).toEqual(['nul-bytes', 'nul-bytes']);
    expect(diagnostics[0]).toMatchObject({ file: 'nul-run.jsonl', line: 2, offset: lineStart(bytes, 1), length: 4096 });
    expect(diagnostics[1]).toMatchObject({ line: 4, offset: bytes.length - 512, length: 512 });
  });

  it('reads an escaped NUL as data', async () => {
    const analysed = await analyse('escaped-nul.jsonl');
    expect(allDiagnostics(analysed)).toEqual([]);
    expect(summaries(analysed)).toHaveLength(2);
    expect(summaries(analysed)[0]).toContain('before');
    expect(summaries(analysed)[0]).toContain('after');
  });

  it('replaces invalid UTF-8 and keeps the record', async () => {
    const bytes = fixture('invalid-utf8.jsonl');
    const analysed = await analyse('invalid-utf8.jsonl');
    expectRecords(analysed, 'record', [0, 1, 2]);
    expect(summaries(analysed).join(' ')).toContain('\ufffd');
    const [diagnostic, ...rest] = allDiagnostics(analysed);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: 'invalid-utf8', file: 'invalid-utf8.jsonl', line: 2, offset: lineStart(bytes, 1) });
  });

  it('notes an empty file', async () => {
    const analysed = await analyse('empty.jsonl');
    expect(analysed.result.evidence).toHaveLength(1);
    expect(allDiagnostics(analysed)).toEqual([{ code: 'skipped-file', severity: 'info', file: 'empty.jsonl', reason: 'File is empty.' }]);
  });

  it('skips records with no fields', async () => {
    const bytes = fixture('empty-objects.jsonl');
    const analysed = await analyse('empty-objects.jsonl');
    expect(analysed.sessions).toHaveLength(0);
    const file = evidence(analysed, 'empty-objects.jsonl');
    expect(file.records).toBe(0);
    expect(file.events).toBe(0);
    expect(file.format).toBeNull();
    expect(file.size).toBe(bytes.length);
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(file.diagnostics.map((d) => [d.code, d.severity, d.line, d.offset, d.length])).toEqual([
      ['invalid-record', 'warning', 1, 0, 2],
      ['invalid-record', 'warning', 2, 3, 3],
      ['invalid-record', 'warning', 4, 8, 2],
    ]);
    expect(file.diagnostics[0]!.reason).toBe('Record is an empty JSON object with no fields, so it gives no event; it was skipped and its raw bytes are kept.');
  });

  it('skips an empty record in a session', async () => {
    const analysed = await analyse('empty-object-inside.jsonl');
    expect(analysed.sessions).toHaveLength(1);
    expectRecords(analysed, 'around', [0, 1, 2]);
    const file = evidence(analysed, 'empty-object-inside.jsonl');
    expect(file.records).toBe(3);
    expect(file.format).toBe('claude-code');
    expect(file.diagnostics.map((d) => [d.code, d.line])).toEqual([['invalid-record', 2]]);
  });

  it('skips empty items of a JSON array', async () => {
    for (const [name, text] of [
      ['array.json', '[{}, {}]\n'],
      ['document.json', '[\n  {},\n  {}\n]\n'],
      ['object.json', '{\n}\n'],
    ] as const) {
      const analysed = await analyse(name, new TextEncoder().encode(text));
      expect(analysed.sessions, name).toHaveLength(0);
      const file = evidence(analysed, name);
      expect(file.records, name).toBe(0);
      expect(file.diagnostics.length, name).toBeGreaterThan(0);
      expect(file.diagnostics.every((d) => d.code === 'invalid-record'), name).toBe(true);
    }
  });

  it('reads a file of blank lines as nothing', async () => {
    const analysed = await analyse('only-newlines.jsonl');
    expect(analysed.result.evidence[0]!.records).toBe(0);
    expect(allDiagnostics(analysed)).toEqual([]);
  });
});

describe('hostile archives', () => {
  it('cuts a zip bomb by ratio', async () => {
    const analysed = await analyse('zip-bomb-ratio.zip');
    expectRecords(analysed, 'kept', [0, 1, 2]);
    expect(analysed.result.diagnostics).toHaveLength(1);
    expect(analysed.result.diagnostics[0]).toMatchObject({ code: 'archive-limit', severity: 'error', file: 'bomb.jsonl' });
    expect(analysed.result.diagnostics[0]!.reason).toContain('200 times its compressed size');
    const bomb = evidence(analysed, 'bomb.jsonl');
    expect(bomb.size).toBeLessThan(DEFAULT_LIMITS.maxRatio * fixture('zip-bomb-ratio.zip').length);
    // The bytes kept are NULs, which the line reader reports as a NUL run.
    expect(bomb.diagnostics.map((d) => d.code)).toEqual(['nul-bytes', 'archive-limit']);
    expect(bomb.diagnostics[1]).toMatchObject({ code: 'archive-limit', file: 'bomb.jsonl', offset: bomb.size });
  });

  it('keeps a zip bomb up to the ratio limit', async () => {
    const zip = fixture('zip-bomb-ratio.zip');
    const analysed = await analyse('zip-bomb-ratio.zip');
    const bomb = evidence(analysed, 'bomb.jsonl');
    // The entry states its compressed size, so it is read up to 200 times that size exactly.
    const stored = zipEntryCompressedSize(zip, 'bomb.jsonl');
    expect(bomb.size).toBe(DEFAULT_LIMITS.maxRatio * stored);
    expect(bomb.cutShort).toBe(true);
    expect(bomb.sha256).toBe(createHash('sha256').update(new Uint8Array(bomb.size)).digest('hex'));
    expect(bomb.sha256).not.toBe(EMPTY_SHA256);
    expect(analysed.result.diagnostics[0]!.reason).toContain(`${stored} compressed bytes expanded past ${bomb.size} bytes. The first ${bomb.size} bytes were read`);
    expect(bomb.diagnostics.find((d) => d.code === 'archive-limit')!.reason).toBe(
      `Reading stopped after ${bomb.size} bytes of this file because it expands more than 200 times its compressed size, as a zip bomb would. Its size and SHA-256 cover only the bytes read.`,
    );
    expect(evidence(analysed, 'good.jsonl').cutShort).toBeUndefined();
  });

  it('labels a cut-short hash in the report', async () => {
    const analysed = await analyse('zip-bomb-ratio.zip');
    const report = buildReport('zip-bomb-ratio.zip', analysed.result.bundleSha256, analysed.summaries, analysed.result.evidence, analysed.result.diagnostics, analysed.links);
    const bomb = report.evidence.find((file) => file.file === 'bomb.jsonl')!;
    expect(bomb.cutShort).toBe(true);
    expect(report.evidence.find((file) => file.file === 'good.jsonl')!.cutShort).toBe(false);
    expect(reportMarkdown(report)).toContain(`\`${bomb.sha256}\` (of the first ${bomb.size} bytes; reading stopped early) |`);
  });

  it('reports tar links and devices', async () => {
    const analysed = await analyse('special-members.tar.gz');
    expect(analysed.result.evidence.map((file) => file.path)).toEqual(['../../escape.jsonl', '/abs/absolute.jsonl']);
    expectRecords(analysed, 'escaped', [0]);
    expectRecords(analysed, 'absolute', [0]);
    const skipped = analysed.result.diagnostics.filter((d) => d.code === 'unsupported-entry');
    expect(skipped.map((d) => d.reason)).toEqual([
      'Tar member "link.jsonl" is a symbolic link to "/etc/passwd"; Custody never follows links, so the member gives no evidence.',
      'Tar member "hard.jsonl" is a hard link to "../../escape.jsonl"; Custody never follows links, so the member gives no evidence of its own.',
      'Tar member "char-device.jsonl" is a character device (major 1, minor 3); it holds no data, so it gives no evidence.',
      'Tar member "block-device.jsonl" is a block device (major 8, minor 1); it holds no data, so it gives no evidence.',
      'Tar member "fifo.jsonl" is a FIFO (named pipe); it holds no data, so it gives no evidence.',
      'Tar member "ctl-link.jsonl" is a symbolic link to "/tmp/\\u001b[31mred\\u202e"; Custody never follows links, so the member gives no evidence.',
    ]);
    const tar = gunzipSync(fixture('special-members.tar.gz'));
    for (const diagnostic of skipped) {
      expect(diagnostic).toMatchObject({ severity: 'warning', file: 'special-members.tar' });
      // The offset points at the member's header, whose name field starts with the member name.
      const name = diagnostic.reason.match(/^Tar member "([^"]+)"/)![1]!;
      expect(tar.subarray(diagnostic.offset!, diagnostic.offset! + name.length).toString('latin1')).toBe(name);
    }
  });

  it('warns about unsafe tar member names', async () => {
    const analysed = await analyse('special-members.tar.gz');
    const unsafe = analysed.result.diagnostics.filter((d) => d.code === 'unsafe-name');
    expect(unsafe.map((d) => [d.file, d.severity])).toEqual([
      ['../../escape.jsonl', 'warning'],
      ['/abs/absolute.jsonl', 'warning'],
    ]);
    expect(unsafe[0]!.reason).toBe(
      'Archive member name "../../escape.jsonl" climbs to a parent folder with "..". Custody never writes archive members to disk, so the name is shown only as text; the member\'s content was read.',
    );
    expect(unsafe[1]!.reason).toContain('"/abs/absolute.jsonl" is an absolute path.');
  });

  it('stops at the entry limit', async () => {
    const analysed = await analyse('zip-bomb-entries.zip', undefined, { maxEntries: 20 });
    expect(analysed.result.evidence).toHaveLength(20);
    expectRecords(analysed, 'kept', [0, 1, 2]);
    expect(analysed.result.diagnostics).toEqual([expect.objectContaining({ code: 'archive-limit', severity: 'error', file: 'many/019.jsonl' })]);
    expect(analysed.result.diagnostics[0]!.reason).toContain('more than 20 files');
  });

  it('stops at the total size limit', async () => {
    const limit = 600 * 1024;
    const analysed = await analyse('zip-bomb-total.zip', undefined, { maxTotalBytes: limit });
    expectRecords(analysed, 'kept', [0, 1, 2]);
    expect(analysed.result.evidence.map((file) => file.path)).toEqual(['good.jsonl', 'part-0.jsonl', 'part-1.jsonl', 'part-2.jsonl']);
    expect(analysed.result.evidence.reduce((sum, file) => sum + file.size, 0)).toBeLessThanOrEqual(limit);
    expect(analysed.result.diagnostics).toEqual([expect.objectContaining({ code: 'archive-limit', file: 'part-2.jsonl' })]);
    const cut = evidence(analysed, 'part-2.jsonl');
    // The file ends where the limit cut it, inside a record.
    expect(cut.diagnostics.map((d) => d.code)).toEqual(['unrecognised-format', 'truncated-line', 'archive-limit']);
    expect(cut.diagnostics[2]).toMatchObject({ code: 'archive-limit', offset: cut.size });
    expect(cut.cutShort).toBe(true);
  });

  it('keeps archives past the depth limit opaque', async () => {
    const analysed = await analyse('nested-depth.zip');
    expect(analysed.result.evidence.map((file) => file.path)).toEqual([
      'level-1.jsonl',
      'nested-1.zip/level-2.jsonl',
      'nested-1.zip/nested-2.zip/level-3.jsonl',
      'nested-1.zip/nested-2.zip/nested-3.zip',
    ]);
    for (const level of [1, 2, 3]) expectRecords(analysed, 'level', [level]);
    expect(summaries(analysed).some((summary) => summary.includes('deep 0'))).toBe(false);
    expect(analysed.result.diagnostics).toEqual([expect.objectContaining({ code: 'archive-limit', severity: 'warning', file: 'nested-1.zip/nested-2.zip/nested-3.zip' })]);
    const opaque = evidence(analysed, 'nested-1.zip/nested-2.zip/nested-3.zip');
    expect(opaque.records).toBe(0);
    expect(opaque.diagnostics.map((d) => d.code)).toEqual(['skipped-file']);
  });

  it('keeps hostile entry names literal', async () => {
    const analysed = await analyse('evil-names.zip');
    expect(analysed.result.evidence.map((file) => file.path)).toEqual([
      '../../../../tmp/escape.jsonl',
      '/etc/cron.d/absolute.jsonl',
      'C:\\Windows\\System32\\drive.jsonl',
      'rtl-invoice\u202egnp.exe.jsonl',
      'ctl-\u0001\u0007\u001b[31mred\u001b[0m.jsonl',
      '<img src=x onerror="window.__pwned=1">.jsonl',
    ]);
    expectRecords(analysed, 'named', [0, 1, 2, 3, 4, 5]);
    const diagnostics = allDiagnostics(analysed);
    expect(diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['unsafe-name', 'warning', '../../../../tmp/escape.jsonl'],
      ['unsafe-name', 'warning', '/etc/cron.d/absolute.jsonl'],
      ['unsafe-name', 'warning', 'C:\\Windows\\System32\\drive.jsonl'],
    ]);
    expect(diagnostics[0]!.reason).toContain('climbs to a parent folder with ".."');
    expect(diagnostics[1]!.reason).toContain('is an absolute path');
    expect(diagnostics[2]!.reason).toContain('"C:\\Windows\\System32\\drive.jsonl" starts with a drive letter');
  });

  it('skips encrypted entries with a clear message', async () => {
    const zip = fixture('encrypted.zip');
    const analysed = await analyse('encrypted.zip');
    expect(analysed.result.evidence.map((file) => file.path)).toEqual(['before.jsonl', 'after.jsonl']);
    expectRecords(analysed, 'before', [0, 1]);
    expectRecords(analysed, 'after', [0, 1]);
    expect(summaries(analysed).some((summary) => summary.includes('secret'))).toBe(false);
    const diagnostics = analysed.result.diagnostics;
    expect(diagnostics.map((d) => d.reason)).toEqual([
      'Entry "secret.jsonl" is encrypted; Custody cannot read encrypted archives, so the entry was skipped.',
      'Entry "secret-stored.jsonl" is encrypted; Custody cannot read encrypted archives, so the entry was skipped.',
    ]);
    for (const diagnostic of diagnostics) {
      expect(diagnostic).toMatchObject({ code: 'unreadable-entry', severity: 'error', file: 'encrypted.zip' });
      // The offset points at the entry's local file header signature.
      expect([...zip.subarray(diagnostic.offset!, diagnostic.offset! + 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    }
  });

  it('skips an entry encrypted by Info-ZIP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-hostile-'));
    try {
      writeFileSync(join(dir, 'plain.jsonl'), '{"type":"note","n":1}\n');
      writeFileSync(join(dir, 'secret.jsonl'), '{"type":"note","n":2}\n');
      execFileSync('zip', ['-q', 'plain.zip', 'plain.jsonl'], { cwd: dir });
      execFileSync('zip', ['-q', '-P', 'infected', 'plain.zip', 'secret.jsonl'], { cwd: dir });
      const analysed = await analyse('infozip.zip', new Uint8Array(readFileSync(join(dir, 'plain.zip'))));
      expect(analysed.result.evidence.map((file) => file.path)).toEqual(['plain.jsonl']);
      expect(analysed.result.diagnostics.map((d) => d.reason)).toEqual(['Entry "secret.jsonl" is encrypted; Custody cannot read encrypted archives, so the entry was skipped.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips an unknown compression method', async () => {
    const analysed = await analyse('unsupported-method.zip');
    expect(analysed.result.evidence.map((file) => file.path)).toEqual(['before.jsonl', 'after.jsonl']);
    expect(analysed.result.diagnostics).toEqual([expect.objectContaining({ code: 'unsupported-entry', file: 'unsupported-method.zip' })]);
    expect(analysed.result.diagnostics[0]!.reason).toContain('compression method 14');
  });

  it('reads entries past a corrupt central directory', async () => {
    const zip = fixture('corrupt-central-directory.zip');
    const analysed = await analyse('corrupt-central-directory.zip');
    expectRecords(analysed, 'a', [0, 1]);
    expectRecords(analysed, 'b', [0, 1]);
    expect(analysed.result.diagnostics).toHaveLength(1);
    const [diagnostic] = analysed.result.diagnostics;
    expect(diagnostic).toMatchObject({ code: 'corrupt-archive', severity: 'warning', file: 'corrupt-central-directory.zip' });
    // The generator overwrote everything after the last entry's data, where the directory began.
    const view = new DataView(zip.buffer, zip.byteOffset);
    let lastHeader = -1;
    for (let at = 0; at + 4 <= zip.length; at++) if (view.getUint32(at, true) === 0x04034b50) lastHeader = at;
    const directory = lastHeader + 30 + view.getUint16(lastHeader + 26, true) + view.getUint32(lastHeader + 18, true);
    expect(diagnostic!.offset).toBe(directory);
  });

  it('keeps the records before a gzip cut', async () => {
    const gz = fixture('truncated.jsonl.gz');
    const partial = gunzipSync(gz, { finishFlush: constants.Z_SYNC_FLUSH });
    const wholeLines = partial.toString('utf8').split('\n').length - 1;
    const analysed = await analyse('truncated.jsonl.gz');
    const file = evidence(analysed, 'truncated.jsonl');
    expect(file.records).toBe(wholeLines);
    expect(file.size).toBe(partial.length);
    expect(analysed.result.diagnostics).toEqual([expect.objectContaining({ code: 'corrupt-archive', file: 'truncated.jsonl.gz', offset: gz.length })]);
    expect(analysed.result.diagnostics[0]!.reason).toBe(
      `Gzip stream is truncated: it ends at compressed byte ${gz.length} before its end. The ${partial.length} bytes decompressed before that were read.`,
    );
    expect(file.diagnostics.map((d) => d.code)).toEqual(['unrecognised-format', 'truncated-line', 'corrupt-archive']);
    expect(file.diagnostics[2]).toMatchObject({ offset: partial.length, severity: 'error' });
    expect(file.diagnostics[2]!.reason).toBe(
      `Reading stopped after ${partial.length} bytes of this file because its gzip stream "truncated.jsonl.gz" is truncated at compressed byte ${gz.length}. Its size and SHA-256 cover only the bytes read.`,
    );
    expect(file.cutShort).toBe(true);
    expect(file.sha256).toBe(createHash('sha256').update(partial).digest('hex'));
  });
});

describe('large generated cases', () => {
  let dir: string;
  const lineMb = 3;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'custody-hostile-large-'));
    execFileSync(process.execPath, [GENERATOR, '--large', dir, '--long-line-mb', String(lineMb), '--tiny-files', '3000']);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips an over-long line and names it', async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, 'long-line.jsonl')));
    const start = lineStart(bytes, 2);
    const end = lineStart(bytes, 3) - 1;
    const analysed = await analyse('long-line.jsonl', bytes, { maxLineBytes: 1024 * 1024 }, 1 << 16);
    expectRecords(analysed, 'around', [0, 1, 2, 3]);
    const [diagnostic, ...rest] = allDiagnostics(analysed);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: 'line-too-long', file: 'long-line.jsonl', line: 3, offset: start, length: lineMb * 1024 * 1024 });
    const sha256 = createHash('sha256').update(bytes.subarray(start, end)).digest('hex');
    expect(diagnostic!.reason).toContain(`SHA-256 ${sha256}`);
    expect(diagnostic!.reason).toContain('record type "user"');
  });

  it('reads thousands of tiny files', async () => {
    const analysed = await analyse('tiny-files.zip', new Uint8Array(readFileSync(join(dir, 'tiny-files.zip'))));
    expect(analysed.result.evidence).toHaveLength(3000);
    expect(analysed.result.evidence.every((file) => file.records === 1)).toBe(true);
    expect(analysed.result.diagnostics).toEqual([]);
  });
});

describe('script payloads', () => {
  it('keeps payloads as literal text', async () => {
    const analysed = await analyse('script-payloads.zip');
    expect(analysed.result.evidence).toHaveLength(3);
    const text = summaries(analysed).join('\n');
    expect(text).toContain('<script>window.__pwned=1');
    expect(text).toContain('\u001b[31mred');
  });

  it('escapes payloads in the Markdown report', async () => {
    const analysed = await analyse('script-payloads.zip');
    const report = buildReport('<b>bundle</b>.zip', analysed.result.bundleSha256, analysed.summaries, analysed.result.evidence, analysed.result.diagnostics, analysed.links);
    const markdown = reportMarkdown(report);
    expect(markdown).not.toMatch(/(?<!\\)</);
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(markdown).toContain('\\\\u202e');
    expect(markdown).toContain('\\<script\\>');
  });

  it('escapes payloads in the CLI Markdown report', async () => {
    const markdown = await runReport(join(FIXTURES, 'script-payloads.zip'), 'md');
    expect(markdown).not.toMatch(/(?<!\\)</);
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(markdown).toContain('Evidence (3)');
  });
});
