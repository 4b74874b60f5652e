// Salvages the records of a JSON document that does not parse as a whole: a CloudTrail
// `{"Records": [...]}` file or a bare array with one damaged record. The record array is split
// into its elements by a scanner that tracks strings and nesting, and each element is parsed on
// its own, so one bad record costs that record only.

export interface SalvagedItem {
  readonly index: number;
  readonly value: unknown;
  /** UTF-16 offsets of the element in the document text. */
  readonly start: number;
  readonly end: number;
}

export interface SalvageError {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface Salvage {
  /** JSON pointer of the record array: `` for a root array, `/Records` for a key of the root object. */
  readonly pointer: string;
  readonly items: readonly SalvagedItem[];
  readonly errors: readonly SalvageError[];
}

const WHITESPACE = /\s/;

/** Returns the index just past the string that starts at `at` (a double quote). */
function skipString(text: string, at: number): number {
  let index = at + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return text.length;
}

/** Returns the index just past the value (object, array, string or scalar) that starts at `at`. */
function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  if (first !== '{' && first !== '[') {
    let index = at;
    while (index < text.length && !/[,\]}\s]/.test(text[index]!)) index += 1;
    return index;
  }
  let depth = 0;
  let index = at;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      index = skipString(text, index);
      continue;
    }
    if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  let index = at;
  while (index < text.length && WHITESPACE.test(text[index]!)) index += 1;
  return index;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Finds the record array: the root array, or the first array-valued key of the root object. */
function findArray(text: string): { start: number; pointer: string } | null {
  let index = skipSpace(text, 0);
  if (text[index] === '[') return { start: index, pointer: '' };
  if (text[index] !== '{') return null;
  index += 1;
  while (index < text.length) {
    index = skipSpace(text, index);
    if (text[index] !== '"') return null;
    const keyEnd = skipString(text, index);
    let key: string;
    try {
      key = JSON.parse(text.slice(index, keyEnd)) as string;
    } catch {
      return null;
    }
    index = skipSpace(text, keyEnd);
    if (text[index] !== ':') return null;
    index = skipSpace(text, index + 1);
    if (text[index] === '[') return { start: index, pointer: `/${escapePointer(key)}` };
    index = skipSpace(text, skipValue(text, index));
    if (text[index] === ',') index += 1;
    else return null;
  }
  return null;
}

export function salvageRecords(text: string): Salvage | null {
  const array = findArray(text);
  if (!array) return null;
  const items: SalvagedItem[] = [];
  const errors: SalvageError[] = [];
  let index = array.start + 1;
  let position = 0;
  let closed = false;
  while (index < text.length) {
    index = skipSpace(text, index);
    if (text[index] === ']') {
      closed = true;
      break;
    }
    if (index >= text.length) break;
    const start = index;
    const end = skipValue(text, start);
    const slice = text.slice(start, end);
    try {
      items.push({ index: position, value: JSON.parse(slice), start, end });
    } catch (error) {
      errors.push({ index: position, start, end, message: error instanceof Error ? error.message : String(error) });
    }
    position += 1;
    index = skipSpace(text, end);
    if (text[index] === ',') index += 1;
    else if (text[index] !== ']') {
      // Damage between elements: resynchronise at the next element of this array.
      const next = text.indexOf(',', index);
      if (next === -1) break;
      index = next + 1;
    }
  }
  if (!closed && (errors.length === 0 || errors.at(-1)!.end < text.length)) {
    errors.push({ index: position, start: text.length, end: text.length, message: 'document ends inside the record array' });
  }
  return { pointer: array.pointer, items, errors };
}
