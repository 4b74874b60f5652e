// Runs rules over the sessions of a case. A rule that throws is reported as a diagnostic and the
// other rules still run, so one faulty rule file cannot hide the findings of the rest.

import type { AgentEvent } from '../model/events';
import type { EventId, SessionId } from '../model/ids';
import { maskSecrets } from '../secrets/mask';
import type { LinkedSession } from '../session/link';
import { SEVERITIES, type Finding, type FindingEvidence, type Rule, type RuleContext, type Severity } from './types';

/** Evidence sentences kept per finding. The summary states how many more events matched. */
export const MAX_EVIDENCE = 200;

export interface RuleRunDiagnostic {
  readonly rule: string;
  readonly message: string;
}

export interface RuleRun {
  readonly findings: Finding[];
  readonly diagnostics: RuleRunDiagnostic[];
}

export function severityRank(severity: Severity): number {
  const index = SEVERITIES.indexOf(severity);
  return index === -1 ? SEVERITIES.length : index;
}

/** Orders findings by severity, then by the time of their first event, then by rule and id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.time ?? Number.MAX_SAFE_INTEGER) - (b.time ?? Number.MAX_SAFE_INTEGER) ||
    compareText(a.rule, b.rule) ||
    compareText(a.id, b.id)
  );
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** The origin of the rules that ship with Custody; any other origin is a rule file's name. */
const BUILT_IN = 'built-in';

export function runRules(rules: readonly Rule[], context: RuleContext): RuleRun {
  const findings: Finding[] = [];
  const diagnostics: RuleRunDiagnostic[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    let produced: Finding[];
    try {
      produced = rule.evaluate(context);
    } catch (error) {
      diagnostics.push({ rule: rule.id, message: `Rule ${rule.id} failed and was skipped: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    for (const finding of produced) {
      if (seen.has(finding.id)) continue;
      seen.add(finding.id);
      findings.push(rule.origin === BUILT_IN ? finding : { ...finding, ruleFile: rule.origin });
    }
  }
  findings.sort(compareFindings);
  return { findings, diagnostics };
}

/** Names the rule that raised a finding, with its file for a rule from a rule file: "rule s3-wipe from team.yaml". */
export function describeRule(finding: Pick<Finding, 'rule' | 'ruleFile'>): string {
  return finding.ruleFile === undefined ? `built-in rule ${finding.rule}` : `rule ${finding.rule} from ${finding.ruleFile}`;
}

/** The metadata a finding copies from its rule. */
export type RuleInfo = Pick<Rule, 'id' | 'title' | 'severity' | 'standards' | 'explanation'>;

export interface EvidenceItem {
  /** The cited event; only its id, session and time are read, so a sighting from the case links will do. */
  readonly event: Pick<AgentEvent, 'id' | 'session' | 'time'>;
  readonly text: string;
}

/**
 * Builds a finding from its evidence, first item first. Evidence beyond MAX_EVIDENCE is counted
 * in the summary instead of listed. Secrets quoted from commands or content are masked, because
 * findings are copied into reports.
 */
export function makeFinding(rule: RuleInfo, session: SessionId, items: readonly EvidenceItem[], summary: string, severity: Severity = rule.severity): Finding {
  const kept = items.slice(0, MAX_EVIDENCE);
  const evidence: FindingEvidence[] = kept.map((item) => ({ session: item.event.session, event: item.event.id, text: maskSecrets(item.text) }));
  const extra = items.length - kept.length;
  const first = kept[0]?.event;
  return {
    id: `${rule.id}|${session}|${first?.id ?? ''}`,
    rule: rule.id,
    title: rule.title,
    severity,
    standards: rule.standards,
    session,
    events: evidence.map((item) => item.event) as EventId[],
    evidence,
    summary: maskSecrets(extra > 0 ? `${summary} (${extra} more events not listed)` : summary),
    explanation: rule.explanation,
    time: typeof first?.time?.ms === 'number' ? first.time.ms : null,
  };
}

/** Sources whose sessions are an agent at work. */
const AGENT_SOURCES = new Set(['claude-code', 'codex', 'gemini-cli', 'opentelemetry', 'mcp']);

export function isAgentEvent(event: AgentEvent): boolean {
  return AGENT_SOURCES.has(event.source);
}

/** Looks up an event by id in any session of the context. */
export function eventIn(sessions: readonly LinkedSession[], session: SessionId, id: EventId): AgentEvent | undefined {
  return sessions.find((candidate) => candidate.id === session)?.byId.get(id);
}
