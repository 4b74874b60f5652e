// Event group keys: `<session>|<content key>|<group number>`, where the group number counts the
// session's groups within one evidence file, so keys sort in file order. Content keys
// (`<import id>/<n>`) and the zero-padded number never hold '|', so the session id is everything before the last two parts,
// even when a session id itself contains '|'.

import type { AgentEvent } from '../../shared/model/events';
import type { EvidenceKey, SessionId } from '../../shared/model/ids';
import type { EventGroupRow } from './types';

const NUMBER_WIDTH = 8;

export function groupKey(session: SessionId, evidence: EvidenceKey, groupNumber: number): string {
  return `${session}|${evidence}|${String(groupNumber).padStart(NUMBER_WIDTH, '0')}`;
}

export function sessionOfGroupKey(key: string): SessionId {
  const parts = key.split('|');
  return parts.slice(0, -2).join('|') as SessionId;
}

/** Bounds of the primary-key range that holds a session's groups, and possibly other sessions' groups whose id starts with `<session>|`. */
export function sessionGroupRange(session: SessionId): [string, string] {
  return [`${session}|`, `${session}|\uffff`];
}

/** Returns a group row's events, parsed from its JSON. */
export function parseEventGroup(group: EventGroupRow): AgentEvent[] {
  return JSON.parse(group.eventsJson) as AgentEvent[];
}
