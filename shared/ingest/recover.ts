// Recovery of records from damaged JSONL lines. A writer that crashes leaves two kinds of damage.
// A preallocated file keeps runs of NUL bytes where nothing was written. A record cut short is
// followed on the same line by the next whole record, written after a restart.

/** A span of a line's text, in UTF-16 code units. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** Splits a line's text at runs of NUL characters: the text between them and the runs themselves. */
export function splitAtNulRuns(text: string): { segments: TextSpan[]; runs: TextSpan[] } {
  const segments: TextSpan[] = [];
  const runs: TextSpan[] = [];
  let at = 0;
  while (at < text.length) {
    const nul = text.indexOf('\0', at);
    if (nul === -1) break;
    let end = nul;
    while (end < text.length && text.charCodeAt(end) === 0) end += 1;
    if (nul > at) segments.push({ start: at, end: nul });
    runs.push({ start: nul, end });
    at = end;
  }
  if (at < text.length) segments.push({ start: at, end: text.length });
  return { segments, runs };
}

/** UTF-8 byte length of `text.slice(start, end)`, counted without encoding it. */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

export interface GluedRecord {
  /** Start of the whole record, in UTF-16 code units from the start of the line. */
  readonly index: number;
  readonly value: unknown;
  /** True when the text before `index` is itself a whole JSON value (a lost line break). */
  readonly prefixWhole: boolean;
  /** The text before `index` parsed, when it is a whole JSON value. */
  readonly prefixValue?: unknown;
}

/** Parse attempts per line, so that a long line full of braces costs linear time, not quadratic. */
const MAX_ATTEMPTS = 32;

/**
 * Finds a whole JSON object that fills the end of a line which does not parse as a whole. A
 * candidate start is `{"` where an object cannot begin inside a valid record: inside a string
 * (where a valid record would escape the quote) or after anything but `:`, `,` or `[`. The
 * earliest candidate whose rest of the line parses wins.
 * NOTE: a record glued right after a cut that ends in `:`, `,` or `[` outside a string is not
 * found, because there an object is a nested value. The whole line is then reported as invalid.
 */
export function findGluedRecord(text: string): GluedRecord | undefined {
  let inString = false;
  let escaped = false;
  let previous = '';
  let attempts = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (i > 0 && char === '{' && text[i + 1] === '"' && (inString || !':,['.includes(previous))) {
      const found = tryParse(text.slice(i));
      if (found.ok) {
        const prefix = tryParse(text.slice(0, i));
        return prefix.ok
          ? { index: i, value: found.value, prefixWhole: true, prefixValue: prefix.value }
          : { index: i, value: found.value, prefixWhole: false };
      }
      attempts += 1;
      if (attempts >= MAX_ATTEMPTS) return undefined;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    if (char !== ' ' && char !== '\t' && char !== '\r') previous = char;
  }
  return undefined;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
