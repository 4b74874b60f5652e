// `custody report <path> [--format json|md] [--rules FILE]...`: imports a bundle in memory,
// runs the findings rules and prints its report.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyseBundle } from '../shared/ingest/memory';
import { buildReport } from '../shared/report/report';
import { reportMarkdown } from '../shared/report/markdown';
import { findingsOf, loadRuleFile, type Rule, type RuleDiagnostic } from '../shared/rules';
import { openBundle } from './fs-source';

export type ReportFormat = 'json' | 'md';

/** Raised when a rule file has errors; the message lists every diagnostic. */
export class RuleFileError extends Error {
  constructor(readonly diagnostics: readonly RuleDiagnostic[]) {
    super(diagnostics.map((item) => `${item.file}${item.path ? ` at ${item.path}` : ''}: ${item.message}`).join('\n'));
  }
}

/** Reads rule files; any error in any file rejects them all, so a report never silently omits a rule. */
export async function loadRuleFiles(paths: readonly string[]): Promise<Rule[]> {
  const rules: Rule[] = [];
  const errors: RuleDiagnostic[] = [];
  for (const path of paths) {
    const loaded = loadRuleFile(await readFile(path, 'utf8'), basename(path));
    rules.push(...loaded.rules);
    errors.push(...loaded.diagnostics.filter((item) => item.severity === 'error'));
  }
  if (errors.length > 0) throw new RuleFileError(errors);
  return rules;
}

export async function runReport(path: string, format: ReportFormat, ruleFiles: readonly string[] = []): Promise<string> {
  const extra = await loadRuleFiles(ruleFiles);
  const input = await openBundle(path);
  const analysed = await analyseBundle(input);
  const run = findingsOf(analysed.sessions, analysed.links, extra);
  for (const item of run.diagnostics) process.stderr.write(`custody report: ${item.message}\n`);
  const report = buildReport(path, analysed.result.bundleSha256, analysed.summaries, analysed.result.evidence, analysed.result.diagnostics, analysed.links, run.findings);
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report);
}
