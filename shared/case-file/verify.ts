// Reads and verifies a case file before anything from it is used: the manifest's shape, every
// entry's size and SHA-256, entries present but not listed, and the signature when there is
// one. Nothing is returned for use unless every check passes.

import { unzipSync } from 'fflate';
import { sha256Hex } from '../io/hash';
import type { CaseBundle, CaseRecords, Redaction } from './content';
import { MANIFEST_PATH, SIGNATURE_PATH, manifestProblem, type CaseManifest, type EntryRole } from './manifest';
import { recordsProblem, type RecordKind, type RecordOf } from './records';
import { checkSignature, type SignatureCheck } from './signature';

/** Limits against zip bombs: entries and declared uncompressed bytes of one case file. */
export const MAX_CASE_ENTRIES = 100_000;
export const MAX_CASE_BYTES = 4 * 1024 ** 3;

export interface EntryCheck {
  readonly path: string;
  readonly role: EntryRole;
  readonly expectedSha256: string;
  readonly actualSha256: string | null;
  readonly expectedSize: number;
  readonly actualSize: number | null;
  readonly ok: boolean;
}

export interface CaseFailure {
  /** The zip entry that failed, or `(zip)` when the file is not a readable zip. */
  readonly entry: string;
  readonly reason: string;
}

export interface CaseVerification {
  readonly ok: boolean;
  readonly failures: readonly CaseFailure[];
  readonly manifest: CaseManifest | null;
  readonly entries: readonly EntryCheck[];
  readonly signature: SignatureCheck;
  /** Verified entry bytes by path; empty unless `ok`. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

function parseJson(bytes: Uint8Array): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function unreadable(entry: string, reason: string): CaseVerification {
  return { ok: false, failures: [{ entry, reason }], manifest: null, entries: [], signature: { status: 'absent' }, files: new Map() };
}

/** One line naming the first failed entry, for error messages. */
export function describeFailure(verification: CaseVerification): string {
  const first = verification.failures[0];
  if (!first) return 'The case file verified.';
  const more = verification.failures.length > 1 ? ` (${verification.failures.length - 1} more failure(s))` : '';
  return `Case file rejected: ${first.entry}: ${first.reason}${more}.`;
}

export async function verifyCaseFile(bytes: Uint8Array): Promise<CaseVerification> {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let count = 0;
  let declared = 0;
  let zip: Record<string, Uint8Array>;
  try {
    zip = unzipSync(bytes, {
      filter: (file) => {
        count++;
        declared += file.originalSize;
        if (count > MAX_CASE_ENTRIES) throw new Error(`more than ${MAX_CASE_ENTRIES} entries`);
        if (declared > MAX_CASE_BYTES) throw new Error(`entries declare more than ${MAX_CASE_BYTES} uncompressed bytes`);
        if (seen.has(file.name)) duplicates.push(file.name);
        seen.add(file.name);
        return true;
      },
    });
  } catch (error) {
    return unreadable('(zip)', `not a readable zip: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stored = new Map(Object.entries(zip));
  if (duplicates.length > 0) return unreadable(duplicates[0]!, 'the zip holds this entry name more than once');

  const manifestBytes = stored.get(MANIFEST_PATH);
  if (!manifestBytes) return unreadable(MANIFEST_PATH, 'missing');
  const parsed = parseJson(manifestBytes);
  if ('error' in parsed) return unreadable(MANIFEST_PATH, `not valid JSON: ${parsed.error}`);
  const problem = manifestProblem(parsed.value);
  if (problem) return unreadable(MANIFEST_PATH, `invalid: ${problem}`);
  const manifest = parsed.value as CaseManifest;

  const failures: CaseFailure[] = [];
  let signature: SignatureCheck = { status: 'absent' };
  const signatureBytes = stored.get(SIGNATURE_PATH);
  if (signatureBytes) {
    const parsedSignature = parseJson(signatureBytes);
    signature = 'error' in parsedSignature ? { status: 'invalid', reason: `not valid JSON: ${parsedSignature.error}` } : await checkSignature(parsedSignature.value, manifestBytes);
    if (signature.status === 'invalid') failures.push({ entry: SIGNATURE_PATH, reason: signature.reason });
  }

  const entries: EntryCheck[] = [];
  for (const entry of manifest.entries) {
    const data = stored.get(entry.path);
    const actualSha256 = data ? await sha256Hex(data) : null;
    const check: EntryCheck = {
      path: entry.path,
      role: entry.role,
      expectedSha256: entry.sha256,
      actualSha256,
      expectedSize: entry.size,
      actualSize: data ? data.length : null,
      ok: data !== undefined && data.length === entry.size && actualSha256 === entry.sha256,
    };
    entries.push(check);
    if (!data) failures.push({ entry: entry.path, reason: 'listed in the manifest but missing from the zip' });
    else if (data.length !== entry.size) failures.push({ entry: entry.path, reason: `size is ${data.length} bytes, the manifest lists ${entry.size}` });
    else if (actualSha256 !== entry.sha256) failures.push({ entry: entry.path, reason: `SHA-256 is ${actualSha256}, the manifest lists ${entry.sha256}` });
  }
  const listed = new Set(manifest.entries.map((entry) => entry.path));
  for (const path of stored.keys()) {
    if (path !== MANIFEST_PATH && path !== SIGNATURE_PATH && !listed.has(path)) failures.push({ entry: path, reason: 'present in the zip but not listed in the manifest' });
  }
  const ok = failures.length === 0;
  return { ok, failures, manifest, entries, signature, files: ok ? stored : new Map() };
}

/**
 * Checks that every entry `bundles.json` names is in the manifest with the matching role, and
 * every evidence and original entry belongs to one bundle. An original's SHA-256 and size must
 * match its entry and its bundle, and evidence without an entry must belong to a bundle carried
 * as its original. Returns the first problem, or null.
 */
function bundlesProblem(bundles: readonly CaseBundle[], manifest: CaseManifest): string | null {
  const listed = new Map(manifest.entries.map((entry) => [entry.path, entry]));
  const used = new Set<string>();
  for (const bundle of bundles) {
    const original = bundle.original ?? null;
    if (original) {
      const entry = listed.get(original.entry);
      if (!entry || entry.role !== 'original') return `bundle ${JSON.stringify(bundle.name)} names the original ${original.entry}, which the manifest does not list as an original`;
      if (entry.sha256 !== original.sha256 || entry.size !== original.size) return `the original ${original.entry} has another SHA-256 or size than the manifest lists`;
      if (bundle.sha256 !== original.sha256) return `the original ${original.entry} has SHA-256 ${original.sha256}, but its bundle has ${String(bundle.sha256)}`;
      if (used.has(original.entry)) return `entry ${original.entry} is named twice`;
      used.add(original.entry);
    }
    for (const item of bundle.evidence) {
      if (item.entry === null) {
        if (!original) return `evidence ${JSON.stringify(item.path)} of bundle ${JSON.stringify(bundle.name)} has no entry and the bundle carries no original`;
        continue;
      }
      const entry = listed.get(item.entry);
      if (!entry || entry.role !== 'evidence') return `evidence ${JSON.stringify(item.path)} names the entry ${item.entry}, which the manifest does not list as evidence`;
      if (used.has(item.entry)) return `entry ${item.entry} is named twice`;
      used.add(item.entry);
    }
  }
  const unused = manifest.entries.find((entry) => (entry.role === 'evidence' || entry.role === 'original') && !used.has(entry.path));
  return unused ? `entry ${unused.path} belongs to no bundle` : null;
}

export interface CaseContents extends CaseRecords {
  readonly bundles: readonly CaseBundle[];
  readonly redactions: readonly Redaction[];
}

function entryOf(verification: CaseVerification, role: EntryRole): string | undefined {
  return verification.manifest?.entries.find((entry) => entry.role === role)?.path;
}

/**
 * Parses the records of a verified case file. Raises an error naming the entry when one is not
 * the JSON list the format defines.
 */
export function readCaseContents(verification: CaseVerification): CaseContents {
  if (!verification.ok) throw new Error(describeFailure(verification));
  const list = (role: EntryRole, kind: RecordKind | null): unknown[] => {
    const path = entryOf(verification, role);
    if (!path) return [];
    const parsed = parseJson(verification.files.get(path)!);
    if ('error' in parsed) throw new Error(`Case file entry ${path} is not valid JSON: ${parsed.error}`);
    if (!Array.isArray(parsed.value)) throw new Error(`Case file entry ${path} is not a JSON list.`);
    const problem = kind ? recordsProblem(kind, parsed.value) : null;
    if (problem) throw new Error(`Case file entry ${path} is invalid: ${problem}.`);
    return parsed.value as unknown[];
  };
  const hasFindings = entryOf(verification, 'findings') !== undefined;
  const bundles = list('bundles', 'bundle') as RecordOf<'bundle'>[];
  const problem = bundlesProblem(bundles, verification.manifest!);
  if (problem) throw new Error(`Case file entry ${entryOf(verification, 'bundles')} is inconsistent with the manifest: ${problem}.`);
  return {
    annotations: list('annotations', 'annotation') as RecordOf<'annotation'>[],
    chains: list('chains', 'chain') as RecordOf<'chain'>[],
    reviews: list('reviews', 'review') as RecordOf<'review'>[],
    log: list('log', 'log') as RecordOf<'log'>[],
    findings: hasFindings ? list('findings', null) : undefined,
    bundles: bundles.map((bundle) => ({ ...bundle, original: bundle.original ?? null, originalOmitted: bundle.originalOmitted ?? null })),
    redactions: list('redactions', null) as Redaction[],
  };
}
