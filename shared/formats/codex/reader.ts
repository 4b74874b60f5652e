// Reader for OpenAI Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl`)
// in both on-disk generations, for the single JSON file `{session, items}` that the first
// TypeScript Codex wrote, and for the `codex exec --json` event stream. Every record becomes at
// least one event; records of unknown types become `unknown` events that keep their raw record.

import type { RawRef } from '../../model/events';
import { parseIsoTime } from '../../model/time';
import { SessionBuffer, type RecordBase } from '../session-buffer';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { arr, fnv1a, isObject, obj, oneLine, str, type JsonObject } from '../values';
import { EXEC_EVENT_TYPES, ExecTranslator } from './exec-json';
import { RolloutTranslator, type Generation } from './rollout';

const ROLLOUT_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);
const RESPONSE_ITEM_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'web_search_call',
  'ghost_snapshot',
  'compaction',
]);

function isRolloutLine(value: JsonObject): boolean {
  return typeof value.type === 'string' && ROLLOUT_TYPES.has(value.type) && 'payload' in value;
}

/** The bare meta object that opens a legacy rollout: an id and a time, and no type. */
function isLegacyMeta(value: JsonObject): boolean {
  return typeof value.id === 'string' && typeof value.timestamp === 'string' && value.type === undefined && value.record_type === undefined;
}

function isLegacyItem(value: JsonObject): boolean {
  if (value.record_type === 'state') return true;
  return typeof value.type === 'string' && RESPONSE_ITEM_TYPES.has(value.type) && !('sessionId' in value) && !('payload' in value);
}

function isExecEvent(value: JsonObject): boolean {
  if (typeof value.type !== 'string' || !EXEC_EVENT_TYPES.has(value.type)) return false;
  if (value.type.startsWith('item.')) return isObject(value.item);
  if (value.type === 'thread.started') return typeof value.thread_id === 'string';
  return true;
}

/** The single-file shape of the first TypeScript Codex: `{session: {id, ...}, items: [...]}`. */
function isSingleFile(value: JsonObject): boolean {
  return isObject(value.session) && typeof value.session.id === 'string' && Array.isArray(value.items);
}

/** Confidence that a sample is a rollout (either generation), an exec stream or a single file. */
function sampleScore(sample: readonly ParsedLine[]): number {
  const objects = sample.map((parsed) => parsed.value).filter(isObject);
  if (objects.length === 0) return 0;
  if (objects.length === 1 && isSingleFile(objects[0]!)) return 0.9;
  const rollout = objects.filter(isRolloutLine).length;
  if (rollout > 0 && objects.some((value) => value.type === 'session_meta' || value.type === 'turn_context' || value.type === 'response_item')) {
    return 0.5 + 0.5 * (rollout / sample.length);
  }
  const exec = objects.filter(isExecEvent);
  if (exec.some((value) => value.type === 'thread.started' || String(value.type).startsWith('item.'))) return 0.5 + 0.45 * (exec.length / sample.length);
  const legacy = objects.filter(isLegacyItem).length;
  if (isLegacyMeta(objects[0]!) && legacy > 0) return 0.5 + 0.45 * ((legacy + 1) / sample.length);
  return 0;
}

export const codexReader: FormatReader = {
  format: 'codex',
  detect: (_path, sample) => sampleScore(sample),
  version(sample) {
    for (const { value } of sample) {
      if (!isObject(value)) continue;
      const meta = value.type === 'session_meta' ? obj(value.payload) : isLegacyMeta(value) ? value : obj(value.session);
      const version = str(meta?.cli_version) ?? str(meta?.version);
      if (version) return version;
    }
    return undefined;
  },
  open: (context) => new CodexSink(context),
};

class CodexSink implements RecordSink {
  private readonly out: SessionBuffer;
  private readonly rollout: RolloutTranslator;
  private readonly exec: ExecTranslator;
  private records = 0;

  constructor(private readonly context: ReaderContext) {
    this.out = new SessionBuffer(context, 'codex');
    this.rollout = new RolloutTranslator(this.out, (base, reason) => this.warn(base.raw, reason));
    this.exec = new ExecTranslator(this.out);
  }

  record({ value, line }: ParsedLine): void {
    this.records += 1;
    const raw: RawRef = { evidence: this.context.evidence, line: line.number, offset: line.offset, length: line.length };
    // Ids come from the line number and content, so the same file read twice (a rollout kept in
    // both sessions/ and archived_sessions/) collapses, while identical lines of one file do not.
    // Calls and outputs use their call_id instead.
    const text = line.text || JSON.stringify(value) || '';
    const id = `line-${line.number}-${fnv1a(text)}`;
    if (!isObject(value)) {
      this.warn(raw, 'Record is valid JSON but not an object; it is kept as an unknown event.');
      this.out.emit(this.base(raw, null, 'unknown'), 0, id, { kind: 'unknown', summary: oneLine(text) });
      return;
    }
    const time = str(value.timestamp) ? parseIsoTime(str(value.timestamp)!) : null;
    if (typeof value.type === 'string' && ROLLOUT_TYPES.has(value.type)) return this.rolloutLine(value, this.base(raw, time, String(value.type)), id);
    if (isExecEvent(value)) return this.exec.event(value, this.base(raw, null, this.execType(value)), id);
    if (isSingleFile(value)) return this.singleFile(value, raw, id);
    if (this.records === 1 && isLegacyMeta(value)) return this.rollout.sessionMeta(value, this.base(raw, time, 'meta'), id, 'legacy');
    if (value.record_type === 'state') return this.rollout.state(value, this.base(raw, null, 'state'), id);
    if (isLegacyItem(value)) return this.rollout.responseItem(value, this.base(raw, time, String(value.type)), id, 'legacy');
    const type = str(value.type) ?? str(value.record_type) ?? 'record';
    this.out.emit(this.base(raw, time, type), 0, id, { kind: 'unknown', summary: oneLine(`${type} record`) });
  }

  finish(): void {
    this.rollout.finish();
    this.out.finish('a session (no session_meta id, legacy meta id or thread.started)');
  }

  private rolloutLine(value: JsonObject, base: RecordBase, id: string): void {
    const payload = obj(value.payload);
    if (!payload) {
      this.warn(base.raw, `${String(value.type)} line has no payload object; it is kept as an unknown event.`);
      this.out.emit(base, 0, id, { kind: 'unknown', summary: `${String(value.type)} without payload` });
      return;
    }
    const generation: Generation = 'current';
    const typed = str(payload.type) ? { ...base, recordType: `${base.recordType}/${str(payload.type)}` } : base;
    switch (value.type) {
      case 'session_meta':
        return this.rollout.sessionMeta(payload, base, id, generation);
      case 'turn_context':
        return this.rollout.turnContext(payload, base, id);
      case 'response_item':
        return this.rollout.responseItem(payload, typed, id, generation);
      case 'event_msg':
        return this.rollout.eventMessage(payload, typed, id);
      default:
        return this.rollout.compacted(payload, base, id);
    }
  }

  /** The `{session, items}` document: one record whose items are read as legacy items. */
  private singleFile(value: JsonObject, raw: RawRef, id: string): void {
    const session = obj(value.session)!;
    const time = str(session.timestamp) ? parseIsoTime(str(session.timestamp)!) : null;
    this.rollout.sessionMeta(session, this.base({ ...raw, pointer: '/session' }, time, 'session'), `${id}/session`, 'legacy');
    (arr(value.items) ?? []).forEach((item, index) => {
      const base = this.base({ ...raw, pointer: `/items/${index}` }, null, str(obj(item)?.type) ?? 'item');
      const itemBase = { ...base, seq: raw.line * 100000 + index + 1 };
      if (isObject(item)) this.rollout.responseItem(item, itemBase, `${id}/items/${index}`, 'legacy');
      else this.out.emit(itemBase, 0, `${id}/items/${index}`, { kind: 'unknown', summary: oneLine(JSON.stringify(item) ?? '') });
    });
  }

  private execType(value: JsonObject): string {
    const item = obj(value.item);
    const type = item ? str(item.type) ?? str(item.item_type) : undefined;
    return type ? `${String(value.type)}/${type}` : String(value.type);
  }

  private base(raw: RawRef, time: RecordBase['time'], recordType: string): RecordBase {
    return { raw, time, seq: raw.line, recordType };
  }

  private warn(raw: RawRef, reason: string): void {
    this.context.diagnose({ code: 'unknown-record', severity: 'warning', file: this.context.path, line: raw.line, offset: raw.offset, length: raw.length, reason });
  }
}
