// Translation of OTLP spans to events: GenAI agent spans (invoke_agent, execute_tool, inference),
// MCP spans and Claude Code's beta trace spans. Span parents carry the delegation graph. A span
// processor exports a child when it ends, before its parent, so a span whose parent has not been
// read yet waits for it. Spans still waiting when the file ends are read without their parent.

import type { Decision, Outcome, ToolRef } from '../../model/events';
import { asAgentId, asSessionId, MAIN_AGENT, type AgentId, type SessionId } from '../../model/ids';
import type { Timestamp } from '../../model/time';
import { toolRef } from '../claude-code/tools';
import { capValue, isObject, oneLine, type JsonObject } from '../values';
import { commonAttrs, fileSession, identityOf, mergeAttributes, namedSession, type EventContent, type RequestEmitter } from './emit';
import { decisionSource, verdictOf } from './logs';
import {
  decodeAttributes,
  field,
  fieldKey,
  firstTime,
  flag,
  isMalformedId,
  items,
  normaliseId,
  numeric,
  scalarAttributes,
  spanKind,
  statusCode,
  text,
  type OtelValue,
  type StatusCode,
} from './otlp';

type Attrs = Readonly<Record<string, OtelValue>>;

/** One span with its decoded fields, waiting to be read or being read. */
interface SpanRecord {
  readonly emitter: RequestEmitter;
  readonly pointer: string;
  readonly name: string;
  readonly attributes: Attrs;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly parentSpanId: string | undefined;
  readonly start: Timestamp | null;
  readonly end: Timestamp | null;
  readonly status: StatusCode;
  readonly statusMessage: string | undefined;
  readonly kind: string;
  readonly eventNames: readonly string[];
}

/** Context that a read span passes to its children. */
interface SpanInfo {
  /** The agent acting within this span. */
  readonly agent: AgentId;
  /** True when this span or an ancestor is an agent span. */
  readonly underAgent: boolean;
  /** For a tool span: the call id its children (decisions, transport spans) belong to. */
  readonly callId?: string;
  readonly toolName?: string;
}

/** Spans held at most while their parents are missing; past this the oldest are read without them. */
const MAX_WAITING_SPANS = 100_000;

const INFERENCE_OPERATIONS = new Set(['chat', 'text_completion', 'generate_content', 'embeddings', 'inference']);
const AGENT_OPERATIONS = new Set(['invoke_agent', 'create_agent', 'invoke_workflow']);

function spanKey(traceId: string | undefined, spanId: string): string {
  return `${traceId ?? ''}/${spanId}`;
}

/** Spans of one evidence file: those already read and those waiting for their parent. */
export class SpanReader {
  private readonly read = new Map<string, SpanInfo>();
  private readonly waiting = new Map<string, SpanRecord[]>();
  private waitingCount = 0;
  private readonly traceSessions = new Map<string, SessionId>();

  constructor(private readonly path: string) {}

  /** Reads every span of one `resourceSpans` array. */
  readRequest(request: JsonObject, emitter: RequestEmitter): void {
    const spansKey = fieldKey(request, 'resourceSpans');
    items(request, 'resourceSpans').forEach((resourceSpans, r) => {
      const base = `/${spansKey}/${r}`;
      if (!isObject(resourceSpans)) {
        emitter.diagnose('unknown-record', base, 'resourceSpans item is not an object; it was skipped.');
        return;
      }
      const resource = decodeAttributes(items(field(resourceSpans, 'resource') as JsonObject | undefined, 'attributes'));
      const scopesKey = fieldKey(resourceSpans, 'scopeSpans');
      items(resourceSpans, 'scopeSpans').forEach((scopeSpans, s) => {
        if (!isObject(scopeSpans)) {
          emitter.diagnose('unknown-record', `${base}/${scopesKey}/${s}`, 'scopeSpans item is not an object; it was skipped.');
          return;
        }
        const listKey = fieldKey(scopeSpans, 'spans');
        items(scopeSpans, 'spans').forEach((span, index) => {
          const pointer = `${base}/${scopesKey}/${s}/${listKey}/${index}`;
          if (!isObject(span)) {
            emitter.diagnose('unknown-record', pointer, 'span is not an object; it was skipped.');
            return;
          }
          this.add(this.decode(span, resource, pointer, emitter));
        });
      });
    });
  }

  /**
   * Reads the spans whose parents never arrived, as roots of their own. A waiting span whose
   * parent is itself waiting is left for that parent, so the topmost waiting spans go first.
   */
  finish(): void {
    while (this.waiting.size > 0) {
      const waitingSpans = new Set<string>();
      for (const group of this.waiting.values()) {
        for (const record of group) if (record.spanId) waitingSpans.add(spanKey(record.traceId, record.spanId));
      }
      // A cycle of parent ids has no topmost span; its first group is then read as it is.
      const [key, group] = [...this.waiting].find(([parentKey]) => !waitingSpans.has(parentKey)) ?? [...this.waiting][0]!;
      this.waiting.delete(key);
      this.waitingCount -= group.length;
      for (const record of group) this.readWithChildren(record);
    }
  }

  private decode(span: JsonObject, resource: Attrs, pointer: string, emitter: RequestEmitter): SpanRecord {
    const rawTrace = field(span, 'traceId');
    const rawSpan = field(span, 'spanId');
    const traceId = normaliseId(rawTrace, 16);
    const spanId = normaliseId(rawSpan, 8);
    if (!traceId) emitter.diagnose('missing-field', pointer, 'span has no traceId; its session is named after the file.');
    if (!spanId) emitter.diagnose('missing-field', pointer, 'span has no spanId; no child span can be joined to it.');
    if (isMalformedId(rawTrace, 16) || isMalformedId(rawSpan, 8)) {
      emitter.diagnose('missing-field', pointer, 'span id is neither 16/8 bytes of hex nor base64; it was kept as written, in lower case.');
    }
    const status = field(span, 'status');
    const statusMessage = isObject(status) && typeof status.message === 'string' && status.message !== '' ? status.message : undefined;
    const name = typeof span.name === 'string' ? span.name : '';
    return {
      emitter,
      pointer,
      name,
      attributes: mergeAttributes(resource, decodeAttributes(items(span, 'attributes'))),
      traceId,
      spanId,
      parentSpanId: normaliseId(field(span, 'parentSpanId'), 8),
      start: firstTime(span, ['startTimeUnixNano']),
      end: firstTime(span, ['endTimeUnixNano']),
      status: statusCode(isObject(status) ? status.code : undefined),
      statusMessage,
      kind: spanKind(span.kind),
      eventNames: items(span, 'events').flatMap((event) => (isObject(event) && typeof event.name === 'string' ? [event.name] : [])),
    };
  }

  private add(record: SpanRecord): void {
    const named = namedSession(record.attributes);
    if (named && record.traceId && !this.traceSessions.has(record.traceId)) this.traceSessions.set(record.traceId, named);
    const parentKey = record.parentSpanId ? spanKey(record.traceId, record.parentSpanId) : undefined;
    if (!parentKey || this.read.has(parentKey)) {
      this.readWithChildren(record);
      return;
    }
    let group = this.waiting.get(parentKey);
    if (!group) this.waiting.set(parentKey, (group = []));
    group.push(record);
    this.waitingCount += 1;
    if (this.waitingCount > MAX_WAITING_SPANS) this.finish();
  }

  /** Reads a span, then every waiting descendant, parents first. */
  private readWithChildren(first: SpanRecord): void {
    const stack = [first];
    while (stack.length > 0) {
      const record = stack.pop()!;
      this.readSpan(record);
      if (!record.spanId) continue;
      const key = spanKey(record.traceId, record.spanId);
      const children = this.waiting.get(key);
      if (!children) continue;
      this.waiting.delete(key);
      this.waitingCount -= children.length;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  private readSpan(record: SpanRecord): void {
    const parent = record.parentSpanId ? this.read.get(spanKey(record.traceId, record.parentSpanId)) : undefined;
    const session = this.sessionOf(record);
    const { info, drafts } = translateSpan(record, parent);
    if (record.spanId) this.read.set(spanKey(record.traceId, record.spanId), info);
    const identity = identityOf(record.attributes);
    const trace = record.traceId
      ? { traceId: record.traceId, ...(record.spanId ? { spanId: record.spanId } : {}), ...(record.parentSpanId ? { parentSpanId: record.parentSpanId } : {}) }
      : undefined;
    const attrs = { ...scalarAttributes(record.attributes), ...commonAttrs(record.attributes), ...spanAttrs(record) };
    const idRoot = `otel-span-${record.traceId ?? 'notrace'}-${record.spanId ?? record.pointer}`;
    for (const draft of drafts) {
      record.emitter.emit({
        idRoot,
        ...(draft.part ? { part: draft.part } : {}),
        session,
        agent: draft.agent,
        time: draft.atEnd ? (record.end ?? record.start) : record.start,
        pointer: record.pointer,
        body: {
          ...draft.body,
          recordType: `span/${record.name || 'unnamed'}`,
          ...(identity ? { identity } : {}),
          ...(trace ? { trace } : {}),
          attrs: { ...attrs, ...draft.body.attrs },
        },
      });
    }
  }

  private sessionOf(record: SpanRecord): SessionId {
    const named = namedSession(record.attributes);
    if (named) return named;
    if (!record.traceId) return fileSession(this.path);
    return this.traceSessions.get(record.traceId) ?? asSessionId(record.traceId);
  }
}

function spanAttrs(record: SpanRecord): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = { spanName: record.name, spanKind: record.kind, statusCode: record.status };
  if (record.statusMessage) out.statusMessage = record.statusMessage;
  if (record.eventNames.length > 0) out.spanEvents = record.eventNames.join(', ');
  const start = record.start?.nanos;
  const end = record.end?.nanos;
  if (start && end) out.durationMs = Number(BigInt(end) - BigInt(start)) / 1e6;
  return out;
}

interface SpanDraft {
  readonly agent: AgentId;
  readonly part?: string;
  /** True for an event that happened when the span ended (a tool result). */
  readonly atEnd?: boolean;
  readonly body: EventContent;
}

/** Returns the GenAI operation of a span: `gen_ai.operation.name`, else the first word of its name. */
function operationOf(record: SpanRecord): string {
  const named = text(record.attributes, 'gen_ai.operation.name');
  if (named) return named;
  if (record.name.startsWith('claude_code.')) return record.name;
  return record.name.split(' ')[0] ?? '';
}

function outcomeOf(record: SpanRecord): Outcome {
  const success = flag(record.attributes, 'success');
  if (success === false || record.status === 'error' || text(record.attributes, 'error.type')) return 'error';
  return 'success';
}

function translateSpan(record: SpanRecord, parent: SpanInfo | undefined): { info: SpanInfo; drafts: SpanDraft[] } {
  const operation = operationOf(record);
  const acting = parent?.agent ?? MAIN_AGENT;
  const inherited: SpanInfo = { agent: acting, underAgent: parent?.underAgent ?? false };
  if (AGENT_OPERATIONS.has(operation)) return agentSpan(record, operation, parent);
  if (operation === 'execute_tool') return toolSpan(record, inherited, toolRef(toolNameOf(record, 'execute_tool'), callIdOf(record)));
  const mcpMethod = text(record.attributes, 'mcp.method.name');
  if (mcpMethod) return mcpSpan(record, mcpMethod, parent, inherited);
  if (INFERENCE_OPERATIONS.has(operation) || operation === 'claude_code.llm_request') {
    return { info: inherited, drafts: [{ agent: acting, body: modelCall(record, operation) }] };
  }
  switch (operation) {
    case 'claude_code.tool':
      return toolSpan(record, inherited, toolRef(text(record.attributes, 'tool_name') ?? toolNameOf(record, 'claude_code.tool'), callIdOf(record)));
    case 'claude_code.tool.blocked_on_user':
      return { info: { ...inherited, ...callOf(parent) }, drafts: [{ agent: acting, body: blockedOnUser(record, parent) }] };
    case 'claude_code.hook':
      return { info: inherited, drafts: [{ agent: acting, body: hookSpan(record) }] };
    case 'claude_code.interaction': {
      const prompt = text(record.attributes, 'user_prompt') ?? text(record.attributes, 'prompt');
      return { info: inherited, drafts: [{ agent: acting, body: { kind: 'system', summary: oneLine(prompt ? `interaction: ${prompt}` : 'interaction'), outcome: outcomeOf(record) } }] };
    }
    default: {
      const body: EventContent = {
        kind: 'system',
        summary: oneLine(`span ${record.name || '(unnamed)'}`),
        ...(record.status === 'error' ? { outcome: 'error' as const } : {}),
      };
      return { info: { ...inherited, ...callOf(parent) }, drafts: [{ agent: acting, body }] };
    }
  }
}

/** Passes a tool span's call id on to its detail spans (`claude_code.tool.execution`, ...). */
function callOf(parent: SpanInfo | undefined): Partial<SpanInfo> {
  return parent?.callId ? { callId: parent.callId, ...(parent.toolName ? { toolName: parent.toolName } : {}) } : {};
}

function toolNameOf(record: SpanRecord, operation: string): string {
  const named = text(record.attributes, 'gen_ai.tool.name');
  if (named) return named;
  const rest = record.name.startsWith(operation) ? record.name.slice(operation.length).trim() : '';
  return rest || 'unknown';
}

/** Returns the model's tool-call id (`toolu_...`, `call_...`), else an id made from the span id. */
function callIdOf(record: SpanRecord): string {
  return text(record.attributes, 'gen_ai.tool.call.id') ?? text(record.attributes, 'tool_use_id') ?? `span-${record.spanId ?? record.pointer}`;
}

/** Parses a JSON string attribute (`gen_ai.tool.call.arguments`); other values pass through. */
function jsonAttribute(value: OtelValue | undefined): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function agentSpan(record: SpanRecord, operation: string, parent: SpanInfo | undefined): { info: SpanInfo; drafts: SpanDraft[] } {
  const name = text(record.attributes, 'gen_ai.agent.id') ?? text(record.attributes, 'gen_ai.agent.name');
  const description = text(record.attributes, 'gen_ai.agent.description');
  const label = text(record.attributes, 'gen_ai.agent.name') ?? name ?? 'agent';
  if (operation === 'invoke_agent' && parent?.underAgent) {
    const child = asAgentId(name ?? `agent-${record.spanId ?? 'unknown'}`);
    const callId = parent.callId;
    const drafts: SpanDraft[] = [{
      agent: parent.agent,
      body: {
        kind: 'delegation',
        summary: oneLine(`delegated to agent ${label}${description ? `: ${description}` : ''}`),
        delegation: {
          childAgent: child,
          ...(callId ? { callId } : {}),
          ...(text(record.attributes, 'gen_ai.agent.name') ? { subagentType: text(record.attributes, 'gen_ai.agent.name')! } : {}),
          ...(description ? { description } : {}),
        },
        outcome: outcomeOf(record),
      },
    }];
    return { info: { agent: child, underAgent: true }, drafts };
  }
  const agent = parent?.agent ?? MAIN_AGENT;
  const body: EventContent = {
    kind: 'system',
    summary: oneLine(`${operation} ${label}${description ? `: ${description}` : ''}`),
    outcome: outcomeOf(record),
    attrs: { agentName: label },
  };
  return { info: { agent, underAgent: operation !== 'create_agent' || (parent?.underAgent ?? false) }, drafts: [{ agent, body }] };
}

/** Translates a tool span into the call at its start and the result at its end. */
function toolSpan(record: SpanRecord, inherited: SpanInfo, tool: ToolRef): { info: SpanInfo; drafts: SpanDraft[] } {
  const input = jsonAttribute(record.attributes['gen_ai.tool.call.arguments'] ?? record.attributes.tool_input ?? record.attributes.tool_parameters);
  const output = jsonAttribute(record.attributes['gen_ai.tool.call.result']);
  const outcome = outcomeOf(record);
  const callIdFromSpan = tool.callId?.startsWith('span-') ?? false;
  const call: SpanDraft = {
    agent: inherited.agent,
    body: {
      kind: 'tool-call',
      summary: oneLine(`${tool.name}${input === undefined ? '' : ` ${typeof input === 'string' ? input : JSON.stringify(input)}`}`),
      tool,
      ...(input === undefined ? {} : { input: capValue(input).value }),
      ...(callIdFromSpan ? { attrs: { callIdFromSpan: true } } : {}),
    },
  };
  const error = record.statusMessage ?? text(record.attributes, 'error.type') ?? text(record.attributes, 'error');
  const result: SpanDraft = {
    agent: inherited.agent,
    part: 'result',
    atEnd: true,
    body: {
      kind: 'tool-result',
      summary: oneLine(`${tool.name} ${outcome === 'error' ? `failed${error ? `: ${error}` : ''}` : 'succeeded'}`),
      tool,
      outcome,
      ...(output === undefined ? {} : { input: capValue(output).value }),
    },
  };
  return { info: { ...inherited, ...(tool.callId ? { callId: tool.callId } : {}), toolName: tool.name }, drafts: [call, result] };
}

function mcpSpan(record: SpanRecord, method: string, parent: SpanInfo | undefined, inherited: SpanInfo): { info: SpanInfo; drafts: SpanDraft[] } {
  const target = record.name.startsWith(method) ? record.name.slice(method.length).trim() : '';
  const toolName = text(record.attributes, 'gen_ai.tool.name') ?? (target || 'unknown');
  const server = text(record.attributes, 'server.address');
  // The call is already counted when a tool span or an MCP client span encloses this one.
  if (method === 'tools/call' && !parent?.callId) {
    const tool: ToolRef = { ...toolRef(toolName, callIdOf(record)), mcpTool: toolName, ...(server ? { mcpServer: server } : {}) };
    return toolSpan(record, inherited, tool);
  }
  const tool: ToolRef | undefined = parent?.callId ? { name: parent.toolName ?? toolName, callId: parent.callId, mcpTool: toolName } : undefined;
  const body: EventContent = {
    kind: 'system',
    summary: oneLine(`MCP ${record.name || method}${tool ? ` (for call ${tool.callId})` : ''}`),
    ...(tool ? { tool } : {}),
    outcome: outcomeOf(record),
  };
  return { info: { ...inherited, ...callOf(parent) }, drafts: [{ agent: inherited.agent, body }] };
}

function modelCall(record: SpanRecord, operation: string): EventContent {
  const model = text(record.attributes, 'gen_ai.response.model') ?? text(record.attributes, 'gen_ai.request.model') ?? text(record.attributes, 'model') ?? 'unknown model';
  const input = numeric(record.attributes, 'gen_ai.usage.input_tokens') ?? numeric(record.attributes, 'input_tokens');
  const output = numeric(record.attributes, 'gen_ai.usage.output_tokens') ?? numeric(record.attributes, 'output_tokens');
  const tokens = input !== undefined || output !== undefined ? `: ${input ?? '?'} input / ${output ?? '?'} output tokens` : '';
  const label = operation === 'claude_code.llm_request' ? 'LLM request' : operation;
  return { kind: 'model-call', summary: oneLine(`${label} ${model}${tokens}`), outcome: outcomeOf(record) };
}

function blockedOnUser(record: SpanRecord, parent: SpanInfo | undefined): EventContent {
  const decisionText = text(record.attributes, 'decision');
  const sourceText = text(record.attributes, 'source');
  const callId = parent?.callId ?? text(record.attributes, 'tool_use_id');
  const verdict = verdictOf(decisionText) ?? (sourceText === 'user_reject' || sourceText === 'user_abort' ? 'denied' : undefined);
  const toolName = parent?.toolName ?? text(record.attributes, 'tool_name');
  if (!verdict) {
    return { kind: 'system', summary: oneLine(`waited for permission${toolName ? ` to run ${toolName}` : ''} (${decisionText ?? 'no decision recorded'})`) };
  }
  const decision: Decision = { verdict, by: decisionSource(sourceText), ...(callId ? { callId } : {}), reason: `${decisionText ?? 'decision'} by ${sourceText ?? 'unknown source'}` };
  return {
    kind: 'decision',
    summary: oneLine(`${toolName ?? 'tool'} ${verdict === 'denied' ? 'denied' : 'approved'} (${decisionText ?? '?'}, source ${sourceText ?? '?'})`),
    ...(toolName ? { tool: toolRef(toolName, callId) } : {}),
    decision,
    outcome: verdict === 'denied' ? 'denied' : 'success',
  };
}

function hookSpan(record: SpanRecord): EventContent {
  const event = text(record.attributes, 'hook_event') ?? text(record.attributes, 'hook.event');
  const name = text(record.attributes, 'hook_name') ?? text(record.attributes, 'hook.name');
  return { kind: 'hook', summary: oneLine(`hook ${[event, name].filter(Boolean).join(' ') || record.name}`), outcome: outcomeOf(record) };
}
