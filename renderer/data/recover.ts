// Recovery of imports whose worker stopped without finishing, because the page was closed or
// reloaded. The import worker holds a Web Lock named by importLockName() while it runs, and
// the browser releases it when the worker ends, so a bundle still marked `importing` whose lock
// is free belongs to no running import, in this page or any other.

import type { EvidenceKey, SessionId } from '../../shared/model/ids';
import { getDatabase } from './database';
import type { CustodyDb } from './db';
import { sessionOfGroupKey } from './groups';
import { recomputeSessions } from './sessions';

export const INTERRUPTED_ERROR = 'The import stopped before it finished, because the page was closed or reloaded. What was stored is kept; resume with the same file or folder, or remove the bundle.';

/** Name of the Web Lock an import of `bundleId` holds while its worker runs. */
export function importLockName(bundleId: string): string {
  return `custody-import:${bundleId}`;
}

/**
 * Runs `run` while holding the import lock of `bundleId`. Where the Web Locks API is missing or
 * rejects the request (it needs a secure context with a non-opaque origin), runs it without
 * the lock, and recoverInterruptedImports() then leaves the bundle alone.
 */
export async function withImportLock<T>(bundleId: string, run: () => Promise<T>): Promise<T> {
  if (typeof navigator.locks?.request !== 'function') return run();
  let started = false;
  try {
    return await navigator.locks.request(importLockName(bundleId), () => {
      started = true;
      return run();
    });
  } catch (error) {
    if (started) throw error;
    console.warn(`Import ${bundleId} runs without a Web Lock: ${error instanceof Error ? error.message : String(error)}`);
    return run();
  }
}

/** Sessions with stored events from the bundle's evidence, read from the event group keys. */
export async function storedSessions(db: CustodyDb, bundleId: string): Promise<SessionId[]> {
  const rows = await db.evidence.where('bundleId').equals(bundleId).toArray();
  const contentKeys = [...new Set<EvidenceKey>(rows.map((row) => row.content))];
  const sessions = new Set<SessionId>();
  for (const content of contentKeys) {
    const keys = (await db.eventGroups.where('evidence').equals(content).primaryKeys()) as string[];
    for (const key of keys) sessions.add(sessionOfGroupKey(key));
  }
  return [...sessions].sort();
}

/**
 * Marks one bundle `interrupted`, with counts summed from its stored evidence rows and the
 * sessions its stored events belong to, then rebuilds those sessions. Returns false when the
 * bundle is not `importing`.
 */
export async function markInterrupted(db: CustodyDb, bundleId: string): Promise<boolean> {
  const sessions = await db.transaction('rw', [db.bundles, db.evidence, db.eventGroups], async () => {
    const bundle = await db.bundles.get(bundleId);
    if (bundle?.status !== 'importing') return null;
    const rows = await db.evidence.where('bundleId').equals(bundleId).toArray();
    const sessions = await storedSessions(db, bundleId);
    await db.bundles.update(bundleId, {
      status: 'interrupted',
      error: INTERRUPTED_ERROR,
      finishedAt: Date.now(),
      files: rows.filter((row) => row.complete).length,
      records: rows.reduce((sum, row) => sum + row.records, 0),
      events: rows.reduce((sum, row) => sum + row.events, 0),
      sessions,
    });
    return sessions;
  });
  if (!sessions) return false;
  await recomputeSessions(db, sessions);
  return true;
}

/**
 * Finds bundles left `importing` by a worker that no longer runs and marks them interrupted.
 * Returns their ids. Each is recovered while holding its import lock, so a resume started at
 * the same time waits for it.
 */
export async function recoverInterruptedImports(db: CustodyDb = getDatabase()): Promise<string[]> {
  // NOTE: without Web Locks a running import cannot be told from a dead one, so none is recovered.
  if (typeof navigator.locks?.request !== 'function') return [];
  const importing = await db.bundles.filter((row) => row.status === 'importing').primaryKeys();
  const recovered: string[] = [];
  for (const id of importing) {
    const done = await navigator.locks.request(importLockName(id), { ifAvailable: true }, async (lock) => (lock ? markInterrupted(db, id) : false));
    if (done) recovered.push(id);
  }
  return recovered;
}
