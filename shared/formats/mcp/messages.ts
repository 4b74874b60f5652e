// Turns one record of an MCP traffic log into JSON-RPC messages. A record is a raw JSON-RPC
// message, a batch (an array of them, allowed by the 2025-03-26 protocol revision), or a message
// inside a proxy's envelope. Envelopes seen in public tools:
//  - `{ts, dir: "req"|"res", id, method, params, result, error}`: the message fields at the top;
//  - `{timestamp, direction: "request"|"response", message_type, tool_name, server_name, message}`
//    (standardbeagle/mcp-debug recordings), whose `message` is an SDK object without `id`;
//  - `{type|direction: "send"|"recv"|"client->server"|..., message: {...}}`;
//  - SDK-level objects `{_type: "CallToolRequest", method: "call_tool", ...}`, whose method names
//    differ from the wire names (`call_tool` for `tools/call`).

import { parseIsoTime, type EpochMs, type Timestamp } from '../../model/time';
import { isObject, str, type JsonObject } from '../values';

/** The side that sent a message. */
export type Side = 'client' | 'server';

export type MessageKind = 'request' | 'notification' | 'response';

export type JsonRpcId = string | number | null;

export interface McpMessage {
  readonly kind: MessageKind;
  /** The JSON-RPC id; undefined when the message has none (notifications, SDK-level records). */
  readonly id?: JsonRpcId;
  /** The wire method name (`tools/call`), after renaming SDK-level names. */
  readonly method?: string;
  readonly params?: JsonObject;
  readonly result?: unknown;
  readonly error?: JsonObject;
  /** The sender, when the envelope names it. */
  readonly side?: Side;
  readonly time: Timestamp | null;
  /** The `Mcp-Session-Id` the envelope gives. */
  readonly session?: string;
  /** JSON pointer of the message inside the record. */
  readonly pointer: string;
  /** Tool and server names an envelope adds (mcp-debug's `tool_name`, `server_name`). */
  readonly toolName?: string;
  readonly serverName?: string;
  /** The method name as the record wrote it, when it was renamed. */
  readonly sdkMethod?: string;
}

export interface Unwrapped {
  readonly messages: McpMessage[];
  /** Parts of the record that are no MCP message, with the reason. */
  readonly rejected: { readonly pointer: string; readonly reason: string }[];
  /** An mcp-debug recording header (`{start_time, server_info, messages}`). */
  readonly header?: JsonObject;
}

/** SDK-level method names and their wire names. */
const SDK_METHODS: Readonly<Record<string, string>> = {
  call_tool: 'tools/call',
  list_tools: 'tools/list',
  list_resources: 'resources/list',
  list_resource_templates: 'resources/templates/list',
  read_resource: 'resources/read',
  subscribe_resource: 'resources/subscribe',
  unsubscribe_resource: 'resources/unsubscribe',
  list_prompts: 'prompts/list',
  get_prompt: 'prompts/get',
  complete: 'completion/complete',
  set_logging_level: 'logging/setLevel',
  create_message: 'sampling/createMessage',
  elicit: 'elicitation/create',
  list_roots: 'roots/list',
};

/** SDK type names (`CallToolRequest`) and their wire methods. */
const SDK_TYPES: Readonly<Record<string, string>> = {
  CallTool: 'tools/call',
  ListTools: 'tools/list',
  ListResources: 'resources/list',
  ReadResource: 'resources/read',
  ListPrompts: 'prompts/list',
  GetPrompt: 'prompts/get',
  Initialize: 'initialize',
  Ping: 'ping',
  Complete: 'completion/complete',
  CreateMessage: 'sampling/createMessage',
  Elicit: 'elicitation/create',
  ListRoots: 'roots/list',
};

/** Renames an SDK-level method (`call_tool`, `tools.call`) to its wire name. */
export function wireMethod(method: string): string {
  return SDK_METHODS[method] ?? (/^[a-z]+\.[a-zA-Z.]+$/.test(method) ? method.replace(/\./g, '/') : method);
}

const TO_SERVER = /^(c2s|client[-_ ]?(to|->|→)[-_ ]?server|to[-_]?server|outgoing|out|send|sent|>|->|→)$/i;
const TO_CLIENT = /^(s2c|server[-_ ]?(to|->|→)[-_ ]?client|to[-_]?client|incoming|in|recv|receive|received|<|<-|←)$/i;

/**
 * The sender named by an envelope's direction. NOTE: `send`/`outgoing` and `recv`/`incoming` are
 * read from the client's side (the agent or a proxy in front of the server); a log written by the
 * server itself would have them the other way round.
 */
function sideOf(value: unknown): Side | undefined {
  const text = str(value)?.trim();
  if (!text) return undefined;
  if (TO_SERVER.test(text)) return 'client';
  if (TO_CLIENT.test(text)) return 'server';
  return undefined;
}

/** Whether an envelope's `dir`/`direction`/`type` says request or response. */
function roleOf(value: unknown): 'request' | 'response' | 'notification' | undefined {
  const text = str(value)?.toLowerCase();
  if (text === 'req' || text === 'request') return 'request';
  if (text === 'res' || text === 'resp' || text === 'response' || text === 'result') return 'response';
  if (text === 'notification' || text === 'notify') return 'notification';
  return undefined;
}

/** Reads an envelope time: ISO text, or epoch seconds, milliseconds, microseconds or nanoseconds. */
export function envelopeTime(value: unknown): Timestamp | null {
  if (typeof value === 'string') return /^\d+(\.\d+)?$/.test(value) ? envelopeTime(Number(value)) : parseIsoTime(value);
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  const ms = value < 1e11 ? value * 1000 : value < 1e14 ? value : value < 1e17 ? value / 1e3 : value / 1e6;
  return { ms: Math.round(ms) as EpochMs, original: String(value), zoneKnown: true };
}

const TIME_KEYS = ['ts', 'timestamp', 'time', 'at', '@timestamp'];
const SESSION_KEYS = ['mcpSessionId', 'mcp_session_id', 'mcp-session-id', 'Mcp-Session-Id', 'sessionId', 'session_id', 'session'];

function headerValue(record: JsonObject, name: string): string | undefined {
  const headers = record.headers;
  if (!isObject(headers)) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

/** Context an envelope gives the messages inside it. */
interface Envelope {
  readonly side?: Side;
  readonly role?: 'request' | 'response' | 'notification';
  readonly time: Timestamp | null;
  readonly session?: string;
  readonly toolName?: string;
  readonly serverName?: string;
}

function envelopeOf(record: JsonObject, outer: Envelope | undefined): Envelope {
  let time: Timestamp | null = outer?.time ?? null;
  for (const key of TIME_KEYS) {
    const parsed = envelopeTime(record[key]);
    if (parsed && parsed.ms !== null) {
      time = parsed;
      break;
    }
  }
  let session = outer?.session ?? headerValue(record, 'mcp-session-id');
  for (const key of SESSION_KEYS) if (!session && typeof record[key] === 'string') session = record[key] as string;
  const side = sideOf(record.direction) ?? sideOf(record.dir) ?? sideOf(record.type) ?? sideOf(record.from === 'client' ? 'c2s' : record.from === 'server' ? 's2c' : undefined) ?? outer?.side;
  const role = roleOf(record.dir) ?? roleOf(record.direction) ?? roleOf(record.type) ?? roleOf(record.kind) ?? outer?.role;
  const toolName = str(record.tool_name) ?? str(record.toolName) ?? outer?.toolName;
  const serverName = str(record.server_name) ?? str(record.serverName) ?? str(record.server) ?? outer?.serverName;
  return { time, ...(side ? { side } : {}), ...(role ? { role } : {}), ...(session ? { session } : {}), ...(toolName ? { toolName } : {}), ...(serverName ? { serverName } : {}) };
}

/** True for a record that carries a JSON-RPC message directly. */
export function isJsonRpc(value: unknown): value is JsonObject {
  return isObject(value) && value.jsonrpc === '2.0';
}

/** True for an object that looks like a known envelope or SDK-level message. */
export function isEnvelope(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const inner = isObject(value.message) ? value.message : undefined;
  if (inner && (inner.jsonrpc === '2.0' || typeof inner.method === 'string' || 'result' in inner || 'content' in inner)) {
    return 'direction' in value || 'dir' in value || 'type' in value || 'timestamp' in value || 'ts' in value;
  }
  if (Array.isArray(value.message) && value.message.some(isJsonRpc)) return true;
  if (roleOf(value.dir) && ('method' in value || 'id' in value)) return true;
  return typeof value._type === 'string' && (typeof value.method === 'string' || /(Request|Result|Notification)$/.test(value._type));
}

/** True for an mcp-debug recording header line. */
export function isRecordingHeader(value: unknown): value is JsonObject {
  return isObject(value) && 'start_time' in value && 'server_info' in value && Array.isArray(value.messages);
}

/** Splits one record into its MCP messages. */
export function unwrapRecord(value: unknown): Unwrapped {
  const out: Unwrapped = { messages: [], rejected: [] };
  if (isRecordingHeader(value)) return { ...out, header: value };
  collect(value, '', undefined, out, 0);
  return out;
}

function collect(value: unknown, pointer: string, outer: Envelope | undefined, out: Unwrapped, depth: number): void {
  if (depth > 4) {
    out.rejected.push({ pointer, reason: 'envelopes are nested too deeply' });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) out.rejected.push({ pointer, reason: 'empty batch' });
    value.forEach((item, index) => collect(item, `${pointer}/${index}`, outer, out, depth + 1));
    return;
  }
  if (!isObject(value)) {
    out.rejected.push({ pointer, reason: 'not a JSON object' });
    return;
  }
  const message = value.message;
  if (!isJsonRpc(value) && (isObject(message) || Array.isArray(message))) {
    collect(message, `${pointer}/message`, envelopeOf(value, outer), out, depth + 1);
    return;
  }
  const envelope = envelopeOf(value, outer);
  const normalised = normalise(value, pointer, envelope);
  if (normalised) out.messages.push(normalised);
  else out.rejected.push({ pointer, reason: 'neither a JSON-RPC request, notification nor response' });
}

function sdkMethodOf(record: JsonObject): string | undefined {
  const method = str(record.method);
  if (method) return method;
  const type = str(record._type);
  const match = type ? /^(\w+?)(Request|Notification)$/.exec(type) : null;
  return match ? SDK_TYPES[match[1]!] : undefined;
}

function normalise(record: JsonObject, pointer: string, envelope: Envelope): McpMessage | undefined {
  const written = sdkMethodOf(record) ?? (envelope.toolName && envelope.role === 'request' ? 'tools/call' : undefined);
  const method = written ? wireMethod(written) : undefined;
  const hasId = 'id' in record && (record.id === null || typeof record.id === 'string' || typeof record.id === 'number');
  const id = hasId ? (record.id as JsonRpcId) : undefined;
  const params = isObject(record.params) ? record.params : undefined;
  const common = {
    time: envelope.time,
    pointer,
    ...(envelope.side ? { side: envelope.side } : {}),
    ...(envelope.session ? { session: envelope.session } : {}),
    ...(envelope.toolName ? { toolName: envelope.toolName } : {}),
    ...(envelope.serverName ? { serverName: envelope.serverName } : {}),
    ...(written && method !== written ? { sdkMethod: written } : {}),
  };
  const type = str(record._type) ?? '';
  const isResponse = 'result' in record || isObject(record.error) || /Result$/.test(type) || (envelope.role === 'response' && !method);
  if (method && !isResponse) {
    const kind: MessageKind = hasId && id !== null ? 'request' : envelope.role === 'request' || /Request$/.test(type) ? 'request' : 'notification';
    return { kind, method, ...(hasId ? { id } : {}), ...(params ? { params } : {}), ...common };
  }
  if (!isResponse) return undefined;
  // An SDK-level result is the result object itself (`{content, isError}`).
  const result = 'result' in record ? record.result : isObject(record.error) ? undefined : withoutEnvelopeKeys(record);
  return {
    kind: 'response',
    ...(hasId ? { id } : {}),
    ...(result !== undefined ? { result } : {}),
    ...(isObject(record.error) ? { error: record.error } : {}),
    ...common,
  };
}

const ENVELOPE_KEYS = new Set(['_type', 'jsonrpc', 'id', 'ts', 'timestamp', 'time', 'dir', 'direction', 'type', 'method', 'params']);

function withoutEnvelopeKeys(record: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(record)) if (!ENVELOPE_KEYS.has(key)) out[key] = value;
  return out;
}
