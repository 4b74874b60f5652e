// Applies an export's redaction to every text a case file carries besides the evidence bytes:
// the case title and examiner, bundle names and evidence paths, the analysts' records with their
// authors, and the findings. Each removed span goes to redactions.json with the entry, a location
// inside it and the SHA-256 of the removed bytes, as evidence spans do.

import type { CaseRecords } from './content';
import type { Redactor } from './redact';
import type { Annotation, Chain, LogEntry, Review, Versioned } from './types';

const ANNOTATION_FIELDS = ['note', 'label', 'author'] as const;
const CHAIN_FIELDS = ['title', 'narrative', 'author'] as const;
const REVIEW_FIELDS = ['note', 'author'] as const;
const LOG_FIELDS = ['detail', 'author'] as const;

/**
 * Finding fields that identify events, sessions and rules. They are kept, because annotations and
 * reviews refer to findings and events by these ids.
 *
 * NOTE: a cloud session without an access key is named after its principal (`aws:<ARN>`), so
 * session and finding ids, here and in the records' `session` fields, can still show a user name.
 */
const FINDING_ID_FIELDS: ReadonlySet<string> = new Set(['id', 'rule', 'session', 'events', 'event', 'severity']);

/** Calls `visit` with every string in a finding outside its id fields, and its path in the finding. */
function walkFindingStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => walkFindingStrings(item, `${path}/${index}`, visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) if (!FINDING_ID_FIELDS.has(key)) walkFindingStrings(item, `${path}/${key}`, visit);
  }
}

async function mapFindingStrings(value: unknown, path: string, map: (text: string, path: string) => Promise<string>): Promise<unknown> {
  if (typeof value === 'string') return map(value, path);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) items.push(await mapFindingStrings(item, `${path}/${index}`, map));
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = FINDING_ID_FIELDS.has(key) ? item : await mapFindingStrings(item, `${path}/${key}`, map);
    return copy;
  }
  return value;
}

const findingId = (finding: unknown, index: number): string => {
  const id = (finding as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : String(index);
};

/** Every version of each record: the chosen one and the conflicting ones. */
function versions<T>(records: readonly Versioned<T>[]): T[] {
  return records.flatMap((record) => [record, ...(record.conflicts ?? [])]);
}

/** Adds the user names found in the records' texts and in the findings to the redactor. */
export function learnRecords(redactor: Redactor, records: CaseRecords): void {
  const learnFields = <T>(list: readonly T[], fields: readonly (keyof T)[]) => {
    for (const record of list) for (const field of fields) if (typeof record[field] === 'string') redactor.learn(record[field]);
  };
  learnFields(versions(records.annotations), ANNOTATION_FIELDS);
  learnFields(versions(records.chains), CHAIN_FIELDS);
  learnFields(versions(records.reviews), REVIEW_FIELDS);
  learnFields(records.log, LOG_FIELDS);
  for (const finding of records.findings ?? []) walkFindingStrings(finding, '', (text) => redactor.learn(text));
}

async function redactVersions<T extends { readonly id: string }>(records: readonly Versioned<T>[], entry: string, fields: readonly (keyof T & string)[], redactor: Redactor): Promise<Versioned<T>[]> {
  const redactOne = async (record: T, prefix: string): Promise<T> => {
    const copy: Record<string, unknown> = { ...record };
    for (const field of fields) {
      const value = copy[field];
      if (typeof value === 'string') copy[field] = await redactor.text(value, entry, `${prefix}/${field}`);
    }
    return copy as T;
  };
  const result: Versioned<T>[] = [];
  for (const record of records) {
    const main = await redactOne(record, record.id);
    if (!record.conflicts) {
      result.push(main);
      continue;
    }
    const conflicts: T[] = [];
    for (const [index, conflict] of record.conflicts.entries()) conflicts.push(await redactOne(conflict, `${record.id}/conflicts/${index}`));
    result.push({ ...main, conflicts });
  }
  return result;
}

/**
 * Redacts the records: notes, labels, titles, narratives, log details, every author, and every
 * text of the findings except their ids. A record's location in redactions.json is
 * `<record id>/<field>`, or `<record id>/conflicts/<n>/<field>` for a conflicting version. A
 * finding's location is its id followed by the JSON path of the field, such as `<id>/evidence/0/text`.
 */
export async function redactRecords(records: CaseRecords, redactor: Redactor): Promise<CaseRecords> {
  let findings: unknown[] | undefined;
  if (records.findings) {
    findings = [];
    for (const [index, finding] of records.findings.entries()) {
      findings.push(await mapFindingStrings(finding, findingId(finding, index), (text, path) => redactor.text(text, 'findings.json', path)));
    }
  }
  return {
    annotations: await redactVersions<Annotation>(records.annotations, 'annotations.json', [...ANNOTATION_FIELDS], redactor),
    chains: await redactVersions<Chain>(records.chains, 'chains.json', [...CHAIN_FIELDS], redactor),
    reviews: await redactVersions<Review>(records.reviews, 'reviews.json', [...REVIEW_FIELDS], redactor),
    log: await redactVersions<LogEntry>(records.log, 'log.json', [...LOG_FIELDS], redactor),
    findings,
  };
}
