import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../shared/io/bytes';
import { analyseBundle } from '../../../shared/ingest/memory';

function fileBundle(name: string, text: string) {
  return { kind: 'file' as const, source: bytesSource(name, new TextEncoder().encode(text)) };
}

describe('plain text in a bundle', () => {
  it('gives one note for a text file', async () => {
    const { result } = await analyseBundle(fileBundle('NOTES.md', '# Notes\n\nSome text.\nMore text.\n'));
    const diagnostics = result.evidence[0]!.diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('unrecognised-format');
    expect(diagnostics[0]!.severity).toBe('info');
    expect(result.evidence[0]!.records).toBe(0);
  });

  it('lists text lines when records follow', async () => {
    const text = 'banner line\n{"a":1}\nstray text\n{"a":2}\n';
    const { result } = await analyseBundle(fileBundle('mixed.jsonl', text));
    const file = result.evidence[0]!;
    expect(file.records).toBe(2);
    const lines = file.diagnostics.filter((d) => d.code === 'invalid-json').map((d) => d.line);
    expect(lines).toEqual([1, 3]);
  });
});
