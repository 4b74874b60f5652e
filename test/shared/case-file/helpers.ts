// Builds case files for the format tests: real evidence from the cross-source fixture, records
// from two analysts, and an Ed25519 key made with Node's WebCrypto.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { canonicalJson } from '../../../shared/case-file/canonical';
import { MANIFEST_PATH, SIGNATURE_PATH } from '../../../shared/case-file/manifest';
import { sha256Hex } from '../../../shared/io/hash';
import { bytesContent, type BundleToExport, type CaseSigner, type CaseToExport } from '../../../shared/case-file/write';
import { verifyCaseFile, type CaseVerification } from '../../../shared/case-file/verify';
import { bytesFile, readEntry } from '../../../shared/case-file/zip-access';
import { concatBytes } from '../../../shared/io/bytes';
import type { Annotation, Chain, LogEntry, Review } from '../../../shared/case-file/types';
import { REPO_ROOT, sample } from '../../helpers/samples';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'cross-source');

/** Reads a file of the cross-source fixture. */
export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE, path)));
}

/** Verifies a case file held in memory. */
export function verifyBytes(bytes: Uint8Array): Promise<CaseVerification> {
  return verifyCaseFile(bytesFile(bytes));
}

/** Reads one verified entry of a case file held in memory. */
export async function entryBytes(bytes: Uint8Array, verification: CaseVerification, path: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of readEntry(bytesFile(bytes), verification.locations.get(path)!)) parts.push(chunk);
  return concatBytes(parts);
}

export async function makeSigner(): Promise<CaseSigner> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { publicKey, sign: async (message) => new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, message as Uint8Array<ArrayBuffer>)) };
}

export const ANNOTATION: Annotation = {
  id: '0mabc0000-00112233',
  targetKind: 'event',
  targetId: '00000000-0000-4000-8000-000000000003',
  session: 'c0ffee00-1111-4222-8333-444455556666',
  label: 'suspicious',
  severity: 'high',
  note: 'Printed the key of **alice@example.com** from /home/alice/.aws on 10.1.2.3',
  author: 'Ann',
  createdAt: 1_770_000_000_000,
  updatedAt: 1_770_000_000_000,
};

export const CHAIN: Chain = {
  id: '0mabc0001-44556677',
  session: 'c0ffee00-1111-4222-8333-444455556666',
  title: 'Key to bucket wipe',
  narrative: 'The agent assumed the role, printed the key, then deleted objects.',
  events: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000005'],
  author: 'Ann',
  createdAt: 1_770_000_000_001,
  updatedAt: 1_770_000_000_001,
};

export const REVIEW: Review = {
  id: '0mabc0002-8899aabb',
  link: 'a->b',
  verdict: 'confirmed',
  note: 'Same key, same minute.',
  author: 'Ann',
  createdAt: 1_770_000_000_002,
  updatedAt: 1_770_000_000_002,
};

export const LOG: LogEntry = { id: '0mabc0003-ccddeeff', time: 1_770_000_000_003, author: 'Ann', action: 'annotate', detail: 'Annotated event 3 as suspicious.' };

export async function sampleCase(): Promise<CaseToExport> {
  const evidence = [];
  for (const path of ['transcript.jsonl', 'cloudtrail.json']) {
    const bytes = fixtureBytes(path);
    evidence.push({ path, sha256: await sha256Hex(bytes), size: bytes.length, format: null, content: bytesContent(bytes) });
  }
  return {
    caseId: '0mabcdef0-01020304',
    title: 'Audit bucket wipe',
    examiner: 'Ann',
    createdAt: 1_770_000_000_000,
    exportedAt: 1_770_000_100_000,
    app: { name: 'custody', version: '0.1.0' },
    annotations: [ANNOTATION],
    chains: [CHAIN],
    reviews: [REVIEW],
    log: [LOG],
    findings: [{ id: 'finding-1', rule: 'example', events: ['00000000-0000-4000-8000-000000000003'] }],
    bundles: [{ name: 'cross-source', kind: 'folder', sha256: 'f'.repeat(64), original: null, evidence }],
  };
}

/** Builds an archive bundle from the real Claude Code sample zip: the zip file as the original, its files as evidence. */
export async function archiveBundle(): Promise<BundleToExport> {
  const original = new Uint8Array(readFileSync(ARCHIVE));
  const evidence = [];
  for (const [path, bytes] of Object.entries(unzipSync(original))) {
    if (path.endsWith('/')) continue;
    evidence.push({ path, sha256: await sha256Hex(bytes), size: bytes.length, format: 'claude-code', content: bytesContent(bytes) });
  }
  return { name: 'claude-projects.zip', kind: 'zip', sha256: await sha256Hex(original), original: bytesContent(original), evidence };
}

export const ARCHIVE = sample('bundles', 'claude-projects.zip');

/** Builds the sample case with a second bundle, the sample zip carried as its original. */
export async function sampleCaseWithArchive(): Promise<CaseToExport> {
  const input = await sampleCase();
  return { ...input, bundles: [...input.bundles!, await archiveBundle()] };
}

/** Zips entries as a tool other than the writer would: manifest and signature stored, the rest deflated. */
export function rezip(entries: Record<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = [data, { level: name === MANIFEST_PATH || name === SIGNATURE_PATH ? 0 : 6 }];
  return zipSync(files);
}

type ManifestJson = Record<string, unknown> & { entries: { path: string; sha256: string; size: number }[] };

/**
 * Replaces one entry and lists its new SHA-256 and size in the manifest, as anyone without the
 * signing key can. `edit` may change the manifest further.
 */
export async function replaceEntry(
  entries: Record<string, Uint8Array>,
  path: string,
  bytes: Uint8Array,
  edit: (manifest: ManifestJson) => Record<string, unknown> = (manifest) => manifest,
): Promise<Record<string, Uint8Array>> {
  const manifest = JSON.parse(new TextDecoder().decode(entries[MANIFEST_PATH])) as ManifestJson;
  const listed = manifest.entries.find((entry) => entry.path === path)!;
  listed.sha256 = await sha256Hex(bytes);
  listed.size = bytes.length;
  return { ...entries, [MANIFEST_PATH]: new TextEncoder().encode(canonicalJson(edit(manifest))), [path]: bytes };
}

/** Rewrites a case file without originals as format version 1 wrote it, unsigned, with the manifest updated to match. */
export async function asVersion1(bytes: Uint8Array): Promise<Uint8Array> {
  const entries = unzipSync(bytes);
  const bundles = JSON.parse(new TextDecoder().decode(entries['bundles.json'])) as Record<string, unknown>[];
  const oldBundles = new TextEncoder().encode(canonicalJson(bundles.map(({ original: _original, originalOmitted: _omitted, ...rest }) => rest)));
  // The rewritten manifest no longer matches a signature, so the copy is unsigned.
  const { [SIGNATURE_PATH]: _signature, ...unsigned } = entries;
  return rezip(await replaceEntry(unsigned, 'bundles.json', oldBundles, ({ includesOriginals: _originals, ...manifest }) => ({ ...manifest, formatVersion: 1 })));
}
