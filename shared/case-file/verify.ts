// Reads and verifies a case file before anything from it is used: the manifest's shape, every
// entry's size and SHA-256, entries present but not listed, and the signature when there is
// one. The file is read through its central directory, one piece at a time, and each entry is
// hashed as it streams. Nothing is returned for use unless every check passes.

import { createSha256Stream } from '../io/hash';
import type { CaseBundle, CaseRecords, Redaction } from './content';
import { MANIFEST_PATH, SIGNATURE_PATH, manifestProblem, type CaseManifest, type EntryRole } from './manifest';
import { recordsProblem, type RecordKind, type RecordOf } from './records';
import { checkSignature, type SignatureCheck } from './signature';
import { ZipFormatError, readCentralDirectory, readEntry, type RandomAccessFile, type ZipEntryLocation } from './zip-access';

/** Limits against zip bombs: entries and declared uncompressed bytes of one case file. */
export const MAX_CASE_ENTRIES = 100_000;
export const MAX_CASE_BYTES = 4 * 1024 ** 3;
/** Largest manifest, signature or records entry read into memory. */
export const MAX_JSON_ENTRY_BYTES = 256 * 1024 ** 2;

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
  /**
   * Verified bytes of the manifest, the signature and the records entries, by path; empty
   * unless `ok`. Evidence and original entries are not kept: read them through `locations`.
   */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Location of each zip entry in the file, by name; empty unless `ok`. */
  readonly locations: ReadonlyMap<string, ZipEntryLocation>;
}

/** Roles whose entries are streamed and hashed but not kept in memory. */
const CONTENT_ROLES: ReadonlySet<EntryRole> = new Set<EntryRole>(['evidence', 'original']);

function parseJson(bytes: Uint8Array): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function unreadable(entry: string, reason: string): CaseVerification {
  return { ok: false, failures: [{ entry, reason }], manifest: null, entries: [], signature: { status: 'absent' }, files: new Map(), locations: new Map() };
}

/** One line naming the first failed entry, for error messages. */
export function describeFailure(verification: CaseVerification): string {
  const first = verification.failures[0];
  if (!first) return 'The case file verified.';
  const more = verification.failures.length > 1 ? ` (${verification.failures.length - 1} more failure(s))` : '';
  return `Case file rejected: ${first.entry}: ${first.reason}${more}.`;
}

interface StreamedEntry {
  readonly sha256: string;
  readonly size: number;
  /** The bytes, when the caller asked to keep them. */
  readonly bytes: Uint8Array | null;
}

/** Streams one entry through SHA-256, keeping its bytes when `keep` is set. */
async function streamEntry(file: RandomAccessFile, location: ZipEntryLocation, keep: boolean): Promise<StreamedEntry> {
  if (keep && location.size > MAX_JSON_ENTRY_BYTES) throw new ZipFormatError(location.name, `the entry declares ${location.size} bytes, more than the ${MAX_JSON_ENTRY_BYTES} read for a JSON entry`);
  const hash = await createSha256Stream();
  const kept = keep ? new Uint8Array(location.size) : null;
  let size = 0;
  for await (const chunk of readEntry(file, location)) {
    hash.update(chunk);
    kept?.set(chunk, size);
    size += chunk.length;
  }
  return { sha256: hash.digest(), size, bytes: kept };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads an entry that must be kept whole (manifest, signature); a failure names the entry. */
async function readWhole(file: RandomAccessFile, location: ZipEntryLocation): Promise<{ bytes: Uint8Array } | { failure: CaseFailure }> {
  try {
    return { bytes: (await streamEntry(file, location, true)).bytes! };
  } catch (error) {
    return { failure: { entry: location.name, reason: reasonOf(error) } };
  }
}

/** Checks one listed entry against the manifest; returns its check and the kept bytes of a records entry. */
async function checkEntry(file: RandomAccessFile, entry: CaseManifest['entries'][number], location: ZipEntryLocation | undefined): Promise<{ check: EntryCheck; failure: CaseFailure | null; bytes: Uint8Array | null }> {
  const base = { path: entry.path, role: entry.role, expectedSha256: entry.sha256, expectedSize: entry.size };
  const failed = (reason: string, actualSize: number | null = null, actualSha256: string | null = null) => ({
    check: { ...base, actualSha256, actualSize, ok: false },
    failure: { entry: entry.path, reason },
    bytes: null,
  });
  if (!location) return failed('listed in the manifest but missing from the zip');
  // A declared size other than the listed one fails without reading the data.
  if (location.size !== entry.size) return failed(`size is ${location.size} bytes, the manifest lists ${entry.size}`, location.size);
  let streamed: StreamedEntry;
  try {
    streamed = await streamEntry(file, location, !CONTENT_ROLES.has(entry.role));
  } catch (error) {
    return failed(reasonOf(error));
  }
  if (streamed.sha256 !== entry.sha256) return failed(`SHA-256 is ${streamed.sha256}, the manifest lists ${entry.sha256}`, streamed.size, streamed.sha256);
  return { check: { ...base, actualSha256: streamed.sha256, actualSize: streamed.size, ok: true }, failure: null, bytes: streamed.bytes };
}

/**
 * Checks the manifest's flags against its entries. A redacted export carries no original
 * archive, because the archive contains what redaction removed. A file flagged as without
 * evidence or without originals carries none.
 */
function flagProblems(manifest: CaseManifest): CaseFailure[] {
  const failures: CaseFailure[] = [];
  for (const entry of manifest.entries) {
    if (entry.role === 'original' && manifest.redacted) {
      failures.push({ entry: entry.path, reason: 'a redacted case file cannot carry an original archive, because the archive holds what redaction removed' });
    } else if (entry.role === 'original' && manifest.includesOriginals === false) {
      failures.push({ entry: entry.path, reason: 'the manifest says the case file includes no original archives, but lists this one' });
    }
    if ((entry.role === 'evidence' || entry.role === 'original') && !manifest.includesEvidence) {
      failures.push({ entry: entry.path, reason: 'the manifest says the case file includes no evidence, but lists this entry' });
    }
  }
  return failures;
}

export async function verifyCaseFile(file: RandomAccessFile): Promise<CaseVerification> {
  let directory: ZipEntryLocation[];
  try {
    directory = await readCentralDirectory(file, { maxEntries: MAX_CASE_ENTRIES, maxBytes: MAX_CASE_BYTES, exactLayout: true });
  } catch (error) {
    if (error instanceof ZipFormatError && error.entry !== '(zip)') return unreadable(error.entry, reasonOf(error));
    return unreadable('(zip)', `not a readable zip: ${reasonOf(error)}`);
  }
  const locations = new Map<string, ZipEntryLocation>();
  for (const location of directory) {
    if (locations.has(location.name)) return unreadable(location.name, 'the zip holds this entry name more than once');
    locations.set(location.name, location);
  }

  const manifestLocation = locations.get(MANIFEST_PATH);
  if (!manifestLocation) return unreadable(MANIFEST_PATH, 'missing');
  const manifestRead = await readWhole(file, manifestLocation);
  if ('failure' in manifestRead) return unreadable(MANIFEST_PATH, manifestRead.failure.reason);
  const manifestBytes = manifestRead.bytes;
  const parsed = parseJson(manifestBytes);
  if ('error' in parsed) return unreadable(MANIFEST_PATH, `not valid JSON: ${parsed.error}`);
  const problem = manifestProblem(parsed.value);
  if (problem) return unreadable(MANIFEST_PATH, `invalid: ${problem}`);
  const manifest = parsed.value as CaseManifest;

  const failures: CaseFailure[] = [];
  const files = new Map<string, Uint8Array>([[MANIFEST_PATH, manifestBytes]]);
  let signature: SignatureCheck = { status: 'absent' };
  const signatureLocation = locations.get(SIGNATURE_PATH);
  if (signatureLocation) {
    const signatureRead = await readWhole(file, signatureLocation);
    if ('failure' in signatureRead) signature = { status: 'invalid', reason: signatureRead.failure.reason };
    else {
      files.set(SIGNATURE_PATH, signatureRead.bytes);
      const parsedSignature = parseJson(signatureRead.bytes);
      signature = 'error' in parsedSignature ? { status: 'invalid', reason: `not valid JSON: ${parsedSignature.error}` } : await checkSignature(parsedSignature.value, manifestBytes);
    }
    if (signature.status === 'invalid') failures.push({ entry: SIGNATURE_PATH, reason: signature.reason });
  }

  const entries: EntryCheck[] = [];
  for (const entry of manifest.entries) {
    const result = await checkEntry(file, entry, locations.get(entry.path));
    entries.push(result.check);
    if (result.failure) failures.push(result.failure);
    if (result.bytes) files.set(entry.path, result.bytes);
  }
  failures.push(...flagProblems(manifest));
  const listed = new Set(manifest.entries.map((entry) => entry.path));
  for (const path of locations.keys()) {
    if (path !== MANIFEST_PATH && path !== SIGNATURE_PATH && !listed.has(path)) failures.push({ entry: path, reason: 'present in the zip but not listed in the manifest' });
  }
  const ok = failures.length === 0;
  return { ok, failures, manifest, entries, signature, files: ok ? files : new Map(), locations: ok ? locations : new Map() };
}

export interface CaseContents extends CaseRecords {
  readonly bundles: readonly CaseBundle[];
  readonly redactions: readonly Redaction[];
}

function entryOf(verification: CaseVerification, role: EntryRole): string | undefined {
  return verification.manifest?.entries.find((entry) => entry.role === role)?.path;
}

/**
 * Checks that every entry `bundles.json` names is in the manifest with the matching role, and
 * every evidence and original entry belongs to one bundle. An original's SHA-256 and size must
 * match its entry and its bundle, and so must an unredacted evidence file's. Evidence without an
 * entry must belong to a bundle carried as its original. Returns the first problem, or null.
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
      // An unredacted copy is the original file, so its manifest hash must equal the one in
      // bundles.json. Otherwise a file rewritten along with its manifest entry would pass as the
      // original. redactionsProblem checks a redacted copy against its spans.
      if (!manifest.redacted && (entry.sha256 !== item.sha256 || entry.size !== item.size)) {
        return `evidence ${JSON.stringify(item.path)} is recorded with SHA-256 ${item.sha256} (${item.size} bytes), but its entry ${item.entry} has ${entry.sha256} (${entry.size} bytes)`;
      }
      if (used.has(item.entry)) return `entry ${item.entry} is named twice`;
      used.add(item.entry);
    }
  }
  const unused = manifest.entries.find((entry) => (entry.role === 'evidence' || entry.role === 'original') && !used.has(entry.path));
  return unused ? `entry ${unused.path} belongs to no bundle` : null;
}

/**
 * Checks `redactions.json` against the entries it names. Each span names an evidence entry of
 * `bundles.json`, the manifest or another JSON entry, and lies within the original's size. The spans of one
 * evidence file must not overlap, and replacing them in the original must give the size of the
 * redacted copy. A copy without spans must be the original (same SHA-256 and size), so only
 * bytes listed as removed can differ from it. Returns the first problem, or null.
 * NOTE: without the original the bytes outside the spans cannot be compared, so a copy edited
 * outside them to the same size still passes. The views show its SHA-256 as a redacted copy's.
 */
function redactionsProblem(redactions: readonly Redaction[], bundles: readonly CaseBundle[], manifest: CaseManifest): string | null {
  if (!manifest.redacted) return redactions.length > 0 ? 'the case file is not redacted, but lists removed spans' : null;
  const listed = new Map(manifest.entries.map((entry) => [entry.path, entry]));
  const evidence = new Map<string, CaseBundle['evidence'][number]>();
  for (const bundle of bundles) for (const item of bundle.evidence) if (item.entry !== null) evidence.set(item.entry, item);
  const spans = new Map<string, Redaction[]>();
  for (const [index, span] of redactions.entries()) {
    const item = evidence.get(span.entry);
    if (!item) {
      const entry = listed.get(span.entry);
      if (span.entry !== MANIFEST_PATH && (!entry || CONTENT_ROLES.has(entry.role))) return `span ${index + 1} names ${span.entry}, which is neither an evidence entry nor a JSON entry of the case file`;
      continue;
    }
    if (span.offset + span.length > item.size) return `span ${index + 1} (bytes ${span.offset} to ${span.offset + span.length}) runs past the ${item.size} bytes of the original of ${span.entry}`;
    spans.set(span.entry, [...(spans.get(span.entry) ?? []), span]);
  }
  const encoder = new TextEncoder();
  for (const [path, item] of evidence) {
    const entry = listed.get(path)!;
    const removed = [...(spans.get(path) ?? [])].sort((a, b) => a.offset - b.offset);
    if (removed.length === 0) {
      if (entry.sha256 !== item.sha256 || entry.size !== item.size) return `evidence entry ${path} differs from its original, but no removed span is listed for it`;
      continue;
    }
    let expected = item.size;
    let end = 0;
    for (const span of removed) {
      if (span.offset < end) return `two spans of ${path} overlap at byte ${span.offset}`;
      end = span.offset + span.length;
      expected += encoder.encode(span.replacement).length - span.length;
    }
    if (entry.size !== expected) return `evidence entry ${path} has ${entry.size} bytes, but its original of ${item.size} bytes with the listed spans replaced has ${expected}`;
  }
  return null;
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
  const redactions = list('redactions', 'redaction') as Redaction[];
  const redactionProblem = redactionsProblem(redactions, bundles, verification.manifest!);
  if (redactionProblem) throw new Error(`Case file entry ${entryOf(verification, 'redactions') ?? 'redactions.json'} is inconsistent with the evidence: ${redactionProblem}.`);
  return {
    annotations: list('annotations', 'annotation') as RecordOf<'annotation'>[],
    chains: list('chains', 'chain') as RecordOf<'chain'>[],
    reviews: list('reviews', 'review') as RecordOf<'review'>[],
    log: list('log', 'log') as RecordOf<'log'>[],
    findings: hasFindings ? list('findings', null) : undefined,
    bundles: bundles.map((bundle) => ({ ...bundle, original: bundle.original ?? null, originalOmitted: bundle.originalOmitted ?? null })),
    redactions,
  };
}
