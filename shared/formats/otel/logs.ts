// Translation of OTLP log records to events. Claude Code sends its events as log records whose
// body is `claude_code.<event>` and whose attribute `event.name` repeats the name without the
// prefix. Log records of other producers become system events that keep body and attributes.

import type { Decision, DecisionSource, Outcome, ResourceRef, ToolRef } from '../../model/events';
import { MAIN_AGENT, asSessionId } from '../../model/ids';
import { parseIsoTime } from '../../model/time';
import { toolRef } from '../claude-code/tools';
import { capValue, fnv1a, isObject, oneLine, str, type JsonObject } from '../values';
import { commonAttrs, fileSession, identityOf, mergeAttributes, namedSession, type EventContent, type RequestEmitter } from './emit';
import {
  decodeAnyValue,
  decodeAttributes,
  field,
  fieldKey,
  firstTime,
  flag,
  items,
  normaliseId,
  numeric,
  scalarAttributes,
  severityNumber,
  text,
  type OtelValue,
} from './otlp';

type Attrs = Readonly<Record<string, OtelValue>>;

const CLAUDE_PREFIX = 'claude_code.';

/** Reads every log record of one `resourceLogs` array. */
export function readResourceLogs(request: JsonObject, emitter: RequestEmitter, path: string): void {
  const logsKey = fieldKey(request, 'resourceLogs');
  items(request, 'resourceLogs').forEach((resourceLogs, r) => {
    const base = `/${logsKey}/${r}`;
    if (!isObject(resourceLogs)) {
      emitter.diagnose('unknown-record', base, 'resourceLogs item is not an object; it was skipped.');
      return;
    }
    const resource = decodeAttributes(items(field(resourceLogs, 'resource') as JsonObject | undefined, 'attributes'));
    const scopesKey = fieldKey(resourceLogs, 'scopeLogs');
    items(resourceLogs, 'scopeLogs').forEach((scopeLogs, s) => {
      if (!isObject(scopeLogs)) {
        emitter.diagnose('unknown-record', `${base}/${scopesKey}/${s}`, 'scopeLogs item is not an object; it was skipped.');
        return;
      }
      const scope = field(scopeLogs, 'scope');
      const scopeName = isObject(scope) && typeof scope.name === 'string' ? scope.name : undefined;
      const recordsKey = fieldKey(scopeLogs, 'logRecords');
      items(scopeLogs, 'logRecords').forEach((record, index) => {
        const pointer = `${base}/${scopesKey}/${s}/${recordsKey}/${index}`;
        if (!isObject(record)) {
          emitter.diagnose('unknown-record', pointer, 'log record is not an object; it was skipped.');
          return;
        }
        readLogRecord(record, resource, scopeName, pointer, emitter, path);
      });
    });
  });
}

function readLogRecord(record: JsonObject, resource: Attrs, scopeName: string | undefined, pointer: string, emitter: RequestEmitter, path: string): void {
  const own = decodeAttributes(items(record, 'attributes'));
  const attributes = mergeAttributes(resource, own);
  const body = decodeAnyValue(field(record, 'body'));
  const bodyText = typeof body === 'string' ? body : undefined;
  const eventName = eventNameOf(own, bodyText, field(record, 'eventName'));
  const traceId = normaliseId(field(record, 'traceId'), 16);
  const spanId = normaliseId(field(record, 'spanId'), 8);
  const session = namedSession(attributes) ?? (traceId ? asSessionId(traceId) : fileSession(path));
  const eventTimestamp = text(own, 'event.timestamp');
  const time = firstTime(record, ['timeUnixNano', 'observedTimeUnixNano']) ?? (eventTimestamp ? parseIsoTime(eventTimestamp) : null);
  const identity = identityOf(attributes);
  const severity = severityNumber(field(record, 'severityNumber'));
  const severityText = field(record, 'severityText');
  const attrs = {
    ...scalarAttributes(attributes),
    ...commonAttrs(attributes),
    ...(eventName ? { eventName } : {}),
    ...(scopeName ? { scope: scopeName } : {}),
    ...(severity !== undefined ? { severityNumber: severity } : {}),
    ...(typeof severityText === 'string' ? { severityText } : {}),
    ...(body !== null && bodyText === undefined ? { body: oneLine(JSON.stringify(body), 1000) } : {}),
  };
  const claude = claudeEvent(eventName, bodyText, scopeName);
  const translated = claude ? translateClaudeEvent(claude, own) : otherLog(eventName, bodyText, body);
  const sequence = text(own, 'event.sequence');
  const nanos = time?.nanos ?? 'untimed';
  // Claude Code numbers its events within a session, so name, sequence and time identify a
  // record; other records are named by time and content.
  const recordText = JSON.stringify(record);
  const idRoot = claude && sequence ? `otel-${claude}-${sequence}-${nanos}` : `otel-log-${nanos}-${fnv1a(recordText)}-${recordText.length}`;
  emitter.emit({
    idRoot,
    session,
    agent: MAIN_AGENT,
    time,
    pointer,
    body: {
      ...translated,
      recordType: claude ? `claude_code.${claude}` : eventName ?? 'log',
      ...(identity ? { identity } : {}),
      ...(traceId ? { trace: { traceId, ...(spanId ? { spanId } : {}) } } : {}),
      attrs: { ...attrs, ...translated.attrs },
    },
  });
}

function eventNameOf(attributes: Attrs, body: string | undefined, topLevel: unknown): string | undefined {
  if (typeof topLevel === 'string' && topLevel !== '') return topLevel;
  const named = text(attributes, 'event.name');
  if (named) return named;
  if (body?.startsWith(CLAUDE_PREFIX) && !/\s/.test(body)) return body;
  return undefined;
}

/** Returns the Claude Code event name without its prefix, when the record is a Claude Code event. */
function claudeEvent(eventName: string | undefined, body: string | undefined, scope: string | undefined): string | undefined {
  if (body?.startsWith(CLAUDE_PREFIX) && !/\s/.test(body)) return body.slice(CLAUDE_PREFIX.length);
  if (eventName?.startsWith(CLAUDE_PREFIX)) return eventName.slice(CLAUDE_PREFIX.length);
  if (eventName && scope?.startsWith('com.anthropic.claude_code')) return eventName;
  return undefined;
}

function otherLog(eventName: string | undefined, bodyText: string | undefined, body: OtelValue): EventContent {
  const shown = bodyText ?? (body === null ? '' : JSON.stringify(body));
  const label = eventName ? `${eventName}${shown ? `: ${shown}` : ''}` : shown || 'log record';
  return { kind: 'system', summary: oneLine(label) };
}

function translateClaudeEvent(name: string, attributes: Attrs): EventContent {
  switch (name) {
    case 'user_prompt':
      return userPrompt(attributes);
    case 'api_request':
      return apiRequest(attributes);
    case 'api_error':
      return apiError(attributes);
    case 'assistant_response': {
      const response = text(attributes, 'response');
      const length = text(attributes, 'response_length');
      return { kind: 'message', summary: oneLine(response ? `assistant: ${response}` : `assistant response (${length ?? '?'} characters)`) };
    }
    case 'tool_decision':
      return toolDecision(attributes);
    case 'tool_result':
      return toolResult(attributes);
    case 'mcp_server_connection': {
      const server = text(attributes, 'mcp_server_name') ?? text(attributes, 'server_name');
      const status = text(attributes, 'status') ?? 'status unknown';
      const transport = text(attributes, 'transport_type');
      return {
        kind: 'system',
        summary: oneLine(`MCP server ${server ?? '(unnamed)'} ${status}${transport ? ` over ${transport}` : ''}`),
        ...(status === 'failed' ? { outcome: 'error' as const } : {}),
      };
    }
    case 'hook_registered':
      return {
        kind: 'system',
        summary: oneLine(`hook registered: ${text(attributes, 'hook_event') ?? '?'} ${text(attributes, 'hook_type') ?? ''} from ${text(attributes, 'hook_source') ?? '?'}`),
      };
    default:
      return { kind: KNOWN_SYSTEM_EVENTS.has(name) ? 'system' : 'unknown', summary: oneLine(`claude_code.${name}`) };
  }
}

/** Documented Claude Code events that carry no authority of their own. */
const KNOWN_SYSTEM_EVENTS = new Set(['api_request_body', 'api_response_body', 'skill_activated', 'at_mention', 'permission_mode_changed']);

function userPrompt(attributes: Attrs): EventContent {
  const prompt = text(attributes, 'prompt');
  const length = text(attributes, 'prompt_length');
  return { kind: 'prompt', summary: oneLine(prompt ? prompt : `user prompt (${length ?? '?'} characters, text not logged)`) };
}

function apiRequest(attributes: Attrs): EventContent {
  const model = text(attributes, 'model') ?? 'unknown model';
  const input = numeric(attributes, 'input_tokens');
  const output = numeric(attributes, 'output_tokens');
  const cost = numeric(attributes, 'cost_usd');
  const duration = numeric(attributes, 'duration_ms');
  const parts = [`API request to ${model}`];
  if (input !== undefined || output !== undefined) parts.push(`${input ?? '?'} input / ${output ?? '?'} output tokens`);
  if (cost !== undefined) parts.push(`$${cost.toFixed(6)}`);
  if (duration !== undefined) parts.push(`${duration} ms`);
  return { kind: 'model-call', summary: oneLine(parts.join(', ')), outcome: 'success' };
}

function apiError(attributes: Attrs): EventContent {
  const status = text(attributes, 'status_code');
  const error = text(attributes, 'error') ?? 'unknown error';
  return { kind: 'model-call', summary: oneLine(`API error${status ? ` ${status}` : ''}: ${error}`), outcome: 'error' };
}

const DECISION_SOURCES: Readonly<Record<string, DecisionSource>> = {
  config: 'config-rule',
  hook: 'hook',
  classifier: 'classifier',
  user_temporary: 'user-once',
  user_permanent: 'user-always',
  user_reject: 'user-reject',
  user_abort: 'user-abort',
};

export function decisionSource(source: string | undefined): DecisionSource {
  return (source ? DECISION_SOURCES[source] : undefined) ?? 'unknown';
}

/** Maps Claude Code's `accept`/`reject` (and the allow/deny spellings of other builds) to a verdict. */
export function verdictOf(decision: string | undefined): Decision['verdict'] | undefined {
  if (!decision) return undefined;
  if (/^(accept|accepted|allow|allowed|approve|approved|yes)$/i.test(decision)) return 'approved';
  if (/^(reject|rejected|deny|denied|block|blocked|abort|no)$/i.test(decision)) return 'denied';
  return undefined;
}

/** Parses `tool_parameters`, which Claude Code sends as a JSON string. */
function parameters(attributes: Attrs): JsonObject | undefined {
  const raw = attributes.tool_parameters;
  if (isObject(raw)) return raw as JsonObject;
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function toolOf(attributes: Attrs, params: JsonObject | undefined): ToolRef {
  const name = text(attributes, 'tool_name') ?? 'unknown';
  const callId = text(attributes, 'tool_use_id');
  const ref = toolRef(name, callId);
  const server = typeof params?.mcp_server_name === 'string' ? params.mcp_server_name : undefined;
  const tool = typeof params?.mcp_tool_name === 'string' ? params.mcp_tool_name : undefined;
  return { ...ref, ...(server ? { mcpServer: server } : {}), ...(tool ? { mcpTool: tool } : {}) };
}

function toolDecision(attributes: Attrs): EventContent {
  const params = parameters(attributes);
  const tool = toolOf(attributes, params);
  const decisionText = text(attributes, 'decision');
  const sourceText = text(attributes, 'source');
  const verdict = verdictOf(decisionText) ?? (sourceText === 'user_reject' || sourceText === 'user_abort' ? 'denied' : 'approved');
  const decision: Decision = {
    verdict,
    by: decisionSource(sourceText),
    ...(tool.callId ? { callId: tool.callId } : {}),
    reason: `${decisionText ?? 'decision'} by ${sourceText ?? 'unknown source'}`,
  };
  return {
    kind: 'decision',
    summary: oneLine(`${tool.name} ${verdict === 'denied' ? 'denied' : 'approved'} (${decisionText ?? '?'}, source ${sourceText ?? '?'})`),
    tool,
    decision,
    outcome: verdict === 'denied' ? 'denied' : 'success',
    ...(params ? { input: capValue(params).value } : {}),
  };
}

function toolResult(attributes: Attrs): EventContent {
  const params = parameters(attributes);
  const tool = toolOf(attributes, params);
  const success = flag(attributes, 'success');
  const decisionText = text(attributes, 'decision');
  const error = text(attributes, 'error');
  const duration = numeric(attributes, 'duration_ms');
  let outcome: Outcome = 'unknown';
  if (success === true) outcome = 'success';
  else if (verdictOf(decisionText) === 'denied') outcome = 'denied';
  else if (success === false) outcome = 'error';
  const command = str(params?.full_command) ?? str(params?.bash_command);
  const resources: ResourceRef[] = command ? [{ kind: 'command', value: command, access: 'execute' }] : [];
  const states: Record<Outcome, string> = {
    success: 'succeeded',
    denied: 'was denied',
    error: `failed${error ? `: ${error}` : ''}`,
    cancelled: 'was cancelled',
    unknown: 'finished',
  };
  const state = states[outcome];
  return {
    kind: 'tool-result',
    summary: oneLine(`${tool.name}${command ? ` ${command}` : ''} ${state}${duration !== undefined ? ` in ${duration} ms` : ''}`),
    tool,
    outcome,
    ...(resources.length > 0 ? { resources } : {}),
    ...(params ? { input: capValue(params).value } : {}),
    attrs: { ...(duration !== undefined ? { durationMs: duration } : {}) },
  };
}
