// The shapes shared by the rule engine, the built-in rules and rules loaded from files.

import type { CaseLinks } from '../case/analyse';
import type { EventId, SessionId } from '../model/ids';
import type { LinkedSession } from '../session/link';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Severities from most to least severe; findings sort in this order. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** An item of a published risk list that a rule maps to, e.g. `ASI02` or `NHI2`. */
export interface StandardRef {
  readonly id: string;
  readonly name: string;
  /** The list the item belongs to, with its year. */
  readonly list: string;
}

/** One event that proves part of a finding, with a sentence saying what it shows. */
export interface FindingEvidence {
  readonly session: SessionId;
  readonly event: EventId;
  readonly text: string;
}

export interface Finding {
  /** `<rule>|<session>|<first event>`: stable across runs, so a review can refer to it. */
  readonly id: string;
  readonly rule: string;
  /** Name of the rule file that defined the rule; absent for built-in rules. */
  readonly ruleFile?: string;
  readonly title: string;
  readonly severity: Severity;
  readonly standards: readonly StandardRef[];
  /** The session the finding is about; evidence may also cite events of other sessions. */
  readonly session: SessionId;
  /** Ids of the events that prove the finding, in the order of `evidence`. */
  readonly events: readonly EventId[];
  readonly evidence: readonly FindingEvidence[];
  /** One sentence about this occurrence. */
  readonly summary: string;
  /** What the rule looks for and why it matters, the same for every finding of the rule. */
  readonly explanation: string;
  /** Time of the first cited event in epoch milliseconds, for ordering. */
  readonly time: number | null;
}

/** What rules read: the linked sessions to evaluate and the links across the whole case. */
export interface RuleContext {
  readonly sessions: readonly LinkedSession[];
  readonly links: CaseLinks;
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly standards: readonly StandardRef[];
  readonly explanation: string;
  /** Where the rule came from: `built-in`, or the rule file's name. */
  readonly origin: string;
  evaluate(context: RuleContext): Finding[];
}
