// Shape checks for the records a case file carries, so that a hostile or damaged file is
// rejected with the entry and record named instead of reaching the views.

import type { CaseBundle, OriginalOmission, Redaction } from './content';
import type { Annotation, Chain, LogEntry, Review } from './types';

type Check = (value: Record<string, unknown>) => boolean;

const str = (value: unknown) => typeof value === 'string';
const num = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const size = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const strings = (value: unknown) => Array.isArray(value) && value.every(str);

const OMISSIONS: readonly string[] = ['not-archive', 'redacted', 'not-stored'] satisfies OriginalOmission[];

function isOriginal(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const original = value as Record<string, unknown>;
  return str(original.entry) && str(original.sha256) && num(original.size);
}

const stamped: Check = (value) => str(value.id) && str(value.author) && num(value.createdAt) && num(value.updatedAt);

const CHECKS = {
  annotation: (value) =>
    stamped(value) && ['event', 'node', 'edge', 'finding'].includes(value.targetKind as string) && str(value.targetId) && str(value.session) && str(value.label) && str(value.severity) && str(value.note),
  chain: (value) => stamped(value) && str(value.session) && str(value.title) && str(value.narrative) && strings(value.events),
  review: (value) => stamped(value) && str(value.link) && (value.verdict === 'confirmed' || value.verdict === 'rejected') && str(value.note),
  log: (value) => str(value.id) && num(value.time) && str(value.author) && str(value.action) && str(value.detail),
  bundle: (value) =>
    str(value.name) &&
    str(value.kind) &&
    (value.sha256 === null || str(value.sha256)) &&
    (value.original === undefined || value.original === null || isOriginal(value.original)) &&
    (value.originalOmitted === undefined || value.originalOmitted === null || OMISSIONS.includes(value.originalOmitted as string)) &&
    Array.isArray(value.evidence) &&
    value.evidence.every((item: unknown) => {
      if (typeof item !== 'object' || item === null) return false;
      const evidence = item as Record<string, unknown>;
      return str(evidence.path) && (evidence.entry === null || str(evidence.entry)) && str(evidence.sha256) && num(evidence.size) && (evidence.format === null || str(evidence.format));
    }),
  redaction: (value) =>
    str(value.entry) && str(value.location) && str(value.kind) && size(value.offset) && size(value.length) && str(value.sha256) && str(value.replacement),
} satisfies Record<string, Check>;

export type RecordKind = keyof typeof CHECKS;

interface KindTypes {
  annotation: Annotation;
  chain: Chain;
  review: Review;
  log: LogEntry;
  bundle: CaseBundle;
  redaction: Redaction;
}

/**
 * Checks every record of a list, and the conflicting versions kept with it. Returns the reason
 * the first bad record fails, or null when all pass.
 */
export function recordsProblem(kind: RecordKind, list: readonly unknown[]): string | null {
  const check: Check = CHECKS[kind];
  const valid = (item: unknown) => typeof item === 'object' && item !== null && !Array.isArray(item) && check(item as Record<string, unknown>);
  for (const [index, item] of list.entries()) {
    if (!valid(item)) return `${kind} ${index + 1} lacks a required field or has one of the wrong type`;
    const conflicts = (item as { conflicts?: unknown }).conflicts;
    if (conflicts !== undefined && (!Array.isArray(conflicts) || !conflicts.every(valid))) return `${kind} ${index + 1} has an invalid conflicting version`;
    const rejected = (item as { rejected?: unknown }).rejected;
    if (rejected !== undefined && (!Array.isArray(rejected) || !rejected.every((hash) => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)))) {
      return `${kind} ${index + 1} has a rejected list that is not a list of SHA-256 hashes`;
    }
  }
  return null;
}

export type RecordOf<K extends RecordKind> = KindTypes[K];
