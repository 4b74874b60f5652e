// Reader for MCP (Model Context Protocol) JSON-RPC traffic logs: raw JSON-RPC lines, batches and
// the envelopes that proxies write around each message. `tools/call` requests become tool calls,
// their responses tool results, elicitation requests and answers decisions, and everything else
// system events. JSON-RPC ids are unique only per sender, so a response is matched to a pending
// request sent by the other side with the same id.

import type { Decision, Outcome, ToolRef } from '../../model/events';
import { asEventId, asSessionId, MAIN_AGENT, type SessionId } from '../../model/ids';
import type { Timestamp } from '../../model/time';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { arr, capValue, fnv1a, isObject, oneLine, str, type JsonObject } from '../values';
import { envelopeTime, isEnvelope, isJsonRpc, isRecordingHeader, unwrapRecord, type JsonRpcId, type McpMessage, type Side } from './messages';

/** Methods that only a server sends; every other request is read as sent by the client. */
const SERVER_REQUESTS = new Set(['sampling/createMessage', 'elicitation/create', 'roots/list']);
const SERVER_NOTIFICATIONS = /^notifications\/(message|resources\/updated|resources\/list_changed|tools\/list_changed|prompts\/list_changed|elicitation\/complete)$/;

function looksLikeMcp(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => isJsonRpc(item) || isEnvelope(item));
  return isJsonRpc(value) || isEnvelope(value) || isRecordingHeader(value);
}

export const mcpReader: FormatReader = {
  format: 'mcp',
  detect(_path, sample) {
    if (sample.length === 0) return 0;
    return sample.filter((parsed) => looksLikeMcp(parsed.value)).length / sample.length;
  },
  open: (context) => new McpSink(context),
};

interface PendingRequest {
  readonly method: string;
  readonly side: Side;
  readonly order: number;
  /** For `tools/call`: the call id given to its tool-call event. */
  readonly callId?: string;
  readonly tool?: ToolRef;
  /** For `elicitation/create`: the tool call it was asked during, when exactly one was open. */
  readonly relatedCallId?: string;
}

type ErrorAttrs = Readonly<Record<string, string | number | null>>;

type Body = Omit<Parameters<ReaderContext['emit']>[0], 'id' | 'session' | 'agent' | 'time' | 'seq' | 'block' | 'source' | 'raw' | 'recordType'>;

function idKey(side: Side, id: JsonRpcId): string {
  return `${side}|${typeof id}|${String(id)}`;
}

function opposite(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}

class McpSink implements RecordSink {
  private readonly pending = new Map<string, PendingRequest>();
  /** Requests without an id (SDK-level recordings), answered in order. */
  private readonly unnumbered: PendingRequest[] = [];
  /** Server names from `initialize` results, per session. */
  private readonly servers = new Map<SessionId, string>();
  private readonly usedIds = new Set<string>();
  private order = 0;

  constructor(private readonly context: ReaderContext) {}

  record(parsed: ParsedLine): void {
    const unwrapped = unwrapRecord(parsed.value);
    let block = 0;
    if (unwrapped.header) {
      const header = unwrapped.header;
      this.emit(parsed, block++, '', this.sessionOf(undefined), envelopeTime(header.start_time), 'recording-header', {
        kind: 'system',
        summary: oneLine(`MCP recording started: ${str(header.server_info) ?? 'unknown server'}`),
        attrs: { serverInfo: str(header.server_info) ?? null, startTime: str(header.start_time) ?? null },
      });
      return;
    }
    for (const rejected of unwrapped.rejected) {
      this.context.diagnose({
        code: 'unknown-record',
        severity: 'warning',
        file: this.context.path,
        line: parsed.line.number,
        offset: parsed.line.offset,
        length: parsed.line.length,
        reason: `Record ${parsed.line.number}${rejected.pointer ? ` at ${rejected.pointer}` : ''} is not an MCP message (${rejected.reason}); it was kept as an unknown event.`,
      });
      this.emit(parsed, block++, rejected.pointer, this.sessionOf(undefined), null, 'unknown', { kind: 'unknown', summary: oneLine(JSON.stringify(parsed.value) ?? 'null', 200) });
    }
    for (const message of unwrapped.messages) {
      const session = this.sessionOf(message.session);
      const body = this.translate(message, session, parsed.line.number);
      const recordType = message.kind === 'response' ? 'response' : `${message.kind}/${message.method ?? ''}`;
      this.emit(parsed, block++, message.pointer, session, message, recordType, body);
    }
  }

  finish(): void {}

  private sessionOf(named: string | undefined): SessionId {
    return asSessionId(named ?? `mcp:${this.context.path}`);
  }

  private emit(parsed: ParsedLine, block: number, pointer: string, session: SessionId, origin: McpMessage | Timestamp | null, recordType: string, body: Body): void {
    const message = origin && 'kind' in origin ? origin : null;
    const time = message ? message.time : (origin as Timestamp | null);
    const { line } = parsed;
    const root = `mcp-${line.number}-${block}-${fnv1a(`${pointer}:${line.text || JSON.stringify(parsed.value)}`)}`;
    let id = root;
    for (let n = 1; this.usedIds.has(id); n++) id = `${root}~${n}`;
    this.usedIds.add(id);
    const attrs = {
      ...(message?.id !== undefined ? { jsonrpcId: message.id } : {}),
      ...(message?.method ? { method: message.method } : {}),
      ...(message?.sdkMethod ? { sdkMethod: message.sdkMethod } : {}),
      ...(message?.side ? { sender: message.side } : {}),
      ...(message?.session ? { mcpSessionId: message.session } : {}),
      ...body.attrs,
    };
    this.context.emit({
      id: asEventId(id),
      session,
      agent: MAIN_AGENT,
      time,
      seq: line.number,
      block,
      source: 'mcp',
      raw: { evidence: this.context.evidence, line: line.number, offset: line.offset, length: line.length, ...(pointer ? { pointer } : {}) },
      recordType,
      ...body,
      attrs,
    });
  }

  private translate(message: McpMessage, session: SessionId, lineNumber: number): Body {
    if (message.kind === 'response') return this.response(message, session);
    const method = message.method ?? '';
    const side = message.side ?? (SERVER_REQUESTS.has(method) || SERVER_NOTIFICATIONS.test(method) ? 'server' : 'client');
    if (message.kind === 'notification') return this.notification(message, method, side);
    return this.request(message, method, side, session, lineNumber);
  }

  private remember(message: McpMessage, request: PendingRequest): void {
    if (message.id === undefined) this.unnumbered.push(request);
    else if (message.id !== null) this.pending.set(idKey(request.side, message.id), request);
  }

  private request(message: McpMessage, method: string, side: Side, session: SessionId, lineNumber: number): Body {
    const params = message.params ?? {};
    const order = this.order++;
    if (method === 'tools/call') {
      const name = str(params.name) ?? message.toolName ?? 'unknown';
      const callId = `mcp-${lineNumber}-${message.id === undefined ? order : String(message.id)}`;
      const server = message.serverName ?? this.servers.get(session) ?? 'unknown';
      const tool: ToolRef = { name, callId, mcpServer: server, mcpTool: name };
      this.remember(message, { method, side, order, callId, tool });
      const input = params.arguments;
      return {
        kind: 'tool-call',
        summary: oneLine(`${server}/${name}${input === undefined ? '' : ` ${JSON.stringify(input)}`}`),
        tool,
        ...(input === undefined ? {} : { input: capValue(input).value }),
      };
    }
    if (method === 'elicitation/create') {
      // NOTE: the wire message does not name the tool call it interrupts; it is taken to be the
      // one open tools/call from the other side, and left unnamed when none or several are open.
      const open = [...this.pending.values()].filter((request) => request.callId && request.side !== side);
      const relatedCallId = open.length === 1 ? open[0]!.callId : undefined;
      this.remember(message, { method, side, order, ...(relatedCallId ? { relatedCallId } : {}) });
      const text = str(params.message) ?? str(params.url) ?? '';
      return {
        kind: 'decision',
        summary: oneLine(`server asks the user: ${text || '(no message)'}`),
        input: capValue(params).value,
        ...(relatedCallId ? { tool: { name: open[0]!.tool?.name ?? 'unknown', callId: relatedCallId } } : {}),
        attrs: { decisionState: 'pending', ...(str(params.mode) ? { elicitationMode: str(params.mode)! } : {}) },
      };
    }
    this.remember(message, { method, side, order });
    if (method === 'initialize') {
      const client = isObject(params.clientInfo) ? params.clientInfo : {};
      return {
        kind: 'system',
        summary: oneLine(`initialize from client ${str(client.name) ?? 'unknown'} ${str(client.version) ?? ''} (protocol ${str(params.protocolVersion) ?? '?'})`),
        attrs: { clientName: str(client.name) ?? null, clientVersion: str(client.version) ?? null, protocolVersion: str(params.protocolVersion) ?? null },
      };
    }
    return { kind: 'system', summary: oneLine(`${side} request ${method}${message.id !== undefined ? ` #${String(message.id)}` : ''}`) };
  }

  private notification(message: McpMessage, method: string, side: Side): Body {
    const params = message.params ?? {};
    if (method === 'notifications/cancelled') {
      const requestId = params.requestId;
      const key = typeof requestId === 'string' || typeof requestId === 'number' ? idKey(side, requestId) : undefined;
      const cancelled = key ? this.pending.get(key) : undefined;
      if (cancelled?.tool) {
        this.pending.delete(key!);
        return {
          kind: 'tool-result',
          summary: oneLine(`${cancelled.tool.name} cancelled${str(params.reason) ? `: ${str(params.reason)}` : ''}`),
          tool: cancelled.tool,
          outcome: 'cancelled',
        };
      }
    }
    const detail = str(params.message) ?? str(params.reason) ?? str(params.level) ?? '';
    return { kind: 'system', summary: oneLine(`${side} notification ${method}${detail ? `: ${detail}` : ''}`) };
  }

  /** Finds the request a response answers: same id, sent by the other side, most recent first. */
  private match(message: McpMessage): PendingRequest | undefined {
    if (message.id === null) return undefined;
    if (message.id === undefined) return this.unnumbered.shift();
    const sides: Side[] = message.side ? [opposite(message.side)] : ['client', 'server'];
    let best: { key: string; request: PendingRequest } | undefined;
    for (const side of sides) {
      const key = idKey(side, message.id);
      const request = this.pending.get(key);
      if (request && (!best || request.order > best.request.order)) best = { key, request };
    }
    if (best) this.pending.delete(best.key);
    return best?.request;
  }

  private response(message: McpMessage, session: SessionId): Body {
    const request = this.match(message);
    const error = message.error;
    const errorAttrs: ErrorAttrs = error ? { errorCode: typeof error.code === 'number' ? error.code : null, errorMessage: str(error.message) ?? null } : {};
    if (!request) {
      const what = message.id === null ? 'error without a request id' : `response to unseen request ${message.id === undefined ? '' : `#${String(message.id)}`}`;
      return {
        kind: 'system',
        summary: oneLine(`${what}${error ? `: ${str(error.message) ?? ''}` : ''}`),
        ...(error ? { outcome: 'error' as const } : {}),
        attrs: { ...errorAttrs, unmatched: true },
      };
    }
    const result = isObject(message.result) ? message.result : {};
    if (request.method === 'tools/call' && request.tool) return toolResult(request.tool, result, error, errorAttrs);
    if (request.method === 'elicitation/create') return elicitationAnswer(request, result, error, errorAttrs);
    if (request.method === 'initialize' && !error) {
      const server = isObject(result.serverInfo) ? result.serverInfo : {};
      const name = str(server.name);
      if (name) this.servers.set(session, name);
      return {
        kind: 'system',
        summary: oneLine(`initialized server ${name ?? 'unknown'} ${str(server.version) ?? ''} (protocol ${str(result.protocolVersion) ?? '?'})`),
        attrs: { serverName: name ?? null, serverVersion: str(server.version) ?? null, protocolVersion: str(result.protocolVersion) ?? null },
      };
    }
    return {
      kind: 'system',
      summary: oneLine(`${request.method} ${error ? `failed: ${str(error.message) ?? ''}` : 'answered'}`),
      ...(error ? { outcome: 'error' as const } : {}),
      attrs: { ...errorAttrs, requestMethod: request.method },
    };
  }
}

function contentText(result: JsonObject): string {
  const parts = (arr(result.content) ?? []).map((item) => (isObject(item) ? (str(item.text) ?? `[${str(item.type) ?? 'content'}]`) : ''));
  return parts.join(' ');
}

function toolResult(tool: ToolRef, result: JsonObject, error: JsonObject | undefined, errorAttrs: ErrorAttrs): Body {
  // `isError` inside a result is the tool's own failure; a JSON-RPC `error` is a protocol failure.
  const outcome: Outcome = error || result.isError === true ? 'error' : 'success';
  const detail = error ? `protocol error ${String(error.code ?? '')} ${str(error.message) ?? ''}` : contentText(result);
  return {
    kind: 'tool-result',
    summary: oneLine(`${tool.name} ${outcome === 'error' ? 'failed' : 'returned'}${detail ? `: ${detail}` : ''}`),
    tool,
    outcome,
    ...(error ? {} : { input: capValue(result).value }),
    attrs: { ...errorAttrs, isError: result.isError === true },
  };
}

/** Elicitation answers: `accept` approves, `decline` rejects and `cancel` dismisses the request. */
function elicitationAnswer(request: PendingRequest, result: JsonObject, error: JsonObject | undefined, errorAttrs: ErrorAttrs): Body {
  const action = str(result.action);
  if (error || !action) {
    return { kind: 'system', summary: oneLine(`elicitation not answered${error ? `: ${str(error.message) ?? ''}` : ''}`), ...(error ? { outcome: 'error' as const } : {}), attrs: { ...errorAttrs } };
  }
  const decision: Decision =
    action === 'accept'
      ? { verdict: 'approved', by: 'user-once', reason: 'user accepted the elicitation' }
      : action === 'decline'
        ? { verdict: 'denied', by: 'user-reject', reason: 'user declined the elicitation' }
        : { verdict: 'denied', by: 'user-abort', reason: `user dismissed the elicitation (${action})` };
  const callId = request.relatedCallId;
  return {
    kind: 'decision',
    summary: oneLine(`user answered the elicitation: ${action}`),
    decision: { ...decision, ...(callId ? { callId } : {}) },
    outcome: decision.verdict === 'denied' ? 'denied' : 'success',
    ...(isObject(result.content) ? { input: capValue(result.content).value } : {}),
    attrs: { decisionState: 'answered', action, ...(callId ? { callIdInferred: true } : {}) },
  };
}
