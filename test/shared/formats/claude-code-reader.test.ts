import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/model/events';
import { bytesSource, type BundleInput } from '../../../shared/io/bytes';
import { analyseBundle } from '../../../shared/ingest/memory';
import { openBundle } from '../../../cli/fs-source';
import { sample } from '../../helpers/samples';

const SESSION = '0b6c9f2e-1d5a-4c1e-9a77-3f0e8d2c4b10';

type Json = Record<string, unknown>;

/** Builds transcript lines with the envelope Claude Code writes, one second apart. */
class Transcript {
  private readonly lines: Json[] = [];
  private second = 0;
  private last: string | null = null;

  constructor(private readonly envelope: Json = {}) {}

  add(type: string, fields: Json, uuid: string | null = `u-${this.lines.length + 1}`): this {
    const time = new Date(Date.UTC(2026, 0, 2, 10, 0, this.second++)).toISOString();
    const line: Json = {
      parentUuid: this.last,
      isSidechain: false,
      userType: 'external',
      cwd: '/work/project',
      sessionId: SESSION,
      version: '2.1.40',
      gitBranch: 'main',
      type,
      ...this.envelope,
      ...fields,
    };
    if (uuid !== null) {
      line.uuid = uuid;
      line.timestamp = time;
      this.last = uuid;
    }
    this.lines.push(line);
    return this;
  }

  /** Adds a line exactly as given, without the envelope. */
  raw(line: Json): this {
    this.lines.push(line);
    return this;
  }

  prompt(text: string, mode = 'default', uuid?: string): this {
    return this.add('user', { message: { role: 'user', content: text }, permissionMode: mode }, uuid);
  }

  call(id: string, name: string, input: Json, uuid?: string, messageId = `msg_${id}`): this {
    return this.add('assistant', {
      message: { id: messageId, role: 'assistant', model: 'claude-test-1', content: [{ type: 'tool_use', id, name, input }], usage: { input_tokens: 10, output_tokens: 5 } },
      requestId: `req_${messageId}`,
    }, uuid);
  }

  result(id: string, content: string, isError = false, toolUseResult: unknown = undefined, uuid?: string): this {
    return this.add('user', {
      message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content, is_error: isError }] },
      ...(toolUseResult === undefined ? {} : { toolUseResult }),
    }, uuid);
  }

  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
  }
}

function file(name: string, text: string): BundleInput {
  return { kind: 'file', source: bytesSource(name, new TextEncoder().encode(text)) };
}

function folder(files: Record<string, string>): BundleInput {
  return {
    kind: 'folder',
    folder: {
      name: 'projects',
      async *files() {
        for (const [path, text] of Object.entries(files)) yield { path, source: bytesSource(path, new TextEncoder().encode(text)) };
      },
    },
  };
}

async function analyse(input: BundleInput) {
  const analysed = await analyseBundle(input);
  expect(analysed.result.evidence.map((evidence) => evidence.format)).toEqual(analysed.result.evidence.map(() => 'claude-code'));
  expect(analysed.sessions).toHaveLength(1);
  return { ...analysed, session: analysed.sessions[0]!, summary: analysed.summaries[0]! };
}

function byType(events: readonly AgentEvent[], recordType: string): AgentEvent[] {
  return events.filter((event) => event.recordType === recordType);
}

describe('Claude Code reader line types', () => {
  it('reads string and array user content', async () => {
    const transcript = new Transcript()
      .prompt('fix the build', 'default')
      .add('user', { message: { role: 'user', content: [{ type: 'text', text: 'second prompt' }, { type: 'image', source: {} }] }, permissionMode: 'default' });
    const { session } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const prompts = session.events.filter((event) => event.kind === 'prompt');
    expect(prompts.map((event) => [event.summary, event.mode])).toEqual([
      ['fix the build', 'default'],
      ['second prompt', 'default'],
    ]);
    expect(session.events.find((event) => event.summary === 'image block')?.kind).toBe('message');
  });

  it('joins an assistant message split over lines', async () => {
    const message = (content: Json[]) => ({ id: 'msg_split', role: 'assistant', model: 'claude-test-1', content, usage: { input_tokens: 100, output_tokens: 20 } });
    const transcript = new Transcript()
      .prompt('list files')
      .add('assistant', { message: message([{ type: 'thinking', thinking: 'let me look', signature: 'sig' }]), requestId: 'req_1' })
      .add('assistant', { message: message([{ type: 'text', text: 'Listing now.' }]), requestId: 'req_1' })
      .add('assistant', { message: message([{ type: 'tool_use', id: 'toolu_ls', name: 'Bash', input: { command: 'ls -la' } }]), requestId: 'req_1' })
      .result('toolu_ls', 'a\nb');
    const { session, summary } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const modelCalls = session.events.filter((event) => event.kind === 'model-call');
    expect(modelCalls).toHaveLength(1);
    expect(modelCalls[0]!.attrs?.messageId).toBe('msg_split');
    expect(modelCalls[0]!.attrs?.requestId).toBe('req_1');
    expect(modelCalls[0]!.attrs?.inputTokens).toBe(100);
    expect(session.events.filter((event) => event.attrs?.thinking === true)).toHaveLength(1);
    expect(summary.toolCalls).toBe(1);
    expect(summary.models).toEqual(['claude-test-1']);
  });

  it('reads system subtypes', async () => {
    const transcript = new Transcript()
      .prompt('start')
      .add('system', { subtype: 'local_command', content: '<command-name>/model</command-name>' })
      .add('system', { subtype: 'turn_duration', durationMs: 1200 })
      .add('system', { subtype: 'stop_hook_summary', hookInfos: [{ command: 'lint.sh' }], hookErrors: ['lint failed'], preventedContinuation: true })
      .add('system', { subtype: 'api_error', content: 'overloaded' })
      .add('system', { subtype: 'compact_boundary', content: 'Conversation compacted', logicalParentUuid: 'u-1', compactMetadata: { trigger: 'manual', preTokens: 1234 }, parentUuid: null })
      .add('system', { subtype: 'informational', content: 'future subtype' });
    const { session } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const events = session.events;
    expect(byType(events, 'system/local_command')[0]?.kind).toBe('system');
    expect(byType(events, 'system/turn_duration')[0]?.kind).toBe('system');
    const hook = byType(events, 'system/stop_hook_summary')[0]!;
    expect(hook.kind).toBe('hook');
    expect(hook.outcome).toBe('error');
    expect(hook.summary).toContain('lint.sh');
    expect(hook.attrs?.preventedContinuation).toBe(true);
    expect(byType(events, 'system/api_error')[0]?.outcome).toBe('error');
    const compaction = byType(events, 'system/compact_boundary')[0]!;
    expect(compaction.kind).toBe('compaction');
    expect(compaction.logicalParentUuid).toBe('u-1');
    expect(compaction.parentUuid).toBeUndefined();
    expect(compaction.summary).toContain('manual');
    expect(byType(events, 'system/informational')[0]?.kind).toBe('system');
  });

  it('reads progress lines', async () => {
    const transcript = new Transcript()
      .prompt('run it')
      .call('toolu_b', 'Bash', { command: 'npm test' })
      .add('progress', { data: { type: 'hook_progress', hookEvent: 'PreToolUse', hookName: 'PreToolUse:Bash', command: 'guard.sh' }, toolUseID: 'toolu_b', parentToolUseID: 'toolu_b' })
      .add('progress', { data: { type: 'bash_progress', output: 'running', elapsedTimeSeconds: 3 }, toolUseID: 'bash-progress-0', parentToolUseID: 'toolu_b' })
      .add('progress', { data: { type: 'mcp_progress', status: 'started' }, toolUseID: 'x', parentToolUseID: 'toolu_b' })
      .result('toolu_b', 'ok');
    const { session } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const hook = byType(session.events, 'progress/hook_progress')[0]!;
    expect(hook.kind).toBe('hook');
    expect(hook.attrs?.hookEvent).toBe('PreToolUse');
    expect(hook.attrs?.command).toBe('guard.sh');
    expect(hook.attrs?.parentToolUseID).toBe('toolu_b');
    const bash = byType(session.events, 'progress/bash_progress')[0]!;
    expect(bash.kind).toBe('system');
    expect(bash.attrs?.parentToolUseID).toBe('toolu_b');
    expect(byType(session.events, 'progress/mcp_progress')[0]?.kind).toBe('system');
  });

  it('reads lines without uuid', async () => {
    const transcript = new Transcript()
      .raw({ type: 'file-history-snapshot', messageId: 'm-1', snapshot: { messageId: 'm-1', trackedFileBackups: { 'src/a.ts': { backupFileName: 'a@v1', version: 1 } }, timestamp: '2026-01-02T10:00:00.000Z' }, isSnapshotUpdate: false })
      .prompt('hello')
      .raw({ type: 'queue-operation', operation: 'enqueue', timestamp: '2026-01-02T10:00:05.000Z', sessionId: SESSION, content: 'queued prompt' })
      .raw({ type: 'summary', summary: 'Fixing the build', leafUuid: 'u-in-another-file' });
    const { session, result } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    expect(result.evidence[0]!.diagnostics).toEqual([]);
    const snapshot = byType(session.events, 'file-history-snapshot')[0]!;
    expect(snapshot.session).toBe(SESSION);
    expect(snapshot.resources).toEqual([{ kind: 'file', value: 'src/a.ts', access: 'write' }]);
    const queue = byType(session.events, 'queue-operation/enqueue')[0]!;
    expect(queue.summary).toBe('queue enqueue: queued prompt');
    const title = byType(session.events, 'summary')[0]!;
    expect(title.attrs?.leafUuid).toBe('u-in-another-file');
  });

  it('reads attachments and mode records', async () => {
    const transcript = new Transcript()
      .prompt('write the file')
      .add('permission-mode', { permissionMode: 'acceptEdits' })
      .call('toolu_w', 'Write', { file_path: '/work/project/a.txt', content: 'x' })
      .add('attachment', { attachment: { type: 'hook_permission_decision', decision: 'deny', toolUseID: 'toolu_w', hookEvent: 'PreToolUse' } })
      .add('attachment', { attachment: { type: 'nested_memory', path: 'CLAUDE.md' } })
      .result('toolu_w', 'Blocked by hook', true);
    const { session, summary } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    expect(byType(session.events, 'permission-mode')[0]?.kind).toBe('mode-change');
    expect(summary.permissionModes).toEqual(['default', 'acceptEdits']);
    const call = session.callsById.get('toolu_w')!;
    expect(call.decision.verdict).toBe('denied');
    expect(call.decision.by).toBe('hook');
    expect(call.decisionEvent?.recordType).toBe('attachment');
    expect(summary.denied).toBe(1);
    expect(session.events.find((event) => event.attrs?.attachmentType === 'nested_memory')?.kind).toBe('system');
  });

  it('reads a hook approval', async () => {
    const transcript = new Transcript()
      .prompt('run the tests')
      .call('toolu_t', 'Bash', { command: 'npm test' })
      .add('attachment', { attachment: { type: 'hook_permission_decision', decision: 'allow', toolUseID: 'toolu_t', hookEvent: 'PreToolUse' } })
      .result('toolu_t', 'all passed');
    const { session, summary } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const call = session.callsById.get('toolu_t')!;
    expect(call.decision).toMatchObject({ verdict: 'approved', by: 'hook', callId: 'toolu_t' });
    expect(call.result?.outcome).toBe('success');
    expect(summary.denied).toBe(0);
  });

  it('keeps an unknown line type', async () => {
    const transcript = new Transcript().prompt('hi').add('hologram-state', { beam: 3 });
    const { session, result } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const unknown = session.events.find((event) => event.recordType === 'hologram-state');
    expect(unknown?.kind).toBe('unknown');
    expect(unknown?.uuid).toBe('u-2');
    expect(result.evidence[0]!.diagnostics).toEqual([]);
  });
});

describe('Claude Code reader tool calls', () => {
  it('joins calls to results', async () => {
    const transcript = new Transcript()
      .prompt('read it')
      .call('toolu_r', 'Read', { file_path: '/work/project/README.md' })
      .call('toolu_g', 'Grep', { pattern: 'TODO', path: '/work/project/src' })
      .result('toolu_g', 'src/a.ts:1: TODO')
      .result('toolu_r', '# readme', false, { type: 'text', file: { filePath: '/work/project/README.md' } })
      .result('toolu_missing', 'orphan');
    const { session, summary } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const read = session.callsById.get('toolu_r')!;
    expect(read.result?.outcome).toBe('success');
    expect(read.result?.tool?.name).toBe('Read');
    expect(read.call.resources).toEqual([{ kind: 'file', value: '/work/project/README.md', access: 'read' }]);
    const grep = session.callsById.get('toolu_g')!;
    expect(grep.result?.summary).toContain('src/a.ts:1: TODO');
    expect(grep.call.resources).toEqual([
      { kind: 'folder', value: '/work/project/src', access: 'search' },
      { kind: 'pattern', value: 'TODO', access: 'search' },
    ]);
    expect(summary.toolCalls).toBe(2);
    expect(summary.toolCallsByName).toEqual({ Read: 1, Grep: 1 });
  });

  it('counts rejections and denials as denied', async () => {
    const transcript = new Transcript()
      .prompt('edit and write')
      .call('toolu_e', 'Edit', { file_path: '/work/project/a.ts', old_string: 'a', new_string: 'b' })
      .result('toolu_e', "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.", true, 'User rejected tool use')
      .call('toolu_w', 'Write', { file_path: '/etc/hosts', content: 'x' })
      .result('toolu_w', 'Permission to use Write has been denied because Claude Code is running in don\'t ask mode.', true, 'Error: Permission to use Write has been denied because Claude Code is running in don\'t ask mode.')
      .call('toolu_x', 'Bash', { command: 'false' })
      .result('toolu_x', 'Exit code 1', true, 'Error: Exit code 1');
    const { session, summary } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const edit = session.callsById.get('toolu_e')!;
    expect(edit.decision).toMatchObject({ verdict: 'denied', by: 'user-reject', callId: 'toolu_e' });
    expect(edit.decisionEvent?.kind).toBe('decision');
    expect(edit.result?.outcome).toBe('denied');
    const write = session.callsById.get('toolu_w')!;
    expect(write.decision).toMatchObject({ verdict: 'denied', by: 'policy', callId: 'toolu_w' });
    expect(write.result?.outcome).toBe('denied');
    expect(session.callsById.get('toolu_x')!.result?.outcome).toBe('error');
    expect(summary.denied).toBe(2);
    expect(summary.errors).toBe(1);
  });

  it('splits MCP tool names', async () => {
    const transcript = new Transcript()
      .prompt('file an issue')
      .call('toolu_m', 'mcp__github__create_issue', { title: 'Bug', body: 'x' })
      .call('toolu_n', 'mcp__my__server__do_thing', {})
      .result('toolu_m', 'created #1');
    const { session } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    const tool = session.callsById.get('toolu_m')!.call.tool!;
    expect(tool).toEqual({ name: 'mcp__github__create_issue', callId: 'toolu_m', mcpServer: 'github', mcpTool: 'create_issue' });
    const nested = session.callsById.get('toolu_n')!.call.tool!;
    expect(nested.mcpServer).toBe('my');
    expect(nested.mcpTool).toBe('server__do_thing');
  });

  it('counts a resumed session once', async () => {
    const first = new Transcript()
      .prompt('step one', 'default', 'r-1')
      .call('toolu_1', 'Bash', { command: 'make' }, 'r-2')
      .result('toolu_1', 'done', false, undefined, 'r-3');
    const resumed = new Transcript()
      .prompt('step one', 'default', 'r-1')
      .call('toolu_1', 'Bash', { command: 'make' }, 'r-2')
      .result('toolu_1', 'done', false, undefined, 'r-3')
      .prompt('step two', 'default', 'r-4')
      .call('toolu_2', 'Bash', { command: 'make test' }, 'r-5')
      .result('toolu_2', 'ok', false, undefined, 'r-6');
    const { session, summary } = await analyse(folder({ [`${SESSION}.jsonl`]: first.text(), 'resumed-session.jsonl': resumed.text() }));
    expect(summary.toolCalls).toBe(2);
    expect(summary.toolCallsByName).toEqual({ Bash: 2 });
    expect(session.duplicates.resumed).toBeGreaterThanOrEqual(4);
    expect(session.duplicates.mirrored).toBe(0);
    expect(session.events.filter((event) => event.kind === 'prompt')).toHaveLength(2);
  });
});

describe('Claude Code reader sub-agents', () => {
  const SUB = 'a5f3c21';

  /** The sub-agent's own lines: its prompt, one Read call and its result. */
  function subagentLines(): Json[] {
    const base = { parentUuid: null, isSidechain: true, userType: 'external', cwd: '/work/project', sessionId: SESSION, version: '2.1.40', agentId: SUB };
    return [
      { ...base, type: 'user', message: { role: 'user', content: 'Find the config loader' }, uuid: 's-1', timestamp: '2026-01-02T10:00:03.000Z' },
      { ...base, type: 'assistant', message: { id: 'msg_sub', role: 'assistant', model: 'claude-sub', content: [{ type: 'tool_use', id: 'toolu_sub_read', name: 'Read', input: { file_path: '/work/project/config.ts' } }] }, uuid: 's-2', timestamp: '2026-01-02T10:00:04.000Z' },
      { ...base, type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_sub_read', content: 'export {}' }] }, uuid: 's-3', timestamp: '2026-01-02T10:00:05.000Z' },
    ];
  }

  /** A parent transcript that delegates through `tool` and mirrors the sub-agent by agent_progress. */
  function parentTranscript(tool: string): Transcript {
    const transcript = new Transcript()
      .prompt('explore the code', 'default')
      .call('toolu_task', tool, { subagent_type: 'Explore', description: 'find config', prompt: 'Find the config loader' });
    for (const line of subagentLines()) {
      transcript.add('progress', {
        data: { message: { type: line.type, message: line.message, uuid: line.uuid, timestamp: line.timestamp }, normalizedMessages: [], type: 'agent_progress', prompt: 'Find the config loader', agentId: SUB },
        toolUseID: `agent_msg_${String(line.uuid)}`,
        parentToolUseID: 'toolu_task',
      });
    }
    return transcript.result('toolu_task', 'Config is in config.ts', false, { status: 'completed', prompt: 'Find the config loader', agentId: SUB, content: [], totalToolUseCount: 1 });
  }

  function subagentFile(): string {
    return subagentLines().map((line) => JSON.stringify(line)).join('\n') + '\n';
  }

  for (const tool of ['Task', 'Agent']) {
    it(`finds a mirrored sub-agent via ${tool}`, async () => {
      const { session, summary } = await analyse(file(`${SESSION}.jsonl`, parentTranscript(tool).text()));
      const agent = summary.agents.find((item) => item.id === SUB)!;
      expect(agent.toolCalls).toBe(1);
      expect(agent.parentId).toBe('main');
      expect(agent.spawnedBy).toBe('toolu_task');
      expect(agent.subagentType).toBe('Explore');
      expect(agent.description).toBe('find config');
      expect(summary.toolCallsByName).toEqual({ [tool]: 1, Read: 1 });
      const read = session.callsById.get('toolu_sub_read')!;
      expect(read.call.agent).toBe(SUB);
      expect(read.call.mirrored).toBe(true);
      expect(read.result?.outcome).toBe('success');
      expect(session.agents.get(SUB as never)?.spawnCall?.tool?.name).toBe(tool);
    });
  }

  it('counts a sub-agent with its file once', async () => {
    const { session, summary } = await analyse(folder({
      [`${SESSION}.jsonl`]: parentTranscript('Task').text(),
      [`${SESSION}/subagents/agent-${SUB}.jsonl`]: subagentFile(),
    }));
    const agent = summary.agents.find((item) => item.id === SUB)!;
    expect(agent.toolCalls).toBe(1);
    expect(agent.spawnedBy).toBe('toolu_task');
    expect(summary.toolCalls).toBe(2);
    expect(session.duplicates.mirrored).toBeGreaterThan(0);
    const read = session.callsById.get('toolu_sub_read')!;
    expect(read.call.mirrored).toBeUndefined();
    expect(session.events.filter((event) => event.kind === 'model-call' && event.agent === SUB)).toHaveLength(1);
  });

  it('reads a sub-agent file alone', async () => {
    const { summary } = await analyse(folder({ [`${SESSION}/subagents/agent-${SUB}.jsonl`]: subagentFile() }));
    const agent = summary.agents.find((item) => item.id === SUB)!;
    expect(agent.toolCalls).toBe(1);
    expect(agent.parentId).toBe('main');
    expect(agent.role).toBe('sub-agent');
  });
});

describe('Claude Code reader permission modes', () => {
  it('infers decisions from the mode in force', async () => {
    const transcript = new Transcript()
      .prompt('first', 'default')
      .call('toolu_d_bash', 'Bash', { command: 'ls' })
      .call('toolu_d_edit', 'Edit', { file_path: '/work/project/a.ts', old_string: 'a', new_string: 'b' })
      .prompt('second', 'acceptEdits')
      .call('toolu_a_edit', 'Edit', { file_path: '/work/project/a.ts', old_string: 'b', new_string: 'c' })
      .call('toolu_a_bash', 'Bash', { command: 'npm test' })
      .prompt('third', 'bypassPermissions')
      .call('toolu_b_bash', 'Bash', { command: 'rm -rf build' })
      .call('toolu_b_write', 'Write', { file_path: '/work/project/b.ts', content: '' });
    const { session, summary } = await analyse(file(`${SESSION}.jsonl`, transcript.text()));
    expect(summary.modeChanges.map((span) => span.mode)).toEqual(['default', 'acceptEdits', 'bypassPermissions']);
    expect(summary.permissionModes).toEqual(['default', 'acceptEdits', 'bypassPermissions']);
    const decision = (id: string) => {
      const linked = session.callsById.get(id)!;
      return [linked.mode, linked.decision.verdict, linked.decision.by];
    };
    expect(decision('toolu_d_bash')).toEqual(['default', 'approved', 'unknown']);
    expect(decision('toolu_d_edit')).toEqual(['default', 'approved', 'unknown']);
    expect(decision('toolu_a_edit')).toEqual(['acceptEdits', 'not-asked', 'permission-mode']);
    expect(decision('toolu_a_bash')).toEqual(['acceptEdits', 'approved', 'unknown']);
    expect(decision('toolu_b_bash')).toEqual(['bypassPermissions', 'not-asked', 'permission-mode']);
    expect(decision('toolu_b_write')).toEqual(['bypassPermissions', 'not-asked', 'permission-mode']);
    expect(summary.denied).toBe(0);
  });
});

describe('Claude Code reader on tool_heavy.jsonl', () => {
  const path = sample('claude-code', 'tool_heavy.jsonl');

  it('counts its tool calls', async () => {
    const { session, summary, result } = await analyse(await openBundle(path));
    expect(summary.toolCalls).toBe(6);
    expect(summary.toolCallsByName).toEqual({ Bash: 2, WebSearch: 1, Glob: 1, Read: 1, WebFetch: 1 });
    expect(result.evidence[0]!.diagnostics).toEqual([]);
    const fetch = session.calls.find((linked) => linked.call.tool?.name === 'WebFetch')!;
    const kinds = (fetch.call.resources ?? []).map((resource) => resource.kind);
    expect(kinds).toContain('url');
    expect(kinds).toContain('domain');
    const url = fetch.call.resources!.find((resource) => resource.kind === 'url')!.value;
    const domain = fetch.call.resources!.find((resource) => resource.kind === 'domain')!.value;
    expect(new URL(url).hostname.toLowerCase()).toBe(domain);
  });

  it('points every event at its line', async () => {
    const bytes = readFileSync(path);
    const lines = bytes.toString('utf8').split('\n');
    const { session } = await analyse(await openBundle(path));
    const all = session.events;
    expect(all.length).toBeGreaterThan(0);
    for (const event of all) {
      const raw = bytes.subarray(event.raw.offset, event.raw.offset + event.raw.length).toString('utf8');
      expect(() => JSON.parse(raw), event.id).not.toThrow();
      expect(raw, event.id).toBe(lines[event.raw.line - 1]);
      const record = JSON.parse(raw) as Json;
      if (event.uuid && !event.mirrored) expect(record.uuid, event.id).toBe(event.uuid);
    }
  });
});
