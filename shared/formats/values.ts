// Small helpers for reading untyped JSON records without throwing.

import { clipText } from '../secrets/cut';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function arr(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** Cuts text to `max` characters for summaries, on one line. */
export function oneLine(text: string, max = 240): string {
  // Collapsing whitespace only shortens text, so once a prefix flattens to more than `max`
  // characters, the result is decided; tool outputs of hundreds of KB are then never scanned whole.
  for (let take = max * 4; take < text.length; take *= 4) {
    const flat = text.slice(0, take).replace(/\s+/g, ' ').trim();
    if (flat.length > max) return `${clipText(flat, max - 1)}…`;
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${clipText(flat, max - 1)}…` : flat;
}

/**
 * Returns a copy of a JSON value whose strings are cut so the whole stays near `budget`
 * characters, and whether anything was cut. The raw record keeps the full value.
 */
export function capValue(value: unknown, budget = 8192): { value: unknown; truncated: boolean } {
  const size = JSON.stringify(value ?? null).length;
  if (size <= budget) return { value, truncated: false };
  const perString = Math.max(256, Math.floor(budget / 8));
  return { value: cut(value, perString, 0), truncated: true };
}

function cut(value: unknown, perString: number, depth: number): unknown {
  if (typeof value === 'string') return value.length > perString ? `${clipText(value, perString)}…` : value;
  if (depth > 6) return '…';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => cut(item, perString, depth + 1));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value).slice(0, 50)) out[key] = cut(item, perString, depth + 1);
    return out;
  }
  return value;
}

/** FNV-1a over a string: a short stable id for records that carry none. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
