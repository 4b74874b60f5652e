// Links one session's events: removes duplicates (resumed sessions replay uuids, sub-agent
// messages are mirrored into the parent), joins tool calls to results and decisions, resolves
// which agent spawned which, and tracks the permission mode over time.

import type { AgentEvent, Decision } from '../model/events';
import { MAIN_AGENT, type AgentId, type EventId, type SessionId } from '../model/ids';
import type { AgentRole } from '../model/session';

export interface LinkedCall {
  readonly call: AgentEvent;
  result?: AgentEvent;
  /** An explicit decision from the evidence (a rejection, a policy, a hook). */
  decisionEvent?: AgentEvent;
  /** The decision in force: explicit, or inferred from the permission mode. */
  decision: Decision;
  /** Permission mode in force when the call was made. */
  mode: string | null;
}

export interface LinkedAgent {
  readonly id: AgentId;
  parentId: AgentId | null;
  role: AgentRole;
  /** The tool call that spawned this agent. */
  spawnCall?: AgentEvent;
  delegations: AgentEvent[];
  calls: LinkedCall[];
}

export interface LinkedSession {
  readonly id: SessionId;
  /** Events without duplicates, in order. */
  readonly events: readonly AgentEvent[];
  readonly byId: ReadonlyMap<EventId, AgentEvent>;
  readonly calls: readonly LinkedCall[];
  readonly callsById: ReadonlyMap<string, LinkedCall>;
  readonly agents: ReadonlyMap<AgentId, LinkedAgent>;
  /** Duplicate events dropped, by reason. */
  readonly duplicates: { readonly resumed: number; readonly mirrored: number };
}

/** Sources whose sessions are an agent at work, as opposed to cloud audit or generic records. */
const AGENT_SOURCES = new Set(['claude-code', 'codex', 'gemini-cli', 'opentelemetry', 'mcp']);

/** Modes in which Claude Code runs tool calls without asking the user. */
const MODES_THAT_SKIP_ASKING = new Set(['bypassPermissions', 'dontAsk']);
const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

export function compareEvents(a: AgentEvent, b: AgentEvent): number {
  const ta = a.time?.ms ?? Number.MAX_SAFE_INTEGER;
  const tb = b.time?.ms ?? Number.MAX_SAFE_INTEGER;
  if (ta !== tb) return ta - tb;
  if (a.raw.evidence !== b.raw.evidence) return a.raw.evidence < b.raw.evidence ? -1 : 1;
  return a.seq - b.seq || a.block - b.block;
}

function dedupe(events: readonly AgentEvent[]) {
  const byId = new Map<EventId, AgentEvent>();
  let resumed = 0;
  let mirrored = 0;
  for (const event of events) {
    const existing = byId.get(event.id);
    if (!existing) {
      byId.set(event.id, event);
      continue;
    }
    if (existing.mirrored && !event.mirrored) {
      byId.set(event.id, event);
      mirrored += 1;
    } else if (event.mirrored) mirrored += 1;
    else resumed += 1;
  }
  return { byId, resumed, mirrored };
}

export function inferDecision(call: AgentEvent, mode: string | null): Decision {
  const callId = call.tool?.callId;
  const base = callId ? { callId } : {};
  if (mode && MODES_THAT_SKIP_ASKING.has(mode)) {
    return { ...base, verdict: 'not-asked', by: 'permission-mode', reason: `permission mode ${mode}` };
  }
  if (mode === 'acceptEdits' && call.tool && EDIT_TOOLS.has(call.tool.name)) {
    return { ...base, verdict: 'not-asked', by: 'permission-mode', reason: 'permission mode acceptEdits' };
  }
  return { ...base, verdict: 'approved', by: 'unknown', reason: 'the call ran; the transcript does not record who approved it' };
}

function roleOf(id: AgentId, event: AgentEvent | undefined): AgentRole {
  if (id === MAIN_AGENT) return 'main';
  if (event && (event.kind === 'cloud-call' || event.kind === 'authentication' || event.cloud)) return 'cloud-principal';
  if (event?.source === 'generic') return 'record';
  return id.startsWith('acompact') ? 'compaction' : 'sub-agent';
}

function getAgent(agents: Map<AgentId, LinkedAgent>, id: AgentId, event?: AgentEvent): LinkedAgent {
  let agent = agents.get(id);
  if (!agent) {
    const role = roleOf(id, event);
    const parentId = role === 'sub-agent' || role === 'compaction' ? MAIN_AGENT : null;
    agent = { id, parentId, role, delegations: [], calls: [] };
    agents.set(id, agent);
  }
  return agent;
}

export function linkSession(id: SessionId, input: readonly AgentEvent[]): LinkedSession {
  const { byId, resumed, mirrored } = dedupe(input);
  const events = [...byId.values()].sort(compareEvents);
  const agents = new Map<AgentId, LinkedAgent>();
  // Agent transcripts always have a main agent, even when every line belongs to a sub-agent file.
  if (events.some((event) => AGENT_SOURCES.has(event.source))) getAgent(agents, MAIN_AGENT);
  const callsById = new Map<string, LinkedCall>();
  const calls: LinkedCall[] = [];
  let mode: string | null = null;
  for (const event of events) {
    if ((event.kind === 'prompt' || event.kind === 'mode-change') && event.mode) mode = event.mode;
    const agent = getAgent(agents, event.agent, event);
    if (event.kind === 'tool-call') {
      const linked: LinkedCall = { call: event, decision: inferDecision(event, mode), mode };
      calls.push(linked);
      agent.calls.push(linked);
      if (event.tool?.callId) callsById.set(event.tool.callId, linked);
    }
  }
  for (const event of events) attach(event, callsById, agents);
  return { id, events, byId, calls, callsById, agents, duplicates: { resumed, mirrored } };
}

function attach(event: AgentEvent, callsById: Map<string, LinkedCall>, agents: Map<AgentId, LinkedAgent>): void {
  const callId = event.tool?.callId ?? event.decision?.callId ?? event.delegation?.callId;
  const linked = callId ? callsById.get(callId) : undefined;
  if (event.kind === 'tool-result' && linked && !linked.result) linked.result = event;
  if (event.kind === 'decision' && linked && event.decision) {
    linked.decisionEvent = event;
    linked.decision = event.decision;
  }
  if (event.kind === 'delegation' && event.delegation) {
    const child = getAgent(agents, event.delegation.childAgent);
    child.delegations.push(event);
    if (linked && !child.spawnCall) {
      child.spawnCall = linked.call;
      child.parentId = linked.call.agent;
    } else if (!linked && !child.spawnCall && event.agent !== child.id) {
      // A delegation without a spawning call (a span parent in a trace) names its parent agent itself.
      child.parentId = event.agent;
    }
  }
}
