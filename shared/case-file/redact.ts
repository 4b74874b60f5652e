// Redaction for exports: secrets and chosen kinds of personal data are replaced in evidence
// copies and in every text of the case file (see redact-case.ts). Each removed span keeps its
// byte offset in the original and the SHA-256 of its bytes, so the holder of the original can
// prove what was removed.
//
// NOTE: a SHA-256 of a short value (an IP address, a user name) can be found by trying
// candidates, so redactions.json hides such values only from a reader who cannot guess them.

import { sha256Hex } from '../io/hash';
import { findSecrets } from '../secrets/mask';
import type { Redaction } from './content';

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
// An IPv4 octet, with leading zeros as some logs write them (`08.1.250.216`, `075.050.255.67`).
const OCTET = '(?:25[0-5]|2[0-4]\\d|[01]?\\d?\\d)';
const DOTTED_QUAD = `${OCTET}(?:\\.${OCTET}){3}`;
// Not part of a longer dotted number such as the version 1.2.3.4.5.
const IPV4 = new RegExp(`(?<![\\w.])${DOTTED_QUAD}(?![\\w]|\\.\\d)`, 'g');
const HEXTET = '[0-9a-fA-F]{1,4}';
// IPv6 in full (eight groups), compressed with `::`, or ending in an IPv4 address (`::ffff:192.0.2.1`,
// `64:ff9b::192.0.2.33`), with an optional zone (`fe80::1%eth0`). Times like 12:30:45 do not match.
const IPV6 = new RegExp(
  `(?<![\\w:.])(?:(?:${HEXTET}:){7}${HEXTET}|(?:${HEXTET}:){6}${DOTTED_QUAD}|(?:${HEXTET}(?::${HEXTET}){0,6})?::(?:(?:${HEXTET}:){0,5}${DOTTED_QUAD}|${HEXTET}(?::${HEXTET}){0,6})?)(?:%[0-9A-Za-z._~-]+)?(?![\\w:]|\\.\\d)`,
  'g',
);
// Home folders on Linux, macOS and Windows (backslashes may be doubled inside JSON strings).
const HOME = /(?:\/home\/|\/Users\/|[A-Za-z]:(?:\\\\|\\)Users(?:\\\\|\\))([A-Za-z0-9._-]+)/g;
// A home folder at the start of a path relative to an archive's root, such as `Users/alice/.claude`.
const RELATIVE_HOME = /^(?:home|Users)\/([A-Za-z0-9._-]+)/g;
// JSON fields that name a user: "user": "alice", "userName": "alice", "login": "alice".
// The value may contain JSON escapes, which namesIn decodes.
const USER_FIELD = /"(?:user|userName|username|user_name|login|owner)"\s*:\s*"((?:[^"\\\r\n]|\\[^\r\n]){1,64}?)"/g;
// A JSON string literal with at least one escape. In JSON, quotes outside strings only delimit
// strings, so a match starts at an opening quote.
const ESCAPED_STRING = /"[^"\\\r\n]*(?:\\[^\r\n][^"\\\r\n]*)+"/g;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Text searched for spans, with the offset in the original text where each of its UTF-16 units starts. */
interface SearchView {
  readonly text: string;
  /** `starts[i]` is the original offset of unit i; `starts[text.length]` is where the view ends. Null for the original text itself. */
  readonly starts: readonly number[] | null;
}

/**
 * Appends the decoded content of a JSON string (`\u0041`, `\n`, `\\`) to `units`, and to
 * `starts` the original offset of each decoded unit. An invalid escape is kept as written.
 * `base` is the content's offset in the original text.
 */
function decodeJsonString(content: string, base: number, units: string[], starts: number[]): void {
  let at = 0;
  while (at < content.length) {
    starts.push(base + at);
    const char = content[at]!;
    const next = content[at + 1];
    if (char === '\\' && next === 'u' && /^[0-9a-fA-F]{4}$/.test(content.slice(at + 2, at + 6))) {
      units.push(String.fromCharCode(parseInt(content.slice(at + 2, at + 6), 16)));
      at += 6;
    } else if (char === '\\' && next !== undefined && SIMPLE_ESCAPES[next] !== undefined) {
      units.push(SIMPLE_ESCAPES[next]);
      at += 2;
    } else {
      units.push(char);
      at += 1;
    }
  }
}

function decodedValue(content: string): string {
  const units: string[] = [];
  decodeJsonString(content, 0, units, []);
  return units.join('');
}

/** Decoded units searched together, so that the many short strings of a file cost few regex runs. */
const VIEW_UNITS = 1 << 20;

/**
 * Yields the original text, then the decoded content of the JSON string literals in it that have
 * escapes, so that `\u0041KIA…` is found as the access key it encodes. Decoded literals are
 * joined by line breaks into views of about VIEW_UNITS units, which bounds the offset tables.
 */
function* searchViews(text: string): Generator<SearchView> {
  yield { text, starts: null };
  if (!text.includes('\\')) return;
  let units: string[] = [];
  let starts: number[] = [];
  // Original offset of the closing quote of the last literal decoded.
  let contentEnd = 0;
  for (const literal of text.matchAll(ESCAPED_STRING)) {
    if (units.length > 0) {
      // The line break stands for the previous literal's closing quote.
      starts.push(contentEnd);
      units.push('\n');
    }
    const base = literal.index + 1;
    decodeJsonString(literal[0].slice(1, -1), base, units, starts);
    contentEnd = base + literal[0].length - 2;
    if (units.length >= VIEW_UNITS) {
      starts.push(contentEnd);
      yield { text: units.join(''), starts };
      units = [];
      starts = [];
    }
  }
  if (units.length > 0) {
    starts.push(contentEnd);
    yield { text: units.join(''), starts };
  }
}

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

/** Returns the user names that text reveals through home folders and user fields. */
export function namesIn(text: string): Set<string> {
  return namesInViews(searchViews(text));
}

function namesInViews(views: Iterable<SearchView>): Set<string> {
  const names = new Set<string>();
  for (const { text } of views) {
    for (const span of [...matchesOf(HOME, text, 'user-name', 1), ...matchesOf(RELATIVE_HOME, text, 'user-name', 1)]) names.add(text.slice(span.start, span.end));
    for (const span of matchesOf(USER_FIELD, text, 'user-name', 1)) names.add(decodedValue(text.slice(span.start, span.end)));
  }
  return names;
}

/**
 * Account names that system and CI accounts share and that name no person. They are left in
 * place, because every user name found is removed from every text of an export, and words such
 * as "root" or "admin" also appear in ordinary sentences.
 */
const SHARED_ACCOUNTS: ReadonlySet<string> = new Set(['root', 'admin', 'administrator', 'system', 'nobody', 'daemon', 'guest', 'user', 'runner', 'ubuntu', 'debian', 'ec2-user', 'shared', 'public', 'default']);

interface NamePatterns {
  /** The names and their folder-name forms; null when no name is long enough to search for. */
  readonly names: RegExp | null;
  /** A home folder in a Claude Code project folder name, such as `-home-alice-smith`. */
  readonly encodedHome: RegExp;
}

/**
 * Builds the patterns for user names and the forms they take in folder names: Claude Code names
 * a project folder after its working directory with every character other than a letter or digit
 * replaced by `-`, so `/home/alice.smith/app` becomes `-home-alice-smith-app`.
 */
function namePatterns(names: Iterable<string>): NamePatterns {
  const forms = new Set<string>();
  const encoded = new Set<string>();
  for (const name of names) {
    const dashed = name.replace(/[^A-Za-z0-9]/g, '-');
    encoded.add(dashed);
    // Names of one or two characters would match inside ordinary words.
    if (name.length < 3 || SHARED_ACCOUNTS.has(name.toLowerCase())) continue;
    forms.add(name);
    forms.add(dashed);
  }
  // Longer forms first, so that `alice.smith` wins over a learned `alice`.
  const alternatives = (set: Set<string>) => [...set].sort((a, b) => b.length - a.length).map(escapeRegex);
  const encodedName = [...alternatives(encoded), '[A-Za-z0-9]+'].join('|');
  return {
    names: forms.size > 0 ? new RegExp(`(?<![A-Za-z0-9_])(?:${alternatives(forms).join('|')})(?![A-Za-z0-9_])`, 'g') : null,
    encodedHome: new RegExp(`(?<![A-Za-z0-9])-(?:home|Users)-(?:${encodedName})(?![A-Za-z0-9])`, 'g'),
  };
}

/**
 * Finds the spans to remove from text; overlapping spans keep the earliest, longest one. User
 * names are those the text reveals itself plus `knownNames`, such as the names found in the
 * other files of the same export.
 */
export function findRedactions(text: string, options: RedactionOptions, knownNames: ReadonlySet<string> = new Set()): Span[] {
  return findInViews(searchViews(text), options, namePatterns([...knownNames, ...namesIn(text)]));
}

/** Finds spans in every view, mapped to offsets in the original text, and drops overlaps. */
function findInViews(views: Iterable<SearchView>, options: RedactionOptions, patterns: NamePatterns): Span[] {
  const spans: Span[] = [];
  for (const view of views) {
    const starts = view.starts;
    const found = findWithPatterns(view.text, options, patterns);
    // A span that covers part of an escape covers the whole escape in the original.
    spans.push(...(starts ? found.map((span) => ({ start: starts[span.start]!, end: starts[span.end]!, kind: span.kind })) : found));
  }
  return withoutOverlaps(spans);
}

function withoutOverlaps(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of spans) {
    const last = kept.at(-1);
    if (last && span.start < last.end) continue;
    kept.push(span);
  }
  return kept;
}

function findWithPatterns(text: string, options: RedactionOptions, patterns: NamePatterns): Span[] {
  const kinds = new Set(options.kinds);
  const spans: Span[] = [];
  if (kinds.has('secrets')) spans.push(...findSecrets(text).map((match) => ({ start: match.start, end: match.end, kind: match.kind })));
  if (kinds.has('email')) spans.push(...matchesOf(EMAIL, text, 'email'));
  if (kinds.has('ip')) {
    // A bare `::` is more often C++ or Ruby scope syntax than the unspecified address.
    const ipv6 = matchesOf(IPV6, text, 'ip').filter((span) => span.end - span.start > 2);
    spans.push(...matchesOf(IPV4, text, 'ip'), ...ipv6);
  }
  if (kinds.has('home-path')) {
    spans.push(...matchesOf(HOME, text, 'home-path'), ...matchesOf(RELATIVE_HOME, text, 'home-path'), ...matchesOf(patterns.encodedHome, text, 'home-path'));
  }
  if (kinds.has('user-name') && patterns.names) spans.push(...matchesOf(patterns.names, text, 'user-name'));
  return withoutOverlaps(spans);
}

const encoder = new TextEncoder();

function joinPieces(pieces: readonly Uint8Array[]): Uint8Array {
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const result = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    result.set(piece, at);
    at += piece.length;
  }
  return result;
}

/** Decodes UTF-8 strictly, or one byte per character when the bytes are not valid UTF-8. */
function decodeForSearch(bytes: Uint8Array): { readonly text: string; readonly oneBytePerChar: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), oneBytePerChar: false };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), oneBytePerChar: true };
  }
}

/**
 * Applies one export's redaction to every text it carries. User names found anywhere in the
 * export (`learn`) are removed everywhere, so a name seen in one evidence file is also removed
 * from the others, from paths and from findings. Every removed span is added to `redactions`.
 */
export class Redactor {
  readonly redactions: Redaction[] = [];
  private readonly names = new Set<string>();
  private patterns = namePatterns([]);

  constructor(readonly options: RedactionOptions) {}

  /** Adds the user names that text reveals to the names removed from every text. */
  learn(text: string): void {
    const before = this.names.size;
    for (const name of namesIn(text)) this.names.add(name);
    if (this.names.size !== before) this.patterns = namePatterns(this.names);
  }

  /** Learns from bytes decoded as `bytes` decodes them. */
  learnBytes(bytes: Uint8Array): void {
    this.learn(decodeForSearch(bytes).text);
  }

  private find(text: string): Span[] {
    const own = namesIn(text);
    const known = [...own].every((name) => this.names.has(name));
    return findInViews(searchViews(text), this.options, known ? this.patterns : namePatterns([...this.names, ...own]));
  }

  /**
   * Replaces the spans in UTF-8 bytes. Text that is not valid UTF-8 is searched one byte per
   * character, so byte offsets stay exact and bytes outside the spans are copied unchanged.
   * `location` names where the bytes are: an evidence path (as redacted) or a field.
   */
  async bytes(bytes: Uint8Array, entry: string, location: string): Promise<Uint8Array> {
    const { text, oneBytePerChar } = decodeForSearch(bytes);
    const spans = this.find(text);
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
      const replacement = `[REDACTED ${span.kind} ${this.redactions.length + 1}]`;
      pieces.push(encoder.encode(replacement));
      this.redactions.push({ entry, location, kind: span.kind, offset: start, length, sha256: await sha256Hex(removed), replacement });
      charAt = span.end;
      byteAt = start + length;
    }
    pieces.push(bytes.subarray(byteAt));
    return joinPieces(pieces);
  }

  /** Redacts a text field; offsets in `redactions` count the field's UTF-8 bytes. */
  async text(text: string, entry: string, location: string): Promise<string> {
    if (text === '') return text;
    return new TextDecoder().decode(await this.bytes(encoder.encode(text), entry, location));
  }
}

