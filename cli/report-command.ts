// `custody report <path> [--format json|md] [--rules FILE]...`: imports a bundle in memory,
// runs the findings rules and prints its report. A case file is verified first and its evidence
// reported as one bundle, with the case's record counts added.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyseBundle } from '../shared/ingest/memory';
import { buildReport } from '../shared/report/report';
import { escapeMarkdown, reportMarkdown } from '../shared/report/markdown';
import { findingsOf, loadRuleFile, type Rule, type RuleDiagnostic } from '../shared/rules';
import { caseSummary, checkReportedOriginals, isCaseFile, openCaseFile } from './case-command';
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
  const opened = (await isCaseFile(path)) ? await openCaseFile(path) : null;
  const input = opened ? opened.input : await openBundle(path);
  let analysed;
  try {
    analysed = await analyseBundle(input);
  } finally {
    await opened?.close();
  }
  const run = findingsOf(analysed.sessions, analysed.links, extra);
  for (const item of run.diagnostics) process.stderr.write(`custody report: ${item.message}\n`);
  const report = buildReport(path, analysed.result.bundleSha256, analysed.summaries, analysed.result.evidence, analysed.result.diagnostics, analysed.links, run.findings);
  if (!opened) return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report);
  checkReportedOriginals(opened, analysed.result.evidence);
  const summary = caseSummary(opened);
  if (format === 'json') return `${JSON.stringify({ ...report, caseFile: summary }, null, 2)}\n`;
  const signer = summary.signer ? `signed by key SHA-256 ${summary.signer}` : 'unsigned';
  return `${reportMarkdown(report)}\n## Case file\n\n${escapeMarkdown(summary.title)} by ${escapeMarkdown(summary.examiner)}, exported ${summary.exportedAt}, ${signer}; ${summary.entriesVerified} entries verified. ${summary.annotations} annotation(s), ${summary.chains} chain(s), ${summary.reviews} review(s), ${summary.conflicts} unresolved conflict(s).\n`;
}
