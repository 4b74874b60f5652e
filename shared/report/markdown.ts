// The report as Markdown for people. Evidence text is escaped so it cannot become markup.

import { escapeControls } from '../text/escape';
import type { Report } from './report';

/**
 * Escapes Markdown and HTML metacharacters in evidence text. Control characters (ANSI escape
 * sequences among them) and bidirectional overrides become visible `\uXXXX` text first, so the
 * report cannot restyle a terminal that prints it or reorder what a reader sees.
 */
export function escapeMarkdown(text: string): string {
  return escapeControls(text).replace(/[\\`*_{}[\]()#+!|<>&~-]/g, (char) => `\\${char}`).replace(/[\r\n]+/g, ' ');
}

export function reportMarkdown(report: Report): string {
  const out: string[] = [`# Custody report: ${escapeMarkdown(report.input)}`, '', `Bundle SHA-256: \`${report.bundleSha256}\``, ''];
  out.push(`## Sessions (${report.sessions.length})`, '');
  for (const session of report.sessions) {
    out.push(`### ${escapeMarkdown(session.id)} (${session.source})`, '');
    if (session.title) out.push(`- Title: ${escapeMarkdown(session.title)}`);
    if (session.principal) out.push(`- Principal: ${escapeMarkdown(session.principal)}`);
    out.push(`- Time: ${session.start ?? 'unknown'} to ${session.end ?? 'unknown'}`);
    out.push(`- Permission modes: ${session.permissionModes.map(escapeMarkdown).join(', ') || 'none recorded'}`);
    if (session.sandboxPolicies.length > 0) out.push(`- Sandbox policies: ${session.sandboxPolicies.map(escapeMarkdown).join(', ')}`);
    out.push(`- Tool calls: ${session.toolCalls} (denied ${session.denied}, failed ${session.errors})`);
    if (session.cloudCalls > 0) {
      const operations = Object.entries(session.cloudCallsByOperation).sort((a, b) => b[1] - a[1]);
      out.push(`- Cloud calls: ${session.cloudCalls} (failed ${session.cloudErrors}): ${operations.map(([name, count]) => `${escapeMarkdown(name)} ${count}`).join(', ')}`);
    }
    const names = Object.entries(session.toolCallsByName).sort((a, b) => b[1] - a[1]);
    out.push(`- By tool: ${names.map(([name, count]) => `${escapeMarkdown(name)} ${count}`).join(', ') || 'none'}`);
    for (const agent of session.agents) {
      const parent = agent.parentId ? ` under ${escapeMarkdown(agent.parentId)}` : '';
      const spawn = agent.spawnedBy ? ` via ${escapeMarkdown(agent.spawnedBy)}` : '';
      out.push(`- Agent ${escapeMarkdown(agent.id)} (${agent.role}${parent}${spawn}): ${agent.toolCalls} tool calls`);
    }
    out.push('');
  }
  out.push(`## Findings (${report.findings.length})`, '');
  for (const finding of report.findings) {
    const rule = finding.ruleFile === undefined ? finding.rule : `${finding.rule} from ${finding.ruleFile}`;
    out.push(`### ${finding.severity.toUpperCase()}: ${escapeMarkdown(finding.title)} (${escapeMarkdown(rule)})`, '');
    out.push(`- Session: ${escapeMarkdown(finding.session)}`);
    out.push(`- ${escapeMarkdown(finding.summary)}`);
    if (finding.standards.length > 0) out.push(`- Maps to: ${finding.standards.map(escapeMarkdown).join('; ')}`);
    for (const item of finding.evidence) out.push(`  - \`${escapeMarkdown(item.event)}\`: ${escapeMarkdown(item.text)}`);
    out.push('', escapeMarkdown(finding.explanation), '');
  }
  if (report.findings.length === 0) out.push('None.', '');
  out.push(`## Evidence (${report.evidence.length})`, '', '| file | format | records | SHA-256 |', '|---|---|---|---|');
  for (const file of report.evidence) {
    const partial = file.cutShort ? ` (of the first ${file.size} bytes; reading stopped early)` : '';
    out.push(`| ${escapeMarkdown(file.file)} | ${file.format ?? 'unrecognised'} | ${file.records} | \`${file.sha256}\`${partial} |`);
  }
  out.push('', `## Credentials (${report.credentials.length})`, '');
  for (const credential of report.credentials) {
    out.push(`- ${escapeMarkdown(credential.masked)} (${escapeMarkdown(credential.kind)}, \`${credential.fingerprint}\`)`);
    for (const minted of credential.mintedBy) out.push(`  - minted by ${escapeMarkdown(minted.principal)} at ${minted.time ?? 'unknown time'}${minted.with ? ` with \`${minted.with}\`` : ''}`);
    for (const seen of credential.seenIn) out.push(`  - ${seen.action} in session ${escapeMarkdown(seen.session)} at ${seen.time ?? 'unknown time'}`);
    for (const user of credential.usedBy) out.push(`  - used by ${escapeMarkdown(user.principal)}: ${user.calls} calls, ${user.first ?? '?'} to ${user.last ?? '?'}`);
  }
  if (report.credentials.length === 0) out.push('None.');
  out.push('', `## Tool calls linked to cloud calls (${report.links.length})`, '');
  for (const link of report.links) {
    out.push(`- ${escapeMarkdown(link.toolCall)} caused ${escapeMarkdown(link.cloudEvent)}: ${link.confidence} confidence (${link.score})`);
    for (const sentence of link.evidence) out.push(`  - ${escapeMarkdown(sentence)}`);
  }
  if (report.links.length === 0) out.push('None.');
  out.push('', `## Diagnostics (${report.diagnostics.length})`, '');
  for (const d of report.diagnostics) {
    const where = [d.line !== null ? `line ${d.line}` : null, d.offset !== null ? `byte ${d.offset}` : null].filter(Boolean).join(', ');
    out.push(`- ${escapeMarkdown(d.file)}${where ? ` (${where})` : ''}: ${escapeMarkdown(d.reason)}`);
  }
  if (report.diagnostics.length === 0) out.push('None.');
  return `${out.join('\n')}\n`;
}
