// `custody verify <case.custody>` and the case-file side of `custody report`: read a case file
// in pieces through a file handle, verify every entry and the signature, and expose its bundles
// as one bundle input.

import { open, stat, type FileHandle } from 'node:fs/promises';
import { CASE_FORMAT, MANIFEST_PATH } from '../shared/case-file/manifest';
import { formatFingerprint } from '../shared/case-file/signature';
import { MAX_CASE_BYTES, MAX_CASE_ENTRIES, MAX_JSON_ENTRY_BYTES, describeFailure, readCaseContents, verifyCaseFile, type CaseContents, type CaseVerification } from '../shared/case-file/verify';
import { readCentralDirectory, readEntry, type RandomAccessFile, type ZipEntryLocation } from '../shared/case-file/zip-access';
import { concatBytes, type BundleInput, type ByteSource } from '../shared/io/bytes';
import { archiveMismatches } from '../shared/case-file/archive-check';
import { ingestBundle } from '../shared/ingest/pipeline';
import type { EvidenceFile } from '../shared/model/evidence';

/** Reads a file at any offset through an open handle. */
async function openRandomAccess(path: string): Promise<{ file: RandomAccessFile; handle: FileHandle }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  const file: RandomAccessFile = {
    size,
    read: async (offset, length) => {
      const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return bytes.subarray(0, filled);
    },
  };
  return { file, handle };
}

/** True for a `.custody` file, or any zip with a `manifest.json` whose format is a case file's. */
export async function isCaseFile(path: string): Promise<boolean> {
  if (path.endsWith('.custody')) return true;
  let opened;
  try {
    // A folder opens on Linux but fails on read with EISDIR, so only regular files are read.
    if (!(await stat(path)).isFile()) return false;
    opened = await openRandomAccess(path);
  } catch {
    return false;
  }
  try {
    // The writer stores the manifest last, so the central directory is where to find it. Other
    // zips (such as those custody collect writes) may have a manifest.json of another format.
    const entries = await readCentralDirectory(opened.file, { maxEntries: MAX_CASE_ENTRIES, maxBytes: MAX_CASE_BYTES });
    const manifest = entries.find((entry) => entry.name === MANIFEST_PATH);
    if (!manifest || manifest.size > MAX_JSON_ENTRY_BYTES) return false;
    const parts: Uint8Array[] = [];
    for await (const chunk of readEntry(opened.file, manifest)) parts.push(chunk);
    return (JSON.parse(new TextDecoder().decode(concatBytes(parts))) as { format?: unknown } | null)?.format === CASE_FORMAT;
  } catch {
    return false;
  } finally {
    await opened.handle.close();
  }
}

/**
 * Formats the result of `custody verify`. `contents` are the parsed records when they were read,
 * and `failure` the first check after verification that failed; the verdict comes last.
 */
export function verificationText(path: string, verification: CaseVerification, contents: CaseContents | null = null, failure: string | null = null): string {
  const lines = [`Case file ${path}`];
  const manifest = verification.manifest;
  if (manifest) {
    lines.push(`  case      ${manifest.case.title} (${manifest.case.id})`);
    lines.push(`  examiner  ${manifest.examiner}; exported ${manifest.exportedAt} by ${manifest.app.name} ${manifest.app.version}`);
    if (manifest.redacted) lines.push(`  redacted  ${manifest.redactedKinds.join(', ')}`);
  }
  const signature = verification.signature;
  if (signature.status === 'valid') lines.push(`  signature valid Ed25519; signer key SHA-256 ${formatFingerprint(signature.fingerprint)}`);
  else if (signature.status === 'absent') lines.push('  signature none (the hashes show the entries match the manifest, not who wrote it; the examiner and the record authors are unverified)');
  else lines.push(`  signature INVALID: ${signature.reason}`);
  for (const entry of verification.entries) {
    lines.push(`  ${entry.ok ? 'ok    ' : 'FAILED'}  ${entry.expectedSha256}  ${String(entry.expectedSize).padStart(10)}  ${entry.path}`);
  }
  if (manifest?.redacted && contents) {
    lines.push('  redacted evidence: each copy\'s own SHA-256 is verified above; the original\'s SHA-256 is as recorded, not verified');
    for (const bundle of contents.bundles) {
      for (const item of bundle.evidence) lines.push(`  copy of   ${item.sha256} (original, as recorded)  ${bundle.name}/${item.path} in ${item.entry ?? '(no entry)'}`);
    }
  }
  for (const item of verification.failures) lines.push(`FAILED: ${item.entry}: ${item.reason}`);
  if (!verification.ok) lines.push(describeFailure(verification));
  else if (failure) lines.push(`FAILED: ${failure}`);
  else lines.push(`Verified ${verification.entries.length} entries.`);
  return `${lines.join('\n')}\n`;
}

/**
 * Verifies a case file. `text` lists every entry and the signer; `failure` is null when all
 * checks passed, else one line naming the failed entry.
 */
export async function runVerify(path: string): Promise<{ text: string; failure: string | null }> {
  const { file, handle } = await openRandomAccess(path);
  try {
    const verification = await verifyCaseFile(file);
    if (!verification.ok) return { text: verificationText(path, verification), failure: `${path}: ${describeFailure(verification)}` };
    let contents: CaseContents;
    try {
      contents = readCaseContents(verification);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { text: verificationText(path, verification, null, reason), failure: `${path}: ${reason}` };
    }
    const mismatches = await originalMismatches(file, verification, contents);
    if (mismatches.length > 0) {
      const reason = archiveFailure(mismatches);
      return { text: verificationText(path, verification, contents, reason), failure: `${path}: ${reason}` };
    }
    return { text: verificationText(path, verification, contents), failure: null };
  } finally {
    await handle.close();
  }
}

/** Formats the differences between carried archives and `bundles.json` as one line. */
function archiveFailure(mismatches: readonly string[]): string {
  const more = mismatches.length > 1 ? ` (${mismatches.length - 1} more difference(s))` : '';
  return `A carried archive does not yield the evidence files bundles.json lists: ${mismatches[0]}${more}.`;
}

/**
 * Imports each carried archive in memory, without keeping its events, and compares the evidence
 * files it yields with `bundles.json`. Returns the differences.
 */
async function originalMismatches(file: RandomAccessFile, verification: CaseVerification, contents: CaseContents): Promise<string[]> {
  const mismatches: string[] = [];
  for (const bundle of contents.bundles) {
    if (!bundle.original) continue;
    const source = entrySource(file, bundle.name, verification.locations.get(bundle.original.entry)!);
    const discard = { beginEvidence: () => {}, content: () => {}, events: () => {}, endEvidence: () => {} };
    const result = await ingestBundle({ kind: 'file', source }, discard, { importId: 'verify' });
    mismatches.push(...archiveMismatches(bundle, result.evidence));
  }
  return mismatches;
}

/**
 * Compares the evidence a report read from the case file's archives with `bundles.json`, and
 * raises an error naming the bundle and file of the first difference. `evidence` paths are
 * `<bundle name>/<path in archive>`, as `input` of OpenedCase names them.
 * NOTE: two bundles with the same name share that prefix, so their files are compared as one list.
 */
export function checkReportedOriginals(opened: OpenedCase, evidence: readonly EvidenceFile[]): void {
  const mismatches: string[] = [];
  for (const bundle of opened.contents.bundles) {
    if (!bundle.original) continue;
    const prefix = `${bundle.name}/`;
    const files = evidence.filter((item) => item.path.startsWith(prefix)).map((item) => ({ ...item, path: item.path.slice(prefix.length) }));
    mismatches.push(...archiveMismatches(bundle, files));
  }
  if (mismatches.length > 0) throw new Error(archiveFailure(mismatches));
}

export interface OpenedCase {
  readonly verification: CaseVerification;
  readonly contents: CaseContents;
  /** Closes the case file; `input` cannot be read afterwards. */
  close(): Promise<void>;
  /**
   * Every bundle as one folder: an original archive as `<bundle name>`, whose entries the report
   * names `<bundle name>/<path in archive>`, and other evidence as `<bundle name>/<path in bundle>`.
   */
  readonly input: BundleInput;
}

/** Streams one verified entry of the case file as the source of a bundle file. */
function entrySource(file: RandomAccessFile, name: string, location: ZipEntryLocation): ByteSource {
  return { name, size: location.size, chunks: () => readEntry(file, location) };
}

/**
 * Reads and verifies a case file, reading it in pieces; raises an error naming the failed entry.
 * The file stays open for `input` until `close` is called.
 */
export async function openCaseFile(path: string): Promise<OpenedCase> {
  const { file, handle } = await openRandomAccess(path);
  try {
    const verification = await verifyCaseFile(file);
    if (!verification.ok) throw new Error(`${path}: ${describeFailure(verification)}`);
    const contents = readCaseContents(verification);
    if (contents.bundles.length === 0) throw new Error(`${path}: the case file contains no evidence because it was exported without it; use custody verify to check it.`);
    const locate = (entry: string) => verification.locations.get(entry)!;
    const input: BundleInput = {
      kind: 'folder',
      folder: {
        name: verification.manifest!.case.title,
        async *files() {
          for (const bundle of contents.bundles) {
            if (bundle.original) {
              yield { path: bundle.name, source: entrySource(file, bundle.name, locate(bundle.original.entry)) };
              continue;
            }
            for (const item of bundle.evidence) {
              const name = `${bundle.name}/${item.path}`;
              yield { path: name, source: entrySource(file, name, locate(item.entry!)) };
            }
          }
        },
      },
    };
    return { verification, contents, input, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Summarises what a report adds for a case file: what was verified, and how many records the analysts made. */
export function caseSummary(opened: OpenedCase) {
  const { verification, contents } = opened;
  const manifest = verification.manifest!;
  const signature = verification.signature;
  const conflicts = [...contents.annotations, ...contents.chains, ...contents.reviews].filter((record) => (record.conflicts?.length ?? 0) > 0).length;
  return {
    caseId: manifest.case.id,
    title: manifest.case.title,
    examiner: manifest.examiner,
    exportedAt: manifest.exportedAt,
    redacted: manifest.redacted,
    signer: signature.status === 'valid' ? signature.fingerprint : null,
    entriesVerified: verification.entries.length,
    annotations: contents.annotations.length,
    chains: contents.chains.length,
    reviews: contents.reviews.length,
    conflicts,
  };
}
