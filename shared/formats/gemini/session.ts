// Gemini CLI session files (`~/.gemini/tmp/<project hash>/chats/session-*.json`). Older CLIs
// rewrite one JSON document in place: `{sessionId, projectHash, startTime, lastUpdated,
// messages[]}`. Newer ones append JSONL instead: a metadata line, message records, `$set`
// metadata updates and `$rewindTo` markers. In both, a message id can be written more than once
// and the last write wins, so messages are held until the file ends and emitted once each.

import type { Attributes, Outcome, RawRef } from '../../model/events';
import { parseIsoTime } from '../../model/time';
import type { RecordBase, SessionBuffer } from '../session-buffer';
import { arr, capValue, obj, oneLine, str, type JsonObject } from '../values';
import { contentText, describeCall, resultText, toolResources } from './tools';
import { clipText } from '../../secrets/cut';

interface HeldMessage {
  message: JsonObject;
  raw: RawRef;
  seq: number;
  /** How many times the file wrote this id. */
  writes: number;
  rewound: boolean;
}

const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning']);

/** Outcomes of the terminal tool call statuses; other statuses (`executing`, ...) are unknown. */
const STATUS_OUTCOMES: Record<string, Outcome> = { success: 'success', error: 'error', cancelled: 'cancelled' };

function time(value: unknown) {
  return typeof value === 'string' ? parseIsoTime(value) : null;
}

function tokenAttrs(tokens: JsonObject | undefined): Attributes {
  const out: Record<string, number> = {};
  for (const key of ['input', 'output', 'cached', 'thoughts', 'tool', 'total']) {
    if (typeof tokens?.[key] === 'number') out[`${key}Tokens`] = tokens[key] as number;
  }
  return out;
}

export class GeminiSessionTranslator {
  private readonly messages = new Map<string, HeldMessage>();

  constructor(private readonly out: SessionBuffer) {}

  /** Reads a whole-file document: its metadata, then each message at `/messages/<index>`. */
  document(value: JsonObject, raw: RawRef, id: string): void {
    this.metadata(value, { time: time(value.startTime), seq: 0, recordType: 'session', raw: { ...raw, pointer: '' } }, id);
    (arr(value.messages) ?? []).forEach((message, index) => {
      this.hold(message, { ...raw, pointer: `/messages/${index}` }, index + 1);
    });
  }

  /** Emits the metadata record that opens a JSONL session file, or the top of a document. */
  metadata(value: JsonObject, base: RecordBase, id: string): void {
    const sessionId = str(value.sessionId);
    if (sessionId) this.out.name(sessionId);
    this.out.emit(base, 0, id, {
      kind: 'system',
      summary: oneLine(`Gemini CLI session ${sessionId ?? '?'} (${str(value.kind) ?? 'main'}) ${str(value.summary) ?? ''}`),
      attrs: {
        projectHash: str(value.projectHash) ?? null,
        startTime: str(value.startTime) ?? null,
        lastUpdated: str(value.lastUpdated) ?? null,
        sessionKind: str(value.kind) ?? null,
        directories: arr(value.directories) ? JSON.stringify(value.directories) : null,
        messages: arr(value.messages)?.length ?? null,
      },
    });
  }

  /** Keeps the latest write of a message; its first position in the file is kept. */
  hold(message: unknown, raw: RawRef, seq: number): void {
    const record = obj(message);
    const messageId = str(record?.id);
    if (!record || !messageId) {
      this.out.emit({ time: null, seq, recordType: 'message', raw }, 0, `message-${seq}-${raw.pointer ?? raw.line}`, { kind: 'unknown', summary: 'message without an id' });
      return;
    }
    const held = this.messages.get(messageId);
    if (held) {
      held.message = record;
      held.raw = raw;
      held.writes += 1;
      held.rewound = false;
      return;
    }
    this.messages.set(messageId, { message: record, raw, seq, writes: 1, rewound: false });
  }

  /**
   * Marks messages rewound by a `$rewindTo` marker: the CLI drops that message and every later one when it loads the file.
   * They are kept here, marked `rewound`, because they still happened.
   */
  rewind(target: string, base: RecordBase, id: string): void {
    let found = false;
    for (const [messageId, held] of this.messages) {
      if (messageId === target) found = true;
      if (found) held.rewound = true;
    }
    this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`rewound to message ${target}`), attrs: { rewindTo: target, targetFound: found } });
  }

  finish(): void {
    for (const [messageId, held] of this.messages) this.message(messageId, held);
    this.messages.clear();
  }

  private message(messageId: string, held: HeldMessage): void {
    const { message } = held;
    const type = str(message.type) ?? 'unknown';
    const base: RecordBase = { time: time(message.timestamp), seq: held.seq, recordType: `message/${type}`, raw: held.raw };
    const attrs: Attributes = { messageId, writes: held.writes, ...(held.rewound ? { rewound: true } : {}) };
    const text = contentText(message.content);
    switch (type) {
      case 'user':
        return this.out.emit(base, 0, messageId, { kind: 'prompt', summary: oneLine(text), attrs });
      case 'gemini':
        return this.reply(messageId, message, base, attrs, text);
      case 'error':
        return this.out.emit(base, 0, messageId, { kind: 'system', summary: oneLine(`error: ${text}`), outcome: 'error', attrs });
      default:
        return this.out.emit(base, 0, messageId, { kind: MESSAGE_TYPES.has(type) ? 'system' : 'unknown', summary: oneLine(`${type}: ${text}`), attrs });
    }
  }

  /** Emits a model reply: the model call, its text, its thoughts and its tool calls. */
  private reply(messageId: string, message: JsonObject, base: RecordBase, attrs: Attributes, text: string): void {
    const model = str(message.model);
    let block = 0;
    this.out.emit(base, block++, `${messageId}#model`, {
      kind: 'model-call',
      summary: oneLine(`model ${model ?? 'unknown'} reply ${messageId}`),
      attrs: { ...attrs, model: model ?? null, ...tokenAttrs(obj(message.tokens)) },
    });
    if (text) this.out.emit(base, block++, messageId, { kind: 'message', summary: oneLine(text), attrs: { ...attrs, model: model ?? null } });
    (arr(message.thoughts) ?? []).forEach((thought, index) => {
      const subject = str(obj(thought)?.subject) ?? '';
      const description = str(obj(thought)?.description) ?? '';
      this.out.emit(base, block++, `${messageId}#thought${index}`, { kind: 'message', summary: oneLine(`thinking: ${subject}${subject && description ? ': ' : ''}${description}`), attrs: { ...attrs, thinking: true } });
    });
    (arr(message.toolCalls) ?? []).forEach((call, index) => {
      const record = obj(call);
      const pointer = pointerBelow(base.raw, `/toolCalls/${index}`);
      if (record) block = this.toolCall(record, { ...base, raw: pointer, time: time(record.timestamp) ?? base.time }, block, `${messageId}#tool${index}`, attrs);
    });
  }

  /** Emits a call, its result from the recorded status, and a denial for a cancelled call. */
  private toolCall(call: JsonObject, base: RecordBase, first: number, fallbackId: string, attrs: Attributes): number {
    let block = first;
    const name = str(call.name) ?? 'unknown';
    const callId = str(call.id);
    const tool = callId ? { name, callId } : { name };
    const capped = capValue(call.args);
    const status = str(call.status) ?? 'unknown';
    const callAttrs: Attributes = { ...attrs, status, agentId: str(call.agentId) ?? null, displayName: str(call.displayName) ?? null };
    this.out.emit(base, block++, callId ? `call:${callId}` : `${fallbackId}#call`, {
      kind: 'tool-call',
      summary: oneLine(describeCall(name, call.args)),
      tool,
      input: capped.value,
      resources: toolResources(name, call.args),
      attrs: { ...callAttrs, ...(capped.truncated ? { inputTruncated: true } : {}), description: str(call.description) ?? null },
    });
    const outcome = STATUS_OUTCOMES[status] ?? 'unknown';
    const output = resultText(call.result) || (typeof call.resultDisplay === 'string' ? call.resultDisplay : '');
    this.out.emit(base, block++, callId ? `output:${callId}` : `${fallbackId}#output`, {
      kind: 'tool-result',
      summary: oneLine(`${name} ${outcome === 'success' ? 'returned' : outcome}: ${output}`),
      tool,
      outcome,
      attrs: { ...callAttrs, output: clipText(output, 2000), outputLength: output.length },
    });
    if (status !== 'cancelled') return block;
    const reason = 'Gemini CLI recorded the call as cancelled: the user rejected it at the confirmation prompt or cancelled it while it ran.';
    this.out.emit(base, block++, callId ? `decision:${callId}` : `${fallbackId}#decision`, {
      kind: 'decision',
      summary: oneLine(`user rejected ${name}`),
      tool,
      decision: { verdict: 'denied', by: 'user-reject', ...(callId ? { callId } : {}), reason },
      outcome: 'denied',
      attrs: callAttrs,
    });
    return block;
  }
}

/** Returns the raw reference of a part of a record, as a JSON pointer below the record's own. */
function pointerBelow(raw: RawRef, suffix: string): RawRef {
  return { ...raw, pointer: `${raw.pointer ?? ''}${suffix}` };
}
