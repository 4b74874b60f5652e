import { describe, expect, it } from 'vitest';
import { bytesSource, type BundleInput } from '../../../shared/io/bytes';
import { analyseBundle, type AnalysedBundle } from '../../../shared/ingest/memory';
import { mcpReader } from '../../../shared/formats/mcp/reader';
import { otelReader } from '../../../shared/formats/otel/reader';
import { wireMethod } from '../../../shared/formats/mcp/messages';

const encoder = new TextEncoder();

function jsonl(name: string, lines: readonly unknown[]): BundleInput {
  return { kind: 'file', source: bytesSource(name, encoder.encode(lines.map((line) => JSON.stringify(line)).join('\n'))) };
}

function allDiagnostics(analysed: AnalysedBundle) {
  return [...analysed.result.diagnostics, ...analysed.result.evidence.flatMap((file) => file.diagnostics)];
}

const WIRE = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'claude-code', version: '2.1.300' } } },
  { jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'files', version: '1.2.0' } } },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'read_file', arguments: { path: '/etc/hosts' } } },
  { jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: '127.0.0.1 localhost' }] } },
  { jsonrpc: '2.0', id: 'three', method: 'tools/call', params: { name: 'write_file', arguments: { path: '/etc/passwd' } } },
  { jsonrpc: '2.0', id: 'three', result: { content: [{ type: 'text', text: 'permission denied' }], isError: true } },
  { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'missing_tool' } },
  { jsonrpc: '2.0', id: 4, error: { code: -32602, message: 'Unknown tool: missing_tool' } },
  { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } },
  [
    { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'list_dir', arguments: { path: '/tmp' } } },
    { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'p1', progress: 1 } },
  ],
  [{ jsonrpc: '2.0', id: 5, result: { content: [] } }],
  { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'done' } },
];

describe('MCP reader on raw JSON-RPC lines', () => {
  it('detects JSON-RPC traffic and no other reader claims it', () => {
    const sample = WIRE.map((value, index) => ({ line: { text: '', number: index + 1, offset: 0, length: 0, terminated: true }, value }));
    expect(mcpReader.detect('x.jsonl', sample)).toBe(1);
    expect(otelReader.detect('x.jsonl', sample)).toBe(0);
  });

  it('reads calls, results, errors and notifications', async () => {
    const analysed = await analyseBundle(jsonl('traffic.jsonl', WIRE));
    expect(allDiagnostics(analysed)).toEqual([]);
    expect(analysed.result.evidence[0]!.format).toBe('mcp');
    expect(analysed.sessions.map((session) => session.id)).toEqual(['mcp:traffic.jsonl']);
    const events = analysed.sessions[0]!.events;
    expect(events).toHaveLength(WIRE.flat().length);
    expect(events.map((event) => event.kind)).toEqual([
      'system', 'system', 'system',
      'tool-call', 'tool-result',
      'tool-call', 'tool-result',
      'tool-call', 'tool-result',
      'system',
      'tool-call', 'system',
      'tool-result',
      'system',
    ]);
  });

  it('names the server from initialize', async () => {
    const analysed = await analyseBundle(jsonl('traffic.jsonl', WIRE));
    const calls = analysed.sessions[0]!.calls;
    expect(calls.map((linked) => linked.call.tool?.name)).toEqual(['read_file', 'write_file', 'missing_tool', 'list_dir']);
    expect(calls[0]!.call.tool).toEqual({ name: 'read_file', callId: 'mcp-4-2', mcpServer: 'files', mcpTool: 'read_file' });
    expect(calls[0]!.call.input).toEqual({ path: '/etc/hosts' });
    expect(calls[0]!.call.raw.line).toBe(4);
  });

  it('tells tool failures from protocol errors', async () => {
    const analysed = await analyseBundle(jsonl('traffic.jsonl', WIRE));
    const calls = analysed.sessions[0]!.calls;
    expect(calls.map((linked) => linked.result?.outcome)).toEqual(['success', 'error', 'error', 'success']);
    expect(calls[1]!.result?.attrs?.isError).toBe(true);
    expect(calls[2]!.result?.attrs?.errorCode).toBe(-32602);
    expect(calls[2]!.result?.attrs?.errorMessage).toBe('Unknown tool: missing_tool');
    expect(analysed.summaries[0]!.errors).toBe(2);
    expect(analysed.summaries[0]!.toolCalls).toBe(4);
  });

  it('keeps an error with a null id', async () => {
    const analysed = await analyseBundle(jsonl('traffic.jsonl', WIRE));
    const orphan = analysed.sessions[0]!.events.find((event) => event.attrs?.jsonrpcId === null)!;
    expect(orphan.kind).toBe('system');
    expect(orphan.outcome).toBe('error');
    expect(orphan.attrs?.errorCode).toBe(-32700);
  });

  it('points into batches', async () => {
    const analysed = await analyseBundle(jsonl('traffic.jsonl', WIRE));
    const batch = analysed.sessions[0]!.events.filter((event) => event.raw.line === 11);
    expect(batch.map((event) => event.raw.pointer)).toEqual(['/0', '/1']);
    expect(batch[1]!.recordType).toBe('notification/notifications/progress');
  });

  it('reports a line that is no MCP message and goes on', async () => {
    const analysed = await analyseBundle(jsonl('broken.jsonl', [WIRE[3], { jsonrpc: '2.0' }, WIRE[4]]));
    const diagnostics = allDiagnostics(analysed);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.file).toBe('broken.jsonl');
    expect(diagnostics[0]!.line).toBe(2);
    expect(diagnostics[0]!.reason).toContain('not an MCP message');
    expect(analysed.sessions[0]!.calls[0]!.result?.outcome).toBe('success');
  });
});

describe('MCP reader on proxy envelopes', () => {
  it('reads the ts/dir envelope with a session id', async () => {
    const lines = [
      { ts: '2026-05-01T10:00:00.000Z', dir: 'req', id: 1, method: 'tools/call', params: { name: 'search', arguments: { q: 'x' } }, mcpSessionId: 'sess-9' },
      { ts: '2026-05-01T10:00:01.500Z', dir: 'res', id: 1, result: { content: [{ type: 'text', text: 'found' }] }, mcpSessionId: 'sess-9' },
    ];
    const analysed = await analyseBundle(jsonl('proxy.jsonl', lines));
    expect(allDiagnostics(analysed)).toEqual([]);
    expect(analysed.sessions.map((session) => session.id)).toEqual(['sess-9']);
    const [call] = analysed.sessions[0]!.calls;
    expect(call!.call.tool?.mcpServer).toBe('unknown');
    expect(call!.result?.summary).toBe('search returned: found');
    expect(call!.result?.time?.ms).toBe(Date.parse('2026-05-01T10:00:01.500Z'));
  });

  it('reads Mcp-Session-Id from headers', async () => {
    const lines = [{ direction: 'send', headers: { 'Mcp-Session-Id': 'hdr-1' }, message: WIRE[3] }];
    const analysed = await analyseBundle(jsonl('headers.jsonl', lines));
    expect(analysed.sessions.map((session) => session.id)).toEqual(['hdr-1']);
  });

  it('matches a response only to the other side', async () => {
    // The client calls a tool with id 1; while it runs, the server asks the user with its own id 1.
    const lines = [
      { timestamp: 1777629600000, direction: 'client->server', message: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'deploy' } } },
      { timestamp: 1777629601000, direction: 'server->client', message: { jsonrpc: '2.0', id: 1, method: 'elicitation/create', params: { message: 'Deploy to production?', requestedSchema: { type: 'object', properties: {} } } } },
      { timestamp: 1777629602000, direction: 'client->server', message: { jsonrpc: '2.0', id: 1, result: { action: 'decline' } } },
      { timestamp: 1777629603000, direction: 'server->client', message: { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'cancelled by user' }], isError: true } } },
    ];
    const analysed = await analyseBundle(jsonl('elicit.jsonl', lines));
    expect(allDiagnostics(analysed)).toEqual([]);
    const events = analysed.sessions[0]!.events;
    expect(events.map((event) => event.kind)).toEqual(['tool-call', 'decision', 'decision', 'tool-result']);
    expect(events[1]!.attrs?.decisionState).toBe('pending');
    expect(events[1]!.decision).toBeUndefined();
    expect(events[2]!.decision).toEqual({ verdict: 'denied', by: 'user-reject', reason: 'user declined the elicitation', callId: 'mcp-1-1' });
    const call = analysed.sessions[0]!.calls[0]!;
    expect(call.result?.outcome).toBe('error');
    expect(call.result?.raw.line).toBe(4);
    expect(call.decision.verdict).toBe('denied');
    expect(analysed.summaries[0]!.denied).toBe(1);
  });

  it('reads mcp-debug recordings without ids', async () => {
    const text = [
      '# MCP Recording Session',
      JSON.stringify({ start_time: '2026-05-01T10:00:00Z', server_info: 'Dynamic MCP Proxy v1.0.0', messages: [] }),
      JSON.stringify({ timestamp: '2026-05-01T10:00:01Z', direction: 'request', message_type: 'tool_call', tool_name: 'math_add', server_name: 'math', message: { method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 2 } } } }),
      JSON.stringify({ timestamp: '2026-05-01T10:00:02Z', direction: 'response', message_type: 'tool_call', tool_name: 'math_add', server_name: 'math', message: { content: [{ type: 'text', text: '3' }] } }),
    ].join('\n');
    const analysed = await analyseBundle({ kind: 'file', source: bytesSource('recording.jsonl', encoder.encode(text)) });
    // The comment line is no JSON; the pipeline reports it and reads the rest.
    expect(allDiagnostics(analysed).map((diagnostic) => diagnostic.line)).toEqual([1]);
    const session = analysed.sessions[0]!;
    expect(session.events[0]!.summary).toBe('MCP recording started: Dynamic MCP Proxy v1.0.0');
    const [call] = session.calls;
    expect(call!.call.tool).toEqual({ name: 'add', callId: 'mcp-3-0', mcpServer: 'math', mcpTool: 'add' });
    expect(call!.result?.summary).toBe('add returned: 3');
  });

  it('renames SDK-level methods', async () => {
    const lines = [
      { _type: 'CallToolRequest', method: 'call_tool', id: 7, params: { name: 'fetch', arguments: { url: 'https://example.com' } } },
      { _type: 'CallToolResult', id: 7, content: [{ type: 'text', text: 'ok' }], isError: false },
    ];
    const analysed = await analyseBundle(jsonl('sdk.jsonl', lines));
    expect(allDiagnostics(analysed)).toEqual([]);
    const [call] = analysed.sessions[0]!.calls;
    expect(call!.call.tool?.name).toBe('fetch');
    expect(call!.call.attrs?.method).toBe('tools/call');
    expect(call!.call.attrs?.sdkMethod).toBe('call_tool');
    expect(call!.result?.outcome).toBe('success');
    expect(wireMethod('list_tools')).toBe('tools/list');
    expect(wireMethod('tools.call')).toBe('tools/call');
  });

  it('turns a cancellation into a cancelled result', async () => {
    const lines = [WIRE[3], { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2, reason: 'user pressed escape' } }];
    const analysed = await analyseBundle(jsonl('cancel.jsonl', lines));
    const [call] = analysed.sessions[0]!.calls;
    expect(call!.result?.outcome).toBe('cancelled');
    expect(call!.result?.summary).toBe('read_file cancelled: user pressed escape');
  });
});
