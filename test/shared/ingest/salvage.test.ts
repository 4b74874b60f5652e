import { describe, expect, it } from 'vitest';
import { salvageRecords } from '../../../shared/ingest/salvage';
import { analyseBundle } from '../../../shared/ingest/memory';
import { bytesSource } from '../../../shared/io/bytes';

describe('salvageRecords', () => {
  it('skips the damaged record of a Records object', () => {
    const text = '{\n "Records": [\n  {"a": 1, "s": "}{]["},\n  {"a" 2},\n  {"a": 3}\n ]\n}';
    const result = salvageRecords(text)!;
    expect(result.pointer).toBe('/Records');
    expect(result.items.map((item) => [item.index, item.value])).toEqual([[0, { a: 1, s: '}{][' }], [2, { a: 3 }]]);
    expect(result.errors.map((error) => error.index)).toEqual([1]);
    expect(text.slice(result.errors[0]!.start, result.errors[0]!.end)).toBe('{"a" 2}');
  });

  it('reads a bare array cut short', () => {
    const result = salvageRecords('[{"a":1},{"a":2},{"a":')!;
    expect(result.pointer).toBe('');
    expect(result.items.map((item) => item.value)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(result.errors).toHaveLength(1);
  });

  it('finds the array after other keys', () => {
    const result = salvageRecords('{"version": "1", "meta": {"x": [1]}, "Events": [{"b": 1}, {"b" 2}]}')!;
    expect(result.pointer).toBe('/Events');
    expect(result.items).toHaveLength(1);
  });

  it('gives up on text that is no record array', () => {
    expect(salvageRecords('{"a": "unterminated')).toBeNull();
    expect(salvageRecords('plain text')).toBeNull();
  });
});

describe('damaged CloudTrail document', () => {
  it('imports the good records', async () => {
    const good = (id: number) => ({ eventVersion: '1.08', eventTime: '2026-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', eventID: `id-${id}`, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/u', accountId: '1', accessKeyId: 'AKIAABCDEFGHIJKLMNOP' } });
    const text = JSON.stringify({ Records: [good(1), good(2), good(3)] }, null, 2).replace('"eventName": "GetObject",\n      "awsRegion": "us-east-1",\n      "eventID": "id-2"', '"eventName" "GetObject",\n      "awsRegion": "us-east-1",\n      "eventID": "id-2"');
    const { result } = await analyseBundle({ kind: 'file', source: bytesSource('trail.json', new TextEncoder().encode(text)) });
    const file = result.evidence[0]!;
    expect(file.format).toBe('cloudtrail');
    expect(file.events).toBe(2);
    const damaged = file.diagnostics.filter((d) => d.code === 'invalid-record');
    expect(damaged).toHaveLength(1);
    expect(text.slice(damaged[0]!.offset!, damaged[0]!.offset! + 20)).toMatch(/^\{/);
  });
});
