// Reader for Gemini CLI: session files (a whole JSON document, or the newer JSONL form) and the
// `--output-format stream-json` output of headless runs.

import type { RawRef } from '../../model/events';
import { parseIsoTime } from '../../model/time';
import { SessionBuffer, type RecordBase } from '../session-buffer';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { fnv1a, isObject, oneLine, str, type JsonObject } from '../values';
import { GeminiSessionTranslator } from './session';
import { GeminiStreamTranslator, STREAM_EVENT_TYPES } from './stream';

const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning']);

function isSessionDocument(value: JsonObject): boolean {
  return typeof value.sessionId === 'string' && Array.isArray(value.messages);
}

function isSessionMetadata(value: JsonObject): boolean {
  return typeof value.sessionId === 'string' && typeof value.projectHash === 'string';
}

function isMessageRecord(value: JsonObject): boolean {
  return typeof value.id === 'string' && typeof value.type === 'string' && MESSAGE_TYPES.has(value.type) && 'content' in value;
}

function isStreamEvent(value: JsonObject): boolean {
  return typeof value.type === 'string' && STREAM_EVENT_TYPES.has(value.type) && typeof value.timestamp === 'string' && !('id' in value);
}

/** Confidence that a sample is a Gemini CLI session file or stream-json output. */
function sampleScore(sample: readonly ParsedLine[]): number {
  const objects = sample.map((parsed) => parsed.value).filter(isObject);
  if (objects.length === 0) return 0;
  if (objects.length === 1 && isSessionDocument(objects[0]!) && 'projectHash' in objects[0]!) return 0.95;
  if (isSessionMetadata(objects[0]!)) {
    const known = objects.filter((value) => isSessionMetadata(value) || isMessageRecord(value) || '$set' in value || '$rewindTo' in value).length;
    return 0.5 + 0.45 * (known / sample.length);
  }
  const stream = objects.filter(isStreamEvent);
  const distinctive = stream.some((value) => (value.type === 'init' && typeof value.session_id === 'string') || value.type === 'tool_use' || (value.type === 'message' && typeof value.role === 'string'));
  return distinctive ? 0.5 + 0.45 * (stream.length / sample.length) : 0;
}

export const geminiReader: FormatReader = {
  format: 'gemini-cli',
  detect: (_path, sample) => sampleScore(sample),
  open: (context) => new GeminiSink(context),
};

class GeminiSink implements RecordSink {
  private readonly out: SessionBuffer;
  private readonly session: GeminiSessionTranslator;
  private readonly stream: GeminiStreamTranslator;

  constructor(private readonly context: ReaderContext) {
    this.out = new SessionBuffer(context, 'gemini-cli');
    this.session = new GeminiSessionTranslator(this.out);
    this.stream = new GeminiStreamTranslator(this.out);
  }

  record({ value, line }: ParsedLine): void {
    const raw: RawRef = { evidence: this.context.evidence, line: line.number, offset: line.offset, length: line.length };
    const text = line.text || JSON.stringify(value) || '';
    const id = `line-${line.number}-${fnv1a(text)}`;
    if (!isObject(value)) {
      this.warn(raw, 'Record is valid JSON but not an object; it is kept as an unknown event.');
      this.out.emit(this.base(raw, null, 'unknown'), 0, id, { kind: 'unknown', summary: oneLine(text) });
      return;
    }
    const time = str(value.timestamp) ? parseIsoTime(str(value.timestamp)!) : null;
    if (isSessionDocument(value)) return this.session.document(value, raw, id);
    if (isSessionMetadata(value)) return this.session.metadata(value, this.base(raw, str(value.startTime) ? parseIsoTime(str(value.startTime)!) : null, 'metadata'), id);
    if (isMessageRecord(value)) return this.session.hold(value, raw, line.number);
    if (isStreamEvent(value)) return this.stream.event(value, this.base(raw, time, str(value.type)!), id);
    if (isObject(value.$set)) return this.metadataUpdate(value.$set, raw, id);
    if (typeof value.$rewindTo === 'string') return this.session.rewind(value.$rewindTo, this.base(raw, null, '$rewindTo'), id);
    const type = str(value.type) ?? 'record';
    this.out.emit(this.base(raw, time, type), 0, id, { kind: 'unknown', summary: oneLine(`${type} record`) });
  }

  finish(): void {
    this.stream.finish();
    this.session.finish();
    this.out.finish('a session (no sessionId or init session_id)');
  }

  private metadataUpdate(update: JsonObject, raw: RawRef, id: string): void {
    if (typeof update.sessionId === 'string') this.out.name(update.sessionId);
    const keys = Object.keys(update);
    this.out.emit(this.base(raw, null, '$set'), 0, id, { kind: 'system', summary: oneLine(`session metadata updated: ${keys.join(', ')}`), attrs: { keys: keys.join(',') } });
  }

  private base(raw: RawRef, time: RecordBase['time'], recordType: string): RecordBase {
    return { raw, time, seq: raw.line, recordType };
  }

  private warn(raw: RawRef, reason: string): void {
    this.context.diagnose({ code: 'unknown-record', severity: 'warning', file: this.context.path, line: raw.line, offset: raw.offset, length: raw.length, reason });
  }
}
