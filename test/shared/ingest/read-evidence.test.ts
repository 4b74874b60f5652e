import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/model/events';
import type { EvidenceFile } from '../../../shared/model/evidence';
import { asEvidenceKey } from '../../../shared/model/ids';
import { concatBytes } from '../../../shared/io/bytes';
import { DEFAULT_LIMITS } from '../../../shared/io/limits';
import { ImportCancelled } from '../../../shared/ingest/cancel';
import { readEvidence, type EvidenceProgress } from '../../../shared/ingest/read-evidence';
import type { IngestOptions, IngestSink } from '../../../shared/ingest/types';

const encoder = new TextEncoder();
const KEY = asEvidenceKey('test/0');

interface Read {
  readonly file: EvidenceFile;
  readonly events: AgentEvent[];
  /** The bytes the sink received as the file's content. */
  readonly content: Uint8Array;
}

async function read(input: string | Uint8Array, options: Partial<IngestOptions> = {}, chunkSize = 7): Promise<Read> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const events: AgentEvent[] = [];
  const content: Uint8Array[] = [];
  const sink: IngestSink = {
    beginEvidence: () => {},
    content: (_key, chunk) => {
      content.push(chunk.slice());
    },
    events: (_key, batch) => {
      events.push(...batch);
    },
    endEvidence: () => {},
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.slice(at, at + chunkSize);
  }
  const progress: EvidenceProgress = { bytes: 0, records: 0, events: 0, report: () => {} };
  const file = await readEvidence({ path: 'evidence/file.jsonl', chain: [], chunks: chunks() }, KEY, sink, { importId: 'test', ...options }, progress);
  return { file, events, content: concatBytes(content) };
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads back the raw bytes an event points at from the file's bytes. */
function rawText(bytes: Uint8Array, event: AgentEvent): string {
  return Buffer.from(bytes.subarray(event.raw.offset, event.raw.offset + event.raw.length)).toString('utf8');
}

const SESSION = '11111111-2222-4333-8444-555555555555';

function userLine(uuid: string, content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    type: 'user',
    message: { role: 'user', content },
    uuid,
    timestamp: '2026-01-01T00:00:00.000Z',
    sessionId: SESSION,
    version: '2.1.38',
    permissionMode: 'default',
    ...extra,
  });
}

function assistantLine(uuid: string, text: string): string {
  return JSON.stringify({
    parentUuid: null,
    type: 'assistant',
    message: { id: `msg_${uuid}`, role: 'assistant', model: 'claude-test', content: [{ type: 'text', text }] },
    uuid,
    timestamp: '2026-01-01T00:00:01.000Z',
    sessionId: SESSION,
    version: '2.1.38',
  });
}

describe('readEvidence JSONL damage', () => {
  it('skips a bad middle line', async () => {
    const text = '{"a":1}\n{"a":2,,}\n{"a":3}\n';
    const { file, events } = await read(text);
    expect(file.records).toBe(2);
    expect(events.map((event) => event.raw.line)).toEqual([1, 3]);
    const diagnostics = file.diagnostics.filter((d) => d.code !== 'unrecognised-format');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('invalid-json');
    expect(diagnostics[0]!.line).toBe(2);
    expect(diagnostics[0]!.offset).toBe(8);
    expect(diagnostics[0]!.length).toBe(9);
  });

  it('reports a truncated last line', async () => {
    const { file, events } = await read('{"a":1}\n{"a":2}\n{"a":');
    expect(file.records).toBe(2);
    expect(events).toHaveLength(2);
    const cut = file.diagnostics.find((d) => d.code === 'truncated-line');
    expect(cut?.line).toBe(3);
    expect(cut?.offset).toBe(16);
    expect(file.diagnostics.filter((d) => d.code === 'invalid-json')).toEqual([]);
  });

  it('ignores blank and whitespace lines', async () => {
    const { file } = await read('\n{"a":1}\n   \n\t\r\n\n{"a":2}\n  ');
    expect(file.records).toBe(2);
    expect(file.diagnostics.map((d) => d.code)).toEqual(['unrecognised-format']);
  });

  it('reads JSONL whose first line is damaged', async () => {
    const { file, events } = await read('{"a":1,"b\n{"a":2}\n{"a":3}\n');
    expect(file.records).toBe(2);
    expect(events.map((event) => event.raw.line)).toEqual([2, 3]);
    expect(file.diagnostics.map((d) => [d.code, d.line, d.offset])).toEqual([
      ['invalid-json', 1, 0],
      ['unrecognised-format', undefined, undefined],
    ]);
  });

  it('imports a record glued after a cut one', async () => {
    const first = userLine('u-1', 'first prompt');
    const cut = userLine('u-2', 'this one is cut').slice(0, 40);
    const glued = assistantLine('a-3', 'glued answer');
    const last = userLine('u-4', 'last prompt');
    const text = `${first}\n${cut}${glued}\n${last}\n`;
    const bytes = encoder.encode(text);
    const { file, events } = await read(bytes);
    expect(file.format).toBe('claude-code');
    expect(file.records).toBe(3);
    expect(file.diagnostics).toHaveLength(1);
    const [diagnostic] = file.diagnostics;
    expect(diagnostic!.code).toBe('truncated-line');
    expect(diagnostic!.line).toBe(2);
    expect(diagnostic!.offset).toBe(Buffer.byteLength(`${first}\n`));
    expect(diagnostic!.length).toBe(Buffer.byteLength(cut));
    const answer = events.find((event) => event.uuid === 'a-3' && event.kind === 'message');
    expect(answer?.summary).toBe('glued answer');
    expect(rawText(bytes, answer!)).toBe(glued);
    expect(answer!.raw.line).toBe(2);
    expect(events.filter((event) => event.kind === 'prompt').map((event) => event.summary)).toEqual(['first prompt', 'last prompt']);
  });

  it('imports a glued record on the first line', async () => {
    const cut = '{"type":"user","sessi';
    const glued = userLine('u-1', 'whole prompt');
    const bytes = encoder.encode(`${cut}${glued}\n${assistantLine('a-2', 'answer')}\n`);
    const { file, events } = await read(bytes);
    expect(file.format).toBe('claude-code');
    expect(file.records).toBe(2);
    expect(file.diagnostics.map((d) => [d.code, d.line, d.offset])).toEqual([['truncated-line', 1, 0]]);
    const prompt = events.find((event) => event.kind === 'prompt');
    expect(prompt?.summary).toBe('whole prompt');
    expect(rawText(bytes, prompt!)).toBe(glued);
  });

  it('keeps both records without a line break', async () => {
    const bytes = encoder.encode(`${userLine('u-1', 'one')}${userLine('u-2', 'two')}\n`);
    const { file, events } = await read(bytes);
    expect(file.records).toBe(2);
    expect(events.filter((event) => event.kind === 'prompt').map((event) => rawText(bytes, event))).toEqual([userLine('u-1', 'one'), userLine('u-2', 'two')]);
    expect(file.diagnostics.map((d) => [d.code, d.severity])).toEqual([['invalid-json', 'warning']]);
  });

  it('does not mistake a nested object for a glued record', async () => {
    const cut = '{"type":"user","message":{"role":"user","content":"hi"}';
    const { file } = await read(`{"a":1}\n${cut}\n{"a":3}\n`);
    expect(file.records).toBe(2);
    expect(file.diagnostics.filter((d) => d.code !== 'unrecognised-format').map((d) => [d.code, d.line])).toEqual([['invalid-json', 2]]);
  });

  it('skips NUL bytes before a line', async () => {
    const first = userLine('u-1', 'before');
    const after = userLine('u-2', 'after the hole');
    const bytes = concatBytes([encoder.encode(`${first}\n`), new Uint8Array(300), encoder.encode(`${after}\n`)]);
    const { file, events } = await read(bytes, {}, 64);
    expect(file.records).toBe(2);
    expect(file.diagnostics).toHaveLength(1);
    expect(file.diagnostics[0]!.code).toBe('nul-bytes');
    expect(file.diagnostics[0]!.file).toBe('evidence/file.jsonl');
    expect(file.diagnostics[0]!.offset).toBe(Buffer.byteLength(`${first}\n`));
    expect(file.diagnostics[0]!.length).toBe(300);
    const prompt = events.find((event) => event.summary === 'after the hole');
    expect(rawText(bytes, prompt!)).toBe(after);
  });

  it('skips NUL bytes inside a cut line', async () => {
    const first = userLine('u-1', 'first');
    const cut = userLine('u-2', 'cut by the crash').slice(0, 50);
    const after = assistantLine('a-3', 'written after restart');
    const bytes = concatBytes([encoder.encode(`${first}\n${cut}`), new Uint8Array(4096), encoder.encode(`${after}\n`)]);
    const { file, events } = await read(bytes, {}, 1000);
    expect(file.records).toBe(2);
    const start = Buffer.byteLength(`${first}\n`);
    expect(file.diagnostics.map((d) => [d.code, d.line, d.offset])).toEqual([
      ['nul-bytes', 2, start + cut.length],
      ['truncated-line', 2, start],
    ]);
    const message = events.find((event) => event.summary === 'written after restart');
    expect(rawText(bytes, message!)).toBe(after);
  });

  it('skips trailing NUL bytes', async () => {
    const line = userLine('u-1', 'only');
    const bytes = concatBytes([encoder.encode(`${line}\n`), new Uint8Array(1000)]);
    const { file } = await read(bytes, {}, 256);
    expect(file.records).toBe(1);
    expect(file.diagnostics.map((d) => [d.code, d.offset, d.length])).toEqual([['nul-bytes', line.length + 1, 1000]]);
  });

  it('keeps an escaped NUL unchanged', async () => {
    const line = userLine('u-1', 'before\u0000after');
    expect(line).toContain('\\u0000');
    const { file, events } = await read(`${line}\n`);
    expect(file.diagnostics).toEqual([]);
    const prompt = events.find((event) => event.kind === 'prompt');
    expect(prompt?.summary).toBe('before\u0000after');
  });
});

describe('readEvidence documents', () => {
  it('reads a pretty-printed object', async () => {
    const text = JSON.stringify({ Records: [{ eventName: 'A' }, { eventName: 'B' }] }, null, 2);
    const { file, events } = await read(text);
    expect(file.records).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]!.raw.offset).toBe(0);
    expect(events[0]!.raw.length).toBe(Buffer.byteLength(text));
    expect(file.diagnostics.map((d) => d.code)).toEqual(['unrecognised-format']);
  });

  it('reads a pretty-printed array', async () => {
    const text = `\n${JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }], null, 2)}\n`;
    const { file, events } = await read(text);
    expect(file.records).toBe(3);
    expect(events.map((event) => event.raw.line)).toEqual([1, 2, 3]);
    expect(events.map((event) => event.attrs?.n)).toEqual([1, 2, 3]);
  });

  it('reads a one-line array', async () => {
    const { file, events } = await read('[{"n":1},{"n":2}]\n');
    expect(file.records).toBe(2);
    expect(events.map((event) => event.attrs?.n)).toEqual([1, 2]);
    expect(events.every((event) => event.raw.offset === 0 && event.raw.length === 17)).toBe(true);
  });

  it('salvages a cut document once', async () => {
    const text = JSON.stringify({ Records: [{ eventName: 'A' }] }, null, 2).slice(0, -3);
    const { file } = await read(text);
    expect(file.records).toBe(1);
    expect(file.diagnostics.map((d) => [d.code, d.offset])).toContainEqual(['invalid-record', Buffer.byteLength(text)]);
  });

  it('reports an unsalvageable document once', async () => {
    const { file } = await read('{\n  "a": "unterminated\n');
    expect(file.records).toBe(0);
    expect(file.diagnostics.map((d) => [d.code, d.line, d.offset])).toEqual([['invalid-json', 1, 0]]);
  });
});

describe('readEvidence files', () => {
  it('reports an empty file', async () => {
    const { file, events } = await read('');
    expect(file.size).toBe(0);
    expect(file.records).toBe(0);
    expect(file.format).toBeNull();
    expect(events).toEqual([]);
    expect(file.diagnostics.map((d) => [d.code, d.severity])).toEqual([['skipped-file', 'info']]);
  });

  it('reads unknown JSONL as generic', async () => {
    const { file, events } = await read('{"level":"info","msg":"a"}\n{"level":"warn","msg":"b"}\n');
    expect(file.format).toBe('generic');
    expect(events.map((event) => [event.kind, event.source])).toEqual([
      ['unknown', 'generic'],
      ['unknown', 'generic'],
    ]);
    expect(file.diagnostics.map((d) => [d.code, d.severity])).toEqual([['unrecognised-format', 'info']]);
  });

  it('hashes each file like node:crypto', async () => {
    const inputs = [
      '',
      '{"a":1}\n',
      '\uFEFF{"a":1}\r\n{"b":"ü"}',
      concatBytes([encoder.encode('{"a":1}\n'), new Uint8Array([0xff, 0x00, 0x0a])]),
      `${'{"x":"'}${'y'.repeat(100_000)}"}\n`,
    ];
    for (const input of inputs) {
      const bytes = typeof input === 'string' ? encoder.encode(input) : input;
      const { file, content } = await read(bytes, {}, 333);
      expect(file.sha256).toBe(sha256(bytes));
      expect(file.size).toBe(bytes.length);
      expect(sha256(content)).toBe(sha256(bytes));
    }
  });

  it('skips an over-long line', async () => {
    const long = `{"type":"big","b":"${'x'.repeat(3000)}"}`;
    const { file } = await read(`{"a":1}\n${long}\n{"a":3}\n`, { limits: { ...DEFAULT_LIMITS, maxLineBytes: 1000 } });
    expect(file.records).toBe(2);
    const skipped = file.diagnostics.find((d) => d.code === 'line-too-long');
    expect(skipped?.line).toBe(2);
    expect(skipped?.offset).toBe(8);
    expect(skipped?.reason).toContain(sha256(long));
  });

  it('stops on a cancelled signal', async () => {
    const signal = { aborted: false };
    const bytes = encoder.encode('{"a":1}\n'.repeat(1000));
    const chunks = (async function* () {
      for (let at = 0; at < bytes.length; at += 100) {
        if (at >= 500) signal.aborted = true;
        yield bytes.slice(at, at + 100);
      }
    })();
    const sink: IngestSink = { beginEvidence: () => {}, content: () => {}, events: () => {}, endEvidence: () => {} };
    const progress: EvidenceProgress = { bytes: 0, records: 0, events: 0, report: () => {} };
    await expect(readEvidence({ path: 'f', chain: [], chunks }, KEY, sink, { importId: 'test', signal }, progress)).rejects.toBeInstanceOf(ImportCancelled);
    expect(progress.bytes).toBe(500);
  });

  it('caps stored diagnostics', async () => {
    const { file } = await read('{"a":1}\n' + 'bad\n'.repeat(20), { maxDiagnosticsPerFile: 5 });
    expect(file.diagnostics).toHaveLength(5);
    expect(file.diagnosticsDropped).toBe(16);
  });
});
