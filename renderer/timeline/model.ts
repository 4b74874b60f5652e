// The timeline's data: one swimlane per agent, one bar per tool call from the call to its result,
// and marks for explicit decisions and failed calls. Cloud audit sessions get one lane per cloud
// principal, with each cloud call (or authentication) as a bar of no length.

import { principalLabel } from '../../shared/graph/cloud';
import type { AgentEvent } from '../../shared/model/events';
import type { EventId } from '../../shared/model/ids';
import { MAIN_AGENT, type AgentId } from '../../shared/model/ids';
import type { LinkedAgent, LinkedSession } from '../../shared/session/link';

export type BarStatus = 'ok' | 'failed' | 'denied' | 'not-asked' | 'pending';

export interface TimelineBar {
  readonly event: EventId;
  /** A tool call, drawn from the call to its result, or a cloud call, drawn as a mark at its time. */
  readonly kind: 'tool-call' | 'cloud-call';
  readonly lane: number;
  readonly start: number;
  /** Time of the result; the call time when no result was recorded. */
  readonly end: number;
  readonly status: BarStatus;
  readonly label: string;
  /** An explicit decision from the evidence (a rejection, a policy, a hook), not one inferred from the mode. */
  readonly decided: boolean;
}

export interface TimelineLane {
  readonly agent: AgentId;
  readonly label: string;
}

export interface TimelineModel {
  readonly lanes: readonly TimelineLane[];
  readonly bars: readonly TimelineBar[];
  readonly start: number;
  readonly end: number;
}

function isCloudCall(event: AgentEvent): boolean {
  return event.kind === 'cloud-call' || event.kind === 'authentication';
}

function laneLabel(agent: LinkedAgent, firstCloudCall: AgentEvent | undefined): string {
  if (agent.id === MAIN_AGENT) return 'main agent';
  if (firstCloudCall) return principalLabel(firstCloudCall.cloud?.principal ?? agent.id, firstCloudCall.cloud?.principalType);
  const type = agent.spawnCall?.attrs?.subagentType;
  return typeof type === 'string' && type ? `${agent.id} (${type})` : agent.id;
}

export function timelineModel(session: LinkedSession): TimelineModel {
  const firstTime = new Map<AgentId, number>();
  const firstCloudCall = new Map<AgentId, AgentEvent>();
  for (const event of session.events) {
    const ms = event.time?.ms;
    if (ms !== null && ms !== undefined && !firstTime.has(event.agent)) firstTime.set(event.agent, ms);
    if (isCloudCall(event) && !firstCloudCall.has(event.agent)) firstCloudCall.set(event.agent, event);
  }
  const agents = [...session.agents.values()].filter((agent) => agent.calls.length > 0 || agent.id === MAIN_AGENT || firstCloudCall.has(agent.id));
  agents.sort((a, b) => (a.id === MAIN_AGENT ? -1 : b.id === MAIN_AGENT ? 1 : (firstTime.get(a.id) ?? 0) - (firstTime.get(b.id) ?? 0)));
  const laneOf = new Map(agents.map((agent, index) => [agent.id, index]));
  const lanes = agents.map((agent) => ({ agent: agent.id, label: laneLabel(agent, firstCloudCall.get(agent.id)) }));
  const bars: TimelineBar[] = [];
  let start = Infinity;
  let end = -Infinity;
  for (const linked of session.calls) {
    const at = linked.call.time?.ms;
    const lane = laneOf.get(linked.call.agent);
    if (at === null || at === undefined || lane === undefined) continue;
    const finished = linked.result?.time?.ms ?? at;
    const outcome = linked.result?.outcome;
    const status: BarStatus =
      linked.decision.verdict === 'denied' || outcome === 'denied' ? 'denied' : outcome === 'error' ? 'failed' : !linked.result ? 'pending' : linked.decision.verdict === 'not-asked' ? 'not-asked' : 'ok';
    bars.push({ event: linked.call.id, kind: 'tool-call', lane, start: at, end: Math.max(at, finished), status, label: linked.call.summary, decided: linked.decisionEvent !== undefined });
    start = Math.min(start, at);
    end = Math.max(end, finished);
  }
  for (const event of session.events) {
    const ms = event.time?.ms;
    if (ms === null || ms === undefined) continue;
    start = Math.min(start, ms);
    end = Math.max(end, ms);
    const lane = laneOf.get(event.agent);
    if (!isCloudCall(event) || lane === undefined) continue;
    bars.push({ event: event.id, kind: 'cloud-call', lane, start: ms, end: ms, status: event.cloud?.errorCode ? 'failed' : 'ok', label: event.summary, decided: false });
  }
  if (start === Infinity) return { lanes, bars, start: 0, end: 1 };
  return { lanes, bars, start, end: Math.max(end, start + 1) };
}
