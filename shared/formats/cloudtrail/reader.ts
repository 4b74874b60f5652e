// Reader for AWS CloudTrail. It accepts every container the records come in. S3 delivery writes
// `{"Records":[...]}` files, whose gzip the container layer has already removed. Stratus Red Team
// detonation logs are bare arrays or single records. Exports may write one record per line, and
// `aws cloudtrail lookup-events` output puts each record as JSON text in `CloudTrailEvent`.
// Each event record becomes exactly one event, so record and event counts agree. Digest files
// are reported and skipped.
//
// Sessions follow the principal session: every call signed with one access key is one session
// (`aws:<key fingerprint>`), and calls without a key are grouped by the caller's ARN.

import type { AgentEvent, RawRef } from '../../model/events';
import { asAgentId, asEventId, asSessionId } from '../../model/ids';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { fnv1a, isObject, oneLine, str, type JsonObject } from '../values';
import { field, fieldText, jsonTypeName, keyOf, parseJsonText } from './fields';
import { classify, cloudTrailScore, isEventRecord } from './shape';
import { parseEventTime, translateRecord } from './translate';

/** Containers nest at most this deep (a line holding an array of `Records` objects). */
const MAX_NESTING = 3;

/** Event ids remembered per file to report repeats; beyond this, repeats go unreported. */
const MAX_REMEMBERED_IDS = 1_000_000;

export const cloudTrailReader: FormatReader = {
  format: 'cloudtrail',
  detect(_path, sample) {
    if (sample.length === 0) return 0;
    const hits = sample.filter((parsed) => cloudTrailScore(parsed.value) > 0).length;
    return hits === 0 ? 0 : Math.max(0.9, hits / sample.length);
  },
  version(sample) {
    for (const parsed of sample) {
      const version = findVersion(parsed.value, 0);
      if (version) return version;
    }
    return undefined;
  },
  open: (context) => new CloudTrailSink(context),
};

/** Finds the `eventVersion` of the first record in a sampled value. */
function findVersion(value: unknown, depth: number): string | undefined {
  if (depth > MAX_NESTING) return undefined;
  if (Array.isArray(value)) return findVersion(value[0], depth + 1);
  if (isEventRecord(value)) return fieldText(value, 'eventVersion');
  if (!isObject(value)) return undefined;
  const records = field(value, 'Records');
  if (Array.isArray(records)) return findVersion(records[0], depth + 1);
  const lookup = value.CloudTrailEvent;
  if (typeof lookup === 'string') return findVersion(parseJsonText(lookup), depth + 1);
  if (isObject(lookup)) return findVersion(lookup, depth + 1);
  if (Array.isArray(value.Events)) return findVersion(value.Events[0], depth + 1);
  return undefined;
}

class CloudTrailSink implements RecordSink {
  /** Records seen so far in this file, counting every record inside every container. */
  private seq = 0;
  private readonly seenIds = new Map<string, { seq: number; operation: string }>();

  constructor(private readonly context: ReaderContext) {}

  record(parsed: ParsedLine): void {
    this.visit(parsed.value, parsed, parsed.pointer ?? '', 0);
  }

  finish(): void {}

  private visit(value: unknown, parsed: ParsedLine, pointer: string, depth: number): void {
    if (depth > MAX_NESTING) {
      this.unknown(value, parsed, pointer, 'containers nest too deep');
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.visit(item, parsed, `${pointer}/${index}`, depth + 1));
      return;
    }
    switch (classify(value)) {
      case 'records': {
        const record = value as JsonObject;
        const key = keyOf(record, 'Records')!;
        (record[key] as unknown[]).forEach((item, index) => this.visit(item, parsed, `${pointer}/${key}/${index}`, depth + 1));
        return;
      }
      case 'lookup-events':
        ((value as JsonObject).Events as unknown[]).forEach((item, index) => this.visit(item, parsed, `${pointer}/Events/${index}`, depth + 1));
        return;
      case 'lookup-event':
        this.lookupEvent(value as JsonObject, parsed, pointer);
        return;
      case 'record':
        this.event(value as JsonObject, parsed, pointer);
        return;
      case 'digest':
        this.context.diagnose({
          code: 'skipped-file',
          severity: 'info',
          file: this.context.path,
          line: parsed.line.number,
          offset: parsed.line.offset,
          length: parsed.line.length,
          reason: 'CloudTrail digest file, not event records: it lists the hashes of delivered log files, so no events were made from it.',
        });
        return;
      case 'other':
        this.unknown(value, parsed, pointer, 'it has no eventSource and eventName');
    }
  }

  /** Reads one item of lookup-events output: parses the record text, or rebuilds a record from the summary fields. */
  private lookupEvent(item: JsonObject, parsed: ParsedLine, pointer: string): void {
    const embedded = item.CloudTrailEvent;
    if (isObject(embedded) && isEventRecord(embedded)) {
      this.event(embedded, parsed, `${pointer}/CloudTrailEvent`);
      return;
    }
    if (typeof embedded === 'string') {
      const record = parseJsonText(embedded);
      if (isEventRecord(record)) this.event(record, parsed, `${pointer}/CloudTrailEvent`);
      else this.unknown(item, parsed, pointer, 'its CloudTrailEvent text is not a JSON CloudTrail record');
      return;
    }
    this.event(fromLookupSummary(item), parsed, pointer);
  }

  private event(record: JsonObject, parsed: ParsedLine, pointer: string): void {
    this.seq += 1;
    const raw = this.rawRef(parsed, pointer);
    const event = translateRecord(record, { raw, seq: this.seq });
    this.checkTime(event, parsed, pointer);
    this.checkRepeat(event, parsed, pointer);
    this.context.emit(event);
  }

  private checkTime(event: AgentEvent, parsed: ParsedLine, pointer: string): void {
    if (event.time?.ms !== null && event.time?.ms !== undefined) return;
    if (event.time) this.problem(parsed, pointer, 'invalid-value', 'warning', `eventTime "${event.time.original}" is not a time; the event has no time.`);
    else this.problem(parsed, pointer, 'missing-field', 'warning', 'eventTime is missing; the event has no time.');
  }

  /**
   * Reports an eventID seen before in this file. A repeat of the same operation is a duplicate
   * delivery, so the session linker keeps one copy. A different operation under the same eventID
   * is kept as its own event.
   */
  private checkRepeat(event: AgentEvent, parsed: ParsedLine, pointer: string): void {
    const eventId = event.attrs?.eventId;
    if (typeof eventId !== 'string') return;
    const first = this.seenIds.get(eventId);
    if (!first) {
      if (this.seenIds.size < MAX_REMEMBERED_IDS) this.seenIds.set(eventId, { seq: this.seq, operation: event.cloud?.operation ?? '' });
      return;
    }
    if (first.operation === event.cloud?.operation) {
      this.problem(parsed, pointer, 'duplicate-record', 'info', `repeats record ${first.seq} (eventID ${eventId}); sessions keep one event for both.`);
    } else {
      this.problem(parsed, pointer, 'duplicate-record', 'warning', `shares eventID ${eventId} with record ${first.seq}, which has another eventName; both are kept.`);
    }
  }

  /** Keeps a record that is not a CloudTrail event as an `unknown` event, with a warning. */
  private unknown(value: unknown, parsed: ParsedLine, pointer: string, reason: string): void {
    this.seq += 1;
    const text = JSON.stringify(value) ?? 'null';
    this.problem(parsed, pointer, 'unknown-record', 'warning', `Not a CloudTrail event record: ${reason}. It is kept as an unknown event.`);
    const time = isObject(value) ? parseEventTime(field(value, 'eventTime')) : null;
    this.context.emit({
      id: asEventId(`cloudtrail-${this.seq}-${fnv1a(text)}`),
      session: asSessionId(`cloudtrail:${this.context.path}`),
      agent: asAgentId('record'),
      kind: 'unknown',
      time,
      seq: this.seq,
      block: 0,
      source: 'cloudtrail',
      raw: this.rawRef(parsed, pointer),
      recordType: jsonTypeName(value),
      summary: oneLine(text, 200),
    });
  }

  private rawRef(parsed: ParsedLine, pointer: string): RawRef {
    const { line } = parsed;
    return { evidence: this.context.evidence, line: line.number, offset: line.offset, length: line.length, ...(pointer ? { pointer } : {}) };
  }

  private problem(parsed: ParsedLine, pointer: string, code: 'missing-field' | 'invalid-value' | 'duplicate-record' | 'unknown-record', severity: 'warning' | 'info', reason: string): void {
    const where = pointer ? `Record ${this.seq} (${pointer})` : `Record ${this.seq}`;
    this.context.diagnose({
      code,
      severity,
      file: this.context.path,
      line: parsed.line.number,
      offset: parsed.line.offset,
      length: parsed.line.length,
      reason: `${where}: ${reason}`,
    });
  }
}

/** Rebuilds a minimal record from a lookup-events item that lacks its CloudTrailEvent text. */
function fromLookupSummary(item: JsonObject): JsonObject {
  const resources = Array.isArray(item.Resources)
    ? item.Resources.filter((resource) => isObject(resource) && str(resource.ResourceName)?.startsWith('arn:')).map((resource) => ({
        ARN: (resource as JsonObject).ResourceName,
        type: (resource as JsonObject).ResourceType,
      }))
    : [];
  return {
    eventID: item.EventId,
    eventName: item.EventName,
    eventSource: item.EventSource,
    eventTime: item.EventTime,
    readOnly: item.ReadOnly,
    userIdentity: { userName: item.Username, accessKeyId: item.AccessKeyId },
    resources,
  };
}
