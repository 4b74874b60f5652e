// The timeline's data: one swimlane per agent, one bar per tool call from the call to its result,
// and marks for explicit decisions and failed calls.

import type { EventId } from '../../shared/model/ids';
import { MAIN_AGENT, type AgentId } from '../../shared/model/ids';
import type { LinkedSession } from '../../shared/session/link';

export type BarStatus = 'ok' | 'failed' | 'denied' | 'not-asked' | 'pending';

export interface TimelineBar {
  readonly event: EventId;
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

export function timelineModel(session: LinkedSession): TimelineModel {
  const firstTime = new Map<AgentId, number>();
  for (const event of session.events) {
    const ms = event.time?.ms;
    if (ms !== null && ms !== undefined && !firstTime.has(event.agent)) firstTime.set(event.agent, ms);
  }
  const agents = [...session.agents.values()].filter((agent) => agent.calls.length > 0 || agent.id === MAIN_AGENT);
  agents.sort((a, b) => (a.id === MAIN_AGENT ? -1 : b.id === MAIN_AGENT ? 1 : (firstTime.get(a.id) ?? 0) - (firstTime.get(b.id) ?? 0)));
  const laneOf = new Map(agents.map((agent, index) => [agent.id, index]));
  const lanes = agents.map((agent) => {
    const type = agent.spawnCall?.attrs?.subagentType;
    return { agent: agent.id, label: agent.id === MAIN_AGENT ? 'main agent' : typeof type === 'string' && type ? `${agent.id} (${type})` : agent.id };
  });
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
    bars.push({ event: linked.call.id, lane, start: at, end: Math.max(at, finished), status, label: linked.call.summary, decided: linked.decisionEvent !== undefined });
    start = Math.min(start, at);
    end = Math.max(end, finished);
  }
  for (const event of session.events) {
    const ms = event.time?.ms;
    if (ms === null || ms === undefined) continue;
    start = Math.min(start, ms);
    end = Math.max(end, ms);
  }
  if (start === Infinity) return { lanes, bars, start: 0, end: 1 };
  return { lanes, bars, start, end: Math.max(end, start + 1) };
}
