// Gemini CLI `--output-format stream-json` output: one JSON event per line, `init`, `message`,
// `tool_use`, `tool_result`, `error` and `result`, as gemini-cli's JsonStreamEvent types define
// them. Assistant text arrives in `delta` chunks, which are joined into one message event.

import type { Outcome } from '../../model/events';
import type { RecordBase, SessionBuffer } from '../session-buffer';
import { capValue, obj, oneLine, str, type JsonObject } from '../values';
import { describeCall, toolResources } from './tools';
import { clipText } from '../../secrets/cut';

export const STREAM_EVENT_TYPES = new Set(['init', 'message', 'tool_use', 'tool_result', 'error', 'result']);

interface DeltaRun {
  base: RecordBase;
  id: string;
  text: string;
  chunks: number;
  lastLine: number;
}

// Headless Gemini CLI cannot ask the user, so a tool it will not run is reported as a failed
// tool_result. These words in the error's type or message mark such a denial.
const DENIAL = /denied|rejected|not allowed|declined|cancel/i;

export class GeminiStreamTranslator {
  private run: DeltaRun | null = null;
  /** Tool names by tool_id, so that a result can name its tool. */
  private readonly names = new Map<string, string>();
  private model: string | undefined;

  constructor(private readonly out: SessionBuffer) {}

  event(record: JsonObject, base: RecordBase, id: string): void {
    const type = str(record.type) ?? 'unknown';
    if (type === 'message' && record.role === 'assistant' && record.delta === true) return this.delta(record, base, id);
    this.flush();
    switch (type) {
      case 'init':
        return this.init(record, base, id);
      case 'message':
        return this.message(record, base, id);
      case 'tool_use':
        return this.toolUse(record, base, id);
      case 'tool_result':
        return this.toolResult(record, base, id);
      case 'error': {
        const severity = str(record.severity) ?? 'error';
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`${severity}: ${str(record.message) ?? ''}`), ...(severity === 'error' ? { outcome: 'error' as const } : {}), attrs: { severity } });
      }
      default:
        return this.result(record, base, id);
    }
  }

  finish(): void {
    this.flush();
  }

  private init(record: JsonObject, base: RecordBase, id: string): void {
    const sessionId = str(record.session_id);
    if (sessionId) this.out.name(sessionId);
    this.model = str(record.model) ?? this.model;
    this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`Gemini CLI headless session ${sessionId ?? '?'} with ${this.model ?? 'unknown model'}`), attrs: { model: this.model ?? null } });
  }

  private message(record: JsonObject, base: RecordBase, id: string): void {
    const text = str(record.content) ?? '';
    if (record.role === 'user') {
      this.out.emit(base, 0, id, { kind: 'prompt', summary: oneLine(text) });
      return;
    }
    this.out.emit(base, 0, id, { kind: 'message', summary: oneLine(text), attrs: { role: str(record.role) ?? null, model: this.model ?? null } });
  }

  private delta(record: JsonObject, base: RecordBase, id: string): void {
    const text = str(record.content) ?? '';
    if (this.run) {
      this.run.text += text;
      this.run.chunks += 1;
      this.run.lastLine = base.raw.line;
      return;
    }
    this.run = { base, id, text, chunks: 1, lastLine: base.raw.line };
  }

  /** Emits the joined assistant chunks; the event points at the first chunk's line. */
  private flush(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    this.out.emit(run.base, 0, run.id, {
      kind: 'message',
      summary: oneLine(run.text),
      attrs: { role: 'assistant', model: this.model ?? null, chunks: run.chunks, lastLine: run.lastLine, text: clipText(run.text, 2000) },
    });
  }

  private toolUse(record: JsonObject, base: RecordBase, id: string): void {
    const name = str(record.tool_name) ?? 'unknown';
    const callId = str(record.tool_id);
    if (callId) this.names.set(callId, name);
    const capped = capValue(record.parameters);
    this.out.emit(base, 0, callId ? `call:${callId}` : id, {
      kind: 'tool-call',
      summary: oneLine(describeCall(name, record.parameters)),
      tool: callId ? { name, callId } : { name },
      input: capped.value,
      resources: toolResources(name, record.parameters),
      ...(capped.truncated ? { attrs: { inputTruncated: true } } : {}),
    });
  }

  private toolResult(record: JsonObject, base: RecordBase, id: string): void {
    const callId = str(record.tool_id);
    const name = (callId && this.names.get(callId)) || '';
    const tool = callId ? { name, callId } : { name };
    const error = obj(record.error);
    const errorText = `${str(error?.type) ?? ''} ${str(error?.message) ?? ''}`.trim();
    const denied = record.status === 'error' && DENIAL.test(errorText);
    let outcome: Outcome = 'unknown';
    if (record.status === 'success') outcome = 'success';
    else if (record.status === 'error') outcome = denied ? 'denied' : 'error';
    const text = str(record.output) ?? errorText;
    this.out.emit(base, 0, callId ? `output:${callId}` : id, {
      kind: 'tool-result',
      summary: oneLine(`${name ? `${name} ` : ''}${outcome === 'success' ? 'returned' : outcome}: ${text}`),
      tool,
      outcome,
      attrs: { output: clipText(text, 2000), outputLength: text.length, errorType: str(error?.type) ?? null },
    });
    if (!denied) return;
    this.out.emit(base, 1, callId ? `decision:${callId}` : `${id}#decision`, {
      kind: 'decision',
      summary: oneLine(`${name || 'tool call'} denied: ${errorText}`),
      tool,
      decision: { verdict: 'denied', by: 'policy', ...(callId ? { callId } : {}), reason: errorText },
      outcome: 'denied',
    });
  }

  private result(record: JsonObject, base: RecordBase, id: string): void {
    const stats = obj(record.stats);
    const attrs: Record<string, number | string | null> = { status: str(record.status) ?? null };
    for (const key of ['total_tokens', 'input_tokens', 'output_tokens', 'cached', 'input', 'duration_ms', 'tool_calls']) {
      if (typeof stats?.[key] === 'number') attrs[key] = stats[key] as number;
    }
    const error = obj(record.error);
    this.out.emit(base, 0, id, {
      kind: 'system',
      summary: oneLine(`result ${str(record.status) ?? '?'}${error ? `: ${str(error.message) ?? ''}` : ''}`),
      ...(record.status === 'error' ? { outcome: 'error' as const } : {}),
      attrs,
    });
  }
}
