import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionManifest } from '../../shared/collect/locations';
import type { Report } from '../../shared/report/report';
import { REPO_ROOT, sample } from '../helpers/samples';

const cli = join(REPO_ROOT, 'dist-cli', 'custody.mjs');
const CODEX_DAY = sample('codex', 'sessions', '2026', '02', '23');

function custody(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

function reportOf(path: string): Report {
  const result = custody('report', path);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Per session: tool calls by name and event count. */
function sessionCounts(report: Report) {
  return Object.fromEntries(report.sessions.map((session) => [session.id, { toolCalls: session.toolCalls, byName: session.toolCallsByName, events: session.events }]));
}

/** Records and events per evidence file, keyed by the path below the source root. */
function recordCounts(report: Report, strip: RegExp) {
  return Object.fromEntries(report.evidence.filter((file) => strip.test(file.file)).map((file) => [file.file.replace(strip, ''), { records: file.records, events: file.events, sha256: file.sha256 }]));
}

let root: string;
let home: string;
const OLD_ATIME = new Date('2020-01-01T00:00:00Z');

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-node.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  root = mkdtempSync(join(tmpdir(), 'custody-collect-'));
  home = join(root, 'home');
  const projects = join(home, '.claude', 'projects');
  mkdirSync(projects, { recursive: true });
  for (const name of readdirSync(sample('claude-code', 'projects'))) cpSync(sample('claude-code', 'projects', name), join(projects, name), { recursive: true });
  const codexDay = join(home, '.codex', 'sessions', '2026', '02', '23');
  mkdirSync(codexDay, { recursive: true });
  cpSync(CODEX_DAY, codexDay, { recursive: true });
  // An access time older than the modification time makes Linux's relatime update it on the
  // next read, so the test sees a read that does not avoid it.
  for (const name of readdirSync(codexDay)) utimesSync(join(codexDay, name), OLD_ATIME, new Date());
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('custody collect on a home folder with the samples', () => {
  let out: string;
  let manifest: CollectionManifest;
  let entries: Record<string, Uint8Array>;

  beforeAll(() => {
    out = join(root, 'collection.zip');
    const result = custody('collect', '--home', home, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('6 files');
    entries = unzipSync(readFileSync(out));
    manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as CollectionManifest;
  });

  // Runs first: the other tests read the sources themselves, which sets their access times.
  it('leaves access times and the source folders alone', () => {
    const codexDay = join(home, '.codex', 'sessions', '2026', '02', '23');
    for (const name of readdirSync(codexDay)) expect(statSync(join(codexDay, name)).atime.toISOString(), name).toBe(OLD_ATIME.toISOString());
    expect(readdirSync(codexDay).sort()).toEqual(readdirSync(CODEX_DAY).sort());
  });

  it('writes the manifest last, after every file', () => {
    expect(Object.keys(entries).at(-1)).toBe('manifest.json');
    expect(manifest.files).toHaveLength(6);
    expect(manifest.format).toBe('custody-collection/1');
    expect(manifest.home).toBe(home);
    expect(manifest.host.length).toBeGreaterThan(0);
    expect(manifest.user.length).toBeGreaterThan(0);
    expect(manifest.tool.name).toBe('custody');
  });

  it('records hashes, sizes, times and paths that match the sources', () => {
    for (const file of manifest.files) {
      const info = statSync(file.originalPath);
      expect(file.sha256, file.originalPath).toBe(sha256(file.originalPath));
      expect(file.size, file.originalPath).toBe(info.size);
      expect(Date.parse(file.mtime), file.originalPath).toBe(Math.floor(info.mtimeMs));
      expect(Date.parse(file.ctime), file.originalPath).toBeGreaterThan(0);
      expect(file.changedWhileReading).toBe(false);
      expect(createHash('sha256').update(entries[file.entry]!).digest('hex'), file.entry).toBe(file.sha256);
    }
  });

  it('names the source kind of every file', () => {
    const kinds = manifest.files.map((file) => `${file.kind} ${basename(file.originalPath)}`);
    expect(kinds.filter((kind) => kind.startsWith('claude-code '))).toHaveLength(3);
    expect(kinds.filter((kind) => kind.startsWith('codex rollout-'))).toHaveLength(3);
  });

  it('reports the same sessions, tool calls and records as the folders', () => {
    const fromZip = reportOf(out);
    const fromClaude = reportOf(join(home, '.claude', 'projects'));
    const fromCodex = reportOf(join(home, '.codex', 'sessions'));
    expect(sessionCounts(fromZip)).toEqual({ ...sessionCounts(fromClaude), ...sessionCounts(fromCodex) });
    expect(fromZip.sessions).toHaveLength(4);
    expect(recordCounts(fromZip, /^claude-code\/projects\//)).toEqual(recordCounts(fromClaude, /^/));
    expect(recordCounts(fromZip, /^codex\/sessions\//)).toEqual(recordCounts(fromCodex, /^/));
    const manifestEvidence = fromZip.evidence.find((file) => file.file === 'manifest.json');
    expect(manifestEvidence?.format).toBe('custody-collection');
    expect(manifestEvidence?.events).toBe(0);
    expect(fromZip.diagnostics).toEqual([]);
  });

  it('is not mistaken for a case file', () => {
    expect(custody('verify', out).status).not.toBe(0);
    expect(reportOf(out).sessions.length).toBe(4);
  });
});

describe('custody collect options', () => {
  it('collects Gemini chats and logs, --otel files and named paths only', () => {
    const other = join(root, 'home-gemini');
    const project = join(other, '.gemini', 'tmp', 'abc123');
    mkdirSync(join(project, 'chats'), { recursive: true });
    writeFileSync(join(project, 'chats', 'session-1.json'), '{"sessionId":"s1","messages":[]}\n');
    writeFileSync(join(project, 'logs.json'), '[]\n');
    writeFileSync(join(project, 'scratch.txt'), 'not a log\n');
    symlinkSync(join(project, 'logs.json'), join(project, 'chats', 'link.json'));
    const out = join(root, 'gemini.zip');
    const named = join(root, 'named.jsonl');
    writeFileSync(named, '{"a":1}\n');
    const result = custody('collect', '--home', other, '--otel', sample('otel', 'otlp-example-logs.json'), '--out', out, named);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('symbolic link, not followed');
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))['manifest.json'])) as CollectionManifest;
    expect(manifest.files.map((file) => [file.kind, file.entry])).toEqual([
      ['gemini-cli', 'gemini-cli/tmp/abc123/chats/session-1.json'],
      ['gemini-cli', 'gemini-cli/tmp/abc123/logs.json'],
      ['otel', 'otel/1-otlp-example-logs.json/otlp-example-logs.json'],
      ['path', 'paths/1-named.jsonl/named.jsonl'],
    ]);
    expect(manifest.skipped.map((item) => basename(item.originalPath))).toEqual(['link.json']);
  });

  it('rejects an output inside a source folder', () => {
    const out = join(home, '.claude', 'projects', 'inside.zip');
    const result = custody('collect', '--home', home, '--out', out);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('lies inside the source');
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites an existing output', () => {
    const out = join(root, 'exists.zip');
    writeFileSync(out, 'earlier');
    const result = custody('collect', '--home', home, '--out', out);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('EEXIST');
    expect(readFileSync(out, 'utf8')).toBe('earlier');
  });

  it('fails when there is nothing to collect', () => {
    const empty = join(root, 'empty-home');
    mkdirSync(empty);
    const result = custody('collect', '--home', empty, '--out', join(root, 'none.zip'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No agent logs found');
    expect(existsSync(join(root, 'none.zip'))).toBe(false);
  });
});
