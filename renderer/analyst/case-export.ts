// Builds a case file from this profile: the original archive file or the evidence files of every
// completely imported bundle, the analysts' records, the findings of the built-in rules and the
// analyst's rule files, the action log, optionally signed and redacted.

import type { RedactionOptions } from '../../shared/case-file/redact';
import { writeCaseFile, type BundleToExport } from '../../shared/case-file/write';
import { analyseCase } from '../../shared/case/analyse';
import { asSessionId } from '../../shared/model/ids';
import { compareFindings, findingsOf, type Finding } from '../../shared/rules';
import { linkSession, type LinkedSession } from '../../shared/session/link';
import { listBundles, listEvidence, listSessions, loadSessionEvents, readEvidenceBytes, readOriginalChunks } from '../data';
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
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

async function collectBundles(): Promise<BundleToExport[]> {
  const bundles: BundleToExport[] = [];
  for (const bundle of await listBundles()) {
    if (bundle.status !== 'complete') continue;
    const evidence = [];
    for (const row of await listEvidence(bundle.id)) {
      if (!row.complete) continue;
      evidence.push({ path: row.path, sha256: row.sha256, size: row.size, format: row.format, bytes: await readEvidenceBytes(row.key) });
    }
    let original: Uint8Array | null = null;
    if (bundle.originalStored) {
      const parts: Blob[] = [];
      for await (const chunk of readOriginalChunks(bundle.id, bundle.size)) parts.push(chunk);
      original = new Uint8Array(await new Blob(parts).arrayBuffer());
    }
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
  const bytes = await writeCaseFile(
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
    { signer: request.sign ? signerFor(await ensureSigningKey(db)) : undefined, redaction: request.redaction },
  );
  return { bytes, fileName: fileName(title, now) };
}

/** Offers bytes as a download; in the desktop app Electron shows its save dialog for it. */
export function downloadBytes(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
