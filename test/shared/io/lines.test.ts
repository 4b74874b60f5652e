import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../shared/model/diagnostics';
import { createSha256Stream } from '../../../shared/io/hash';
import { LineSplitter, type Line } from '../../../shared/io/lines';

const encoder = new TextEncoder();

interface Split {
  readonly lines: Line[];
  readonly diagnostics: Diagnostic[];
}

/** Feeds `bytes` to a LineSplitter in chunks of `chunkSize` bytes and collects its output. */
async function split(bytes: Uint8Array, chunkSize: number, maxLineBytes = 1 << 20): Promise<Split> {
  const lines: Line[] = [];
  const diagnostics: Diagnostic[] = [];
  const splitter = new LineSplitter({
    file: 'test.jsonl',
    maxLineBytes,
    onLine: (line) => lines.push(line),
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    hasher: await createSha256Stream(),
  });
  for (let at = 0; at < bytes.length; at += chunkSize) {
    // A fresh copy per chunk, overwritten afterwards, checks that the splitter copies what it keeps.
    const chunk = new Uint8Array(bytes.subarray(at, Math.min(bytes.length, at + chunkSize)));
    splitter.push(chunk);
    chunk.fill(0x21);
  }
  splitter.end();
  return { lines, diagnostics };
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('LineSplitter', () => {
  it('keeps a split UTF-8 character whole', async () => {
    const text = '{"a":"é€𝄞"}\n{"b":"ü"}\n';
    const bytes = encoder.encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const lines: Line[] = [];
      const diagnostics: Diagnostic[] = [];
      const splitter = new LineSplitter({ file: 'f', maxLineBytes: 1024, onLine: (l) => lines.push(l), onDiagnostic: (d) => diagnostics.push(d) });
      splitter.push(bytes.slice(0, cut));
      splitter.push(bytes.slice(cut));
      splitter.end();
      expect(lines.map((line) => line.text), `cut at byte ${cut}`).toEqual(['{"a":"é€𝄞"}', '{"b":"ü"}']);
      expect(diagnostics, `cut at byte ${cut}`).toEqual([]);
    }
  });

  it('strips a BOM at file start only', async () => {
    const bytes = encoder.encode('\uFEFF{"a":1}\n\uFEFF{"b":2}\n');
    for (const chunkSize of [1, 2, 3, 4, 1024]) {
      const { lines } = await split(bytes, chunkSize);
      expect(lines[0]!.text, `chunk ${chunkSize}`).toBe('{"a":1}');
      expect(lines[0]!.offset, `chunk ${chunkSize}`).toBe(3);
      expect(lines[0]!.length).toBe(7);
      expect(lines[1]!.text, `chunk ${chunkSize}`).toBe('\uFEFF{"b":2}');
      expect(lines[1]!.offset, `chunk ${chunkSize}`).toBe(11);
      expect(lines[1]!.length).toBe(10);
    }
  });

  it('keeps a file that is only a BOM prefix', async () => {
    const { lines } = await split(new Uint8Array([0xef, 0xbb]), 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('\uFFFD');
    expect(lines[0]!.offset).toBe(0);
  });

  it('drops CR before LF', async () => {
    const { lines } = await split(encoder.encode('{"a":1}\r\n{"b":2}\r\nlast\r'), 1);
    expect(lines.map((line) => line.text)).toEqual(['{"a":1}', '{"b":2}', 'last']);
    expect(lines.map((line) => line.offset)).toEqual([0, 9, 18]);
    expect(lines.map((line) => line.length)).toEqual([7, 7, 4]);
    expect(lines.map((line) => line.terminated)).toEqual([true, true, false]);
  });

  it('counts empty lines but skips them', async () => {
    const { lines } = await split(encoder.encode('\n\na\n\r\n  \n\t\nb\n'), 3);
    expect(lines.map((line) => [line.number, line.text])).toEqual([
      [3, 'a'],
      [5, '  '],
      [6, '\t'],
      [7, 'b'],
    ]);
  });

  it('marks an unterminated last line', async () => {
    const { lines } = await split(encoder.encode('{"a":1}\n{"b":'), 4);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.terminated).toBe(true);
    expect(lines[1]!.terminated).toBe(false);
    expect(lines[1]!.text).toBe('{"b":');
    expect(lines[1]!.offset).toBe(8);
  });

  it('gives exact line numbers and byte offsets', async () => {
    const texts = ['{"x":"ascii"}', '', '{"x":"äöü"}', '{"x":"日本語"}', '', '', '{"x":"🙂🙂"}', '{"x":"end"}'];
    const whole = texts.join('\n');
    const { lines } = await split(encoder.encode(whole), 5);
    let offset = 0;
    const expected: { number: number; offset: number; length: number; text: string }[] = [];
    texts.forEach((text, index) => {
      if (text !== '') expected.push({ number: index + 1, offset, length: Buffer.byteLength(text), text });
      offset += Buffer.byteLength(text) + 1;
    });
    expect(lines.map(({ number, offset: at, length, text }) => ({ number, offset: at, length, text }))).toEqual(expected);
    expect(lines.at(-1)!.terminated).toBe(false);
  });

  it('skips an over-long line with a diagnostic', async () => {
    const long = `{"type":"assistant","blob":"${'x'.repeat(5000)}"}`;
    const text = `{"n":1}\n${long}\n{"n":3}\n`;
    const bytes = encoder.encode(text);
    for (const chunkSize of [1, 7, 100, 65536]) {
      const { lines, diagnostics } = await split(bytes, chunkSize, 1000);
      expect(lines.map((line) => [line.number, line.text]), `chunk ${chunkSize}`).toEqual([
        [1, '{"n":1}'],
        [3, '{"n":3}'],
      ]);
      expect(lines[1]!.offset).toBe(Buffer.byteLength(`{"n":1}\n${long}\n`));
      expect(diagnostics, `chunk ${chunkSize}`).toHaveLength(1);
      const [diagnostic] = diagnostics;
      expect(diagnostic!.code).toBe('line-too-long');
      expect(diagnostic!.file).toBe('test.jsonl');
      expect(diagnostic!.line).toBe(2);
      expect(diagnostic!.offset).toBe(8);
      expect(diagnostic!.length).toBe(Buffer.byteLength(long));
      expect(diagnostic!.reason).toContain(`SHA-256 ${sha256(long)}`);
      expect(diagnostic!.reason).toContain('record type "assistant"');
    }
  });

  it('reports an over-long CRLF line without its CR', async () => {
    const long = `{"type":"user","blob":"${'y'.repeat(3000)}"}`;
    const { lines, diagnostics } = await split(encoder.encode(`${long}\r\n{"n":2}\r\n`), 64, 1000);
    expect(lines.map((line) => line.text)).toEqual(['{"n":2}']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.length).toBe(long.length);
    expect(diagnostics[0]!.reason).toContain(`SHA-256 ${sha256(long)}`);
  });

  it('skips an over-long last line without newline', async () => {
    const long = `{"blob":"${'z'.repeat(2000)}"}`;
    const { lines, diagnostics } = await split(encoder.encode(`{"n":1}\n${long}`), 7, 1000);
    expect(lines.map((line) => line.text)).toEqual(['{"n":1}']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.line).toBe(2);
    expect(diagnostics[0]!.reason).toContain('record type not visible');
    expect(diagnostics[0]!.reason).toContain(sha256(long));
  });

  it('replaces invalid UTF-8 and reports it', async () => {
    const bad = new Uint8Array([...encoder.encode('{"a":"x'), 0xff, 0xc3, ...encoder.encode('y"}')]);
    const bytes = new Uint8Array([...encoder.encode('{"n":1}\n'), ...bad, 0x0a, ...encoder.encode('{"n":3}\n')]);
    for (const chunkSize of [1, 7, 65536]) {
      const { lines, diagnostics } = await split(bytes, chunkSize);
      expect(lines.map((line) => line.text), `chunk ${chunkSize}`).toEqual(['{"n":1}', '{"a":"x\uFFFD\uFFFDy"}', '{"n":3}']);
      expect(lines[1]!.length).toBe(bad.length);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]!.code).toBe('invalid-utf8');
      expect(diagnostics[0]!.line).toBe(2);
      expect(diagnostics[0]!.offset).toBe(8);
    }
  });

  it('gives identical output for any chunk size', async () => {
    const parts: Uint8Array[] = [];
    parts.push(encoder.encode('\uFEFF{"type":"user","t":"ünïcödé 🙂"}\r\n\n'));
    parts.push(encoder.encode(`{"type":"big","b":"${'q'.repeat(200_000)}"}\n`));
    parts.push(new Uint8Array([0x7b, 0xe2, 0x82, 0x0a]));
    for (let i = 0; i < 3000; i++) parts.push(encoder.encode(`{"i":${i},"s":"${'é'.repeat(i % 37)}"}\n`));
    parts.push(encoder.encode('{"tail":true}'));
    const bytes = Buffer.concat(parts);
    const reference = await split(bytes, 65536, 100_000);
    expect(reference.lines).toHaveLength(3 + 3000);
    expect(reference.diagnostics.map((d) => d.code)).toEqual(['line-too-long', 'invalid-utf8']);
    for (const chunkSize of [1, 7]) {
      const other = await split(bytes, chunkSize, 100_000);
      expect(other.lines, `chunk ${chunkSize}`).toEqual(reference.lines);
      expect(other.diagnostics, `chunk ${chunkSize}`).toEqual(reference.diagnostics);
    }
  });
});
