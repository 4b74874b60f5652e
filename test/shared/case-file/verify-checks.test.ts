import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/case-file/canonical';
import { MANIFEST_PATH, SIGNATURE_PATH } from '../../../shared/case-file/manifest';
import { readCaseContents } from '../../../shared/case-file/verify';
import { writeCaseFileBytes } from '../../../shared/case-file/write';
import { replaceEntry, rezip, sampleCase, sampleCaseWithArchive, verifyBytes } from './helpers';

const encode = (value: unknown) => new TextEncoder().encode(canonicalJson(value));
const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

/** Unzips a case file and drops its signature, as anyone rewriting the manifest must. */
function unsignedEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  const { [SIGNATURE_PATH]: _signature, ...entries } = unzipSync(bytes);
  return entries;
}

/** Sets manifest fields without changing any entry. */
function editManifest(entries: Record<string, Uint8Array>, fields: Record<string, unknown>): Record<string, Uint8Array> {
  const manifest = decode(entries[MANIFEST_PATH]) as Record<string, unknown>;
  return { ...entries, [MANIFEST_PATH]: encode({ ...manifest, ...fields }) };
}

const REDACTED_FLAGS = { redacted: true, redactedKinds: ['secrets'], includesOriginals: false };

describe('redacted case files', () => {
  it('rejects swapped evidence under a redacted flag', async () => {
    const entries = unsignedEntries(await writeCaseFileBytes(await sampleCase()));
    const path = 'bundles/001/00001.jsonl';
    const forged = new TextEncoder().encode(new TextDecoder().decode(entries[path]).replace('aws', 'gcp'));
    const verification = await verifyBytes(rezip(await replaceEntry(entries, path, forged, (manifest) => ({ ...manifest, ...REDACTED_FLAGS }))));
    expect(verification.failures).toEqual([]);
    expect(() => readCaseContents(verification)).toThrow(`evidence entry ${path} differs from its original, but no removed span is listed for it`);
  });

  it('rejects an original archive in a redacted file', async () => {
    const entries = unsignedEntries(await writeCaseFileBytes(await sampleCaseWithArchive()));
    const verification = await verifyBytes(rezip(editManifest(entries, REDACTED_FLAGS)));
    expect(verification.ok).toBe(false);
    expect(verification.failures).toContainEqual({ entry: 'bundles/002/original.zip', reason: expect.stringMatching(/^a redacted case file cannot carry an original archive/) as unknown });
  });

  it('rejects an original when the manifest denies originals', async () => {
    const entries = unsignedEntries(await writeCaseFileBytes(await sampleCaseWithArchive()));
    const verification = await verifyBytes(rezip(editManifest(entries, { includesOriginals: false })));
    expect(verification.failures.map((failure) => failure.entry)).toEqual(['bundles/002/original.zip']);
  });

  it('rejects evidence when the manifest denies evidence', async () => {
    const entries = unsignedEntries(await writeCaseFileBytes(await sampleCase()));
    const verification = await verifyBytes(rezip(editManifest(entries, { includesEvidence: false })));
    expect(verification.failures.map((failure) => failure.entry)).toEqual(['bundles/001/00001.jsonl', 'bundles/001/00002.json']);
    expect(verification.failures[0]?.reason).toBe('the manifest says the case file includes no evidence, but lists this entry');
  });

  it('accepts a real redacted export', async () => {
    const verification = await verifyBytes(await writeCaseFileBytes(await sampleCaseWithArchive(), { redaction: { kinds: ['secrets', 'email', 'home-path'] } }));
    expect(verification.failures).toEqual([]);
    expect(readCaseContents(verification).redactions.length).toBeGreaterThan(0);
  });

  async function withRedactions(edit: (spans: Record<string, unknown>[]) => unknown[]) {
    const entries = unsignedEntries(await writeCaseFileBytes(await sampleCase(), { redaction: { kinds: ['secrets', 'email', 'home-path'] } }));
    const spans = decode(entries['redactions.json']) as Record<string, unknown>[];
    expect(spans.some((span) => span.entry === 'bundles/001/00001.jsonl')).toBe(true);
    return verifyBytes(rezip(await replaceEntry(entries, 'redactions.json', encode(edit(spans)))));
  }

  it('rejects a span naming a missing entry', async () => {
    const verification = await withRedactions((spans) => spans.map((span, index) => (index === 0 ? { ...span, entry: 'bundles/009/00001.jsonl' } : span)));
    expect(verification.ok).toBe(true);
    expect(() => readCaseContents(verification)).toThrow('span 1 names bundles/009/00001.jsonl, which is neither an evidence entry nor a JSON entry of the case file');
  });

  it('rejects a span past the original size', async () => {
    const verification = await withRedactions((spans) => spans.map((span) => (span.entry === 'bundles/001/00001.jsonl' ? { ...span, offset: 10_000_000 } : span)));
    expect(() => readCaseContents(verification)).toThrow(/span \d+ \(bytes 10000000 to \d+\) runs past the \d+ bytes of the original of bundles\/001\/00001\.jsonl/);
  });

  it('rejects a redacted copy without its spans', async () => {
    const verification = await withRedactions((spans) => spans.filter((span) => span.entry !== 'bundles/001/00001.jsonl'));
    expect(() => readCaseContents(verification)).toThrow('evidence entry bundles/001/00001.jsonl differs from its original, but no removed span is listed for it');
  });

  it('rejects spans that do not give the copy size', async () => {
    const verification = await withRedactions((spans) => spans.map((span) => (span.entry === 'bundles/001/00001.jsonl' ? { ...span, replacement: `${String(span.replacement)}!` } : span)));
    expect(() => readCaseContents(verification)).toThrow(/evidence entry bundles\/001\/00001\.jsonl has \d+ bytes, but its original of \d+ bytes with the listed spans replaced has \d+/);
  });

  it('rejects spans in an unredacted file', async () => {
    const entries = unsignedEntries(await writeCaseFileBytes(await sampleCase(), { redaction: { kinds: ['secrets', 'email', 'home-path'] } }));
    const verification = await verifyBytes(rezip(editManifest(entries, { redacted: false, redactedKinds: [] })));
    expect(verification.failures).toEqual([]);
    expect(() => readCaseContents(verification)).toThrow(/inconsistent/);
  });
});

describe('manifest roles', () => {
  it('rejects a second annotations entry', async () => {
    const entries = unsignedEntries(await writeCaseFileBytes(await sampleCase()));
    const manifest = decode(entries[MANIFEST_PATH]) as { entries: { path: string; role: string; sha256: string; size: number }[] };
    const listed = manifest.entries.find((entry) => entry.role === 'annotations')!;
    manifest.entries.push({ ...listed, path: 'annotations2.json' });
    const verification = await verifyBytes(rezip({ ...entries, 'annotations2.json': entries['annotations.json']!, [MANIFEST_PATH]: encode(manifest) }));
    expect(verification.failures).toEqual([{ entry: MANIFEST_PATH, reason: 'invalid: entry annotations2.json is a second entry with the role "annotations"' }]);
  });
});
