import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../shared/case-file/base64';
import { canonicalJson } from '../../../shared/case-file/canonical';
import { MANIFEST_PATH, SIGNATURE_PATH } from '../../../shared/case-file/manifest';
import { describeFailure, readCaseContents } from '../../../shared/case-file/verify';
import { writeCaseFileBytes } from '../../../shared/case-file/write';
import { sha256Hex } from '../../../shared/io/hash';
import { ANNOTATION, ARCHIVE, CHAIN, REVIEW, archiveBundle, asVersion1, entryBytes, makeSigner, replaceEntry, rezip, sampleCase, sampleCaseWithArchive, verifyBytes } from './helpers';


describe('canonical JSON', () => {
  it('sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 1, y: 2 } })).toBe('{"a":[true,null,"x"],"b":1,"d":{"y":2,"z":1}}');
  });

  it('rejects non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
  });
});

describe('base64', () => {
  it('round-trips every length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }
  });

  it('rejects non-zero padding bits', () => {
    expect(decodeBase64('QQ==')).toEqual(new Uint8Array([65]));
    expect(decodeBase64('QR==')).toBeNull();
  });
});

describe('case file round trip', () => {
  it('verifies and reads back what was written', async () => {
    const signer = await makeSigner();
    const bytes = await writeCaseFileBytes(await sampleCase(), { signer });
    const verification = await verifyBytes(bytes);
    expect(verification.failures).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.signature.status).toBe('valid');
    if (verification.signature.status === 'valid') {
      expect(verification.signature.publicKey).toBe(encodeBase64(signer.publicKey));
      expect(verification.signature.fingerprint).toBe(await sha256Hex(signer.publicKey));
    }
    expect(verification.manifest?.examiner).toBe('Ann');
    expect(verification.manifest?.redacted).toBe(false);
    expect(verification.entries.map((entry) => entry.path)).toEqual([
      'bundles/001/00001.jsonl',
      'bundles/001/00002.json',
      'bundles.json',
      'annotations.json',
      'chains.json',
      'reviews.json',
      'log.json',
      'findings.json',
    ]);
    const contents = readCaseContents(verification);
    expect(contents.annotations).toEqual([ANNOTATION]);
    expect(contents.chains).toEqual([CHAIN]);
    expect(contents.reviews).toEqual([REVIEW]);
    expect(contents.findings).toHaveLength(1);
    expect(contents.bundles[0]!.evidence.map((item) => item.path)).toEqual(['transcript.jsonl', 'cloudtrail.json']);
    const evidence = await entryBytes(bytes, verification, 'bundles/001/00001.jsonl');
    expect(await sha256Hex(evidence)).toBe(contents.bundles[0]!.evidence[0]!.sha256);
  });

  it('writes identical bytes for identical input', async () => {
    const input = await sampleCase();
    expect(await writeCaseFileBytes(input)).toEqual(await writeCaseFileBytes(input));
  });

  it('leaves evidence out on request', async () => {
    const verification = await verifyBytes(await writeCaseFileBytes({ ...(await sampleCase()), bundles: null }));
    expect(verification.ok).toBe(true);
    expect(verification.manifest?.includesEvidence).toBe(false);
    expect(verification.entries.some((entry) => entry.role === 'evidence')).toBe(false);
  });

  it('writes times outside the zip date range', async () => {
    const verification = await verifyBytes(await writeCaseFileBytes({ ...(await sampleCase()), createdAt: 0, exportedAt: 0 }));
    expect(verification.ok).toBe(true);
    expect(verification.manifest?.exportedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('reports an unsigned file as unsigned', async () => {
    const verification = await verifyBytes(await writeCaseFileBytes(await sampleCase()));
    expect(verification.ok).toBe(true);
    expect(verification.signature.status).toBe('absent');
  });
});

describe('case file tampering', () => {
  it('names the entry for one flipped byte in any entry', async () => {
    const original = await writeCaseFileBytes(await sampleCaseWithArchive(), { signer: await makeSigner() });
    const entries = unzipSync(original);
    const names = Object.keys(entries);
    expect(names).toContain(SIGNATURE_PATH);
    expect(names).toContain('bundles/002/original.zip');
    let tried = 0;
    for (const name of names) {
      const data = entries[name]!;
      for (const position of new Set([0, data.length >> 1, data.length - 1])) {
        const flipped = data.slice();
        flipped[position]! ^= 0x01;
        const verification = await verifyBytes(rezip({ ...entries, [name]: flipped }));
        const message = describeFailure(verification);
        expect(verification.ok, `${name} byte ${position}`).toBe(false);
        expect(verification.files.size, `${name} byte ${position}`).toBe(0);
        expect(verification.locations.size, `${name} byte ${position}`).toBe(0);
        if (name === MANIFEST_PATH) expect(message, `byte ${position}`).toContain(MANIFEST_PATH);
        else expect(verification.failures[0]?.entry, `${name} byte ${position}: ${message}`).toBe(name);
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(names.length * 2);
  });

  it('names an entry flipped inside the stored zip bytes', async () => {
    const original = await writeCaseFileBytes(await sampleCase(), { signer: await makeSigner() });
    const entries = unzipSync(original);
    // The signature entry is stored uncompressed, so its bytes appear verbatim in the zip.
    const signature = entries[SIGNATURE_PATH]!;
    const at = findBytes(original, signature);
    expect(at).toBeGreaterThan(0);
    const tampered = original.slice();
    tampered[at + (signature.length >> 1)]! ^= 0x04;
    const verification = await verifyBytes(tampered);
    expect(verification.ok).toBe(false);
    expect(verification.failures[0]?.entry).toBe(SIGNATURE_PATH);
  });

  it('names a byte flipped inside the stored original', async () => {
    const written = await writeCaseFileBytes(await sampleCaseWithArchive(), { signer: await makeSigner() });
    const archive = new Uint8Array(readFileSync(ARCHIVE));
    // The original is stored uncompressed, so the archive's bytes appear verbatim in the case file.
    const at = findBytes(written, archive.subarray(0, 4096));
    expect(at).toBeGreaterThan(0);
    for (const offset of [0, archive.length >> 1, archive.length - 1]) {
      const tampered = written.slice();
      tampered[at + offset]! ^= 0x01;
      const verification = await verifyBytes(tampered);
      expect(verification.ok, `offset ${offset}`).toBe(false);
      expect(verification.failures[0]?.entry, `offset ${offset}`).toBe('bundles/002/original.zip');
      expect(verification.failures[0]?.reason, `offset ${offset}`).toMatch(/^SHA-256 is [0-9a-f]{64}, the manifest lists [0-9a-f]{64}$/);
    }
  });

  it('rejects an entry missing from the zip', async () => {
    const entries = unzipSync(await writeCaseFileBytes(await sampleCase()));
    delete entries['chains.json'];
    const verification = await verifyBytes(rezip(entries));
    expect(verification.failures[0]).toEqual({ entry: 'chains.json', reason: 'listed in the manifest but missing from the zip' });
  });

  it('rejects an entry the manifest does not list', async () => {
    const entries = unzipSync(await writeCaseFileBytes(await sampleCase()));
    const verification = await verifyBytes(rezip({ ...entries, 'extra.json': new TextEncoder().encode('[]') }));
    expect(verification.failures[0]?.entry).toBe('extra.json');
  });

  it('rejects a re-signed manifest with a foreign key only by fingerprint', async () => {
    const input = await sampleCase();
    const first = await makeSigner();
    const second = await makeSigner();
    const a = await verifyBytes(await writeCaseFileBytes(input, { signer: first }));
    const b = await verifyBytes(await writeCaseFileBytes({ ...input, examiner: 'Mallory' }, { signer: second }));
    expect(a.signature.status).toBe('valid');
    expect(b.signature.status).toBe('valid');
    if (a.signature.status === 'valid' && b.signature.status === 'valid') expect(a.signature.fingerprint).not.toBe(b.signature.fingerprint);
  });

  it('rejects bytes that are not a zip', async () => {
    const verification = await verifyBytes(new TextEncoder().encode('not a zip'));
    expect(verification.ok).toBe(false);
    expect(verification.failures[0]?.entry).toBe('(zip)');
  });

  it('rejects a record of the wrong shape', async () => {
    const entries = unzipSync(await writeCaseFileBytes(await sampleCase()));
    const bad = new TextEncoder().encode('[{"id":1}]');
    const verification = await verifyBytes(rezip(await replaceEntry(entries, 'annotations.json', bad)));
    expect(verification.ok).toBe(true);
    expect(() => readCaseContents(verification)).toThrow(/annotations\.json is invalid: annotation 1/);
  });
});

describe('archive originals', () => {
  it('carries an archive bundle as its original file', async () => {
    const verification = await verifyBytes(await writeCaseFileBytes(await sampleCaseWithArchive()));
    expect(verification.failures).toEqual([]);
    expect(verification.manifest?.formatVersion).toBe(2);
    expect(verification.manifest?.includesOriginals).toBe(true);
    const onDisk = await sha256Hex(new Uint8Array(readFileSync(ARCHIVE)));
    const entry = verification.entries.find((item) => item.path === 'bundles/002/original.zip');
    expect(entry?.role).toBe('original');
    expect(entry?.actualSha256).toBe(onDisk);
    expect(verification.entries.filter((item) => item.path.startsWith('bundles/002/')).map((item) => item.path)).toEqual(['bundles/002/original.zip']);
    const [folder, archive] = readCaseContents(verification).bundles;
    expect(folder!.original).toBeNull();
    expect(folder!.originalOmitted).toBe('not-archive');
    expect(archive!.original).toEqual({ entry: 'bundles/002/original.zip', sha256: onDisk, size: readFileSync(ARCHIVE).length });
    expect(archive!.sha256).toBe(onDisk);
    expect(archive!.evidence.length).toBeGreaterThan(0);
    expect(archive!.evidence.every((item) => item.entry === null)).toBe(true);
  });

  it('rejects an original that does not match its bundle', async () => {
    const bundle = await archiveBundle();
    const input = { ...(await sampleCase()), bundles: [{ ...bundle, sha256: '0'.repeat(64) }] };
    await expect(writeCaseFileBytes(input)).rejects.toThrow(/original file of bundle "claude-projects\.zip" has SHA-256 [0-9a-f]{64}, but the bundle has 0{64}/);
  });

  it('keeps evidence files of an archive without a stored original', async () => {
    const bundle = await archiveBundle();
    const verification = await verifyBytes(await writeCaseFileBytes({ ...(await sampleCase()), bundles: [{ ...bundle, original: null }] }));
    const [archive] = readCaseContents(verification).bundles;
    expect(verification.manifest?.includesOriginals).toBe(false);
    expect(archive!.original).toBeNull();
    expect(archive!.originalOmitted).toBe('not-stored');
    expect(archive!.evidence.every((item) => item.entry?.startsWith('bundles/001/'))).toBe(true);
  });

  it('rejects bundles.json naming an entry the manifest lacks', async () => {
    const entries = unzipSync(await writeCaseFileBytes(await sampleCaseWithArchive()));
    const bundles = JSON.parse(new TextDecoder().decode(entries['bundles.json'])) as { original: { entry: string } | null }[];
    bundles[1]!.original!.entry = 'bundles/002/other.zip';
    const changed = new TextEncoder().encode(canonicalJson(bundles));
    const verification = await verifyBytes(rezip(await replaceEntry(entries, 'bundles.json', changed)));
    expect(verification.ok).toBe(true);
    expect(() => readCaseContents(verification)).toThrow(/bundles\.json is inconsistent with the manifest: bundle "claude-projects\.zip" names the original bundles\/002\/other\.zip/);
  });

  it('rejects rewritten evidence under a rewritten manifest', async () => {
    const entries = unzipSync(await writeCaseFileBytes(await sampleCase()));
    const path = Object.keys(entries).find((name) => name.startsWith('bundles/001/'))!;
    const forged = new TextEncoder().encode(new TextDecoder().decode(entries[path]).replace('aws', 'gcp'));
    const verification = await verifyBytes(rezip(await replaceEntry(entries, path, forged)));
    expect(verification.ok).toBe(true);
    expect(() => readCaseContents(verification)).toThrow(new RegExp(`is recorded with SHA-256 [0-9a-f]{64} \\(\\d+ bytes\\), but its entry ${path} has`));
  });

  it('reads a format version 1 file', async () => {
    const verification = await verifyBytes(await asVersion1(await writeCaseFileBytes(await sampleCase())));
    expect(verification.failures).toEqual([]);
    expect(verification.manifest?.formatVersion).toBe(1);
    expect(verification.manifest?.includesOriginals).toBeUndefined();
    const contents = readCaseContents(verification);
    expect(contents.bundles[0]!.original).toBeNull();
    expect(contents.bundles[0]!.evidence.map((item) => item.entry)).toEqual(['bundles/001/00001.jsonl', 'bundles/001/00002.json']);
    expect(contents.annotations).toEqual([ANNOTATION]);
  });

  it('rejects an original entry in a format version 1 file', async () => {
    const entries = unzipSync(await asVersion1(await writeCaseFileBytes(await sampleCase())));
    const manifest = JSON.parse(new TextDecoder().decode(entries[MANIFEST_PATH])) as { entries: { role: string }[] };
    manifest.entries[0]!.role = 'original';
    const verification = await verifyBytes(rezip({ ...entries, [MANIFEST_PATH]: new TextEncoder().encode(JSON.stringify(manifest)) }));
    expect(verification.failures[0]?.entry).toBe(MANIFEST_PATH);
    expect(verification.failures[0]?.reason).toMatch(/role "original", which format version 1 does not have/);
  });
});

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
