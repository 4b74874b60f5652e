import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/report/report';
import { REPO_ROOT, sample, SPOTTER_FOLDER, SPOTTER_SESSION } from '../helpers/samples';

const cli = join(REPO_ROOT, 'dist-cli', 'custody.mjs');

function custody(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

function reportOf(path: string): Report {
  const result = custody('report', path);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-node.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
});

const EXPECTED_TOOLS = { Bash: 72, Read: 47, Edit: 32, Grep: 12, Glob: 10, Write: 7, Task: 1, TaskOutput: 1, AskUserQuestion: 1 };

describe.each([
  ['spotter folder', SPOTTER_FOLDER],
  ['claude-projects.zip', sample('bundles', 'claude-projects.zip')],
])('custody report on %s', (_name, path) => {
  let report: Report;
  beforeAll(() => {
    report = reportOf(path);
  });

  it('finds the one session', () => {
    expect(report.sessions.map((session) => session.id)).toEqual([SPOTTER_SESSION]);
  });

  it('counts tool calls by agent and name', () => {
    const session = report.sessions[0]!;
    expect(session.toolCalls).toBe(183);
    expect(session.toolCallsByName).toEqual(EXPECTED_TOOLS);
    const main = session.agents.find((agent) => agent.id === 'main');
    const sub = session.agents.find((agent) => agent.id === 'a2898e3');
    expect(main?.toolCalls).toBe(150);
    expect(main?.parentId).toBeNull();
    expect(sub?.toolCalls).toBe(33);
    expect(sub?.parentId).toBe('main');
  });

  it('counts errors, denials and modes', () => {
    const session = report.sessions[0]!;
    expect(session.errors).toBe(13);
    expect(session.denied).toBe(0);
    expect(session.permissionModes).toEqual(['bypassPermissions']);
  });

  it('has no diagnostics', () => {
    expect(report.diagnostics).toEqual([]);
  });
});

describe('custody report evidence', () => {
  it('hashes folder files as sha256sum does', () => {
    const report = reportOf(SPOTTER_FOLDER);
    const files = [
      `${SPOTTER_SESSION}.jsonl`,
      `${SPOTTER_SESSION}/subagents/agent-a2898e3.jsonl`,
      `${SPOTTER_SESSION}/subagents/agent-acompact-e1f845.jsonl`,
    ];
    expect(report.evidence.map((entry) => entry.file).sort()).toEqual([...files].sort());
    const sha256sum = spawnSync('sha256sum', files, { cwd: SPOTTER_FOLDER, encoding: 'utf8' });
    expect(sha256sum.status).toBe(0);
    for (const line of sha256sum.stdout.trim().split('\n')) {
      const [hash, file] = line.split(/\s+\*?/);
      expect(report.evidence.find((entry) => entry.file === file)?.sha256, file).toBe(hash);
    }
  });

  it('hashes the whole bundle file', () => {
    const path = sample('bundles', 'claude-projects.zip');
    const report = reportOf(path);
    expect(report.bundleSha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });
});

describe('custody report on short.jsonl', () => {
  it('counts two denied tool calls', () => {
    const report = reportOf(sample('claude-code', 'short.jsonl'));
    expect(report.sessions).toHaveLength(1);
    expect(report.sessions[0]!.toolCalls).toBe(2);
    expect(report.sessions[0]!.denied).toBe(2);
  });

  it('prints Markdown with --format md', () => {
    const result = custody('report', sample('claude-code', 'short.jsonl'), '--format', 'md');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^# Custody report: /);
    expect(result.stdout).toContain('## Sessions (1)');
    expect(result.stdout).toContain('| file | format | records | SHA-256 |');
    expect(() => JSON.parse(result.stdout)).toThrow();
  });
});

describe('custody arguments', () => {
  it.each([
    ['no arguments', []],
    ['an unknown command', ['inspect', 'x']],
    ['report without a path', ['report']],
  ])('exit 2 on %s', (_name, args) => {
    const result = custody(...args);
    expect(result.status).toBe(2);
    expect(result.stdout + result.stderr).toContain('Usage: custody report <path>');
  });

  it('exit 2 with the invalid format named', () => {
    expect(custody('report', 'x.jsonl', '--format', 'xml').stderr).toContain('invalid --format "xml"');
  });

  it('exit 1 naming a missing path', () => {
    const result = custody('report', '/nonexistent/custody/evidence.zip');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('/nonexistent/custody/evidence.zip');
    expect(result.stdout).toBe('');
  });
});
