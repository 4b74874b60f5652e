// Session summaries, computed from linked events so that every view and the report count alike.

import type { AgentEvent, SourceFormat } from '../model/events';
import type { AgentSummary, ModeSpan, SessionSummary } from '../model/session';
import type { LinkedSession } from './link';
import type { EpochMs } from '../model/time';

function distinct(values: Iterable<string | undefined | null>): string[] {
  const seen = new Set<string>();
  for (const value of values) if (value) seen.add(value);
  return [...seen];
}

function attr(event: AgentEvent, key: string): string | undefined {
  const value = event.attrs?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Returns the human who started the session: the first email the events name, else the first
 * user id. Only telemetry and cloud logins carry an identity; transcripts never do.
 */
function principalOf(events: readonly AgentEvent[]): string | undefined {
  let user: string | undefined;
  for (const event of events) {
    if (event.identity?.email) return event.identity.email;
    user ??= event.identity?.user;
  }
  return user;
}

function timeRange(events: readonly AgentEvent[]): { start: EpochMs | null; end: EpochMs | null } {
  let start: number | null = null;
  let end: number | null = null;
  for (const event of events) {
    const ms = event.time?.ms;
    if (ms === null || ms === undefined) continue;
    if (start === null || ms < start) start = ms;
    if (end === null || ms > end) end = ms;
  }
  return { start: start as EpochMs | null, end: end as EpochMs | null };
}

function modeChanges(events: readonly AgentEvent[]): ModeSpan[] {
  const spans: ModeSpan[] = [];
  for (const event of events) {
    if (!event.mode || (event.kind !== 'prompt' && event.kind !== 'mode-change')) continue;
    if (spans.at(-1)?.mode === event.mode) continue;
    spans.push({ mode: event.mode, since: event.time?.ms ?? null, event: event.id });
  }
  return spans;
}

function cloudCounts(events: readonly AgentEvent[]) {
  const byOperation: Record<string, number> = {};
  let calls = 0;
  let errors = 0;
  for (const event of events) {
    if (event.kind !== 'cloud-call' && event.kind !== 'authentication') continue;
    calls += 1;
    const service = (event.cloud?.service ?? 'unknown').replace(/\.amazonaws\.com$/, '');
    const key = `${service}:${event.cloud?.operation ?? 'unknown'}`;
    byOperation[key] = (byOperation[key] ?? 0) + 1;
    if (event.cloud?.errorCode) errors += 1;
  }
  return { cloudCalls: calls, cloudCallsByOperation: byOperation, cloudErrors: errors };
}

/** Sources in order of precedence for naming a session's primary source. */
const SOURCE_PRECEDENCE: readonly SourceFormat[] = ['claude-code', 'codex', 'gemini-cli', 'opentelemetry', 'mcp', 'cloudtrail', 'ocsf', 'generic'];

function sourcesOf(events: readonly AgentEvent[]): SourceFormat[] {
  const present = new Set(events.map((event) => event.source));
  return SOURCE_PRECEDENCE.filter((source) => present.has(source));
}

export function summarizeSession(session: LinkedSession): SessionSummary {
  const { events, calls } = session;
  const byName: Record<string, number> = {};
  let denied = 0;
  let errors = 0;
  for (const linked of calls) {
    const name = linked.call.tool?.name ?? 'unknown';
    byName[name] = (byName[name] ?? 0) + 1;
    const outcome = linked.result?.outcome;
    if (linked.decision.verdict === 'denied' || outcome === 'denied') denied += 1;
    else if (outcome === 'error') errors += 1;
  }
  const agents: AgentSummary[] = [...session.agents.values()].map((agent) => ({
    id: agent.id,
    parentId: agent.parentId,
    role: agent.role,
    ...(agent.spawnCall?.tool?.callId ? { spawnedBy: agent.spawnCall.tool.callId } : {}),
    ...(agent.spawnCall && attr(agent.spawnCall, 'subagentType') ? { subagentType: attr(agent.spawnCall, 'subagentType')! } : {}),
    ...(agent.spawnCall && attr(agent.spawnCall, 'description') ? { description: attr(agent.spawnCall, 'description')! } : {}),
    toolCalls: agent.calls.length,
  }));
  const changes = modeChanges(events);
  const first = events[0];
  const title = events.find((event) => event.kind === 'prompt')?.summary;
  const cwd = distinct(events.map((event) => attr(event, 'cwd')))[0];
  const branch = distinct(events.map((event) => attr(event, 'gitBranch')))[0];
  const principal = principalOf(events);
  return {
    id: session.id,
    source: sourcesOf(events)[0] ?? first?.source ?? 'generic',
    sources: sourcesOf(events),
    ...(title ? { title } : {}),
    ...(cwd ? { cwd } : {}),
    ...(branch ? { gitBranch: branch } : {}),
    ...(principal ? { principal } : {}),
    versions: distinct(events.map((event) => attr(event, 'version'))),
    models: distinct(events.map((event) => attr(event, 'model'))).filter((model) => model !== '<synthetic>'),
    permissionModes: distinct(changes.map((span) => span.mode)),
    ...cloudCounts(events),
    credentials: distinct(events.flatMap((event) => (event.credentials ?? []).map((ref) => ref.fingerprint))),
    sandboxPolicies: distinct(events.filter((event) => event.kind === 'mode-change').map((event) => attr(event, 'sandbox'))),
    modeChanges: changes,
    ...timeRange(events),
    agents,
    toolCalls: calls.length,
    toolCallsByName: byName,
    denied,
    errors,
    events: events.length,
  };
}
