// Live queries for the views: each hook re-runs its query when an import or a removal changes
// the tables it read, including writes made by the import worker. Each returns undefined while
// the first result loads.

import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from './database';
import type { CustodyDb } from './db';
import type { SessionId } from '../../shared/model/ids';
import { getSession, listBundles, listEvidence, listSessions } from './queries';
import type { BundleRow, EvidenceRow, SessionRow } from './types';

export function useBundles(db: CustodyDb = getDatabase()): BundleRow[] | undefined {
  return useLiveQuery(() => listBundles(db), [db]);
}

export function useEvidence(bundleId: string | null, db: CustodyDb = getDatabase()): EvidenceRow[] | undefined {
  return useLiveQuery(() => (bundleId === null ? [] : listEvidence(bundleId, db)), [bundleId, db]);
}

export function useSessions(db: CustodyDb = getDatabase()): SessionRow[] | undefined {
  return useLiveQuery(() => listSessions(db), [db]);
}

/** The stored row of one session; null when there is none. */
export function useSession(id: SessionId, db: CustodyDb = getDatabase()): SessionRow | null | undefined {
  return useLiveQuery(async () => (await getSession(id, db)) ?? null, [id, db]);
}
