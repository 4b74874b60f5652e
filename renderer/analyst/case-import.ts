// Imports a case file: verifies it completely before anything is written, then re-imports each
// bundle through the import worker and merges the analysts' records by id, keeping conflicting
// versions. A bundle carried as its original archive is imported from that file, so it gets the
// sender's bundle SHA-256; other bundles are imported from their evidence files. Bundles whose
// SHA-256 or evidence this profile already has are skipped.

import { archiveMismatches } from '../../shared/case-file/archive-check';
import type { CaseBundle } from '../../shared/case-file/content';
import { mergeRecords, versionHasher } from '../../shared/case-file/merge';
import { readCaseContents, verifyCaseFile, describeFailure, type CaseContents, type CaseVerification } from '../../shared/case-file/verify';
import { sha256Hex } from '../../shared/io/hash';
import { listBundles, listEvidence } from '../data';
import { startImport, type ImportInput, type ImportOutcome } from '../import/client';
import { blobFile, entryFile } from './case-blob';
import { getAnalystDb, type AnalystDb } from './db';
import { getCase, logAction, setCase } from './store';

export interface CheckedCase {
  /** The case file as picked; evidence and originals are read from it again on import. */
  readonly file: Blob;
  readonly verification: CaseVerification;
  /** Parsed records; null when verification failed. */
  readonly contents: CaseContents | null;
  /** Reason the file cannot be imported, naming the entry; null when it can. */
  readonly error: string | null;
  /** SHA-256 of manifest.json, which identifies this export. */
  readonly manifestSha256: string | null;
}

/** Verifies a case file and parses its records, reading the file in pieces. Writes nothing. */
export async function checkCaseFile(file: Blob): Promise<CheckedCase> {
  const verification = await verifyCaseFile(blobFile(file));
  if (!verification.ok) return { file, verification, contents: null, error: describeFailure(verification), manifestSha256: null };
  try {
    const contents = readCaseContents(verification);
    return { file, verification, contents, error: null, manifestSha256: await sha256Hex(verification.files.get('manifest.json')!) };
  } catch (failure) {
    return { file, verification, contents: null, error: failure instanceof Error ? failure.message : String(failure), manifestSha256: null };
  }
}

export interface BundleImportResult {
  readonly name: string;
  readonly status: 'already-present' | ImportOutcome['status'];
  readonly message: string;
}

export interface CaseImportResult {
  readonly bundles: readonly BundleImportResult[];
  /** Bundles whose import failed or whose evidence differs from the case file's list. */
  readonly failedBundles: number;
  readonly added: number;
  readonly unchanged: number;
  readonly conflicts: number;
}

/** SHA-256 of each complete bundle with its id, and of each complete evidence file. */
async function localHashes(): Promise<{ bundles: Map<string, string>; evidence: Set<string> }> {
  const hashes = { bundles: new Map<string, string>(), evidence: new Set<string>() };
  for (const bundle of await listBundles()) {
    if (bundle.status !== 'complete') continue;
    if (bundle.sha256) hashes.bundles.set(bundle.sha256, bundle.id);
    for (const row of await listEvidence(bundle.id)) if (row.complete) hashes.evidence.add(row.sha256);
  }
  return hashes;
}

/** Returns a verified entry of the case file as a File named `name`. */
function fileOf(checked: CheckedCase, entry: string, name: string): Promise<File> {
  return entryFile(checked.file, checked.verification.locations.get(entry)!, name);
}

/**
 * Compares the evidence files of the library bundle `bundleId` with those `bundles.json` lists
 * for `bundle`. Returns a failed result naming the bundle and each differing file, or null when
 * they match.
 */
async function compareWithList(bundle: CaseBundle, bundleId: string): Promise<BundleImportResult | null> {
  const mismatches = archiveMismatches(bundle, await listEvidence(bundleId));
  if (mismatches.length === 0) return null;
  return { name: bundle.name, status: 'failed', message: `The archive does not yield the evidence files the case file lists: ${mismatches.join('; ')}.` };
}

/**
 * Imports a bundle from its original archive and checks its evidence files against
 * `bundles.json`. The result names a SHA-256 mismatch, which only changed bytes can cause.
 */
async function importOriginal(checked: CheckedCase, bundle: CaseBundle): Promise<BundleImportResult> {
  const { name } = bundle;
  const original = bundle.original!;
  const outcome = await startImport({ kind: 'file', file: await fileOf(checked, original.entry, name) }).done;
  if (outcome.status !== 'complete' && outcome.status !== 'already-imported') return { name, status: outcome.status, message: outcome.message };
  if (outcome.sha256 !== original.sha256) {
    return { name, status: 'failed', message: `${name} was imported with SHA-256 ${outcome.sha256}, but the case file lists ${original.sha256} for ${original.entry}.` };
  }
  return (await compareWithList(bundle, outcome.bundleId)) ?? { name, status: outcome.status, message: outcome.message };
}

/**
 * Imports a bundle from its evidence files: a bundle that was one plain file as that file, so its
 * bundle SHA-256 stays the same, and any other as a folder.
 */
async function importEvidence(checked: CheckedCase, bundle: CaseBundle): Promise<BundleImportResult> {
  // readCaseContents rejected a bundle without an original whose evidence lacks an entry.
  const [only] = bundle.evidence;
  let input: ImportInput;
  if (bundle.kind === 'plain' && bundle.evidence.length === 1 && only) {
    input = { kind: 'file', file: await fileOf(checked, only.entry!, bundle.name) };
  } else {
    const files = [];
    for (const item of bundle.evidence) files.push({ path: item.path, file: await fileOf(checked, item.entry!, item.path.split('/').pop() || 'evidence') });
    input = { kind: 'folder', name: bundle.name, files };
  }
  const outcome = await startImport(input).done;
  return { name: bundle.name, status: outcome.status, message: outcome.message };
}

/** Writes one bundle import of a case import to the analyst-action log. */
async function logBundleImport(checked: CheckedCase, bundle: CaseBundle, result: BundleImportResult, db: AnalystDb): Promise<void> {
  const hash = bundle.sha256 ? ` (SHA-256 ${bundle.sha256} in the case file)` : '';
  await logAction('import', `Imported ${bundle.name}${hash} from case file "${checked.verification.manifest!.case.title}": ${result.status}. ${result.message}`, db);
}

async function importBundles(checked: CheckedCase, onProgress: (message: string) => void, db: AnalystDb): Promise<BundleImportResult[]> {
  const { verification, contents } = checked;
  const entrySha = new Map(verification.entries.map((entry) => [entry.path, entry.expectedSha256]));
  const present = await localHashes();
  const results: BundleImportResult[] = [];
  for (const bundle of contents!.bundles) {
    const original = bundle.original;
    if (original) {
      const presentId = present.bundles.get(original.sha256);
      if (presentId !== undefined) {
        const mismatch = await compareWithList(bundle, presentId);
        results.push(mismatch ?? { name: bundle.name, status: 'already-present', message: `${bundle.name} is already in the library (same SHA-256).` });
        continue;
      }
      onProgress(`Importing ${bundle.name}…`);
      const result = await importOriginal(checked, bundle);
      await logBundleImport(checked, bundle, result, db);
      results.push(result);
      continue;
    }
    // The entry's own hash differs from the original's when the export was redacted.
    if (bundle.evidence.every((item) => present.evidence.has((item.entry && entrySha.get(item.entry)) ?? item.sha256))) {
      results.push({ name: bundle.name, status: 'already-present', message: `Every evidence file of ${bundle.name} is already in the library (same SHA-256).` });
      continue;
    }
    onProgress(`Importing ${bundle.name}…`);
    const result = await importEvidence(checked, bundle);
    await logBundleImport(checked, bundle, result, db);
    results.push(result);
  }
  return results;
}

/** Writes a verified case file into this profile. Raises an error when `checked` did not verify. */
export async function importCheckedCase(checked: CheckedCase, onProgress: (message: string) => void = () => {}, db: AnalystDb = getAnalystDb()): Promise<CaseImportResult> {
  if (!checked.contents || !checked.verification.manifest || checked.error) throw new Error(checked.error ?? 'The case file did not verify; nothing was imported.');
  const { contents, verification } = checked;
  const manifest = verification.manifest!;
  const bundles = await importBundles(checked, onProgress, db);
  onProgress('Merging annotations, chains and reviews…');
  // Made before the transaction: the hasher is synchronous once made.
  const hash = await versionHasher();
  const merged = await db.transaction('rw', [db.annotations, db.chains, db.reviews, db.log, db.received, db.settings], async () => {
    const annotations = mergeRecords(await db.annotations.toArray(), contents.annotations, hash);
    const chains = mergeRecords(await db.chains.toArray(), contents.chains, hash);
    const reviews = mergeRecords(await db.reviews.toArray(), contents.reviews, hash);
    await db.annotations.bulkPut([...annotations.changed]);
    await db.chains.bulkPut([...chains.changed]);
    await db.reviews.bulkPut([...reviews.changed]);
    // Log entries are facts about the past: the same id is the same entry.
    const known = new Set(await db.log.toCollection().primaryKeys());
    await db.log.bulkPut(contents.log.filter((entry) => !known.has(entry.id)));
    const signer = verification.signature.status === 'valid' ? verification.signature.fingerprint : null;
    await db.received.put({ id: checked.manifestSha256!, caseId: manifest.case.id, title: manifest.case.title, examiner: manifest.examiner, exportedAt: manifest.exportedAt, signer, importedAt: Date.now(), findings: contents.findings ?? null });
    const info = await getCase(db);
    const empty = (await db.annotations.count()) === annotations.changed.length && (await db.chains.count()) === chains.changed.length && annotations.unchanged + annotations.conflicts === 0;
    // A fresh profile takes on the received case's identity, so its own export continues that case.
    if (empty && info.title === 'Untitled case') await setCase({ id: manifest.case.id, title: manifest.case.title, createdAt: Date.parse(manifest.createdAt) || info.createdAt }, db);
    return {
      added: annotations.added + chains.added + reviews.added,
      unchanged: annotations.unchanged + chains.unchanged + reviews.unchanged,
      conflicts: annotations.conflicts + chains.conflicts + reviews.conflicts,
    };
  });
  const failedBundles = bundles.filter((bundle) => bundle.status === 'failed').length;
  const failed = failedBundles > 0 ? ` ${failedBundles} bundle(s) failed: ${bundles.filter((bundle) => bundle.status === 'failed').map((bundle) => bundle.message).join(' ')}` : '';
  await logAction(
    'case-import',
    `${failedBundles > 0 ? 'Incompletely imported' : 'Imported'} case "${manifest.case.title}" exported by ${manifest.examiner} on ${manifest.exportedAt}${verification.signature.status === 'valid' ? `, signed by key ${verification.signature.fingerprint.slice(0, 16)}…` : ', unsigned'}: ${merged.added} record(s) added, ${merged.conflicts} conflict(s).${failed}`,
    db,
  );
  return { bundles, failedBundles, ...merged };
}
