// Builds small linked sessions for rule tests: events in order, one second apart, with tool
// calls joined to their results by call id.

import { analyseCase } from '../../../shared/case/analyse';
import type { AgentEvent, CloudCall, CredentialRef, Decision, ResourceRef, SourceFormat } from '../../../shared/model/events';
import { asAgentId, asEventId, asEvidenceKey, asSessionId } from '../../../shared/model/ids';
import type { EpochMs } from '../../../shared/model/time';
import { BUILTIN_RULES } from '../../../shared/rules/builtin';
import { runRules } from '../../../shared/rules/engine';
import type { Finding, Rule } from '../../../shared/rules/types';
import { linkSession, type LinkedSession } from '../../../shared/session/link';

const START = Date.parse('2026-03-01T10:00:00Z');

export interface SessionBuilder {
  readonly events: AgentEvent[];
  /** A user prompt; `mode` sets the permission mode from here on. */
  prompt(text: string, mode?: string): AgentEvent;
  /** A tool call and, unless `result` is null, its result. Returns the call. */
  call(tool: string, input: Record<string, unknown>, options?: CallOptions): AgentEvent;
  /** A cloud audit record in this session. */
  cloud(cloud: Partial<CloudCall> & { service: string; operation: string }, extra?: Partial<AgentEvent>): AgentEvent;
  link(): LinkedSession;
}

export interface CallOptions {
  readonly agent?: string;
  readonly resources?: ResourceRef[];
  readonly output?: string;
  readonly result?: null;
  readonly outcome?: 'success' | 'error' | 'denied';
  /** A decision event for the call, e.g. a user rejection. */
  readonly decision?: Decision;
  readonly cwd?: string;
  readonly callCredentials?: CredentialRef[];
  readonly resultCredentials?: CredentialRef[];
  readonly mcpServer?: string;
}

export function session(id = 'session-1', options: { source?: SourceFormat; cwd?: string } = {}): SessionBuilder {
  const events: AgentEvent[] = [];
  const source = options.source ?? 'claude-code';
  const cwd = options.cwd ?? '/home/dev/project';
  let counter = 0;
  const base = (kind: AgentEvent['kind'], extra: Partial<AgentEvent>): AgentEvent => {
    counter += 1;
    const ms = START + counter * 1000;
    return {
      id: asEventId(`${id}-e${counter}`),
      session: asSessionId(id),
      agent: asAgentId('main'),
      kind,
      time: { ms: ms as EpochMs, original: new Date(ms).toISOString(), zoneKnown: true },
      seq: counter,
      block: 0,
      source,
      raw: { evidence: asEvidenceKey('test/0'), line: counter, offset: 0, length: 0 },
      summary: `${kind} ${counter}`,
      recordType: kind,
      attrs: { cwd },
      ...extra,
    };
  };
  const builder: SessionBuilder = {
    events,
    prompt(text, mode) {
      const event = base('prompt', { summary: text, ...(mode ? { mode } : {}) });
      events.push(event);
      return event;
    },
    call(tool, input, options = {}) {
      const callId = `toolu_${id}_${counter + 1}`;
      const agent = asAgentId(options.agent ?? 'main');
      const attrs = { cwd: options.cwd ?? cwd };
      const call = base('tool-call', {
        agent,
        tool: { name: tool, callId, ...(options.mcpServer ? { mcpServer: options.mcpServer } : {}) },
        input,
        summary: `${tool} ${JSON.stringify(input).slice(0, 80)}`,
        attrs,
        ...(options.resources ? { resources: options.resources } : {}),
        ...(options.callCredentials ? { credentials: options.callCredentials } : {}),
      });
      events.push(call);
      if (options.decision) events.push(base('decision', { agent, tool: { name: tool, callId }, decision: { ...options.decision, callId }, summary: `decision on ${tool}`, attrs }));
      if (options.result !== null) {
        events.push(
          base('tool-result', {
            agent,
            tool: { name: tool, callId },
            outcome: options.outcome ?? (options.decision?.verdict === 'denied' ? 'denied' : 'success'),
            summary: `${tool} returned`,
            attrs: { ...attrs, output: options.output ?? 'ok' },
            ...(options.resultCredentials ? { credentials: options.resultCredentials } : {}),
          }),
        );
      }
      return call;
    },
    cloud(cloud, extra = {}) {
      const event = base('cloud-call', {
        agent: asAgentId(cloud.principal ?? 'arn:aws:iam::111122223333:user/tester'),
        source: 'cloudtrail',
        cloud: { provider: 'aws', principal: 'arn:aws:iam::111122223333:user/tester', ...cloud },
        summary: `${cloud.service}:${cloud.operation}`,
        attrs: { eventSource: cloud.service, eventName: cloud.operation },
        ...extra,
      });
      events.push(event);
      return event;
    },
    link: () => linkSession(asSessionId(id), events),
  };
  return builder;
}

/** Runs rules (all built-in ones by default) over linked sessions with their case links. */
export function findingsFor(sessions: LinkedSession[], rules: readonly Rule[] = BUILTIN_RULES): Finding[] {
  const run = runRules(rules, { sessions, links: analyseCase(sessions) });
  if (run.diagnostics.length > 0) throw new Error(run.diagnostics.map((item) => item.message).join('\n'));
  return run.findings;
}

export function ofRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((finding) => finding.rule === rule);
}

export function fileRef(value: string, access: ResourceRef['access'] = 'read'): ResourceRef {
  return { kind: 'file', value, access };
}
