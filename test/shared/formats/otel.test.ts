import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import { bytesSource, type BundleInput, type ByteSource } from '../../../shared/io/bytes';
import { analyseBundle, type AnalysedBundle } from '../../../shared/ingest/memory';
import type { AgentEvent } from '../../../shared/model/events';
import { decodeAnyValue, nanoTime, normaliseId, severityNumber, spanKind, statusCode } from '../../../shared/formats/otel/otlp';
import { sample } from '../../helpers/samples';

const encoder = new TextEncoder();

function fileInput(name: string, text: string): BundleInput {
  return { kind: 'file', source: bytesSource(name, encoder.encode(text)) };
}

function folderInput(files: Record<string, string>): BundleInput {
  return {
    kind: 'folder',
    folder: {
      name: 'bundle',
      async *files(): AsyncGenerator<{ path: string; source: ByteSource }> {
        for (const [path, text] of Object.entries(files)) yield { path, source: bytesSource(path, encoder.encode(text)) };
      },
    },
  };
}

function allDiagnostics(analysed: AnalysedBundle) {
  return [...analysed.result.diagnostics, ...analysed.result.evidence.flatMap((file) => file.diagnostics)];
}

function allEvents(analysed: AnalysedBundle): AgentEvent[] {
  return analysed.sessions.flatMap((session) => [...session.events]);
}

type Json = Record<string, unknown>;

/** Counts log records, spans and metric data points of an OTLP document, independently of the reader. */
function countRecords(document: Json): number {
  let count = 0;
  for (const resource of (document.resourceLogs as Json[] | undefined) ?? []) {
    for (const scope of (resource.scopeLogs as Json[]) ?? []) count += ((scope.logRecords as unknown[]) ?? []).length;
  }
  for (const resource of (document.resourceSpans as Json[] | undefined) ?? []) {
    for (const scope of (resource.scopeSpans as Json[]) ?? []) count += ((scope.spans as unknown[]) ?? []).length;
  }
  for (const resource of (document.resourceMetrics as Json[] | undefined) ?? []) {
    for (const scope of (resource.scopeMetrics as Json[]) ?? []) {
      for (const metric of (scope.metrics as Json[]) ?? []) {
        for (const kind of ['sum', 'gauge', 'histogram', 'exponentialHistogram', 'summary']) {
          const data = metric[kind] as Json | undefined;
          if (data) count += ((data.dataPoints as unknown[]) ?? []).length;
        }
      }
    }
  }
  return count;
}

const SAMPLE_FILES = [
  'a11ign-real-capture-2.1.294-REQUEST.json',
  'a11ign-real-capture-2.1.294-OTHER.json',
  'otlp-example-logs.json',
  'otlp-example-events.json',
  'otlp-example-trace.json',
];

const CAPTURE_SESSION = 'eec3945a-5a85-4c3c-9aa2-39e4b8445cef';
const CAPTURE_PROMPT = 'a50257c3-696f-46fc-9f50-5483556d2fac';

describe('OpenTelemetry reader on the real samples', () => {
  for (const name of SAMPLE_FILES) {
    it(`imports ${name} without diagnostics`, async () => {
      const path = sample('otel', name);
      const expected = countRecords(JSON.parse(readFileSync(path, 'utf8')) as Json);
      const analysed = await analyseBundle(await openBundle(path));
      expect(allDiagnostics(analysed)).toEqual([]);
      expect(analysed.result.evidence[0]!.format).toBe('opentelemetry');
      expect(expected).toBeGreaterThan(0);
      expect(allEvents(analysed)).toHaveLength(expected);
    });
  }

  it('reads the capture as one Claude Code session', async () => {
    const analysed = await analyseBundle(await openBundle(sample('otel')));
    const capture = analysed.sessions.find((session) => session.id === CAPTURE_SESSION)!;
    expect(capture).toBeDefined();
    const kinds = capture.events.map((event) => `${event.recordType}:${event.kind}`);
    expect(kinds).toEqual([
      'claude_code.hook_registered:system',
      'claude_code.user_prompt:prompt',
      'claude_code.api_request:model-call',
      'claude_code.assistant_response:message',
      'claude_code.mcp_server_connection:system',
      'claude_code.mcp_server_connection:system',
    ]);
    const summary = analysed.summaries.find((entry) => entry.id === CAPTURE_SESSION)!;
    expect(summary.principal).toBe('REDACTED');
    expect(summary.models).toEqual(['claude-haiku-5-5']);
    expect(summary.versions).toEqual(['2.1.294']);
  });

  it('keeps prompt ids, request ids and identity', async () => {
    const analysed = await analyseBundle(await openBundle(sample('otel')));
    const events = analysed.sessions.find((session) => session.id === CAPTURE_SESSION)!.events;
    for (const event of events) {
      expect(event.identity).toEqual({ user: 'REDACTED', email: 'REDACTED', account: 'REDACTED', organization: 'REDACTED' });
      expect(event.source).toBe('opentelemetry');
      expect(event.raw.pointer).toMatch(/^\/resourceLogs\/0\/scopeLogs\/0\/logRecords\/\d$/);
    }
    const withPrompt = events.filter((event) => event.recordType !== 'claude_code.hook_registered');
    expect(withPrompt.every((event) => event.attrs?.promptId === CAPTURE_PROMPT)).toBe(true);
    const requests = events.filter((event) => event.attrs?.requestId === 'req_011CfpSK96NthX9vPNsW9X2b');
    expect(requests.map((event) => event.kind)).toEqual(['model-call', 'message']);
    const call = requests[0]!;
    expect(call.attrs?.cost_usd).toBe(0.0027651900000000003);
    expect(call.attrs?.cache_read_tokens).toBe(9179);
    expect(call.attrs?.client_request_id).toBe('6c711657-a9c5-4866-a954-d89949d811b5');
    const prompt = events.find((event) => event.kind === 'prompt')!;
    expect(prompt.attrs?.['message.uuid']).toBe('a37624e1-d3d8-4ea7-b607-7b7ad0aa49ae');
    expect(prompt.time?.nanos).toBe('1791447317355000000');
  });

  it('keeps nanosecond times exactly', async () => {
    const analysed = await analyseBundle(await openBundle(sample('otel', 'otlp-example-logs.json')));
    const event = allEvents(analysed)[0]!;
    expect(event.time?.nanos).toBe('1544712660300000000');
    expect(event.time?.ms).toBe(1544712660300);
    expect(event.session).toBe('5b8efff798038103d269b633813fc60c');
    expect(event.trace).toEqual({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' });
    expect(event.attrs?.['int.attribute']).toBe(10);
    expect(event.attrs?.['array.attribute']).toBe('["many","values"]');
    expect(event.attrs?.severityNumber).toBe(10);
  });

  it('reads the example span with its parent', async () => {
    const analysed = await analyseBundle(await openBundle(sample('otel', 'otlp-example-trace.json')));
    const event = allEvents(analysed)[0]!;
    expect(event.trace).toEqual({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', parentSpanId: 'eee19b7ec3c1b173' });
    expect(event.attrs?.spanKind).toBe('server');
    expect(event.attrs?.durationMs).toBe(1000);
    expect(event.time?.nanos).toBe('1544712660000000000');
  });
});

describe('OTLP value decoding', () => {
  it('reads int64 as number or string', () => {
    expect(decodeAnyValue({ intValue: 42 })).toBe(42);
    expect(decodeAnyValue({ intValue: '42' })).toBe(42);
    expect(decodeAnyValue({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(decodeAnyValue({ int_value: '7' })).toBe(7);
  });

  it('reads every AnyValue kind', () => {
    expect(decodeAnyValue({ doubleValue: 1.5 })).toBe(1.5);
    expect(decodeAnyValue({ boolValue: false })).toBe(false);
    expect(decodeAnyValue({ bytesValue: 'AQI=' })).toBe('AQI=');
    expect(decodeAnyValue({ arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }] } })).toEqual(['a', 1]);
    expect(decodeAnyValue({ kvlistValue: { values: [{ key: 'k', value: { stringValue: 'v' } }] } })).toEqual({ k: 'v' });
    expect(decodeAnyValue({})).toBeNull();
  });

  it('converts nanosecond times exactly', () => {
    expect(nanoTime('1544712660300000001')).toEqual({ ms: 1544712660300, nanos: '1544712660300000001', original: '1544712660300000001', zoneKnown: true });
    expect(nanoTime(1544712660300000000)?.nanos).toBe('1544712660300000000');
    expect(nanoTime('0')).toBeNull();
    expect(nanoTime('soon')).toBeNull();
  });

  it('normalises hex and base64 ids', () => {
    expect(normaliseId('5B8EFFF798038103D269B633813FC60C', 16)).toBe('5b8efff798038103d269b633813fc60c');
    expect(normaliseId('W47/95gDgQPSabYzgT/GDA==', 16)).toBe('5b8efff798038103d269b633813fc60c');
    expect(normaliseId('7uGbfsPBsXQ=', 8)).toBe('eee19b7ec3c1b174');
    expect(normaliseId('', 8)).toBeUndefined();
    expect(normaliseId('0000000000000000', 8)).toBeUndefined();
  });

  it('reads enums as numbers or names', () => {
    expect(spanKind(1)).toBe('internal');
    expect(spanKind('SPAN_KIND_CLIENT')).toBe('client');
    expect(statusCode(2)).toBe('error');
    expect(statusCode('STATUS_CODE_ERROR')).toBe('error');
    expect(statusCode('STATUS_CODE_OK')).toBe('ok');
    expect(severityNumber('SEVERITY_NUMBER_INFO')).toBe(9);
    expect(severityNumber('SEVERITY_NUMBER_WARN3')).toBe(15);
    expect(severityNumber(17)).toBe(17);
  });
});

// Fixture builders: OTLP attribute lists and Claude Code log records.
type AnyValue = Json;

function value(item: unknown): AnyValue {
  if (typeof item === 'string') return { stringValue: item };
  if (typeof item === 'boolean') return { boolValue: item };
  if (typeof item === 'number') return Number.isInteger(item) ? { intValue: item } : { doubleValue: item };
  return item as AnyValue;
}

function attributes(values: Record<string, unknown>): Json[] {
  return Object.entries(values).map(([key, item]) => ({ key, value: value(item) }));
}

const SESSION = 'c0ffee00-0000-4000-8000-000000000001';
const IDENTITY = { 'user.id': 'install-1', 'user.email': 'dev@example.com', 'user.account_uuid': 'acct-1', 'organization.id': 'org-1' };

function claudeLog(event: string, sequence: number, nanos: string, extra: Record<string, unknown>): Json {
  return {
    timeUnixNano: nanos,
    body: { stringValue: `claude_code.${event}` },
    attributes: attributes({ 'session.id': SESSION, ...IDENTITY, 'event.name': event, 'event.sequence': sequence, ...extra }),
  };
}

function logsRequest(records: Json[]): Json {
  return {
    resourceLogs: [
      {
        resource: { attributes: attributes({ 'service.name': 'claude-code', 'service.version': '2.1.300' }) },
        scopeLogs: [{ scope: { name: 'com.anthropic.claude_code.events', version: '2.1.300' }, logRecords: records }],
      },
    ],
  };
}

const DECISIONS = [
  claudeLog('tool_decision', 1, '1780000000000000001', { tool_name: 'Bash', decision: 'accept', source: 'config', tool_use_id: 'toolu_accept' }),
  claudeLog('tool_result', 2, '1780000000100000000', {
    tool_name: 'Bash',
    success: 'true',
    duration_ms: '120',
    decision: 'accept',
    source: 'config',
    tool_use_id: 'toolu_accept',
    tool_parameters: JSON.stringify({ bash_command: 'ls', full_command: 'ls -la /tmp', description: 'list', timeout: 1000 }),
  }),
  claudeLog('tool_decision', 3, '1780000000200000000', { tool_name: 'Write', decision: 'reject', source: 'user_reject', tool_use_id: 'toolu_reject' }),
  claudeLog('tool_result', 4, '1780000000300000000', { tool_name: 'Write', success: false, decision: 'reject', source: 'user_reject', tool_use_id: 'toolu_reject', error: 'rejected' }),
  claudeLog('tool_decision', 5, '1780000000400000000', { tool_name: 'mcp__github__create_issue', decision: 'reject', source: 'hook', tool_use_id: 'toolu_hook' }),
  claudeLog('tool_result', 6, '1780000000500000000', {
    tool_name: 'mcp__github__create_issue',
    success: true,
    tool_use_id: 'toolu_mcp',
    tool_parameters: JSON.stringify({ mcp_server_name: 'github', mcp_tool_name: 'create_issue' }),
  }),
  claudeLog('tool_decision', 7, '1780000000600000000', { tool_name: 'Edit', decision: 'accept', source: 'user_permanent' }),
];

describe('Claude Code tool decisions and results', () => {
  it('maps decision sources and verdicts', async () => {
    const analysed = await analyseBundle(fileInput('decisions.json', JSON.stringify(logsRequest(DECISIONS))));
    expect(allDiagnostics(analysed)).toEqual([]);
    const decisions = allEvents(analysed).filter((event) => event.kind === 'decision');
    expect(decisions.map((event) => event.decision)).toEqual([
      { verdict: 'approved', by: 'config-rule', callId: 'toolu_accept', reason: 'accept by config' },
      { verdict: 'denied', by: 'user-reject', callId: 'toolu_reject', reason: 'reject by user_reject' },
      { verdict: 'denied', by: 'hook', callId: 'toolu_hook', reason: 'reject by hook' },
      { verdict: 'approved', by: 'user-always', reason: 'accept by user_permanent' },
    ]);
    expect(decisions[0]!.tool).toEqual({ name: 'Bash', callId: 'toolu_accept' });
    expect(decisions[2]!.tool).toEqual({ name: 'mcp__github__create_issue', callId: 'toolu_hook', mcpServer: 'github', mcpTool: 'create_issue' });
  });

  it('reads tool results with parameters', async () => {
    const analysed = await analyseBundle(fileInput('decisions.json', JSON.stringify(logsRequest(DECISIONS))));
    const results = allEvents(analysed).filter((event) => event.kind === 'tool-result');
    expect(results.map((event) => [event.tool?.callId, event.outcome])).toEqual([
      ['toolu_accept', 'success'],
      ['toolu_reject', 'denied'],
      ['toolu_mcp', 'success'],
    ]);
    expect(results[0]!.resources).toEqual([{ kind: 'command', value: 'ls -la /tmp', access: 'execute' }]);
    expect(results[0]!.attrs?.durationMs).toBe(120);
    expect(results[0]!.input).toEqual({ bash_command: 'ls', full_command: 'ls -la /tmp', description: 'list', timeout: 1000 });
    expect(results[2]!.tool).toEqual({ name: 'mcp__github__create_issue', callId: 'toolu_mcp', mcpServer: 'github', mcpTool: 'create_issue' });
    expect(results[0]!.identity).toEqual({ user: 'install-1', email: 'dev@example.com', account: 'acct-1', organization: 'org-1' });
    expect(analysed.summaries[0]!.principal).toBe('dev@example.com');
  });

  it('joins decisions to transcript tool calls', async () => {
    const transcript = [
      {
        type: 'assistant',
        sessionId: SESSION,
        uuid: 'a1',
        parentUuid: null,
        timestamp: '2026-05-28T20:26:39.000Z',
        message: { id: 'msg_1', role: 'assistant', model: 'claude-x', content: [{ type: 'tool_use', id: 'toolu_reject', name: 'Write', input: { file_path: '/tmp/x', content: 'x' } }] },
      },
    ];
    const analysed = await analyseBundle(folderInput({
      [`${SESSION}.jsonl`]: transcript.map((line) => JSON.stringify(line)).join('\n'),
      'otel.json': JSON.stringify(logsRequest(DECISIONS)),
    }));
    expect(analysed.sessions).toHaveLength(1);
    const call = analysed.sessions[0]!.callsById.get('toolu_reject')!;
    expect(call.decision).toEqual({ verdict: 'denied', by: 'user-reject', callId: 'toolu_reject', reason: 'reject by user_reject' });
    expect(call.result?.outcome).toBe('denied');
    expect(analysed.summaries[0]!.denied).toBe(1);
    expect(analysed.summaries[0]!.principal).toBe('dev@example.com');
  });
});

describe('OTLP encodings', () => {
  it('reads int64 and times given as numbers or strings alike', async () => {
    const asNumbers = logsRequest([{ timeUnixNano: 1544712660300000000, body: { stringValue: 'x' }, attributes: [{ key: 'n', value: { intValue: 5 } }] }]);
    const asStrings = logsRequest([{ timeUnixNano: '1544712660300000000', body: { stringValue: 'x' }, attributes: [{ key: 'n', value: { intValue: '5' } }] }]);
    for (const document of [asNumbers, asStrings]) {
      const analysed = await analyseBundle(fileInput('n.json', JSON.stringify(document)));
      const event = allEvents(analysed)[0]!;
      expect(event.time?.nanos).toBe('1544712660300000000');
      expect(event.time?.ms).toBe(1544712660300);
      expect(event.attrs?.n).toBe(5);
    }
  });

  it('reads base64 ids and enum names like hex and numbers', async () => {
    const span = (ids: Json, enums: Json): Json => ({
      resourceSpans: [{ scopeSpans: [{ spans: [{ ...ids, ...enums, name: 'execute_tool grep', startTimeUnixNano: '1', endTimeUnixNano: '2', attributes: attributes({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.call.id': 'call_1' }) }] }] }],
    });
    const hex = span({ traceId: '5B8EFFF798038103D269B633813FC60C', spanId: 'EEE19B7EC3C1B174' }, { kind: 1, status: { code: 2, message: 'boom' } });
    const base64 = span({ traceId: 'W47/95gDgQPSabYzgT/GDA==', spanId: '7uGbfsPBsXQ=' }, { kind: 'SPAN_KIND_INTERNAL', status: { code: 'STATUS_CODE_ERROR', message: 'boom' } });
    const read = async (document: Json) => allEvents(await analyseBundle(fileInput('t.json', JSON.stringify(document))));
    const [fromHex, fromBase64] = [await read(hex), await read(base64)];
    for (const events of [fromHex, fromBase64]) {
      expect(events.map((event) => event.kind)).toEqual(['tool-call', 'tool-result']);
      expect(events[0]!.trace).toEqual({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' });
      expect(events[0]!.attrs?.spanKind).toBe('internal');
      expect(events[1]!.outcome).toBe('error');
      expect(events[1]!.summary).toBe('grep failed: boom');
    }
    expect(fromBase64.map((event) => event.id)).toEqual(fromHex.map((event) => event.id));
  });

  it('reads snake_case keys', async () => {
    const document = {
      resource_spans: [{ scope_spans: [{ spans: [{ trace_id: '5b8efff798038103d269b633813fc60c', span_id: 'eee19b7ec3c1b174', name: 'chat claude', start_time_unix_nano: '1544712660000000000', attributes: attributes({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'claude-x' }) }] }] }],
    };
    const analysed = await analyseBundle(fileInput('snake.json', JSON.stringify(document)));
    expect(allDiagnostics(analysed)).toEqual([]);
    const event = allEvents(analysed)[0]!;
    expect(event.kind).toBe('model-call');
    expect(event.time?.nanos).toBe('1544712660000000000');
    expect(event.raw.pointer).toBe('/resource_spans/0/scope_spans/0/spans/0');
    expect(analysed.summaries[0]!.models).toEqual(['claude-x']);
  });
});

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const CONVERSATION = 'conv-42';

function genAiSpan(spanId: string, parentSpanId: string, name: string, start: string, values: Record<string, unknown>): Json {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes({ 'service.name': 'agents', 'enduser.id': 'alice' }) },
        scopeSpans: [{ spans: [{ traceId: TRACE, spanId, parentSpanId, name, kind: 1, startTimeUnixNano: start, endTimeUnixNano: `${BigInt(start) + 5_000_000n}`, attributes: attributes(values), status: {} }] }],
      },
    ],
  };
}

// A collector file exporter writes each span when it ends, so children come before parents.
const TRACE_LINES = [
  genAiSpan('00f067aa0ba902b3', '00f067aa0ba902b2', 'execute_tool web_search', '1780000000300000000', {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': 'web_search',
    'gen_ai.tool.call.id': 'call_abc',
    'gen_ai.tool.call.arguments': '{"query":"otel"}',
  }),
  genAiSpan('00f067aa0ba902b2', '00f067aa0ba902b1', 'invoke_agent researcher', '1780000000200000000', {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'researcher',
    'gen_ai.agent.id': 'agent-researcher',
    'gen_ai.agent.description': 'looks things up',
  }),
  genAiSpan('00f067aa0ba902b1', '', 'invoke_agent planner', '1780000000100000000', {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'planner',
    'gen_ai.conversation.id': CONVERSATION,
  }),
];

describe('GenAI agent traces', () => {
  it('rebuilds delegation from span parents', async () => {
    const analysed = await analyseBundle(fileInput('trace.jsonl', TRACE_LINES.map((line) => JSON.stringify(line)).join('\n')));
    expect(allDiagnostics(analysed)).toEqual([]);
    expect(analysed.sessions.map((session) => session.id)).toEqual([CONVERSATION]);
    const events = analysed.sessions[0]!.events;
    expect(events.map((event) => `${event.agent}:${event.kind}`)).toEqual([
      'main:system',
      'main:delegation',
      'agent-researcher:tool-call',
      'agent-researcher:tool-result',
    ]);
    const delegation = events[1]!;
    expect(delegation.delegation).toEqual({ childAgent: 'agent-researcher', subagentType: 'researcher', description: 'looks things up' });
    expect(delegation.trace).toEqual({ traceId: TRACE, spanId: '00f067aa0ba902b2', parentSpanId: '00f067aa0ba902b1' });
    const call = events[2]!;
    expect(call.tool).toEqual({ name: 'web_search', callId: 'call_abc' });
    expect(call.input).toEqual({ query: 'otel' });
    expect(events[3]!.outcome).toBe('success');
    expect(events[3]!.raw.line).toBe(1);
    expect(call.identity).toEqual({ user: 'alice' });
  });

  it('summarises the sub-agent and its tool call', async () => {
    const analysed = await analyseBundle(fileInput('trace.jsonl', TRACE_LINES.map((line) => JSON.stringify(line)).join('\n')));
    const summary = analysed.summaries[0]!;
    expect(summary.toolCalls).toBe(1);
    expect(summary.toolCallsByName).toEqual({ web_search: 1 });
    expect(summary.principal).toBe('alice');
    const researcher = summary.agents.find((agent) => agent.id === 'agent-researcher');
    expect(researcher?.parentId).toBe('main');
    expect(researcher?.toolCalls).toBe(1);
  });

  it('reads spans whose parent never arrives', async () => {
    const analysed = await analyseBundle(fileInput('trace.jsonl', JSON.stringify(TRACE_LINES[0])));
    const events = allEvents(analysed);
    expect(events.map((event) => `${event.agent}:${event.kind}`)).toEqual(['main:tool-call', 'main:tool-result']);
    expect(events[0]!.session).toBe(TRACE);
  });

  it('joins an MCP client span to its tool span', async () => {
    const lines = [
      genAiSpan('00f067aa0ba902c2', '00f067aa0ba902b3', 'tools/call web_search', '1780000000310000000', { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'web_search', 'jsonrpc.request.id': '7' }),
      TRACE_LINES[0]!,
      genAiSpan('00f067aa0ba902c3', '', 'tools/call read_file', '1780000000400000000', { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'read_file', 'server.address': 'files.local' }),
    ];
    const analysed = await analyseBundle(fileInput('mcp-trace.jsonl', lines.map((line) => JSON.stringify(line)).join('\n')));
    const events = allEvents(analysed);
    const calls = events.filter((event) => event.kind === 'tool-call');
    expect(calls.map((event) => event.tool?.name)).toEqual(['web_search', 'read_file']);
    expect(calls[1]!.tool).toEqual({ name: 'read_file', callId: 'span-00f067aa0ba902c3', mcpTool: 'read_file', mcpServer: 'files.local' });
    const transport = events.find((event) => event.trace?.spanId === '00f067aa0ba902c2')!;
    expect(transport.kind).toBe('system');
    expect(transport.tool?.callId).toBe('call_abc');
  });
});

describe('Claude Code beta trace spans', () => {
  it('reads the permission wait as a decision on the tool call', async () => {
    const span = (spanId: string, parent: string, name: string, values: Record<string, unknown>, status: Json = {}) => ({
      traceId: TRACE, spanId, parentSpanId: parent, name, kind: 'SPAN_KIND_INTERNAL', startTimeUnixNano: '1780000000000000000', endTimeUnixNano: '1780000001000000000', attributes: attributes({ 'session.id': SESSION, ...values }), status,
    });
    const document = {
      resourceSpans: [{
        scopeSpans: [{
          spans: [
            span('00000000000000a3', '00000000000000a2', 'claude_code.tool.blocked_on_user', { decision: 'reject', source: 'user_reject' }),
            span('00000000000000a4', '00000000000000a2', 'claude_code.tool.execution', {}),
            span('00000000000000a2', '00000000000000a1', 'claude_code.tool', { tool_name: 'Bash', tool_use_id: 'toolu_span' }, { code: 'STATUS_CODE_ERROR' }),
            span('00000000000000a5', '00000000000000a1', 'claude_code.llm_request', { 'gen_ai.system': 'anthropic', 'gen_ai.request.model': 'claude-y' }),
            span('00000000000000a6', '00000000000000a1', 'claude_code.hook', { hook_event: 'PreToolUse' }),
            span('00000000000000a1', '', 'claude_code.interaction', {}),
          ],
        }],
      }],
    };
    const analysed = await analyseBundle(fileInput('beta.json', JSON.stringify(document)));
    expect(allDiagnostics(analysed)).toEqual([]);
    const session = analysed.sessions[0]!;
    expect(session.id).toBe(SESSION);
    const call = session.callsById.get('toolu_span')!;
    expect(call.call.tool?.name).toBe('Bash');
    expect(call.decision).toEqual({ verdict: 'denied', by: 'user-reject', callId: 'toolu_span', reason: 'reject by user_reject' });
    expect(call.result?.outcome).toBe('error');
    const kinds = session.events.map((event) => event.recordType.replace('span/', '') + ':' + event.kind).sort();
    expect(kinds).toEqual([
      'claude_code.hook:hook',
      'claude_code.interaction:system',
      'claude_code.llm_request:model-call',
      'claude_code.tool.blocked_on_user:decision',
      'claude_code.tool.execution:system',
      'claude_code.tool:tool-call',
      'claude_code.tool:tool-result',
    ]);
    expect(analysed.summaries[0]!.denied).toBe(1);
  });
});

describe('OTLP metrics and export files', () => {
  const metrics = {
    resourceMetrics: [{
      resource: { attributes: attributes({ 'service.name': 'claude-code' }) },
      scopeMetrics: [{
        metrics: [
          {
            name: 'claude_code.code_edit_tool.decision',
            unit: 'count',
            sum: {
              aggregationTemporality: 2,
              isMonotonic: true,
              dataPoints: [
                { timeUnixNano: '1780000000000000000', asInt: '3', attributes: attributes({ 'session.id': SESSION, tool_name: 'Edit', decision: 'accept', source: 'config', language: 'TypeScript' }) },
                { timeUnixNano: '1780000000000000000', asInt: 1, attributes: attributes({ 'session.id': SESSION, tool_name: 'Write', decision: 'reject', source: 'user_reject' }) },
              ],
            },
          },
          { name: 'claude_code.cost.usage', unit: 'USD', sum: { dataPoints: [{ timeUnixNano: '1780000000000000000', asDouble: 0.25, attributes: attributes({ 'session.id': SESSION, model: 'claude-x' }) }] } },
        ],
      }],
    }],
  };

  it('keeps data points as system events', async () => {
    const analysed = await analyseBundle(fileInput('metrics.json', JSON.stringify(metrics)));
    expect(allDiagnostics(analysed)).toEqual([]);
    const events = allEvents(analysed);
    expect(events).toHaveLength(countRecords(metrics));
    expect(events.every((event) => event.kind === 'system')).toBe(true);
    expect(events.map((event) => event.attrs?.value)).toEqual([3, 1, 0.25]);
    expect(events[1]!.attrs?.decision).toBe('reject');
    expect(events[1]!.raw.pointer).toBe('/resourceMetrics/0/scopeMetrics/0/metrics/0/sum/dataPoints/1');
    expect(analysed.summaries[0]!.denied).toBe(0);
  });

  it('reads one export request per line', async () => {
    const lines = [logsRequest(DECISIONS.slice(0, 2)), metrics, logsRequest(DECISIONS.slice(2, 4))];
    const analysed = await analyseBundle(fileInput('export.jsonl', lines.map((line) => JSON.stringify(line)).join('\n')));
    expect(allDiagnostics(analysed)).toEqual([]);
    const events = allEvents(analysed);
    expect(events).toHaveLength(lines.reduce((total, line) => total + countRecords(line), 0));
    expect(new Set(events.map((event) => event.raw.line))).toEqual(new Set([1, 2, 3]));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });

  it('reports a record that is no export request and goes on', async () => {
    const lines = [JSON.stringify(logsRequest(DECISIONS.slice(0, 1))), '{"hello":"world"}', JSON.stringify(logsRequest(DECISIONS.slice(1, 2)))];
    const analysed = await analyseBundle(fileInput('mixed.jsonl', lines.join('\n')));
    const diagnostics = allDiagnostics(analysed);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.file).toBe('mixed.jsonl');
    expect(diagnostics[0]!.line).toBe(2);
    expect(diagnostics[0]!.reason).toContain('not an OTLP export request');
    const events = allEvents(analysed);
    expect(events.filter((event) => event.session === SESSION).map((event) => event.kind)).toEqual(['decision', 'tool-result']);
    const unknown = events.filter((event) => event.kind === 'unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.raw.line).toBe(2);
  });

  it('reports a log record that is not an object', async () => {
    const document = logsRequest([DECISIONS[0]!, 'oops' as unknown as Json]);
    const analysed = await analyseBundle(fileInput('bad.json', JSON.stringify(document)));
    const diagnostics = allDiagnostics(analysed);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.reason).toContain('/resourceLogs/0/scopeLogs/0/logRecords/1');
    expect(allEvents(analysed)).toHaveLength(1);
  });
});
