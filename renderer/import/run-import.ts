// One import, start to end, as the worker runs it: create or reopen the bundle row, stream the
// bundle through the pipeline into the IndexedDB sink (and, for an archive, store the archive
// file itself beside it), then either drop it as a repeat of an earlier import or rebuild the
// sessions it touched and mark it complete.

import { ingestBundle } from '../../shared/ingest/pipeline';
import type { CancelSignal, IngestProgress, IngestResult } from '../../shared/ingest/types';
import type { SessionId, Sha256 } from '../../shared/model/ids';
import type { ContainerKind } from '../../shared/model/evidence';
import { SNIFF_BYTES, sniffContainer } from '../../shared/io/sniff';
import { CustodyDb } from '../data/db';
import { keepsOriginal, storeOriginal } from '../data/originals';
import { removeBundle } from '../data/remove';
import { recomputeSessions } from '../data/sessions';
import { StoreSink } from '../data/store-sink';
import type { BundleRow } from '../data/types';
import { plural } from '../lib/format';
import { HashWorker } from './hash-protocol';
import { browserGunzip, bundleInput, inputName, inputSize } from './sources';
import type { ImportCounts, ImportOutcome, ImportProgress, ImportRequest } from './types';

/** Minimum time between two progress reports. */
const PROGRESS_INTERVAL_MS = 100;

export interface RunOptions {
  readonly signal: CancelSignal;
  readonly onProgress: (progress: ImportProgress) => void;
}

async function containerKind(request: ImportRequest): Promise<ContainerKind> {
  if (request.input.kind === 'folder') return 'folder';
  const head = new Uint8Array(await request.input.file.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniffContainer(head);
}

/** Turns an error into a sentence for the user; storage quota errors get their own advice. */
export function describeError(error: unknown): string {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map((value) => (value as { name?: unknown } | null)?.name);
  const message = error instanceof Error ? error.message : String(error);
  if (names.includes('QuotaExceededError')) {
    return `The browser's storage quota is full, so the import stopped (${message}). What was read before it is kept; free disk space or remove bundles, then import again.`;
  }
  return `Import failed: ${message}`;
}

/**
 * Rejects a resume of a missing or complete bundle, or with other input than the interrupted
 * import read: another name or size, or, when both SHA-256 values are known, other bytes.
 */
async function checkResume(db: CustodyDb, request: ImportRequest, size: number, digest: Promise<Sha256> | null): Promise<BundleRow> {
  const name = inputName(request.input);
  const existing = await db.bundles.get(request.bundleId);
  if (!existing) throw new Error(`Cannot resume: bundle ${request.bundleId} not found.`);
  if (existing.status === 'complete') throw new Error(`Cannot resume: bundle ${request.bundleId} is already complete.`);
  if (existing.name !== name || existing.size !== size) {
    throw new Error(`Cannot resume: bundle ${request.bundleId} was "${existing.name}" (${existing.size} bytes), not "${name}" (${size} bytes). Pick the same file or folder again.`);
  }
  if (existing.sha256 && digest) {
    const sha256 = await digest;
    if (sha256 !== existing.sha256) {
      throw new Error(`Cannot resume: "${name}" has SHA-256 ${sha256}, but the interrupted import read SHA-256 ${existing.sha256}. Pick the same file again, or remove the bundle and import the file as a new one.`);
    }
  }
  return existing;
}

/** Prepares the bundle row; on resume returns the evidence keys already stored completely. */
async function openBundle(db: CustodyDb, request: ImportRequest, size: number): Promise<Set<string>> {
  const name = inputName(request.input);
  if (!request.resume) {
    const row: BundleRow = {
      id: request.bundleId,
      name,
      kind: await containerKind(request),
      sha256: null,
      size,
      bytesRead: 0,
      status: 'importing',
      startedAt: Date.now(),
      finishedAt: null,
      files: 0,
      records: 0,
      events: 0,
      diagnostics: [],
      sessions: [],
      error: null,
    };
    await db.bundles.add(row);
    return new Set();
  }
  await checkResume(db, request, size, null);
  // Files cut short last time are read again from the start: drop their partial rows first.
  return db.transaction('rw', [db.bundles, db.evidence, db.eventGroups, db.contents], async () => {
    const rows = await db.evidence.where('bundleId').equals(request.bundleId).toArray();
    const complete = new Set<string>();
    for (const row of rows) {
      if (row.complete) {
        complete.add(row.key);
        continue;
      }
      await db.eventGroups.where('evidence').equals(row.key).delete();
      await db.contents.where('[evidence+index]').between([row.key, 0], [row.key, Infinity], true, true).delete();
      await db.evidence.delete(row.key);
    }
    await db.bundles.update(request.bundleId, { status: 'importing', error: null, finishedAt: null });
    return complete;
  });
}

export async function runImport(request: ImportRequest, options: RunOptions): Promise<ImportOutcome> {
  const started = performance.now();
  const bundleId = request.bundleId;
  const totalBytes = inputSize(request.input);
  const db = new CustodyDb(request.dbName);
  let latest: IngestProgress = { bundleBytes: 0, evidenceBytes: 0, records: 0, events: 0, files: 0, currentFile: '' };
  const phases = { pipelineMs: 0, writeWaitMs: 0, sessionsMs: 0 };
  const counts = (message: string): ImportCounts => ({
    message,
    phases: { ...phases, writeWaitMs: sink?.waitMs ?? 0 },
    bytesRead: latest.bundleBytes,
    evidenceBytes: latest.evidenceBytes,
    files: latest.files,
    records: latest.records,
    events: latest.events,
    elapsedMs: performance.now() - started,
  });
  let lastReport = -Infinity;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    const seconds = Math.max((now - started) / 1000, 1e-3);
    options.onProgress({
      bundleId,
      bytesRead: latest.bundleBytes,
      totalBytes,
      evidenceBytes: latest.evidenceBytes,
      records: latest.records,
      events: latest.events,
      files: latest.files,
      currentFile: latest.currentFile,
      elapsedMs: now - started,
      bytesPerSecond: latest.bundleBytes / seconds,
      mbPerSecond: latest.bundleBytes / 1e6 / seconds,
      recordsPerSecond: latest.records / seconds,
    });
  };

  let sink: StoreSink | null = null;
  let result: IngestResult;
  // A second worker hashes the bundle file and every evidence file's content, and creates the
  // content Blobs, while this one parses.
  const hasher = typeof Worker === 'function' ? new HashWorker() : null;
  const bundleDigest = hasher && request.input.kind === 'file' ? hasher.hashFile(request.input.file) : null;
  // Rejections surface when the pipeline awaits the digest; this keeps an unused one quiet.
  bundleDigest?.catch(() => undefined);
  let opened = false;
  let original: Promise<boolean> | null = null;
  let originalStored = false;
  try {
    // A resumed file is checked against the stored SHA-256 before anything stored is changed.
    if (request.resume) await checkResume(db, request, totalBytes, bundleDigest);
    const completeKeys = await openBundle(db, request, totalBytes);
    opened = true;
    // The whole file's SHA-256 is stored as soon as it is known, so that an interrupted import
    // can be resumed with a check that the file picked again is the same.
    void bundleDigest?.then((sha256) => db.bundles.update(bundleId, { sha256 })).catch(() => undefined);
    // The archive file's bytes are stored while the pipeline reads it. The browser copies File
    // slices into its blob storage, so this worker's thread does no byte work for them.
    const kind = (await db.bundles.get(bundleId))?.kind;
    if (request.input.kind === 'file' && kind && keepsOriginal(kind)) {
      original = storeOriginal(db, bundleId, request.input.file, () => options.signal.aborted);
      original.catch(() => undefined);
    }
    sink = new StoreSink({ db, bundleId, completeKeys, ...(hasher ? { hasher } : {}) });
    const gunzip = browserGunzip();
    result = await ingestBundle(bundleInput(request.input), sink, {
      importId: bundleId,
      signal: options.signal,
      ...(gunzip ? { gunzip } : {}),
      ...(bundleDigest ? { bundleDigest: () => bundleDigest } : {}),
      onProgress: (progress) => {
        latest = progress;
        sink!.setProgress(progress);
        report(false);
      },
    });
    await sink.finish();
    originalStored = (await original) ?? false;
  } catch (error) {
    const message = describeError(error);
    // Keep what was stored: the rows already written stay, the bundle is marked failed and the
    // sessions it reached are rebuilt from them. Each step may fail again on a full disk.
    await sink?.finish().catch(() => undefined);
    await original?.catch(() => undefined);
    hasher?.terminate();
    // A rejected resume leaves the interrupted bundle as it was, so it can be resumed again.
    if (opened) {
      // The sink's sessions are used instead of reading the stored ones: after a quota error, a
      // read from this worker made Chromium 156 reject the page's later write in recordFailure().
      const stored = [...(sink?.sessions ?? [])];
      await db.bundles.update(bundleId, { status: 'failed', error: message, finishedAt: Date.now(), sessions: stored }).catch(() => undefined);
      await recomputeSessions(db, stored).catch(() => undefined);
    }
    db.close();
    report(true);
    return { status: 'failed', bundleId, error: message, ...counts(message) };
  }
  hasher?.terminate();
  phases.pipelineMs = performance.now() - started;
  report(true);
  try {
    return await settle(db, bundleId, result, sink, originalStored, counts, phases);
  } catch (error) {
    const message = describeError(error);
    await db.bundles.update(bundleId, { status: 'failed', error: message, finishedAt: Date.now() }).catch(() => undefined);
    return { status: 'failed', bundleId, error: message, ...counts(message) };
  } finally {
    db.close();
  }
}

async function settle(
  db: CustodyDb,
  bundleId: string,
  result: IngestResult,
  sink: StoreSink,
  originalStored: boolean,
  counts: (message: string) => ImportCounts,
  phases: { sessionsMs: number },
): Promise<ImportOutcome> {
  const sessions = [...sink.sessions] as SessionId[];
  const totals = {
    files: result.evidence.length,
    records: result.evidence.reduce((sum, file) => sum + file.records, 0),
    events: result.evidence.reduce((sum, file) => sum + file.events, 0),
    bytesRead: result.bundleBytes,
  };
  if (result.cancelled) {
    const partial = result.partial;
    const stored = {
      ...totals,
      records: totals.records + (partial?.records ?? 0),
      events: totals.events + (partial?.events ?? 0),
    };
    // A folder's SHA-256 is computed from its files' hashes, so it is known only for a whole folder.
    const sha256 = result.bundleSha256 && (await db.bundles.get(bundleId))?.kind !== 'folder' ? { sha256: result.bundleSha256 } : {};
    await db.bundles.update(bundleId, {
      status: 'cancelled',
      finishedAt: Date.now(),
      diagnostics: result.diagnostics,
      sessions,
      openSessions: result.openSessions,
      ...stored,
      ...sha256,
    });
    await recomputeSessions(db, sessions);
    let read = plural(totals.files, 'file');
    if (partial) read = totals.files === 0 ? 'part of the first file' : `${read} and part of the next`;
    const message = `Import cancelled after ${read}: ${plural(stored.records, 'record')} and ${plural(stored.events, 'event')} are kept and can be resumed or removed.`;
    return { status: 'cancelled', bundleId, ...counts(message), files: totals.files, records: stored.records, events: stored.events };
  }
  const earlier = await db.bundles
    .where('sha256')
    .equals(result.bundleSha256)
    .filter((row) => row.status === 'complete' && row.id !== bundleId)
    .first();
  if (earlier) {
    await removeBundle(bundleId, db);
    const message = `Already imported as "${earlier.name}" (same SHA-256); nothing was added.`;
    return { status: 'already-imported', bundleId: earlier.id, sha256: result.bundleSha256, ...counts(message) };
  }
  // The bundle is marked complete first, because a session row records whether any of its
  // bundles is complete.
  await db.bundles.update(bundleId, {
    status: 'complete',
    sha256: result.bundleSha256,
    ...(originalStored ? { originalStored } : {}),
    finishedAt: Date.now(),
    diagnostics: result.diagnostics,
    sessions,
    ...totals,
  });
  const sessionsStarted = performance.now();
  await recomputeSessions(db, sessions);
  phases.sessionsMs = performance.now() - sessionsStarted;
  const message = `Imported ${plural(totals.files, 'file')}, ${plural(totals.records, 'record')} and ${plural(totals.events, 'event')} in ${plural(sessions.length, 'session')}.`;
  return { status: 'complete', bundleId, sha256: result.bundleSha256, sessions, duplicateFiles: sink.duplicateFiles, ...counts(message) };
}
