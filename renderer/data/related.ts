// Sessions related to one session through shared credentials: the cloud sessions that used a key
// an agent printed, and the sessions that minted those keys. The workspace loads them so that the
// graph can follow a credential from a tool call into the cloud calls made with it.

import type { SessionId } from '../../shared/model/ids';
import { getDatabase } from './database';
import type { CustodyDb } from './db';
import { listSessions } from './queries';

/** Hops followed from the session through shared credentials. */
const MAX_HOPS = 2;
/** Related sessions loaded at most; a key shared by very many sessions would otherwise load the case. */
const MAX_RELATED = 50;

export async function relatedSessionIds(sessionId: SessionId, db: CustodyDb = getDatabase()): Promise<SessionId[]> {
  const sessions = await listSessions(db);
  const byCredential = new Map<string, SessionId[]>();
  for (const row of sessions) {
    for (const fingerprint of row.credentials ?? []) {
      const list = byCredential.get(fingerprint) ?? [];
      list.push(row.id);
      byCredential.set(fingerprint, list);
    }
  }
  const credentialsOf = new Map(sessions.map((row) => [row.id, row.credentials ?? []]));
  const found = new Set<SessionId>([sessionId]);
  let frontier: SessionId[] = [sessionId];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: SessionId[] = [];
    for (const id of frontier) {
      for (const fingerprint of credentialsOf.get(id) ?? []) {
        for (const other of byCredential.get(fingerprint) ?? []) {
          if (found.has(other) || found.size > MAX_RELATED) continue;
          found.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  found.delete(sessionId);
  return [...found];
}
