// `custody report <path> [--format json|md]`: imports a bundle in memory and prints its report.

import { analyseBundle } from '../shared/ingest/memory';
import { buildReport } from '../shared/report/report';
import { reportMarkdown } from '../shared/report/markdown';
import { openBundle } from './fs-source';

export type ReportFormat = 'json' | 'md';

export async function runReport(path: string, format: ReportFormat): Promise<string> {
  const input = await openBundle(path);
  const analysed = await analyseBundle(input);
  const report = buildReport(path, analysed.result.bundleSha256, analysed.summaries, analysed.result.evidence, analysed.result.diagnostics, analysed.links);
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report);
}
