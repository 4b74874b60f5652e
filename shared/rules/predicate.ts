// Shared pieces of rule loading: diagnostics collected while reading a rule file, and rules
// that report the events a compiled condition matches.

import type { AgentEvent } from '../model/events';
import type { EventPredicate } from './conditions';
import { makeFinding, type EvidenceItem } from './engine';
import { describeCall } from './facts';
import type { Finding, Rule, Severity, StandardRef } from './types';

export interface RuleDiagnostic {
  readonly file: string;
  /** Location in the file, e.g. `rules[1].match.any[0].field`; empty for the whole file. */
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface LoadedRules {
  readonly rules: Rule[];
  readonly diagnostics: RuleDiagnostic[];
}

export class Problems {
  readonly list: RuleDiagnostic[] = [];
  constructor(readonly file: string) {}
  error(path: string, message: string): void {
    this.list.push({ file: this.file, path, severity: 'error', message });
  }
  warning(path: string, message: string): void {
    this.list.push({ file: this.file, path, severity: 'warning', message });
  }
  get errors(): number {
    return this.list.filter((item) => item.severity === 'error').length;
  }
}

export interface RuleSpec {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly standards: readonly StandardRef[];
  readonly explanation: string;
  readonly group: 'event' | 'session';
  readonly match: EventPredicate;
  readonly origin: string;
}

/** Builds a rule that reports every event matching a predicate, per event or per session. */
export function predicateRule(spec: RuleSpec): Rule {
  const rule: Rule = {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    standards: spec.standards,
    explanation: spec.explanation,
    origin: spec.origin,
    evaluate: (context) => {
      const findings: Finding[] = [];
      for (const session of context.sessions) {
        const matched: AgentEvent[] = [];
        for (const event of session.events) {
          let hit = false;
          try {
            hit = spec.match(event);
          } catch {
            hit = false;
          }
          if (hit) matched.push(event);
        }
        const item = (event: AgentEvent): EvidenceItem => ({ event, text: `${event.kind === 'tool-call' ? describeCall(event) : event.summary} matches rule ${spec.id}.` });
        if (spec.group === 'session' && matched.length > 0) findings.push(makeFinding(rule, session.id, matched.map(item), `${matched.length} event(s) match ${spec.title}.`));
        else for (const event of matched) findings.push(makeFinding(rule, session.id, [item(event)], `${spec.title}: ${event.summary}`));
      }
      return findings;
    },
  };
  return rule;
}

