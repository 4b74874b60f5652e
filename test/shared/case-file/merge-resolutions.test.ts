import { beforeAll, describe, expect, it } from 'vitest';
import { chooseVersion, contentKey, mergeRecords, versionHasher, versionsOf, type VersionHash } from '../../../shared/case-file/merge';
import { recordsProblem } from '../../../shared/case-file/records';
import { readCaseContents } from '../../../shared/case-file/verify';
import { writeCaseFileBytes } from '../../../shared/case-file/write';
import { ANNOTATION, sampleCase, verifyBytes } from './helpers';

const carl = { ...ANNOTATION, label: 'benign', author: 'Carl', updatedAt: ANNOTATION.updatedAt + 1 };
const eve = { ...ANNOTATION, label: 'needs review', author: 'Eve', updatedAt: ANNOTATION.updatedAt + 2 };

let hash: VersionHash;
beforeAll(async () => {
  hash = await versionHasher();
});

describe('resolved conflicts', () => {
  it('hashes content without merge state', () => {
    expect(hash(ANNOTATION)).toMatch(/^[0-9a-f]{64}$/);
    expect(hash({ ...ANNOTATION, conflicts: [carl], rejected: ['a'.repeat(64)] })).toBe(hash(ANNOTATION));
    expect(contentKey({ ...ANNOTATION, rejected: ['a'.repeat(64)] })).toBe(contentKey(ANNOTATION));
  });

  it('does not offer a rejected version again', () => {
    const conflict = mergeRecords([ANNOTATION], [carl], hash).changed[0]!;
    const resolved = chooseVersion(conflict, 1, hash);
    expect(resolved.rejected).toEqual([hash(ANNOTATION)]);
    const again = mergeRecords([resolved], [ANNOTATION], hash);
    expect(again.conflicts).toBe(0);
    expect(again.unchanged).toBe(1);
    expect(again.changed).toEqual([]);
  });

  it('still offers a new version', () => {
    const resolved = chooseVersion(mergeRecords([ANNOTATION], [carl], hash).changed[0]!, 1, hash);
    const result = mergeRecords([resolved], [{ ...ANNOTATION, conflicts: [eve] }], hash);
    expect(result.conflicts).toBe(1);
    expect(versionsOf(result.changed[0]!)).toEqual([carl, eve]);
    expect(result.changed[0]!.rejected).toEqual([hash(ANNOTATION)]);
  });

  it('takes rejections carried by a case file', () => {
    const resolved = chooseVersion(mergeRecords([ANNOTATION], [carl], hash).changed[0]!, 1, hash);
    // A profile holding both versions learns that the first was rejected elsewhere.
    const local = mergeRecords([], [{ ...carl }], hash).changed;
    const result = mergeRecords(local, [resolved, ANNOTATION], hash);
    expect(result.conflicts).toBe(0);
    expect(result.changed[0]!.rejected).toEqual([hash(ANNOTATION)]);
  });

  it('round-trips rejected hashes through a case file', async () => {
    const resolved = chooseVersion(mergeRecords([ANNOTATION], [carl], hash).changed[0]!, 1, hash);
    const verification = await verifyBytes(await writeCaseFileBytes({ ...(await sampleCase()), annotations: [resolved] }));
    expect(readCaseContents(verification).annotations[0]!.rejected).toEqual([hash(ANNOTATION)]);
  });

  it('rejects a malformed rejected list', () => {
    expect(recordsProblem('annotation', [{ ...ANNOTATION, rejected: ['not a hash'] }])).toBe('annotation 1 has a rejected list that is not a list of SHA-256 hashes');
  });
});
