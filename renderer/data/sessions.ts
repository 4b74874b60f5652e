// Session rows are derived data: they are rebuilt from every event group of the session, from
// whichever bundles the groups came, whenever an import or a removal touches the session.

import type { AgentEvent } from '../../shared/model/events';
import type { EvidenceKey, SessionId } from '../../shared/model/ids';
import { linkSession, type LinkedSession } from '../../shared/session/link';
import { summarizeSession } from '../../shared/session/summary';
import type { CustodyDb } from './db';
import { parseEventGroup, sessionGroupRange } from './groups';
import type { BundleRow, EventGroupRow, SessionRow } from './types';

async function loadGroups(db: CustodyDb, session: SessionId): Promise<EventGroupRow[]> {
  const [lower, upper] = sessionGroupRange(session);
  const groups = await db.eventGroups.where(':id').between(lower, upper, true, true).toArray();
  return groups.filter((group) => group.session === session);
}

function eventsOf(groups: readonly EventGroupRow[]): AgentEvent[] {
  const events: AgentEvent[] = [];
  for (const group of groups) for (const event of parseEventGroup(group)) events.push(event);
  return events;
}

/** Loads every stored event of a session, unlinked and in storage order (duplicates included). */
export async function loadSessionEventsFrom(db: CustodyDb, session: SessionId): Promise<AgentEvent[]> {
  const groups = await loadGroups(db, session);
  return eventsOf(groups);
}

/**
 * Tells whether a bundle may hold only part of a session's events: an unfinished one may, except
 * that a cancelled import records which sessions it may have cut.
 */
function mayLackEvents(bundle: BundleRow | undefined, session: SessionId): boolean {
  if (!bundle) return true;
  if (bundle.status === 'complete') return false;
  if (bundle.status === 'cancelled' && bundle.openSessions) return bundle.openSessions.includes(session);
  return true;
}

/** Rebuilds one session row from its groups, or deletes the row when no group is left. */
export async function recomputeSession(db: CustodyDb, session: SessionId): Promise<SessionRow | null> {
  return db.transaction('rw', [db.eventGroups, db.evidence, db.bundles, db.sessions], async () => {
    const groups = await loadGroups(db, session);
    if (groups.length === 0) {
      await db.sessions.delete(session);
      return null;
    }
    const events = eventsOf(groups);
    const linked: LinkedSession = linkSession(session, events);
    const contentKeys = [...new Set(groups.map((group) => group.evidence))] as EvidenceKey[];
    const sharing = await db.evidence.where('content').anyOf(contentKeys).toArray();
    const bundles = [...new Set(sharing.map((row) => row.bundleId))].sort();
    const statuses = await db.bundles.bulkGet(bundles);
    const complete = statuses.some((bundle) => bundle?.status === 'complete');
    const partial = !complete && statuses.some((bundle) => mayLackEvents(bundle, session));
    const row: SessionRow = { ...summarizeSession(linked), bundles, evidence: contentKeys, partial };
    await db.sessions.put(row);
    return row;
  });
}

export async function recomputeSessions(db: CustodyDb, sessions: Iterable<SessionId>): Promise<void> {
  for (const session of sessions) await recomputeSession(db, session);
}
