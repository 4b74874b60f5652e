// Every credential seen anywhere in a case, by fingerprint: where it was minted, where it
// appeared in an agent's tool input or output, and which cloud principals used it.

import type { AgentEvent, CredentialRef } from '../model/events';
import type { EventId, SessionId } from '../model/ids';
import type { EpochMs } from '../model/time';

export interface CredentialSighting {
  readonly event: EventId;
  readonly session: SessionId;
  readonly time: EpochMs | null;
  readonly ref: CredentialRef;
  /** The acting principal or agent of the event. */
  readonly actor: string;
}

export interface CredentialRecord {
  readonly fingerprint: string;
  readonly masked: string;
  readonly kind: string;
  /** Cloud calls that issued this credential (STS and the like). */
  readonly minted: CredentialSighting[];
  /** Tool results or files in which the credential appeared. */
  readonly exposed: CredentialSighting[];
  /** Tool inputs that named it. */
  readonly observed: CredentialSighting[];
  /** Calls made with it. */
  readonly used: CredentialSighting[];
}

export function indexCredentials(events: Iterable<AgentEvent>): Map<string, CredentialRecord> {
  const index = new Map<string, CredentialRecord>();
  for (const event of events) {
    for (const ref of event.credentials ?? []) {
      let record = index.get(ref.fingerprint);
      if (!record) {
        record = { fingerprint: ref.fingerprint, masked: ref.masked, kind: ref.kind, minted: [], exposed: [], observed: [], used: [] };
        index.set(ref.fingerprint, record);
      }
      const sighting: CredentialSighting = { event: event.id, session: event.session, time: event.time?.ms ?? null, ref, actor: event.cloud?.principal ?? event.agent };
      const list = ref.action === 'issued' ? record.minted : ref.action === 'exposed' ? record.exposed : ref.action === 'observed' ? record.observed : record.used;
      list.push(sighting);
    }
  }
  return index;
}

/** Principals that used a credential, each with how many calls and the first and last time. */
export function usersOf(record: CredentialRecord): { principal: string; session: SessionId; calls: number; first: EpochMs | null; last: EpochMs | null }[] {
  const byPrincipal = new Map<string, { principal: string; session: SessionId; calls: number; first: EpochMs | null; last: EpochMs | null }>();
  for (const use of record.used) {
    const entry = byPrincipal.get(use.actor) ?? { principal: use.actor, session: use.session, calls: 0, first: null, last: null };
    entry.calls += 1;
    if (use.time !== null) {
      if (entry.first === null || use.time < entry.first) entry.first = use.time;
      if (entry.last === null || use.time > entry.last) entry.last = use.time;
    }
    byPrincipal.set(use.actor, entry);
  }
  return [...byPrincipal.values()];
}
