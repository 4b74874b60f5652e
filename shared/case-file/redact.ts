// Redaction for exports: secrets and chosen kinds of personal data are replaced in evidence
// copies and in analysts' notes. Each removed span keeps its byte offset in the original and the
// SHA-256 of its bytes, so whoever holds the original can prove what was removed.
//
// NOTE: a SHA-256 of a short value (an IP address, a user name) can be found by trying
// candidates, so redactions.json hides such values only from a reader who cannot guess them.

import { sha256Hex } from '../io/hash';
import { findSecrets } from '../secrets/mask';
import type { CaseRecords, Redaction } from './content';
import type { Annotation, Chain, LogEntry, Review, Versioned } from './types';

export type PersonalKind = 'email' | 'user-name' | 'home-path' | 'ip';

export const PERSONAL_KINDS: readonly { readonly kind: PersonalKind; readonly label: string }[] = [
  { kind: 'email', label: 'Email addresses' },
  { kind: 'user-name', label: 'User names (from home folders and user fields)' },
  { kind: 'home-path', label: 'Home-folder paths' },
  { kind: 'ip', label: 'IP addresses' },
];

export interface RedactionOptions {
  /** `secrets` for everything findSecrets matches, plus the personal kinds chosen. */
  readonly kinds: readonly ('secrets' | PersonalKind)[];
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\b/g;
// IPv6 in full (eight groups) or compressed with `::`, so times like 12:30:45 do not match.
const IPV6_FULL = /(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])/g;
const IPV6_COMPRESSED = /(?<![\w:])(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?(?![\w:])/g;
// Home folders on Linux, macOS and Windows (backslashes may be doubled inside JSON strings).
const HOME = /(?:\/home\/|\/Users\/|[A-Za-z]:(?:\\\\|\\)Users(?:\\\\|\\))([A-Za-z0-9._-]+)/g;
// JSON fields that name a user: "user": "alice", "userName": "alice", "login": "alice".
const USER_FIELD = /"(?:user|userName|username|user_name|login|owner)"\s*:\s*"([^"\\]{1,64})"/g;

function matchesOf(regex: RegExp, text: string, kind: string, group = 0): Span[] {
  const spans: Span[] = [];
  regex.lastIndex = 0;
  for (const match of text.matchAll(regex)) {
    const value = match[group];
    if (!value || match.index === undefined) continue;
    const start = match.index + match[0].indexOf(value);
    spans.push({ start, end: start + value.length, kind });
  }
  return spans;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds the spans to remove from text; overlapping spans keep the earliest, longest one. */
export function findRedactions(text: string, options: RedactionOptions): Span[] {
  const kinds = new Set(options.kinds);
  const spans: Span[] = [];
  if (kinds.has('secrets')) spans.push(...findSecrets(text).map((match) => ({ start: match.start, end: match.end, kind: match.kind })));
  if (kinds.has('email')) spans.push(...matchesOf(EMAIL, text, 'email'));
  if (kinds.has('ip')) {
    const compressed = matchesOf(IPV6_COMPRESSED, text, 'ip').filter((span) => span.end - span.start > 2);
    spans.push(...matchesOf(IPV4, text, 'ip'), ...matchesOf(IPV6_FULL, text, 'ip'), ...compressed);
  }
  if (kinds.has('home-path')) spans.push(...matchesOf(HOME, text, 'home-path'));
  if (kinds.has('user-name')) {
    const names = new Set([...matchesOf(HOME, text, 'user-name', 1), ...matchesOf(USER_FIELD, text, 'user-name', 1)].map((span) => text.slice(span.start, span.end)));
    // Names of one or two characters would match inside ordinary words.
    const usable = [...names].filter((name) => name.length >= 3);
    if (usable.length > 0) {
      const anyName = new RegExp(`(?<![A-Za-z0-9_])(?:${usable.map(escapeRegex).join('|')})(?![A-Za-z0-9_])`, 'g');
      spans.push(...matchesOf(anyName, text, 'user-name'));
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of spans) {
    const last = kept.at(-1);
    if (last && span.start < last.end) continue;
    kept.push(span);
  }
  return kept;
}

const encoder = new TextEncoder();

/**
 * Replaces the spans in UTF-8 bytes. Text that is not valid UTF-8 is searched one byte per
 * character, so byte offsets stay exact and bytes outside the spans are copied unchanged.
 */
export async function redactBytes(bytes: Uint8Array, entry: string, location: string, options: RedactionOptions, out: Redaction[]): Promise<Uint8Array> {
  let text: string;
  let oneBytePerChar = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
    oneBytePerChar = true;
  }
  const spans = findRedactions(text, options);
  if (spans.length === 0) return bytes;
  const pieces: Uint8Array[] = [];
  let charAt = 0;
  let byteAt = 0;
  for (const span of spans) {
    const before = oneBytePerChar ? span.start - charAt : encoder.encode(text.slice(charAt, span.start)).length;
    const length = oneBytePerChar ? span.end - span.start : encoder.encode(text.slice(span.start, span.end)).length;
    const start = byteAt + before;
    pieces.push(bytes.subarray(byteAt, start));
    const removed = bytes.subarray(start, start + length);
    const replacement = `[REDACTED ${span.kind} ${out.length + 1}]`;
    pieces.push(encoder.encode(replacement));
    out.push({ entry, location, kind: span.kind, offset: start, length, sha256: await sha256Hex(removed), replacement });
    charAt = span.end;
    byteAt = start + length;
  }
  pieces.push(bytes.subarray(byteAt));
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const result = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    result.set(piece, at);
    at += piece.length;
  }
  return result;
}

async function redactText(text: string, entry: string, location: string, options: RedactionOptions, out: Redaction[]): Promise<string> {
  if (text === '') return text;
  return new TextDecoder().decode(await redactBytes(encoder.encode(text), entry, location, options, out));
}

async function redactVersions<T extends { readonly id: string }>(
  records: readonly Versioned<T>[],
  entry: string,
  fields: readonly (keyof T & string)[],
  options: RedactionOptions,
  out: Redaction[],
): Promise<Versioned<T>[]> {
  const redactOne = async (record: T): Promise<T> => {
    const copy: Record<string, unknown> = { ...record };
    for (const field of fields) {
      const value = copy[field];
      if (typeof value === 'string') copy[field] = await redactText(value, entry, `${record.id}/${field}`, options, out);
    }
    return copy as T;
  };
  const result: Versioned<T>[] = [];
  for (const record of records) {
    const main = await redactOne(record);
    const conflicts = record.conflicts ? await Promise.all(record.conflicts.map(redactOne)) : undefined;
    result.push(conflicts ? { ...main, conflicts } : main);
  }
  return result;
}

/** Redacts the analysts' free text: notes, titles, narratives, labels and log details. */
export async function redactRecords(records: CaseRecords, options: RedactionOptions, out: Redaction[]): Promise<CaseRecords> {
  return {
    annotations: await redactVersions<Annotation>(records.annotations, 'annotations.json', ['note', 'label'], options, out),
    chains: await redactVersions<Chain>(records.chains, 'chains.json', ['title', 'narrative'], options, out),
    reviews: await redactVersions<Review>(records.reviews, 'reviews.json', ['note'], options, out),
    log: await redactVersions<LogEntry>(records.log, 'log.json', ['detail'], options, out),
    findings: records.findings,
  };
}
