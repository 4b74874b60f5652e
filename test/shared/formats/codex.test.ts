import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/model/events';
import { bytesSource, type BundleInput } from '../../../shared/io/bytes';
import { analyseBundle } from '../../../shared/ingest/memory';
import { openBundle } from '../../../cli/fs-source';
import { sample } from '../../helpers/samples';

const DAY = ['codex', 'sessions', '2026', '02', '23'] as const;
const SMALL = 'rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl';
const DESKTOP = 'rollout-2026-02-23T12-40-23-019c8a4c-ed82-79a1-aa28-7738fc5ab61a.jsonl';
const COMPACTED = 'rollout-2026-02-23T12-54-34-019c8a59-e9dd-71f0-9ae3-4079fe9726a9.jsonl';

const SESSION = '019c9000-aaaa-7bbb-8ccc-0123456789ab';

type Json = Record<string, unknown>;

function file(name: string, text: string): BundleInput {
  return { kind: 'file', source: bytesSource(name, new TextEncoder().encode(text)) };
}

function jsonl(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

/** Builds a current-generation rollout: every line `{timestamp, type, payload}`, a second apart. */
class Rollout {
  private readonly lines: Json[] = [];
  private second = 0;

  line(type: string, payload: Json): this {
    const timestamp = new Date(Date.UTC(2026, 2, 1, 9, 0, this.second++)).toISOString();
    this.lines.push({ timestamp, type, payload });
    return this;
  }

  meta(id = SESSION): this {
    return this.line('session_meta', { id, timestamp: '2026-03-01T09:00:00.000Z', cwd: '/work/app', originator: 'codex_cli_rs', cli_version: '0.98.0', source: 'cli', model_provider: 'openai', git: { branch: 'main', commit_hash: 'abc123' } });
  }

  context(policy = 'on-request', sandbox: Json = { type: 'workspace-write', writable_roots: ['/work/app'], network_access: false }): this {
    return this.line('turn_context', { turn_id: 'turn-1', cwd: '/work/app', approval_policy: policy, sandbox_policy: sandbox, model: 'gpt-5-codex' });
  }

  prompt(text: string): this {
    this.line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
    return this.line('event_msg', { type: 'user_message', message: text, images: [] });
  }

  exec(callId: string, args: Json | string): this {
    return this.line('response_item', { type: 'function_call', name: 'exec_command', arguments: typeof args === 'string' ? args : JSON.stringify(args), call_id: callId });
  }

  output(callId: string, output: unknown, type = 'function_call_output'): this {
    return this.line('response_item', { type, call_id: callId, output });
  }

  text(): string {
    return jsonl(this.lines);
  }
}

async function analyseText(name: string, text: string) {
  const analysed = await analyseBundle(file(name, text));
  expect(analysed.result.evidence.map((evidence) => evidence.format)).toEqual(['codex']);
  expect(analysed.sessions).toHaveLength(1);
  return { ...analysed, session: analysed.sessions[0]!, summary: analysed.summaries[0]! };
}

function ofKind(events: readonly AgentEvent[], kind: AgentEvent['kind']): AgentEvent[] {
  return events.filter((event) => event.kind === kind);
}

describe('Codex reader on the real rollouts', () => {
  it('counts tool calls, policy and sandbox per session', async () => {
    const { summaries, result } = await analyseBundle(await openBundle(sample(...DAY)));
    const byId = new Map(summaries.map((summary) => [summary.id as string, summary]));
    expect([...byId.keys()].sort()).toEqual(['019c8a4c-ed82-79a1-aa28-7738fc5ab61a', '019c8a59-e9dd-71f0-9ae3-4079fe9726a9', '019c8bfe-ec25-79e0-97d7-bda6a9c575ff']);
    expect(byId.get('019c8a4c-ed82-79a1-aa28-7738fc5ab61a')!.toolCalls).toBe(105);
    expect(byId.get('019c8a59-e9dd-71f0-9ae3-4079fe9726a9')!.toolCalls).toBe(372);
    expect(byId.get('019c8bfe-ec25-79e0-97d7-bda6a9c575ff')!.toolCalls).toBe(5);
    for (const summary of summaries) {
      expect(summary.source).toBe('codex');
      expect(summary.permissionModes).toEqual(['on-request']);
      expect(summary.sandboxPolicies).toEqual(['workspace-write']);
      expect(summary.versions).toEqual(['0.104.0-alpha.1']);
      expect(summary.models).toEqual(['gpt-5.3-codex']);
      expect(summary.gitBranch).toBe('main');
    }
    expect(result.evidence.map((evidence) => evidence.format)).toEqual(['codex', 'codex', 'codex']);
    expect(result.evidence.flatMap((evidence) => evidence.diagnostics)).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  it('names calls by tool in the desktop session', async () => {
    const { summary } = await analyseText(DESKTOP, readFileSync(sample(...DAY, DESKTOP), 'utf8'));
    expect(summary.toolCallsByName).toEqual({ exec_command: 71, apply_patch: 22, write_stdin: 9, update_plan: 2, web_search: 1 });
    expect(summary.errors).toBe(0);
    expect(summary.denied).toBe(0);
  });

  it('joins every call with a call_id to its output', async () => {
    const { sessions } = await analyseBundle(await openBundle(sample(...DAY)));
    for (const session of sessions) {
      const withId = session.calls.filter((linked) => linked.call.tool?.callId);
      const unjoined = withId.filter((linked) => !linked.result);
      expect(unjoined.map((linked) => linked.call.tool?.callId)).toEqual([]);
      const results = ofKind(session.events, 'tool-result');
      expect(results).toHaveLength(withId.length);
      expect(results.every((event) => event.attrs?.inferred === undefined)).toBe(true);
    }
  });

  it('keeps sanitised arguments as raw text', async () => {
    const { session } = await analyseText(SMALL, readFileSync(sample(...DAY, SMALL), 'utf8'));
    const calls = ofKind(session.events, 'tool-call');
    expect(calls).toHaveLength(5);
    for (const call of calls) {
      expect(typeof call.input).toBe('string');
      expect(call.input).toMatch(/^\[REDACTED_ARGUMENTS len=\d+/);
      expect(call.attrs?.argumentsJson).toBe(false);
    }
    const mcp = calls.filter((call) => call.tool?.mcpServer === 'cloud-associates');
    expect(mcp.map((call) => call.tool?.mcpTool).sort()).toEqual(['execute_workflow', 'execute_workflow', 'execute_workflow', 'search_workflows']);
  });

  it('reads compaction without counting the replacement history', async () => {
    const { session, summary } = await analyseText(COMPACTED, readFileSync(sample(...DAY, COMPACTED), 'utf8'));
    const compactions = ofKind(session.events, 'compaction');
    expect(compactions.map((event) => event.recordType).sort()).toEqual(['compacted', 'event_msg/context_compacted']);
    const compacted = compactions.find((event) => event.recordType === 'compacted')!;
    expect(compacted.attrs?.replacementItems).toBe(40);
    expect(JSON.parse(String(compacted.attrs?.replacementTypes))).toEqual({ message: 39, compaction: 1 });
    expect(summary.toolCalls).toBe(372);
  });

  it('emits one mode change for repeated turn contexts', async () => {
    const { session } = await analyseText(DESKTOP, readFileSync(sample(...DAY, DESKTOP), 'utf8'));
    const changes = ofKind(session.events, 'mode-change');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.mode).toBe('on-request');
    expect(changes[0]!.attrs).toMatchObject({ sandbox: 'workspace-write', networkAccess: false, writableRoots: '["/redacted/path/fa3f7eaace"]' });
    expect(session.events.filter((event) => event.recordType === 'turn_context')).toHaveLength(81);
  });

  it('keeps token counts as separate system events', async () => {
    const { session } = await analyseText(DESKTOP, readFileSync(sample(...DAY, DESKTOP), 'utf8'));
    const counts = session.events.filter((event) => event.recordType === 'event_msg/token_count');
    expect(counts).toHaveLength(162);
    expect(counts.every((event) => event.kind === 'system')).toBe(true);
    expect(counts[0]!.attrs?.total_total_tokens).toBeUndefined();
    expect(counts[1]!.attrs?.total_total_tokens).toBe(17561);
  });

  it('reads a rollout renamed to x.json as Codex', async () => {
    const { summary } = await analyseText('x.json', readFileSync(sample(...DAY, DESKTOP), 'utf8'));
    expect(summary.id).toBe('019c8a4c-ed82-79a1-aa28-7738fc5ab61a');
    expect(summary.toolCalls).toBe(105);
  });
});

describe('Codex reader on written rollouts', () => {
  it('infers decisions for escalation requests', async () => {
    const escalated = (cmd: string) => ({ cmd, sandbox_permissions: 'require_escalated', justification: `May I run ${cmd}?`, prefix_rule: ['npm', 'install'] });
    const rollout = new Rollout()
      .meta()
      .context('on-request')
      .prompt('install the dependencies')
      .exec('call_ok', escalated('npm install'))
      .output('call_ok', 'Process exited with code 0\nOutput:\nadded 12 packages')
      .exec('call_no', escalated('curl https://example.com/x.sh'))
      .output('call_no', 'exec command rejected by user')
      .exec('call_cut', escalated('rm -rf build'))
      .line('event_msg', { type: 'turn_aborted', reason: 'interrupted' });
    const { session, summary, result } = await analyseText('rollout.jsonl', rollout.text());
    const ok = session.callsById.get('call_ok')!;
    expect(ok.decision).toMatchObject({ verdict: 'approved', by: 'user-once', callId: 'call_ok' });
    expect(ok.decision.reason).toMatch(/on-request/);
    expect(ok.decisionEvent?.attrs).toMatchObject({ inferred: true, justification: 'May I run npm install?', prefixRule: '["npm","install"]', approvalPolicy: 'on-request' });
    expect(ok.call.attrs).toMatchObject({ escalationRequested: true, program: 'npm' });
    const no = session.callsById.get('call_no')!;
    expect(no.decision).toMatchObject({ verdict: 'denied', by: 'user-reject', reason: 'exec command rejected by user' });
    expect(no.decisionEvent?.attrs?.inferred).toBe(false);
    expect(no.result?.outcome).toBe('denied');
    expect(no.call.resources).toContainEqual({ kind: 'domain', value: 'example.com', access: 'network' });
    const cut = session.callsById.get('call_cut')!;
    expect(cut.decision).toMatchObject({ verdict: 'denied', by: 'user-abort' });
    expect(cut.result?.outcome).toBe('cancelled');
    expect(cut.result?.attrs?.inferred).toBe(true);
    expect(summary.denied).toBe(2);
    expect(result.evidence[0]!.diagnostics).toEqual([]);
  });

  it('gives a call without output an unknown outcome', async () => {
    const rollout = new Rollout().meta().context().prompt('list files').exec('call_lost', { cmd: 'ls -la' });
    const { session } = await analyseText('rollout.jsonl', rollout.text());
    const lost = session.callsById.get('call_lost')!;
    expect(lost.result?.outcome).toBe('unknown');
    expect(lost.result?.attrs).toMatchObject({ inferred: true });
    expect(lost.decisionEvent).toBeUndefined();
  });

  it('leaves an unanswered escalation without a verdict', async () => {
    const rollout = new Rollout().meta().context().exec('call_wait', { cmd: 'sudo ls', sandbox_permissions: 'require_escalated', justification: 'root?' });
    const { session } = await analyseText('rollout.jsonl', rollout.text());
    const waiting = session.callsById.get('call_wait')!;
    const decisions = ofKind(session.events, 'decision');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.decision).toBeUndefined();
    expect(decisions[0]!.attrs).toMatchObject({ verdict: 'unknown', inferred: true, justification: 'root?' });
    expect(waiting.result?.outcome).toBe('unknown');
  });

  it('reads exit codes from outputs', async () => {
    const rollout = new Rollout()
      .meta()
      .context()
      .exec('call_json', { cmd: 'make' })
      .output('call_json', JSON.stringify({ output: 'make: *** [all] Error 2', metadata: { exit_code: 2, duration_seconds: 0.4 } }))
      .exec('call_text', { cmd: 'false' })
      .output('call_text', 'Chunk ID: 1\nWall time: 0.0 seconds\nProcess exited with code 1\nOutput:\n')
      .exec('call_fine', { cmd: 'true' })
      .output('call_fine', JSON.stringify({ output: '', metadata: { exit_code: 0 } }))
      .line('response_item', { type: 'function_call', name: 'mcp__db__query', arguments: '{"sql":"select 1"}', call_id: 'call_mcp' })
      .output('call_mcp', JSON.stringify({ content: [{ type: 'text', text: 'permission error' }], isError: true }));
    const { session, summary } = await analyseText('rollout.jsonl', rollout.text());
    expect(session.callsById.get('call_json')!.result).toMatchObject({ outcome: 'error', attrs: expect.objectContaining({ exitCode: 2, output: 'make: *** [all] Error 2' }) });
    expect(session.callsById.get('call_text')!.result).toMatchObject({ outcome: 'error', attrs: expect.objectContaining({ exitCode: 1 }) });
    expect(session.callsById.get('call_fine')!.result?.outcome).toBe('success');
    const mcp = session.callsById.get('call_mcp')!;
    expect(mcp.result?.outcome).toBe('error');
    expect(mcp.call.tool).toMatchObject({ mcpServer: 'db', mcpTool: 'query' });
    expect(mcp.call.resources).toEqual([{ kind: 'host', value: 'mcp:db', access: 'network' }]);
    expect(summary.errors).toBe(3);
  });

  it('reads apply_patch files as write resources', async () => {
    const patch = ['*** Begin Patch', '*** Add File: src/new.ts', '+export {};', '*** Update File: src/old.ts', '*** Move to: src/renamed.ts', '@@', '-a', '+b', '*** Delete File: src/gone.ts', '*** End Patch'].join('\n');
    const rollout = new Rollout()
      .meta()
      .context()
      .line('response_item', { type: 'custom_tool_call', status: 'completed', call_id: 'call_patch', name: 'apply_patch', input: patch })
      .output('call_patch', JSON.stringify({ output: 'Success. Updated the following files:\nA src/new.ts\n', metadata: { exit_code: 0 } }), 'custom_tool_call_output');
    const { session } = await analyseText('rollout.jsonl', rollout.text());
    const linked = session.callsById.get('call_patch')!;
    expect(linked.call.resources).toEqual([
      { kind: 'file', value: 'src/new.ts', access: 'write' },
      { kind: 'file', value: 'src/old.ts', access: 'write' },
      { kind: 'file', value: 'src/renamed.ts', access: 'write' },
      { kind: 'file', value: 'src/gone.ts', access: 'delete' },
    ]);
    expect(linked.result?.outcome).toBe('success');
  });

  it('emits a mode change per policy or sandbox change', async () => {
    const rollout = new Rollout()
      .meta()
      .context('on-request')
      .context('on-request')
      .context('never', { type: 'danger-full-access' })
      .context('never', { type: 'danger-full-access' });
    const { session, summary } = await analyseText('rollout.jsonl', rollout.text());
    expect(ofKind(session.events, 'mode-change').map((event) => event.mode)).toEqual(['on-request', 'never']);
    expect(summary.permissionModes).toEqual(['on-request', 'never']);
    expect(summary.sandboxPolicies).toEqual(['workspace-write', 'danger-full-access']);
    expect(ofKind(session.events, 'mode-change')[1]!.attrs?.networkAccess).toBe(true);
  });

  it('keeps unknown types and reports bad lines', async () => {
    const text = new Rollout().meta().context().line('event_msg', { type: 'brand_new_event' }).line('future_type', { x: 1 }).text() + '[1,2]\n{"timestamp":"2026-03-01T09:00:09Z","type":"response_item"}\nnot json\n';
    const { session, result } = await analyseText('rollout.jsonl', text);
    const unknown = ofKind(session.events, 'unknown');
    expect(unknown.map((event) => event.recordType).sort()).toEqual(['event_msg/brand_new_event', 'future_type', 'response_item', 'unknown']);
    const diagnostics = result.evidence[0]!.diagnostics;
    const byLine = [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(byLine.map((d) => [d.line, d.code])).toEqual([[5, 'unknown-record'], [6, 'unknown-record'], [7, 'invalid-json']]);
    expect(byLine[1]!.reason).toMatch(/no payload/);
  });
});

describe('Codex reader on the legacy generation', () => {
  const legacy = jsonl([
    { id: '5973b6c0-94b8-487b-a530-2aeb6098ae0e', timestamp: '2025-07-10T12:00:00.000Z', instructions: null, git: { branch: 'dev' } },
    { record_type: 'state' },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>\n  <cwd>/work/old</cwd>\n</environment_context>' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'run the tests' }] },
    { record_type: 'state' },
    { type: 'function_call', id: 'fc_1', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', 'pytest -q'], workdir: '/work/old', with_escalated_permissions: true, justification: 'tests need the network' }), call_id: 'call_legacy' },
    { type: 'function_call_output', call_id: 'call_legacy', output: JSON.stringify({ output: '3 passed', metadata: { exit_code: 0, duration_seconds: 1.2 } }) },
    { type: 'local_shell_call', id: 'ls_1', call_id: 'call_local', status: 'completed', action: { type: 'exec', command: ['git', 'status'], working_directory: '/work/old' } },
    { type: 'function_call_output', call_id: 'call_local', output: JSON.stringify({ output: 'fatal: not a git repository', metadata: { exit_code: 128 } }) },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Tests pass.' }] },
  ]);

  it('reads meta, prompts, calls and outputs', async () => {
    const { session, summary, result } = await analyseText('rollout-2025-07-10T12-00-00-5973b6c0-94b8-487b-a530-2aeb6098ae0e.jsonl', legacy);
    expect(summary.id).toBe('5973b6c0-94b8-487b-a530-2aeb6098ae0e');
    expect(summary.gitBranch).toBe('dev');
    expect(ofKind(session.events, 'prompt').map((event) => event.summary)).toEqual(['run the tests']);
    expect(summary.title).toBe('run the tests');
    expect(summary.toolCallsByName).toEqual({ shell: 1, local_shell: 1 });
    const shell = session.callsById.get('call_legacy')!;
    expect(shell.call.resources).toEqual([{ kind: 'command', value: 'pytest -q', access: 'execute' }]);
    expect(shell.call.attrs?.program).toBe('pytest');
    expect(shell.result?.outcome).toBe('success');
    expect(shell.decision).toMatchObject({ verdict: 'approved', by: 'unknown' });
    const local = session.callsById.get('call_local')!;
    expect(local.call.resources).toEqual([{ kind: 'command', value: 'git status', access: 'execute' }]);
    expect(local.result).toMatchObject({ outcome: 'error', attrs: expect.objectContaining({ exitCode: 128 }) });
    expect(session.events.filter((event) => event.recordType === 'state')).toHaveLength(2);
    expect(result.evidence[0]!.diagnostics).toEqual([]);
  });

  it('reads the single-file shape', async () => {
    const document = JSON.stringify({
      session: { id: '11111111-2222-4333-8444-555555555555', timestamp: '2025-04-20T08:00:00.000Z', instructions: '' },
      items: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
        { type: 'function_call', name: 'shell', arguments: '{"command":["ls"]}', call_id: 'call_a' },
        { type: 'function_call_output', call_id: 'call_a', output: '{"output":"README.md","metadata":{"exit_code":0}}' },
      ],
    }, null, 2);
    const { session, summary } = await analyseText('codex-session.json', document);
    expect(summary.id).toBe('11111111-2222-4333-8444-555555555555');
    expect(summary.toolCalls).toBe(1);
    const linked = session.callsById.get('call_a')!;
    expect(linked.result?.outcome).toBe('success');
    expect(linked.call.raw.pointer).toBe('/items/1');
  });
});

describe('Codex reader on exec --json streams', () => {
  const THREAD = '0199a213-81c0-7800-8aa1-bbab2a035a53';
  const stream = jsonl([
    { type: 'thread.started', thread_id: THREAD },
    { type: 'turn.started' },
    { type: 'item.completed', item: { id: 'item_0', type: 'reasoning', text: '**Looking at the repository**' } },
    { type: 'item.started', item: { id: 'item_1', type: 'command_execution', command: 'bash -lc ls', aggregated_output: '', exit_code: null, status: 'in_progress' } },
    { type: 'item.completed', item: { id: 'item_1', type: 'command_execution', command: 'bash -lc ls', aggregated_output: 'README.md\nsrc\n', exit_code: 0, status: 'completed' } },
    { type: 'item.started', item: { id: 'item_2', type: 'command_execution', command: 'npm test', aggregated_output: '', exit_code: null, status: 'in_progress' } },
    { type: 'item.completed', item: { id: 'item_2', type: 'command_execution', command: 'npm test', aggregated_output: '1 failing', exit_code: 1, status: 'failed' } },
    { type: 'item.completed', item: { id: 'item_3', type: 'file_change', changes: [{ path: 'src/a.ts', kind: 'update' }, { path: 'src/b.ts', kind: 'delete' }], status: 'completed' } },
    { type: 'item.started', item: { id: 'item_4', type: 'mcp_tool_call', server: 'github', tool: 'search_issues', arguments: { q: 'is:open' }, result: null, error: null, status: 'in_progress' } },
    { type: 'item.completed', item: { id: 'item_4', type: 'mcp_tool_call', server: 'github', tool: 'search_issues', arguments: { q: 'is:open' }, result: { content: [{ type: 'text', text: '3 issues' }], structured_content: null }, error: null, status: 'completed' } },
    { type: 'item.completed', item: { id: 'item_5', type: 'web_search', query: 'vitest projects', action: { type: 'search', query: 'vitest projects' } } },
    { type: 'item.completed', item: { id: 'item_6', type: 'command_execution', command: 'git push --force', aggregated_output: '', exit_code: null, status: 'declined' } },
    { type: 'item.updated', item: { id: 'item_7', type: 'todo_list', items: [{ text: 'fix tests', completed: true }, { text: 'push', completed: false }] } },
    { type: 'item.completed', item: { id: 'item_8', type: 'agent_message', text: 'One test still fails.' } },
    { type: 'turn.completed', usage: { input_tokens: 24763, cached_input_tokens: 24448, output_tokens: 122 } },
    { type: 'turn.started' },
    { type: 'error', message: 'stream disconnected' },
    { type: 'turn.failed', error: { message: 'stream disconnected' } },
  ]);

  it('reads items as calls, results and decisions', async () => {
    const { session, summary, result } = await analyseText('exec.jsonl', stream);
    expect(summary.id).toBe(THREAD);
    expect(summary.toolCalls).toBe(6);
    expect(summary.toolCallsByName).toEqual({ command_execution: 3, file_change: 1, mcp__github__search_issues: 1, web_search: 1 });
    const outcomes = session.calls.map((linked) => [linked.call.tool?.name, linked.result?.outcome]);
    expect(outcomes).toEqual([
      ['command_execution', 'success'],
      ['command_execution', 'error'],
      ['file_change', 'success'],
      ['mcp__github__search_issues', 'success'],
      ['web_search', 'success'],
      ['command_execution', 'denied'],
    ]);
    const declined = session.calls[5]!;
    expect(declined.decision).toMatchObject({ verdict: 'denied' });
    expect(declined.call.resources).toContainEqual({ kind: 'command', value: 'git push --force', access: 'execute' });
    expect(session.calls[2]!.call.resources).toEqual([
      { kind: 'file', value: 'src/a.ts', access: 'write' },
      { kind: 'file', value: 'src/b.ts', access: 'delete' },
    ]);
    expect(session.calls[1]!.result?.attrs?.exitCode).toBe(1);
    expect(summary.errors).toBe(1);
    expect(summary.denied).toBe(1);
    expect(ofKind(session.events, 'message').map((event) => event.summary)).toEqual(['reasoning: **Looking at the repository**', 'One test still fails.']);
    expect(session.events.filter((event) => event.outcome === 'error' && event.kind === 'system')).toHaveLength(2);
    expect(result.evidence[0]!.diagnostics).toEqual([]);
  });

  it('reads the first stream spelling', async () => {
    const early = jsonl([
      { type: 'thread.started', thread_id: THREAD },
      { type: 'turn.started' },
      { type: 'item.started', item: { id: 'item_1', item_type: 'mcp_tool_call', server: 'github', tool: 'search_issues', status: 'in_progress' } },
      { type: 'item.completed', item: { id: 'item_1', item_type: 'mcp_tool_call', server: 'github', tool: 'search_issues', status: 'completed' } },
      { type: 'item.completed', item: { id: 'item_2', item_type: 'assistant_message', text: 'Assigned issues: none' } },
    ]);
    const { session, summary } = await analyseText('exec.jsonl', early);
    expect(summary.toolCalls).toBe(1);
    expect(session.calls[0]!.result?.outcome).toBe('success');
    expect(ofKind(session.events, 'message').map((event) => event.summary)).toEqual(['Assigned issues: none']);
  });
});
