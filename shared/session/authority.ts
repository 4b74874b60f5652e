// Effective authority at a moment: what the session's agents were allowed to do at event N.
// Replaying the events up to N gives the permission mode in force, the standing approvals
// granted so far, the credentials that had appeared in tool calls and results, and for each agent
// the authority it inherited from the agent that delegated to it.

import type { AgentEvent, CredentialAction, DecisionSource } from '../model/events';
import { MAIN_AGENT, type AgentId, type EventId } from '../model/ids';
import type { LinkedSession } from './link';

/** Decisions that allow later calls too, not only the one decided on. */
export const STANDING_DECISIONS: ReadonlySet<DecisionSource> = new Set(['user-always', 'config-rule', 'policy']);

export interface StandingApproval {
  /** The tool the approval covers, or null when the evidence does not name one. */
  readonly tool: string | null;
  readonly by: DecisionSource;
  readonly agent: AgentId;
  readonly event: EventId;
  readonly reason?: string;
}

export interface HeldCredential {
  readonly fingerprint: string;
  readonly masked: string;
  readonly kind: string;
  /** How the credential first appeared: exposed in output, issued by a call, named in input, used. */
  readonly action: CredentialAction;
  /** The agent whose tool call or result the credential first appeared in. */
  readonly agent: AgentId;
  readonly event: EventId;
  readonly expires?: string;
}

export interface AgentAuthority {
  readonly agent: AgentId;
  readonly parent: AgentId | null;
  /** The tool call that delegated to this agent, and the task it carried. */
  readonly delegatedBy?: EventId;
  readonly description?: string;
  readonly task?: string;
  /** Credentials that appeared in this agent's own calls so far. */
  readonly credentials: readonly HeldCredential[];
  /** Credentials held by the agents above it, which it could reach through the delegation. */
  readonly inherited: readonly HeldCredential[];
}

export interface EffectiveAuthority {
  /** Index into `session.events` of the last event replayed, or -1 before the first one. */
  readonly index: number;
  readonly event: EventId | null;
  readonly time: number | null;
  /** Permission mode in force, or null when none was recorded yet. */
  readonly mode: string | null;
  readonly modeSince: EventId | null;
  readonly approvals: readonly StandingApproval[];
  readonly credentials: readonly HeldCredential[];
  /** Every agent that had appeared by event N, the main agent first. */
  readonly agents: readonly AgentAuthority[];
}

function stringAttr(event: AgentEvent | undefined, key: string): string | undefined {
  const value = event?.attrs?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** Replays the session up to and including `session.events[index]`. */
export function effectiveAuthority(session: LinkedSession, index: number): EffectiveAuthority {
  const last = Math.min(index, session.events.length - 1);
  let mode: string | null = null;
  let modeSince: EventId | null = null;
  const approvals: StandingApproval[] = [];
  const credentials = new Map<string, HeldCredential>();
  const seenAgents = new Set<AgentId>();
  for (let i = 0; i <= last; i += 1) {
    const event = session.events[i]!;
    seenAgents.add(event.agent);
    if ((event.kind === 'prompt' || event.kind === 'mode-change') && event.mode && event.mode !== mode) {
      mode = event.mode;
      modeSince = event.id;
    }
    const decision = event.decision;
    if (decision && decision.verdict === 'approved' && STANDING_DECISIONS.has(decision.by)) {
      const decided = decision.callId ? session.callsById.get(decision.callId) : undefined;
      const tool = event.tool?.name ?? decided?.call.tool?.name ?? null;
      approvals.push({ tool, by: decision.by, agent: event.agent, event: event.id, ...(decision.reason ? { reason: decision.reason } : {}) });
    }
    for (const ref of event.credentials ?? []) {
      if (credentials.has(ref.fingerprint)) continue;
      credentials.set(ref.fingerprint, {
        fingerprint: ref.fingerprint,
        masked: ref.masked,
        kind: ref.kind,
        action: ref.action,
        agent: credentialHolder(session, event),
        event: event.id,
        ...(ref.expires ? { expires: ref.expires } : {}),
      });
    }
  }
  const current = last >= 0 ? session.events[last]! : undefined;
  const held = [...credentials.values()];
  return {
    index: last,
    event: current?.id ?? null,
    time: current?.time?.ms ?? null,
    mode,
    modeSince,
    approvals,
    credentials: held,
    agents: agentAuthorities(session, seenAgents, held),
  };
}

/** A tool result belongs to the agent that made the call, whichever agent id the result carries. */
function credentialHolder(session: LinkedSession, event: AgentEvent): AgentId {
  const callId = event.tool?.callId;
  const linked = callId ? session.callsById.get(callId) : undefined;
  return linked?.call.agent ?? event.agent;
}

function agentAuthorities(session: LinkedSession, seen: ReadonlySet<AgentId>, held: readonly HeldCredential[]): AgentAuthority[] {
  const ids = [...seen].filter((id) => {
    const role = session.agents.get(id)?.role;
    return role === 'main' || role === 'sub-agent' || role === 'compaction';
  });
  ids.sort((a, b) => (a === MAIN_AGENT ? -1 : b === MAIN_AGENT ? 1 : 0));
  return ids.map((id) => {
    const agent = session.agents.get(id)!;
    const spawn = agent.spawnCall;
    const task = agent.delegations.map((event) => event.delegation?.task).find((value) => value);
    return {
      agent: id,
      parent: agent.parentId,
      ...(spawn ? { delegatedBy: spawn.id } : {}),
      ...(stringAttr(spawn, 'description') ? { description: stringAttr(spawn, 'description')! } : {}),
      ...(task ? { task } : {}),
      credentials: held.filter((credential) => credential.agent === id),
      inherited: held.filter((credential) => ancestorsOf(session, id).has(credential.agent)),
    };
  });
}

/** The agents above `id` in the delegation tree, guarding against cycles in broken evidence. */
export function ancestorsOf(session: LinkedSession, id: AgentId): Set<AgentId> {
  const ancestors = new Set<AgentId>();
  let parent = session.agents.get(id)?.parentId ?? null;
  while (parent && !ancestors.has(parent) && parent !== id) {
    ancestors.add(parent);
    parent = session.agents.get(parent)?.parentId ?? null;
  }
  return ancestors;
}

/** Index of the last event at or before `time`, or -1 when every event is later. */
export function eventIndexAt(session: LinkedSession, time: number): number {
  const events = session.events;
  let low = 0;
  let high = events.length - 1;
  let found = -1;
  // Events are sorted by time with untimed events last, so a binary search over the timed prefix holds.
  while (low <= high) {
    const middle = (low + high) >> 1;
    const ms = events[middle]!.time?.ms;
    if (ms !== undefined && ms !== null && ms <= time) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
