// The fallback reader: JSON records that no other reader recognises become `unknown` events of
// source `generic`, one per record, so they stay searchable and nothing is lost.

import type { Attributes } from '../../model/events';
import { asAgentId, asEventId, asSessionId } from '../../model/ids';
import { parseIsoTime, type Timestamp } from '../../model/time';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { fnv1a, isObject, oneLine, str } from '../values';

const TIME_KEYS = ['timestamp', 'time', 'eventTime', 'ts', '@timestamp', 'date', 'created_at'];

function findTime(value: unknown): Timestamp | null {
  if (!isObject(value)) return null;
  for (const key of TIME_KEYS) {
    const text = str(value[key]);
    if (text) {
      const parsed = parseIsoTime(text);
      if (parsed.ms !== null) return parsed;
    }
  }
  return null;
}

function topScalars(value: unknown): Attributes {
  if (!isObject(value)) return {};
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, item] of Object.entries(value).slice(0, 40)) {
    if (item === null || typeof item === 'number' || typeof item === 'boolean') out[key] = item;
    else if (typeof item === 'string') out[key] = item.slice(0, 500);
  }
  return out;
}

export const genericReader: FormatReader = {
  format: 'generic',
  detect: () => 0.01,
  open: (context) => new GenericSink(context),
};

class GenericSink implements RecordSink {
  private readonly session;

  constructor(private readonly context: ReaderContext) {
    this.session = asSessionId(`generic:${context.path}`);
  }

  record({ value, line }: ParsedLine): void {
    const text = JSON.stringify(value) ?? 'null';
    this.context.emit({
      id: asEventId(`generic-${line.number}-${fnv1a(text)}`),
      session: this.session,
      agent: asAgentId('record'),
      kind: 'unknown',
      time: findTime(value),
      seq: line.number,
      block: 0,
      source: 'generic',
      raw: { evidence: this.context.evidence, line: line.number, offset: line.offset, length: line.length },
      recordType: isObject(value) && typeof value.type === 'string' ? value.type : Array.isArray(value) ? 'array' : typeof value,
      summary: oneLine(text, 200),
      attrs: topScalars(value),
    });
  }

  finish(): void {}
}
