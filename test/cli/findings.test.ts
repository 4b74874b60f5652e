// Findings in the command-line report, and rule files passed with --rules.

import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/report/report';
import { REPO_ROOT, sample, SPOTTER_FOLDER, SPOTTER_SESSION } from '../helpers/samples';

const cli = join(REPO_ROOT, 'dist-cli', 'custody.mjs');

function custody(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-node.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
});

describe('custody report findings', () => {
  it('lists findings with rule, severity, session and events', () => {
    const result = custody('report', SPOTTER_FOLDER);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    const unapproved = report.findings.find((finding) => finding.rule === 'unapproved-execution');
    expect(unapproved?.severity).toBe('high');
    expect(unapproved?.session).toBe(SPOTTER_SESSION);
    expect(unapproved?.events.length).toBeGreaterThan(100);
    expect(unapproved?.title).toBe('Writes and commands ran without approval');
    expect(unapproved?.explanation).toContain('bypassPermissions');
    expect(unapproved?.standards).toContain('ASI02 Tool Misuse and Exploitation');
  });

  it('prints findings in the Markdown report', () => {
    const result = custody('report', sample('cloudtrail', 'aws.defense-evasion.cloudtrail-delete.json'), '--format', 'md');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('## Findings (1)');
    expect(result.stdout).toContain('CRITICAL: Audit logging or guardrails disabled');
  });

  it('runs the rules of a --rules file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'custody-rules-'));
    const file = join(folder, 'rules.yaml');
    writeFileSync(file, 'id: any-stop-logging\ntitle: StopLogging seen\nseverity: info\nmatch: { field: cloud.operation, equals: StopLogging }\n');
    const result = custody('report', sample('cloudtrail', 'aws.defense-evasion.cloudtrail-stop.json'), '--rules', file);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.findings.map((finding) => finding.rule)).toEqual(['audit-tampering', 'any-stop-logging']);
  });

  it('rejects an invalid rule file with its diagnostics', () => {
    const folder = mkdtempSync(join(tmpdir(), 'custody-rules-'));
    const file = join(folder, 'bad.yaml');
    writeFileSync(file, 'id: x\ntitle: X\nseverity: urgent\nmatch: { field: kind }\n');
    const result = custody('report', sample('cloudtrail', 'aws.defense-evasion.cloudtrail-stop.json'), '--rules', file);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('bad.yaml at rule.severity: invalid severity');
    expect(result.stderr).toContain('bad.yaml at rule.match: no operator for field kind');
  });
});
