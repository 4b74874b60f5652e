import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/model/events';
import { bytesSource, type BundleInput } from '../../../shared/io/bytes';
import { analyseBundle } from '../../../shared/ingest/memory';

const SESSION = '9f3c2b7e-5d41-4a8e-b0c6-2e7f1a9d8c35';
const PROJECT = 'c1f7e0b4a1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6';

function file(name: string, text: string): BundleInput {
  return { kind: 'file', source: bytesSource(name, new TextEncoder().encode(text)) };
}

async function analyse(name: string, text: string) {
  const analysed = await analyseBundle(file(name, text));
  expect(analysed.result.evidence.map((evidence) => evidence.format)).toEqual(['gemini-cli']);
  expect(analysed.sessions).toHaveLength(1);
  return { ...analysed, session: analysed.sessions[0]!, summary: analysed.summaries[0]! };
}

function ofKind(events: readonly AgentEvent[], kind: AgentEvent['kind']): AgentEvent[] {
  return events.filter((event) => event.kind === kind);
}

const shellCall = (status: string, output: string) => ({
  id: `run_shell_command-${status}`,
  name: 'run_shell_command',
  args: { command: 'npm test', description: 'Run the tests' },
  result: [{ functionResponse: { id: `run_shell_command-${status}`, name: 'run_shell_command', response: { output } } }],
  status,
  timestamp: '2026-02-10T14:01:05.000Z',
  displayName: 'Shell',
});

/** Builds a session file in the whole-document form, pretty-printed with two spaces. */
function sessionDocument(): string {
  return JSON.stringify({
    sessionId: SESSION,
    projectHash: PROJECT,
    startTime: '2026-02-10T14:00:00.000Z',
    lastUpdated: '2026-02-10T14:03:00.000Z',
    messages: [
      { id: 'm1', timestamp: '2026-02-10T14:00:10.000Z', type: 'user', content: 'run the tests and fix what fails' },
      {
        id: 'm2',
        timestamp: '2026-02-10T14:01:00.000Z',
        type: 'gemini',
        content: 'Running the tests first.',
        thoughts: [{ subject: 'Planning', description: 'Run npm test, then read failures.', timestamp: '2026-02-10T14:00:58.000Z' }],
        tokens: { input: 8120, output: 64, cached: 0, thoughts: 120, tool: 0, total: 8304 },
        model: 'gemini-2.5-pro',
        toolCalls: [shellCall('executing', '')],
      },
      { id: 'm3', timestamp: '2026-02-10T14:01:30.000Z', type: 'info', content: 'Request cancelled.' },
      // The CLI rewrote m2 once its tool calls finished: this later write wins.
      {
        id: 'm2',
        timestamp: '2026-02-10T14:01:00.000Z',
        type: 'gemini',
        content: 'Running the tests first.',
        tokens: { input: 8120, output: 64, cached: 0, thoughts: 120, tool: 0, total: 8304 },
        model: 'gemini-2.5-pro',
        toolCalls: [
          shellCall('error', 'Exit Code: 1\n1 failing'),
          {
            id: 'read_file-1',
            name: 'read_file',
            args: { absolute_path: '/work/app/src/sum.ts' },
            result: [{ functionResponse: { id: 'read_file-1', name: 'read_file', response: { output: 'export const sum = ...' } } }],
            status: 'success',
            timestamp: '2026-02-10T14:01:10.000Z',
          },
          {
            id: 'write_file-1',
            name: 'write_file',
            args: { file_path: '/work/app/src/sum.ts', content: 'export const sum = (a, b) => a + b;' },
            result: [{ functionResponse: { id: 'write_file-1', name: 'write_file', response: { error: '[Operation Cancelled] Reason: User did not allow tool call' } } }],
            status: 'cancelled',
            timestamp: '2026-02-10T14:01:20.000Z',
          },
        ],
      },
      { id: 'm4', timestamp: '2026-02-10T14:02:00.000Z', type: 'error', content: 'API Error: quota exceeded' },
    ],
  }, null, 2);
}

describe('Gemini CLI session document', () => {
  it('keeps the last write of a message id', async () => {
    const { session, summary } = await analyse(`session-2026-02-10T14-00-${SESSION.slice(0, 8)}.json`, sessionDocument());
    expect(summary.id).toBe(SESSION);
    expect(summary.source).toBe('gemini-cli');
    const replies = session.events.filter((event) => event.attrs?.messageId === 'm2' && event.kind === 'model-call');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.attrs).toMatchObject({ writes: 2, model: 'gemini-2.5-pro', inputTokens: 8120, totalTokens: 8304 });
    expect(summary.toolCalls).toBe(3);
    expect(summary.toolCallsByName).toEqual({ run_shell_command: 1, read_file: 1, write_file: 1 });
    expect(session.callsById.get('run_shell_command-executing')).toBeUndefined();
    expect(ofKind(session.events, 'message').filter((event) => event.attrs?.thinking === true)).toEqual([]);
  });

  it('maps statuses to outcomes', async () => {
    const { session, summary } = await analyse('session.json', sessionDocument());
    expect(session.callsById.get('run_shell_command-error')!.result?.outcome).toBe('error');
    expect(session.callsById.get('run_shell_command-error')!.result?.attrs?.output).toBe('Exit Code: 1\n1 failing');
    expect(session.callsById.get('read_file-1')!.result?.outcome).toBe('success');
    const cancelled = session.callsById.get('write_file-1')!;
    expect(cancelled.result?.outcome).toBe('cancelled');
    expect(cancelled.decision).toMatchObject({ verdict: 'denied', by: 'user-reject', callId: 'write_file-1' });
    expect(summary.denied).toBe(1);
    expect(summary.errors).toBe(1);
  });

  it('reads resources, prompts and pointers', async () => {
    const { session, summary } = await analyse('session.json', sessionDocument());
    expect(summary.title).toBe('run the tests and fix what fails');
    expect(session.callsById.get('run_shell_command-error')!.call.resources).toEqual([{ kind: 'command', value: 'npm test', access: 'execute' }]);
    expect(session.callsById.get('read_file-1')!.call.resources).toEqual([{ kind: 'file', value: '/work/app/src/sum.ts', access: 'read' }]);
    expect(session.callsById.get('write_file-1')!.call.resources).toEqual([{ kind: 'file', value: '/work/app/src/sum.ts', access: 'write' }]);
    expect(session.callsById.get('write_file-1')!.call.raw.pointer).toBe('/messages/3/toolCalls/2');
    expect(session.events.find((event) => event.attrs?.messageId === 'm4')).toMatchObject({ kind: 'system', outcome: 'error' });
    expect(session.events.find((event) => event.attrs?.messageId === 'm3')?.kind).toBe('system');
  });
});

describe('Gemini CLI JSONL session', () => {
  const lines = [
    { sessionId: SESSION, projectHash: PROJECT, startTime: '2026-03-01T10:00:00.000Z', lastUpdated: '2026-03-01T10:00:00.000Z', kind: 'main' },
    { id: 'u1', timestamp: '2026-03-01T10:00:05.000Z', type: 'user', content: [{ text: 'delete the build folder' }] },
    { id: 'g1', timestamp: '2026-03-01T10:00:07.000Z', type: 'gemini', content: '', model: 'gemini-2.5-flash', toolCalls: [{ id: 'shell-1', name: 'run_shell_command', args: { command: 'rm -rf build' }, status: 'awaiting_approval', timestamp: '2026-03-01T10:00:07.000Z' }] },
    { id: 'g1', timestamp: '2026-03-01T10:00:07.000Z', type: 'gemini', content: '', model: 'gemini-2.5-flash', toolCalls: [{ id: 'shell-1', name: 'run_shell_command', args: { command: 'rm -rf build' }, status: 'success', result: [{ functionResponse: { response: { output: '' } } }], timestamp: '2026-03-01T10:00:09.000Z' }] },
    { $set: { lastUpdated: '2026-03-01T10:00:10.000Z', summary: 'Removed the build folder' } },
    { id: 'u2', timestamp: '2026-03-01T10:01:00.000Z', type: 'user', content: 'undo that' },
    { $rewindTo: 'u2' },
  ];
  const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';

  it('keeps the last write and marks rewound messages', async () => {
    const { session, summary, result } = await analyse('session-2026-03-01T10-00-9f3c2b7e.jsonl', text);
    expect(summary.id).toBe(SESSION);
    expect(summary.toolCalls).toBe(1);
    expect(session.callsById.get('shell-1')!.result?.outcome).toBe('success');
    expect(session.callsById.get('shell-1')!.call.raw.line).toBe(4);
    const prompts = ofKind(session.events, 'prompt');
    expect(prompts.map((event) => [event.summary, event.attrs?.rewound ?? false])).toEqual([
      ['delete the build folder', false],
      ['undo that', true],
    ]);
    expect(session.events.some((event) => event.recordType === '$set')).toBe(true);
    expect(result.evidence[0]!.diagnostics).toEqual([]);
  });
});

describe('Gemini CLI stream-json output', () => {
  const events = [
    { type: 'init', timestamp: '2026-03-02T08:00:00.000Z', session_id: 'c0ffee00-1111-4222-8333-444455556666', model: 'gemini-2.5-pro' },
    { type: 'message', timestamp: '2026-03-02T08:00:00.100Z', role: 'user', content: 'list the files and fetch the changelog' },
    { type: 'tool_use', timestamp: '2026-03-02T08:00:01.000Z', tool_name: 'list_directory', tool_id: 'list_directory-1', parameters: { dir_path: '.' } },
    { type: 'tool_result', timestamp: '2026-03-02T08:00:01.200Z', tool_id: 'list_directory-1', status: 'success', output: 'Listed 3 item(s).' },
    { type: 'tool_use', timestamp: '2026-03-02T08:00:02.000Z', tool_name: 'web_fetch', tool_id: 'web_fetch-1', parameters: { prompt: 'Summarise https://example.org/CHANGELOG.md' } },
    { type: 'tool_result', timestamp: '2026-03-02T08:00:02.300Z', tool_id: 'web_fetch-1', status: 'error', error: { type: 'execution_denied', message: 'Tool execution denied by policy.' } },
    { type: 'tool_use', timestamp: '2026-03-02T08:00:03.000Z', tool_name: 'read_file', tool_id: 'read_file-1', parameters: { file_path: 'missing.txt' } },
    { type: 'tool_result', timestamp: '2026-03-02T08:00:03.100Z', tool_id: 'read_file-1', status: 'error', error: { type: 'file_not_found', message: 'File not found: missing.txt' } },
    { type: 'message', timestamp: '2026-03-02T08:00:04.000Z', role: 'assistant', content: 'There are ', delta: true },
    { type: 'message', timestamp: '2026-03-02T08:00:04.100Z', role: 'assistant', content: 'three files.', delta: true },
    { type: 'error', timestamp: '2026-03-02T08:00:04.500Z', severity: 'warning', message: 'Loop detected, stopping.' },
    { type: 'result', timestamp: '2026-03-02T08:00:05.000Z', status: 'success', stats: { total_tokens: 9000, input_tokens: 8800, output_tokens: 200, cached: 0, input: 8800, duration_ms: 5000, tool_calls: 3 } },
  ];
  const text = events.map((event) => JSON.stringify(event)).join('\n') + '\n';

  it('joins tool_use to tool_result', async () => {
    const { session, summary, result } = await analyse('gemini-run.jsonl', text);
    expect(summary.id).toBe('c0ffee00-1111-4222-8333-444455556666');
    expect(summary.toolCalls).toBe(3);
    expect(session.calls.map((linked) => [linked.call.tool?.name, linked.result?.outcome])).toEqual([
      ['list_directory', 'success'],
      ['web_fetch', 'denied'],
      ['read_file', 'error'],
    ]);
    expect(session.callsById.get('web_fetch-1')!.decision).toMatchObject({ verdict: 'denied', by: 'policy' });
    expect(session.callsById.get('web_fetch-1')!.call.resources).toContainEqual({ kind: 'domain', value: 'example.org', access: 'network' });
    expect(summary.denied).toBe(1);
    expect(summary.errors).toBe(1);
    expect(result.evidence[0]!.diagnostics).toEqual([]);
  });

  it('joins assistant delta chunks', async () => {
    const { session } = await analyse('gemini-run.jsonl', text);
    const messages = ofKind(session.events, 'message');
    expect(messages.map((event) => event.summary)).toEqual(['There are three files.']);
    expect(messages[0]!.attrs).toMatchObject({ chunks: 2, lastLine: 10 });
    expect(ofKind(session.events, 'prompt').map((event) => event.summary)).toEqual(['list the files and fetch the changelog']);
    const warning = session.events.find((event) => event.recordType === 'error');
    expect(warning?.outcome).toBeUndefined();
    expect(session.events.find((event) => event.recordType === 'result')?.attrs).toMatchObject({ tool_calls: 3, total_tokens: 9000 });
  });
});
