// Decoding of OTLP JSON values: AnyValue, attribute lists, 64-bit integers, timestamps in
// nanoseconds, trace and span ids, and enums. The OTLP JSON encoding writes keys in lowerCamelCase,
// int64 values as strings or numbers, ids as hex and enums as integers; some producers write
// snake_case keys, base64 ids (the generic protobuf JSON mapping) and enum names, so every helper
// here accepts both forms.

import type { Attributes } from '../../model/events';
import type { EpochMs, Timestamp } from '../../model/time';
import { isObject, type JsonObject } from '../values';

/** A decoded attribute value: JSON scalars, arrays and objects, int64 beyond 2^53 as a decimal string. */
export type OtelValue = string | number | boolean | null | readonly OtelValue[] | { readonly [key: string]: OtelValue };

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Reads a field by its lowerCamelCase name, or by the snake_case spelling some producers use. */
export function field(record: JsonObject | undefined, key: string): unknown {
  if (!record) return undefined;
  if (key in record) return record[key];
  return record[snakeCase(key)];
}

/** The key a field was found under, for JSON pointers into the record. */
export function fieldKey(record: JsonObject, key: string): string {
  return key in record ? key : snakeCase(key);
}

/** Items of an array field; absent or non-array fields give none. */
export function items(record: JsonObject | undefined, key: string): readonly unknown[] {
  const value = field(record, key);
  return Array.isArray(value) ? value : [];
}

const DECIMAL = /^-?\d+$/;

/**
 * Decodes an int64 written as a JSON number or a decimal string. Values within 2^53 become
 * numbers; larger ones stay decimal strings so no digit is lost.
 */
export function decodeInt(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) return undefined;
  const text = value.trim();
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : text;
}

/** Decodes one OTLP AnyValue; an unrecognised shape is returned as its JSON text. */
export function decodeAnyValue(value: unknown, depth = 0): OtelValue {
  if (!isObject(value)) return value === undefined ? null : (value as OtelValue);
  if (depth > 16) return '…';
  const text = field(value, 'stringValue');
  if (typeof text === 'string') return text;
  const bool = field(value, 'boolValue');
  if (typeof bool === 'boolean') return bool;
  const int = field(value, 'intValue');
  if (int !== undefined) return decodeInt(int) ?? String(int);
  const double = field(value, 'doubleValue');
  if (typeof double === 'number') return double;
  // Infinity and NaN are written as strings in OTLP JSON.
  if (typeof double === 'string') return Number(double);
  const bytes = field(value, 'bytesValue');
  if (typeof bytes === 'string') return bytes;
  const array = field(value, 'arrayValue');
  if (isObject(array)) return items(array, 'values').map((item) => decodeAnyValue(item, depth + 1));
  const list = field(value, 'kvlistValue');
  if (isObject(list)) return decodeAttributes(items(list, 'values'), depth + 1);
  if (Object.keys(value).length === 0) return null;
  return JSON.stringify(value);
}

/** Decodes an OTLP attribute list (`[{key, value}]`) into an object; later keys win. */
export function decodeAttributes(list: readonly unknown[], depth = 0): Record<string, OtelValue> {
  const out: Record<string, OtelValue> = {};
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.key !== 'string') continue;
    out[entry.key] = decodeAnyValue(entry.value, depth);
  }
  return out;
}

/** A decoded attribute as text: strings as they are, numbers and booleans printed. */
export function text(attributes: Readonly<Record<string, OtelValue>>, key: string): string | undefined {
  const value = attributes[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A decoded attribute as a number; Claude Code sends some numbers as strings (`"1493"`). */
export function numeric(attributes: Readonly<Record<string, OtelValue>>, key: string): number | undefined {
  const value = attributes[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A decoded attribute as a boolean; `"true"` and `"false"` strings count. */
export function flag(attributes: Readonly<Record<string, OtelValue>>, key: string): boolean | undefined {
  const value = attributes[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

const MAX_ATTRS = 80;
const MAX_ATTR_CHARS = 1000;

/** Flattens decoded attributes to the scalar form events keep; arrays and maps become JSON text. */
export function scalarAttributes(attributes: Readonly<Record<string, OtelValue>>): Attributes {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(attributes).slice(0, MAX_ATTRS)) {
    if (value === null || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else {
      const flat = typeof value === 'string' ? value : JSON.stringify(value);
      out[key] = flat.length > MAX_ATTR_CHARS ? `${flat.slice(0, MAX_ATTR_CHARS - 1)}…` : flat;
    }
  }
  return out;
}

const NANOS_PER_MS = 1_000_000n;

/**
 * Converts a `*UnixNano` value (decimal string or JSON number) to a Timestamp. The nanoseconds
 * are kept exactly as a BigInt decimal in `nanos`; zero, which OTLP uses for "not set", gives null.
 */
export function nanoTime(value: unknown): Timestamp | null {
  let nanos: bigint;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) nanos = BigInt(value.trim());
  else if (typeof value === 'number' && Number.isInteger(value)) {
    // NOTE: a JSON number above 2^53 has already been rounded by JSON.parse, so its last digits
    // may differ from the file; only the string form keeps every digit.
    nanos = BigInt(value);
  } else return null;
  if (nanos <= 0n) return null;
  const ms = Number(nanos / NANOS_PER_MS);
  return { ms: ms as EpochMs, nanos: nanos.toString(), original: String(value), zoneKnown: true };
}

/** Returns the first set time among `*UnixNano` fields of a record. */
export function firstTime(record: JsonObject, keys: readonly string[]): Timestamp | null {
  for (const key of keys) {
    const time = nanoTime(field(record, key));
    if (time) return time;
  }
  return null;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64ToHex(value: string): string | undefined {
  const clean = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  let bits = 0;
  let buffer = 0;
  let hex = '';
  for (const char of clean) {
    buffer = (buffer << 6) | BASE64.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += ((buffer >> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return hex;
}

/**
 * Normalises a trace id (16 bytes) or span id (8 bytes) to lower-case hex. OTLP JSON writes hex,
 * the generic protobuf JSON mapping writes base64; a value of the hex length made only of hex
 * digits is read as hex. An empty or all-zero id means "none" and gives undefined.
 */
export function normaliseId(value: unknown, bytes: 8 | 16): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  let hex: string | undefined;
  if (trimmed.length === bytes * 2 && /^[0-9a-f]+$/i.test(trimmed)) hex = trimmed.toLowerCase();
  else {
    const decoded = base64ToHex(trimmed);
    hex = decoded?.length === bytes * 2 ? decoded : trimmed.toLowerCase();
  }
  return /^0+$/.test(hex) ? undefined : hex;
}

/** True when an id could not be read as hex or base64 of the expected length. */
export function isMalformedId(value: unknown, bytes: 8 | 16): boolean {
  const id = normaliseId(value, bytes);
  return id !== undefined && !new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(id);
}

const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

/** Reads a span kind written as a number (`1`) or a name (`SPAN_KIND_INTERNAL`). */
export function spanKind(value: unknown): SpanKind {
  if (typeof value === 'number') return SPAN_KINDS[value] ?? 'unspecified';
  if (typeof value === 'string') {
    if (DECIMAL.test(value)) return SPAN_KINDS[Number(value)] ?? 'unspecified';
    const name = value.toLowerCase().replace(/^span_kind_/, '');
    return (SPAN_KINDS as readonly string[]).includes(name) ? (name as SpanKind) : 'unspecified';
  }
  return 'unspecified';
}

const STATUS_CODES = ['unset', 'ok', 'error'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** Reads a status code written as a number (`2`) or a name (`STATUS_CODE_ERROR`). */
export function statusCode(value: unknown): StatusCode {
  if (typeof value === 'number') return STATUS_CODES[value] ?? 'unset';
  if (typeof value === 'string') {
    if (DECIMAL.test(value)) return STATUS_CODES[Number(value)] ?? 'unset';
    const name = value.toLowerCase().replace(/^status_code_/, '');
    return (STATUS_CODES as readonly string[]).includes(name) ? (name as StatusCode) : 'unset';
  }
  return 'unset';
}

const SEVERITY_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** Reads a severity number written as a number (`9`) or a name (`SEVERITY_NUMBER_INFO2`). */
export function severityNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (DECIMAL.test(value)) return Number(value);
  const match = /^SEVERITY_NUMBER_([A-Z]+)(\d)?$/.exec(value.toUpperCase());
  const index = match ? SEVERITY_NAMES.indexOf(match[1]!) : -1;
  if (index < 0) return undefined;
  return index * 4 + Number(match![2] ?? '1');
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}
