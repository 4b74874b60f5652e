// Links an agent's tool call to the cloud API call it caused. Cloud audit logs never name the
// agent, so the link is an inference from three kinds of evidence, each stated in the link:
//   - credential: the call's access key appeared in the agent's tool output before the cloud
//     call, or the cloud call issued the key that the tool call printed;
//   - time: the cloud call happened while the tool call ran (CloudTrail has one-second precision
//     and clocks differ, so the window is widened by CLOCK_SKEW_MS on both sides);
//   - command: the AWS CLI's user agent names the command (`command#s3.ls`), which matches an
//     `aws s3 ls` in the tool call's command line.

import type { AgentEvent } from '../model/events';
import type { EventId, SessionId } from '../model/ids';
import type { LinkedCall, LinkedSession } from '../session/link';
import type { CredentialRecord } from './credentials';

export type Confidence = 'high' | 'medium' | 'low';

export interface CausalLink {
  /** `<tool call event id>-><cloud event id>`: stable, so an analyst's review can refer to it. */
  readonly id: string;
  readonly toolCall: EventId;
  readonly toolSession: SessionId;
  readonly cloudEvent: EventId;
  readonly cloudSession: SessionId;
  /** Fingerprint of the credential that ties them. */
  readonly credential: string;
  readonly score: number;
  readonly confidence: Confidence;
  /** Sentences stating each piece of evidence. */
  readonly evidence: readonly string[];
}

/** Clock difference tolerated between a transcript and a cloud audit log. */
export const CLOCK_SKEW_MS = 60_000;
/** Assumed run time of a tool call whose result is missing. */
const OPEN_CALL_MS = 15 * 60_000;
const MIN_SCORE = 0.5;

const AGENT_SOURCES = new Set(['claude-code', 'codex', 'gemini-cli', 'opentelemetry', 'mcp']);

function commandText(call: AgentEvent): string {
  const input = call.input;
  if (input && typeof input === 'object' && 'command' in input && typeof (input as { command: unknown }).command === 'string') return (input as { command: string }).command;
  if (input && typeof input === 'object' && 'cmd' in input) return JSON.stringify((input as { cmd: unknown }).cmd);
  return call.summary;
}

/** Service and operation from the AWS CLI user agent (`md/command#s3.ls` or `command/s3.ls`). */
export function cliCommandOf(userAgent: string | undefined): { service: string; operation: string } | null {
  const match = /command[#/]([a-z0-9-]+)\.([a-z0-9-]+)/i.exec(userAgent ?? '');
  return match ? { service: match[1]!.toLowerCase(), operation: match[2]!.toLowerCase() } : null;
}

/** Service and operation of every `aws <service> <operation>` in a command line. */
export function awsCommandsIn(command: string): { service: string; operation: string }[] {
  return [...command.matchAll(/\baws\s+(?:--[a-z-]+(?:[ =]\S+)?\s+)*([a-z0-9-]+)\s+([a-z0-9-]+)/gi)].map((match) => ({ service: match[1]!.toLowerCase(), operation: match[2]!.toLowerCase() }));
}

function serviceOf(event: AgentEvent): string {
  return (event.cloud?.service ?? '').replace(/\.amazonaws\.com$/, '').toLowerCase();
}

function callWindow(linked: LinkedCall): { start: number; end: number } | null {
  const start = linked.call.time?.ms;
  if (start === null || start === undefined) return null;
  const end = linked.result?.time?.ms ?? start + OPEN_CALL_MS;
  return { start: start - CLOCK_SKEW_MS, end: Math.max(start, end) + CLOCK_SKEW_MS };
}

function confidenceOf(score: number): Confidence {
  if (score >= 0.85) return 'high';
  if (score >= 0.65) return 'medium';
  return 'low';
}

interface Candidate {
  readonly session: LinkedSession;
  readonly linked: LinkedCall;
}

function scoreLink(cloud: AgentEvent, candidate: Candidate, record: CredentialRecord, issued: boolean): { score: number; evidence: string[] } {
  const evidence: string[] = [];
  const call = candidate.linked.call;
  let score = 0.35;
  evidence.push(`${cloud.cloud?.service ?? 'cloud'} ${cloud.cloud?.operation ?? ''} at ${cloud.time?.original ?? 'unknown time'} falls within ${call.tool?.name ?? 'tool'} call ${call.tool?.callId ?? call.id} (${call.time?.original ?? '?'} to ${candidate.linked.result?.time?.original ?? 'no result'}), allowing ${CLOCK_SKEW_MS / 1000} s of clock difference.`);
  if (issued) {
    score += 0.4;
    evidence.push(`The cloud call issued key ${record.masked}, and that key appears in the output of this tool call.`);
  } else {
    score += 0.3;
    const first = record.exposed.concat(record.observed).find((sighting) => sighting.session === candidate.session.id);
    evidence.push(`Key ${record.masked}, which signed the cloud call, appeared in this session at ${first?.time !== null && first?.time !== undefined ? new Date(first.time).toISOString() : 'an unknown time'} (event ${first?.event ?? '?'}).`);
  }
  const start = call.time?.ms ?? null;
  const end = candidate.linked.result?.time?.ms ?? start;
  const at = cloud.time?.ms ?? null;
  // CloudTrail times are whole seconds: a call inside [start - 1 s, end + 1 s] ran during the tool call itself.
  if (start !== null && end !== null && at !== null && at >= start - 1000 && at <= end + 1000) {
    score += 0.1;
    evidence.push('The cloud call happened while the tool call was running, not only within the clock allowance.');
  }
  const command = commandText(call);
  const fromAgent = cliCommandOf(cloud.cloud?.userAgent);
  const inCommand = awsCommandsIn(command);
  if (fromAgent && inCommand.some((item) => item.service === fromAgent.service && item.operation === fromAgent.operation)) {
    score += 0.25;
    evidence.push(`The user agent names the AWS CLI command "${fromAgent.service} ${fromAgent.operation}", which the tool call ran.`);
  } else if (inCommand.some((item) => item.service === serviceOf(cloud) || (serviceOf(cloud) === 's3' && item.service === 's3api'))) {
    score += 0.1;
    evidence.push(`The tool call ran an AWS CLI command for ${serviceOf(cloud)}.`);
  }
  return { score: Math.round(Math.min(1, score) * 100) / 100, evidence };
}

export function linkCauses(sessions: readonly LinkedSession[], credentials: ReadonlyMap<string, CredentialRecord>): CausalLink[] {
  const agentSessions = new Map<SessionId, LinkedSession>();
  for (const session of sessions) if (session.events.some((event) => AGENT_SOURCES.has(event.source))) agentSessions.set(session.id, session);
  const links: CausalLink[] = [];
  for (const session of sessions) {
    for (const cloud of session.events) {
      if ((cloud.kind !== 'cloud-call' && cloud.kind !== 'authentication') || cloud.time?.ms === null || cloud.time?.ms === undefined) continue;
      links.push(...linksOf(cloud, agentSessions, credentials));
    }
  }
  return links;
}

function linksOf(cloud: AgentEvent, agentSessions: ReadonlyMap<SessionId, LinkedSession>, credentials: ReadonlyMap<string, CredentialRecord>): CausalLink[] {
  const at = cloud.time!.ms!;
  const found = new Map<string, CausalLink>();
  for (const ref of cloud.credentials ?? []) {
    const record = credentials.get(ref.fingerprint);
    if (!record) continue;
    const issued = ref.action === 'issued';
    const holders = issued ? record.exposed : record.exposed.concat(record.observed).filter((sighting) => sighting.time === null || sighting.time <= at + CLOCK_SKEW_MS);
    for (const sessionId of new Set(holders.map((sighting) => sighting.session))) {
      const session = agentSessions.get(sessionId);
      if (!session) continue;
      for (const linked of session.calls) {
        const span = callWindow(linked);
        if (!span || at < span.start || at > span.end) continue;
        if (issued && !holders.some((sighting) => sighting.event === linked.result?.id)) continue;
        const { score, evidence } = scoreLink(cloud, { session, linked }, record, issued);
        if (score < MIN_SCORE) continue;
        const id = `${linked.call.id}->${cloud.id}`;
        const previous = found.get(id);
        if (previous && previous.score >= score) continue;
        found.set(id, { id, toolCall: linked.call.id, toolSession: session.id, cloudEvent: cloud.id, cloudSession: cloud.session, credential: ref.fingerprint, score, confidence: confidenceOf(score), evidence });
      }
    }
  }
  // Only the best-supported tool calls are kept: with calls seconds apart, the widened windows of
  // neighbouring calls overlap, and the weaker matches would name the wrong call.
  const best = Math.max(0, ...[...found.values()].map((link) => link.score));
  return [...found.values()].filter((link) => link.score >= best - 1e-9);
}
