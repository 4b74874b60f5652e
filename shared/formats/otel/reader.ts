// Reader for OpenTelemetry OTLP JSON: one export request per file (an OTLP/HTTP body) or one per
// line (a collector file exporter). Log records, spans and metric data points of one request are
// read in document order; Claude Code's events, GenAI agent spans and MCP spans get their own
// event kinds, and everything else becomes a system event that keeps its attributes.

import { asEventId, MAIN_AGENT } from '../../model/ids';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { fnv1a, isObject, oneLine, type JsonObject } from '../values';
import { fileSession, RequestEmitter } from './emit';
import { readResourceLogs } from './logs';
import { readResourceMetrics } from './metrics';
import { decodeAttributes, field, items, text } from './otlp';
import { SpanReader } from './spans';

const SIGNAL_KEYS = ['resourceLogs', 'resourceSpans', 'resourceMetrics'] as const;

/** True for an OTLP export request: an object with resourceLogs, resourceSpans or resourceMetrics. */
export function isExportRequest(value: unknown): value is JsonObject {
  return isObject(value) && SIGNAL_KEYS.some((key) => Array.isArray(field(value, key)));
}

export const otelReader: FormatReader = {
  format: 'opentelemetry',
  detect(_path, sample) {
    if (sample.length === 0) return 0;
    const hits = sample.filter((parsed) => isExportRequest(parsed.value)).length;
    return hits / sample.length;
  },
  version(sample) {
    for (const parsed of sample) {
      if (!isObject(parsed.value)) continue;
      for (const key of SIGNAL_KEYS) {
        for (const resourceItem of items(parsed.value, key)) {
          const resource = isObject(resourceItem) ? field(resourceItem, 'resource') : undefined;
          const attributes = decodeAttributes(items(isObject(resource) ? resource : undefined, 'attributes'));
          const version = text(attributes, 'service.version');
          if (version) return version;
        }
      }
    }
    return undefined;
  },
  open: (context) => new OtelSink(context),
};

class OtelSink implements RecordSink {
  /** Event ids already given in this file, so repeated records get distinct ids. */
  private readonly usedIds = new Map<string, number>();
  private readonly spans: SpanReader;

  constructor(private readonly context: ReaderContext) {
    this.spans = new SpanReader(context.path);
  }

  record(parsed: ParsedLine): void {
    const emitter = new RequestEmitter(this.context, parsed, this.usedIds);
    const { value } = parsed;
    if (!isExportRequest(value)) {
      this.unknown(parsed, emitter);
      return;
    }
    readResourceLogs(value, emitter, this.context.path);
    this.spans.readRequest(value, emitter);
    readResourceMetrics(value, emitter, this.context.path);
  }

  finish(): void {
    this.spans.finish();
  }

  /** Keeps a record that is not an export request as an unknown event with its raw bytes. */
  private unknown(parsed: ParsedLine, emitter: RequestEmitter): void {
    const text = JSON.stringify(parsed.value) ?? 'null';
    emitter.diagnose('unknown-record', '', 'not an OTLP export request (no resourceLogs, resourceSpans or resourceMetrics); it was kept as an unknown event.');
    this.context.emit({
      id: asEventId(`otel-unknown-${parsed.line.number}-${fnv1a(text)}`),
      session: fileSession(this.context.path),
      agent: MAIN_AGENT,
      kind: 'unknown',
      time: null,
      seq: parsed.line.number,
      block: 0,
      source: 'opentelemetry',
      raw: { evidence: this.context.evidence, line: parsed.line.number, offset: parsed.line.offset, length: parsed.line.length },
      recordType: Array.isArray(parsed.value) ? 'array' : typeof parsed.value,
      summary: oneLine(text, 200),
    });
  }
}
