// Reader for OCSF events (Open Cybersecurity Schema Framework, versions 1.0 to 1.x) as JSON:
// one event per line, an array of events, or a single event. API Activity and Authentication
// events of AWS sources share their session ids and credential fingerprints with the CloudTrail
// reader, so an OCSF mapping of a CloudTrail record lands in the same session as the record.

import { asAgentId, asEventId, asSessionId } from '../../model/ids';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { jsonTypeName } from '../cloudtrail/fields';
import { fnv1a, isObject, obj, oneLine, str } from '../values';
import { API_ACTIVITY, AUTHENTICATION, classUid, isOcsfEvent, translateOcsf, type Finding } from './translate';

function score(value: unknown): number {
  if (!isOcsfEvent(value)) return 0;
  const uid = classUid(value);
  return uid === API_ACTIVITY || uid === AUTHENTICATION ? 1 : 0.8;
}

export const ocsfReader: FormatReader = {
  format: 'ocsf',
  detect(_path, sample) {
    if (sample.length === 0) return 0;
    const scores = sample.map((parsed) => score(parsed.value));
    const hits = scores.filter((value) => value > 0);
    if (hits.length === 0) return 0;
    return (Math.max(...hits) * hits.length) / sample.length;
  },
  version(sample) {
    for (const parsed of sample) {
      const version = isObject(parsed.value) ? str(obj(parsed.value.metadata)?.version) : undefined;
      if (version) return version;
    }
    return undefined;
  },
  open: (context) => new OcsfSink(context),
};

class OcsfSink implements RecordSink {
  private seq = 0;

  constructor(private readonly context: ReaderContext) {}

  record(parsed: ParsedLine): void {
    this.seq += 1;
    const { line } = parsed;
    const raw = { evidence: this.context.evidence, line: line.number, offset: line.offset, length: line.length, ...(parsed.pointer ? { pointer: parsed.pointer } : {}) };
    const findings: Finding[] = [];
    if (isOcsfEvent(parsed.value)) {
      this.context.emit(translateOcsf(parsed.value, { raw, seq: this.seq, path: this.context.path }, findings));
    } else {
      findings.push({ code: 'unknown-record', severity: 'warning', reason: 'Not an OCSF event (no numeric class_uid with metadata); it is kept as an unknown event.' });
      const text = JSON.stringify(parsed.value) ?? 'null';
      this.context.emit({
        id: asEventId(`ocsf-${this.seq}-${fnv1a(text)}`),
        session: asSessionId(`ocsf:${this.context.path}`),
        agent: asAgentId('record'),
        kind: 'unknown',
        time: null,
        seq: this.seq,
        block: 0,
        source: 'ocsf',
        raw,
        recordType: jsonTypeName(parsed.value),
        summary: oneLine(text, 200),
      });
    }
    const where = parsed.pointer ? `Record ${this.seq} (${parsed.pointer})` : `Record ${this.seq}`;
    for (const finding of findings) {
      this.context.diagnose({
        code: finding.code,
        severity: finding.severity,
        file: this.context.path,
        line: line.number,
        offset: line.offset,
        length: line.length,
        reason: `${where}: ${finding.reason}`,
      });
    }
  }

  finish(): void {}
}
