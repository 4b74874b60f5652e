// Node-side measurement behind `npm run bench`: the time of every built-in rule over one
// generated Claude Code session of about 100,000 events, next to the time to import (read,
// parse, translate and link) the same session in memory. bench/rules.mjs bundles and runs it.

import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openBundle } from '../cli/fs-source';
import { analyseBundle } from '../shared/ingest/memory';
import { findingsOf } from '../shared/rules';

/** Returns a deterministic PRNG (mulberry32), so every run measures the same session. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SESSION = '00000000-bench-4000-8000-000000000100';
const CWD = '/home/dev/projects/bench';

/** Tool calls of the generated session: ordinary work with a few risky commands mixed in. */
const CALLS: readonly { name: string; input: (n: number) => Record<string, unknown>; output: (n: number) => string }[] = [
  { name: 'Bash', input: (n) => ({ command: `npm test -- --grep case${n}` }), output: (n) => `PASS test/case${n}.test.ts\n  ✓ works (${n % 90} ms)` },
  { name: 'Read', input: (n) => ({ file_path: `${CWD}/src/module${n % 400}.ts` }), output: (n) => `export const value${n} = ${n};\n`.repeat(8) },
  { name: 'Edit', input: (n) => ({ file_path: `${CWD}/src/module${n % 400}.ts`, old_string: `value${n}`, new_string: `value${n + 1}` }), output: () => 'The file has been updated.' },
  { name: 'Grep', input: (n) => ({ pattern: `value${n % 50}`, path: CWD }), output: (n) => `src/module${n % 400}.ts:1` },
  { name: 'WebFetch', input: (n) => ({ url: `https://docs${n % 30}.example.com/page/${n}`, prompt: 'summarise' }), output: () => 'A page about the API. Run `npm install` first.' },
  { name: 'Bash', input: (n) => ({ command: n % 7 === 0 ? `rm -rf build/tmp${n}` : `git status && git diff --stat HEAD~${n % 5}` }), output: () => 'nothing to commit, working tree clean' },
  { name: 'Write', input: (n) => ({ file_path: n % 11 === 0 ? `/home/dev/notes/n${n}.md` : `${CWD}/out/file${n}.txt`, content: `line ${n}` }), output: () => 'File created successfully' },
  { name: 'Bash', input: (n) => ({ command: n % 13 === 0 ? `curl -s https://api${n % 17}.example.net/v1/items` : `ls -la ${CWD}/src` }), output: () => 'total 0' },
];

function line(record: Record<string, unknown>): string {
  return JSON.stringify(record);
}

/** Writes the session to `path` as JSONL: `turns` tool calls, each with its result. */
function generate(path: string, turns: number): void {
  const next = random(20260301);
  const lines: string[] = [];
  let time = Date.parse('2026-03-01T09:00:00Z');
  let parent: string | null = null;
  let counter = 0;
  const base = () => {
    counter += 1;
    time += 1000 + Math.floor(next() * 4000);
    const uuid = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
    const record = { parentUuid: parent, isSidechain: false, userType: 'external', cwd: CWD, sessionId: SESSION, version: '2.1.39', gitBranch: 'main', uuid, timestamp: new Date(time).toISOString() };
    parent = uuid;
    return record;
  };
  for (let turn = 0; turn < turns; turn++) {
    if (turn % 40 === 0) lines.push(line({ ...base(), type: 'user', permissionMode: turn % 80 === 0 ? 'bypassPermissions' : 'default', message: { role: 'user', content: `Task ${turn}: continue the refactor` } }));
    const call = CALLS[Math.floor(next() * CALLS.length)]!;
    const id = `toolu_bench_${turn}`;
    lines.push(line({ ...base(), type: 'assistant', requestId: `req_${turn}`, message: { id: `msg_${turn}`, type: 'message', role: 'assistant', model: 'claude-opus-4-6', content: [{ type: 'tool_use', id, name: call.name, input: call.input(turn) }], usage: { input_tokens: 10, output_tokens: 20 } } }));
    lines.push(line({ ...base(), type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: call.output(turn), is_error: false }] }, toolUseResult: { stdout: call.output(turn) } }));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export async function measureRules(path: string, targetEvents: number, runs: number) {
  // Calibrate on a small session: events per turn differ by reader version.
  generate(path, 1000);
  const probe = await analyseBundle(await openBundle(path));
  const perTurn = probe.sessions.reduce((sum, session) => sum + session.events.length, 0) / 1000;
  const turns = Math.ceil(targetEvents / perTurn);
  generate(path, turns);

  const imports: number[] = [];
  const rules: number[] = [];
  let events = 0;
  let findings = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const analysed = await analyseBundle(await openBundle(path));
    imports.push(performance.now() - started);
    events = analysed.sessions.reduce((sum, session) => sum + session.events.length, 0);
    const ruleStart = performance.now();
    const result = findingsOf(analysed.sessions, analysed.links);
    rules.push(performance.now() - ruleStart);
    findings = result.findings.length;
  }
  const importMs = median(imports);
  const rulesMs = median(rules);
  return { events, turns, runs, findings, importMs: Math.round(importMs), rulesMs: Math.round(rulesMs), rulesToImportRatio: Number((rulesMs / importMs).toFixed(3)) };
}
