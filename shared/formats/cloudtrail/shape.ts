// Recognises the shapes CloudTrail data takes on disk, by content: single event records, the
// `{"Records":[...]}` files that S3 delivery writes, `aws cloudtrail lookup-events` output
// (`{"Events":[{"CloudTrailEvent":"<record as JSON text>", ...}]}`), and digest files, which
// hold hashes of log files instead of events.

import { isObject, type JsonObject } from '../values';
import { field, fieldText, keyOf } from './fields';

export type CloudTrailShape = 'record' | 'records' | 'lookup-events' | 'lookup-event' | 'digest' | 'other';

/** Keys of a CloudTrail digest file; a digest has several of them and no event fields. */
const DIGEST_KEYS = [
  'digestStartTime',
  'digestEndTime',
  'digestS3Bucket',
  'digestS3Object',
  'digestPublicKeyFingerprint',
  'digestSignatureAlgorithm',
  'previousDigestS3Object',
  'previousDigestSignature',
  'logFiles',
];

export function isEventRecord(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const source = fieldText(value, 'eventSource');
  if (!source || !fieldText(value, 'eventName')) return false;
  // Lambda event payloads (S3 notifications, SQS, DynamoDB streams) also come as `Records` with
  // an eventName, but their eventSource is `aws:s3`, `aws:sqs`, ... rather than a host name.
  if (source.startsWith('aws:')) return false;
  return field(value, 'eventTime') !== undefined || field(value, 'eventID') !== undefined || field(value, 'userIdentity') !== undefined;
}

export function isDigest(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  return DIGEST_KEYS.filter((key) => keyOf(value, key) !== undefined).length >= 2;
}

/** Tests for one item of lookup-events output: the record as JSON text, or at least the summary fields. */
export function isLookupEvent(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  if (typeof value.CloudTrailEvent === 'string' || isObject(value.CloudTrailEvent)) return true;
  return typeof value.EventId === 'string' && typeof value.EventName === 'string' && typeof value.EventSource === 'string';
}

export function classify(value: unknown): CloudTrailShape {
  if (!isObject(value)) return 'other';
  if (Array.isArray(field(value, 'Records'))) return 'records';
  if (Array.isArray(value.Events) && isLookupEvent(value.Events[0])) return 'lookup-events';
  if (isLookupEvent(value)) return 'lookup-event';
  if (isEventRecord(value)) return 'record';
  if (isDigest(value)) return 'digest';
  return 'other';
}

/** Scores a sampled value as CloudTrail data: 1 for a known shape, else 0. */
export function cloudTrailScore(value: unknown): number {
  if (Array.isArray(value)) return value.length > 0 ? cloudTrailScore(value[0]) : 0;
  const shape = classify(value);
  if (shape === 'other') return 0;
  if (shape === 'records') {
    const first = (field(value as JsonObject, 'Records') as unknown[])[0];
    return isEventRecord(first) || isLookupEvent(first) ? 1 : 0;
  }
  return 1;
}
