// Removal of a bundle with everything it stored, its original archive bytes included. Content
// shared with another bundle's evidence row (same SHA-256) stays until the last row that points
// at it is removed.

import type { EvidenceKey, SessionId } from '../../shared/model/ids';
import { getDatabase } from './database';
import type { CustodyDb } from './db';
import { sessionOfGroupKey } from './groups';
import { recomputeSessions } from './sessions';

export interface RemovedBundle {
  readonly evidence: number;
  /** Content keys whose chunks and groups were deleted. */
  readonly contentDeleted: number;
  /** Sessions rebuilt or deleted because their events changed. */
  readonly sessions: readonly SessionId[];
}

/** Deletes a bundle, its evidence rows, its content, event groups and original bytes, then rebuilds the sessions it touched. */
export async function removeBundle(id: string, db: CustodyDb = getDatabase()): Promise<RemovedBundle> {
  const tables = [db.bundles, db.evidence, db.eventGroups, db.contents, db.originals];
  const removed = await db.transaction('rw', tables, async () => {
    const rows = await db.evidence.where('bundleId').equals(id).toArray();
    const removedKeys = new Set<EvidenceKey>(rows.map((row) => row.key));
    const contentKeys = new Set<EvidenceKey>(rows.map((row) => row.content));
    const sessions = new Set<SessionId>();
    let contentDeleted = 0;
    for (const content of contentKeys) {
      const groupKeys = (await db.eventGroups.where('evidence').equals(content).primaryKeys()) as string[];
      for (const key of groupKeys) sessions.add(sessionOfGroupKey(key));
      const sharers = await db.evidence.where('content').equals(content).filter((row) => !removedKeys.has(row.key)).count();
      if (sharers > 0) continue;
      await db.eventGroups.bulkDelete(groupKeys);
      await db.contents.where('[evidence+index]').between([content, 0], [content, Infinity], true, true).delete();
      contentDeleted += 1;
    }
    await db.evidence.bulkDelete([...removedKeys]);
    await db.originals.where('[bundle+index]').between([id, 0], [id, Infinity], true, true).delete();
    await db.bundles.delete(id);
    return { evidence: rows.length, contentDeleted, sessions: [...sessions] };
  });
  await recomputeSessions(db, removed.sessions);
  return removed;
}
