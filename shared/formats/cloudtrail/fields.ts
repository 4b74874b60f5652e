// Field access that tolerates the ways CloudTrail exports rewrite a record: Athena and CloudTrail
// Lake query results lower-case the column names (`useridentity`, `eventsource`) and may turn
// nested objects into JSON strings (`requestparameters: "{\"bucketName\":...}"`).

import { isObject, type JsonObject } from '../values';

/** Returns the key under which `name` is stored: as written, else in lower case. */
export function keyOf(record: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.hasOwn(record, lower) ? lower : undefined;
}

export function field(record: JsonObject | undefined, name: string): unknown {
  if (!record) return undefined;
  const key = keyOf(record, name);
  return key === undefined ? undefined : record[key];
}

/** Parses text that contains a JSON object or array; returns undefined for anything else. */
export function parseJsonText(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The value of a field that should be an object, also when an export stored it as a JSON string. */
export function fieldObject(record: JsonObject | undefined, name: string): JsonObject | undefined {
  const value = field(record, name);
  if (isObject(value)) return value;
  if (typeof value === 'string') {
    const parsed = parseJsonText(value);
    if (isObject(parsed)) return parsed;
  }
  return undefined;
}

/** The value of a field that should be an array, also when an export stored it as a JSON string. */
export function fieldArray(record: JsonObject | undefined, name: string): readonly unknown[] | undefined {
  const value = field(record, name);
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const parsed = parseJsonText(value);
    if (Array.isArray(parsed)) return parsed;
  }
  return undefined;
}

/** A non-empty string field. Anonymised or invalid values (`035.249.253.232`) are returned as written. */
export function fieldText(record: JsonObject | undefined, name: string): string | undefined {
  const value = field(record, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A boolean field, also written as the text `true` or `false` by some exports. */
export function fieldBoolean(record: JsonObject | undefined, name: string): boolean | undefined {
  const value = field(record, name);
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Names the JSON type of a value that is not a known record, for `recordType`. */
export function jsonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}
