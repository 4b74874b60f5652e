// Live queries for the views: each hook re-runs its query when an import or a removal changes
// the tables it read, including writes made by the import worker. Each returns undefined while
// the first result loads.

import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDatabase } from './database';
import type { CustodyDb } from './db';
import type { SessionId } from '../../shared/model/ids';
import { getSession, listBundles, listEvidence, listSessions } from './queries';
import { relatedSessionIds } from './related';
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

/**
 * Returns the sessions related to one session through shared credentials, sorted. The list
 * follows later imports, so an open workspace joins cloud calls stored after it was opened.
 */
export function useRelatedSessionIds(id: SessionId, db: CustodyDb = getDatabase()): readonly SessionId[] | undefined {
  const key = useLiveQuery(async () => (await relatedSessionIds(id, db)).sort().join('\n'), [id, db]);
  return useMemo(() => {
    if (key === undefined) return undefined;
    if (key === '') return [];
    return key.split('\n') as SessionId[];
  }, [key]);
}

/**
 * Returns a key that changes when an import or a removal rebuilds the session's row with other
 * bundles or another event count. It is undefined while the row loads.
 */
export function useSessionVersion(id: SessionId, db: CustodyDb = getDatabase()): string | undefined {
  return useLiveQuery(async () => {
    const row = await getSession(id, db);
    return row ? `${row.events}|${row.bundles.join(',')}|${row.partial}` : 'none';
  }, [id, db]);
}
