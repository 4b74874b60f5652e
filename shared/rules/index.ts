// Findings: rules that flag risky use of authority in the sessions of a case.

import type { CaseLinks } from '../case/analyse';
import type { LinkedSession } from '../session/link';
import { BUILTIN_RULES } from './builtin';
import { runRules, type RuleRun } from './engine';
import type { Rule } from './types';

export { BUILTIN_RULES } from './builtin';
export { compareFindings, describeRule, runRules, severityRank, type RuleRun, type RuleRunDiagnostic } from './engine';
export { loadRuleFile, type LoadedRules, type RuleDiagnostic } from './load';
export { STANDARDS } from './standards';
export { SEVERITIES, type Finding, type FindingEvidence, type Rule, type RuleContext, type Severity, type StandardRef } from './types';

/** Runs the built-in rules and any loaded ones over the sessions of a case. */
export function findingsOf(sessions: readonly LinkedSession[], links: CaseLinks, extra: readonly Rule[] = []): RuleRun {
  return runRules([...BUILTIN_RULES, ...extra], { sessions, links });
}
