// Field conditions over normalised events, the language of rule files. A condition is a tree of
// `all`, `any` and `not` over leaves; a leaf names a field by dotted path and applies one
// operator. Paths walk objects; arrays are walked element by element, so `resources.value` and
// `resources.*.value` both reach every resource's value, and `*` also walks an object's values.
//
// Three virtual fields read what rules most often need: `command` (the command line a tool
// call ran), `output` (the output text a tool result kept) and `input_text` (every string in
// the tool input, joined).

import type { AgentEvent } from '../model/events';
import { commandOf, inputText, outputOf } from './facts';

export type Operator = 'equals' | 'contains' | 'matches' | 'in' | 'exists' | 'startsWith' | 'endsWith' | 'gt' | 'gte' | 'lt' | 'lte';

export const OPERATORS: readonly Operator[] = ['equals', 'contains', 'matches', 'in', 'exists', 'startsWith', 'endsWith', 'gt', 'gte', 'lt', 'lte'];

export interface LeafCondition {
  readonly field: string;
  readonly operator: Operator;
  /** The operand: a scalar, a list for `in`, a boolean for `exists`, a pattern for `matches`. */
  readonly value: unknown;
  /** Compare strings without regard to case. */
  readonly ignoreCase?: boolean;
  /** Every value found at the path must match, instead of at least one. */
  readonly every?: boolean;
}

export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | LeafCondition;

export type EventPredicate = (event: AgentEvent) => boolean;

const VIRTUAL: Readonly<Record<string, (event: AgentEvent) => string>> = {
  command: commandOf,
  output: outputOf,
  input_text: (event) => inputText(event),
};

/** Values at a dotted path; an empty list when the path leads nowhere. */
export function valuesAt(event: AgentEvent, path: string): unknown[] {
  const virtual = VIRTUAL[path];
  if (virtual) {
    const text = virtual(event);
    return text === '' ? [] : [text];
  }
  let current: unknown[] = [event];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) step(value, segment, next);
    current = next;
    if (current.length === 0) break;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value) => value !== undefined);
}

function step(value: unknown, segment: string, out: unknown[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    if (segment === '*') out.push(...value);
    else if (/^\d+$/.test(segment)) out.push(value[Number(segment)]);
    else for (const item of value) step(item, segment, out);
    return;
  }
  if (typeof value !== 'object') return;
  if (segment === '*') out.push(...Object.values(value));
  else if (Object.prototype.hasOwnProperty.call(value, segment)) out.push((value as Record<string, unknown>)[segment]);
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function same(a: unknown, b: unknown, ignoreCase: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    return x !== null && x === y;
  }
  return a === b;
}

/** Compiles a leaf into a test of one value. The caller has validated the operand's type. */
function valueTest(leaf: LeafCondition): (value: unknown) => boolean {
  const ignoreCase = leaf.ignoreCase === true;
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  switch (leaf.operator) {
    case 'equals':
      return (value) => same(value, leaf.value, ignoreCase);
    case 'in': {
      const options = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      return (value) => options.some((option) => same(value, option, ignoreCase));
    }
    case 'contains': {
      const needle = fold(String(leaf.value));
      return (value) => {
        const text = asText(value);
        return text !== null && fold(text).includes(needle);
      };
    }
    case 'startsWith': {
      const needle = fold(String(leaf.value));
      return (value) => {
        const text = asText(value);
        return text !== null && fold(text).startsWith(needle);
      };
    }
    case 'endsWith': {
      const needle = fold(String(leaf.value));
      return (value) => {
        const text = asText(value);
        return text !== null && fold(text).endsWith(needle);
      };
    }
    case 'matches': {
      const pattern = leaf.value instanceof RegExp ? leaf.value : new RegExp(String(leaf.value), ignoreCase ? 'i' : '');
      return (value) => {
        const text = asText(value);
        return text !== null && pattern.test(text);
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = asNumber(leaf.value) ?? Number.NaN;
      const operator = leaf.operator;
      return (value) => {
        const number = asNumber(value);
        if (number === null) return false;
        if (operator === 'gt') return number > bound;
        if (operator === 'gte') return number >= bound;
        if (operator === 'lt') return number < bound;
        return number <= bound;
      };
    }
    case 'exists':
      return (value) => value !== null && value !== undefined && value !== '';
  }
}

export function compileCondition(condition: Condition): EventPredicate {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (event) => parts.every((part) => part(event));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (event) => parts.some((part) => part(event));
  }
  if ('not' in condition) {
    const part = compileCondition(condition.not);
    return (event) => !part(event);
  }
  const test = valueTest(condition);
  const leaf = condition;
  if (leaf.operator === 'exists') {
    const wanted = leaf.value !== false;
    return (event) => valuesAt(event, leaf.field).some(test) === wanted;
  }
  return (event) => {
    const values = valuesAt(event, leaf.field);
    if (values.length === 0) return false;
    return leaf.every ? values.every(test) : values.some(test);
  };
}
