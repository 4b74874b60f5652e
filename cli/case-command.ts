// `custody verify <case.custody>` and the case-file side of `custody report`: read a case file,
// verify every entry and the signature, and expose its evidence as one bundle.

import { open, readFile, stat } from 'node:fs/promises';
import { formatFingerprint } from '../shared/case-file/signature';
import { describeFailure, readCaseContents, verifyCaseFile, type CaseContents, type CaseVerification } from '../shared/case-file/verify';
import { bytesSource, type BundleInput } from '../shared/io/bytes';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True for a `.custody` file, or any zip whose first entry is the case manifest. */
export async function isCaseFile(path: string): Promise<boolean> {
  if (path.endsWith('.custody')) return true;
  let handle;
  try {
    // A folder opens on Linux but fails on read with EISDIR, so only regular files are read.
    if (!(await stat(path)).isFile()) return false;
    handle = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    // A local file header is 30 bytes, then the entry name; the writer stores the manifest first.
    const head = new Uint8Array(30 + 'manifest.json'.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || ZIP_MAGIC.some((byte, index) => head[index] !== byte)) return false;
    return new TextDecoder().decode(head.subarray(30)) === 'manifest.json';
  } finally {
    await handle.close();
  }
}

export function verificationText(path: string, verification: CaseVerification): string {
  const lines = [`Case file ${path}`];
  const manifest = verification.manifest;
  if (manifest) {
    lines.push(`  case      ${manifest.case.title} (${manifest.case.id})`);
    lines.push(`  examiner  ${manifest.examiner}; exported ${manifest.exportedAt} by ${manifest.app.name} ${manifest.app.version}`);
    if (manifest.redacted) lines.push(`  redacted  ${manifest.redactedKinds.join(', ')}`);
  }
  const signature = verification.signature;
  if (signature.status === 'valid') lines.push(`  signature valid Ed25519; signer key SHA-256 ${formatFingerprint(signature.fingerprint)}`);
  else if (signature.status === 'absent') lines.push('  signature none (the hashes show the entries match the manifest, not who wrote it)');
  else lines.push(`  signature INVALID: ${signature.reason}`);
  for (const entry of verification.entries) {
    lines.push(`  ${entry.ok ? 'ok    ' : 'FAILED'}  ${entry.expectedSha256}  ${String(entry.expectedSize).padStart(10)}  ${entry.path}`);
  }
  for (const failure of verification.failures) lines.push(`FAILED: ${failure.entry}: ${failure.reason}`);
  lines.push(verification.ok ? `Verified ${verification.entries.length} entries.` : describeFailure(verification));
  return `${lines.join('\n')}\n`;
}

/**
 * Verifies a case file. `text` lists every entry and the signer; `failure` is null when all
 * checks passed, else one line naming the failed entry.
 */
export async function runVerify(path: string): Promise<{ text: string; failure: string | null }> {
  const verification = await verifyCaseFile(new Uint8Array(await readFile(path)));
  const text = verificationText(path, verification);
  if (!verification.ok) return { text, failure: `${path}: ${describeFailure(verification)}` };
  try {
    readCaseContents(verification);
  } catch (error) {
    return { text, failure: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { text, failure: null };
}

export interface OpenedCase {
  readonly verification: CaseVerification;
  readonly contents: CaseContents;
  /**
   * Every bundle as one folder: an original archive as `<bundle name>`, whose entries the report
   * names `<bundle name>/<path in archive>`, and other evidence as `<bundle name>/<path in bundle>`.
   */
  readonly input: BundleInput;
}

/** Reads and verifies a case file; raises an error naming the failed entry. */
export async function openCaseFile(path: string): Promise<OpenedCase> {
  const verification = await verifyCaseFile(new Uint8Array(await readFile(path)));
  if (!verification.ok) throw new Error(`${path}: ${describeFailure(verification)}`);
  const contents = readCaseContents(verification);
  if (contents.bundles.length === 0) throw new Error(`${path}: the case file contains no evidence because it was exported without it; use custody verify to check it.`);
  const input: BundleInput = {
    kind: 'folder',
    folder: {
      name: verification.manifest!.case.title,
      async *files() {
        for (const bundle of contents.bundles) {
          if (bundle.original) {
            yield { path: bundle.name, source: bytesSource(bundle.name, verification.files.get(bundle.original.entry)!) };
            continue;
          }
          for (const item of bundle.evidence) {
            const name = `${bundle.name}/${item.path}`;
            yield { path: name, source: bytesSource(name, verification.files.get(item.entry!)!) };
          }
        }
      },
    },
  };
  return { verification, contents, input };
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
