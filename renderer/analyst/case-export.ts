// Builds a case file from this profile. It carries each completely imported bundle as its
// original archive or as its evidence files, the analysts' records, the findings of the built-in
// rules and the analyst's rule files, and the action log. It may be signed and redacted.

import type { RedactionOptions } from '../../shared/case-file/redact';
import { writeCaseFile, type BundleToExport, type ContentSource } from '../../shared/case-file/write';
import { analyseCase } from '../../shared/case/analyse';
import { asSessionId } from '../../shared/model/ids';
import { compareFindings, findingsOf, type Finding } from '../../shared/rules';
import { linkSession, type LinkedSession } from '../../shared/session/link';
import { listBundles, listEvidence, listSessions, loadSessionEvents, readEvidenceChunks, readOriginalChunks, type BundleRow } from '../data';
import { BlobWriter } from './case-blob';
import { currentRuleSet } from '../views/findings/rule-files';
import { getAnalystDb, type AnalystDb } from './db';
import { ensureSigningKey, signerFor } from './keys';
import { getAnalystName, getCase, logAction, setCase } from './store';
import { APP } from './version';

export interface ExportRequest {
  readonly title: string;
  readonly includeEvidence: boolean;
  readonly sign: boolean;
  /** Absent for an export without redaction. */
  readonly redaction?: RedactionOptions;
}

export interface ExportResult {
  /** The case file, assembled from Blob parts so that it stays out of the JavaScript heap. */
  readonly blob: Blob;
  readonly fileName: string;
}

/** Reads an archive bundle's stored original one chunk row at a time. */
function originalContent(bundle: BundleRow): ContentSource {
  return {
    size: bundle.size,
    async *chunks() {
      for await (const blob of readOriginalChunks(bundle.id, bundle.size)) yield new Uint8Array(await blob.arrayBuffer());
    },
  };
}

/** Lists every completely imported bundle with sources that read its content only when written. */
async function collectBundles(): Promise<BundleToExport[]> {
  const bundles: BundleToExport[] = [];
  for (const bundle of await listBundles()) {
    if (bundle.status !== 'complete') continue;
    const evidence = [];
    for (const row of await listEvidence(bundle.id)) {
      if (!row.complete) continue;
      const content: ContentSource = { size: row.size, chunks: () => readEvidenceChunks(row.key) };
      evidence.push({ path: row.path, sha256: row.sha256, size: row.size, format: row.format, content });
    }
    const original = bundle.originalStored ? originalContent(bundle) : null;
    bundles.push({ name: bundle.name, kind: bundle.kind, sha256: bundle.sha256, original, evidence });
  }
  // listBundles returns the newest first; the case file lists bundles in import order.
  return bundles.reverse();
}

/**
 * Runs the built-in rules and the rules of the files an analyst added in the findings view over
 * every stored session. A finding of a rule file names that file in `ruleFile`.
 */
async function collectFindings(): Promise<readonly Finding[]> {
  // NOTE: every session's events are loaded at once, because rules compare sessions, so the
  // export's heap grows with the stored events although the case file itself is streamed (see
  // docs/benchmarks.md, "Case files"). Rules read other sessions only through `links` and through
  // lookups of single events by id (rules/builtin/cloud.ts and secrets.ts). Per-session rules could
  // therefore run one session at a time if those lookups were served from the events that the
  // credential index and the causal links name.
  const sessions: LinkedSession[] = [];
  for (const row of await listSessions()) {
    const events = await loadSessionEvents(asSessionId(row.id));
    if (events.length > 0) sessions.push(linkSession(asSessionId(row.id), events));
  }
  return [...findingsOf(sessions, analyseCase(sessions), currentRuleSet().rules).findings].sort(compareFindings);
}

function fileName(title: string, now: number): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'case';
  return `${slug}-${new Date(now).toISOString().slice(0, 10)}.custody`;
}

export async function exportCase(request: ExportRequest, db: AnalystDb = getAnalystDb()): Promise<ExportResult> {
  const examiner = await getAnalystName(db);
  if (!examiner) throw new Error('No analyst name is set; enter it in the case settings before exporting.');
  const info = await getCase(db);
  const title = request.title.trim() || info.title;
  if (title !== info.title) await setCase({ ...info, title }, db);
  const redacted = request.redaction ? ` with ${request.redaction.kinds.join(', ')} redacted` : '';
  await logAction('export', `Exported case "${title}"${request.includeEvidence ? ' with evidence' : ' without evidence'}${request.sign ? ', signed' : ''}${redacted}.`, db, examiner);

  const now = Date.now();
  const [annotations, chains, reviews, log, findings] = await Promise.all([db.annotations.toArray(), db.chains.toArray(), db.reviews.toArray(), db.log.toArray(), collectFindings()]);
  const output = new BlobWriter();
  await writeCaseFile(
    {
      caseId: info.id,
      title,
      examiner,
      createdAt: info.createdAt,
      exportedAt: now,
      app: APP,
      annotations,
      chains,
      reviews,
      log: log.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1)),
      findings,
      bundles: request.includeEvidence ? await collectBundles() : null,
    },
    output.write,
    { signer: request.sign ? signerFor(await ensureSigningKey(db)) : undefined, redaction: request.redaction },
  );
  return { blob: output.blob('application/zip'), fileName: fileName(title, now) };
}

/** Offers a Blob as a download; in the desktop app Electron shows its save dialog for it. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offers bytes as a download. */
export function downloadBytes(bytes: Uint8Array, name: string, type: string): void {
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
}
