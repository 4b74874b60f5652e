// Reads and writes analyst records. Every change is stamped with the analyst's name and time and
// written to the action log in the same transaction.

import type { Annotation, Chain, LogAction, LogEntry, Review, Versioned } from '../../shared/case-file/types';
import { chooseVersion, versionHasher } from '../../shared/case-file/merge';
import { getAnalystDb, type AnalystDb } from './db';
import { newRecordId } from './ids';
import { plural } from '../lib/format';

const NAME_KEY = 'analystName';
const CASE_KEY = 'case';

export interface CaseInfo {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
}

export async function getAnalystName(db: AnalystDb = getAnalystDb()): Promise<string | null> {
  const row = await db.settings.get(NAME_KEY);
  return typeof row?.value === 'string' && row.value.trim() !== '' ? row.value : null;
}

export async function setAnalystName(name: string, db: AnalystDb = getAnalystDb()): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('The analyst name is empty; enter the name to sign notes with.');
  await db.settings.put({ key: NAME_KEY, value: trimmed });
}

async function requireName(db: AnalystDb): Promise<string> {
  const name = await getAnalystName(db);
  if (!name) throw new Error('No analyst name is set; enter it in the case settings first.');
  return name;
}

/** Returns the current case without creating one, so it is safe inside a live query. */
export async function readCase(db: AnalystDb = getAnalystDb()): Promise<CaseInfo | null> {
  const row = await db.settings.get(CASE_KEY);
  return row && typeof row.value === 'object' && row.value !== null ? (row.value as CaseInfo) : null;
}

/** Returns the current case, creating one with a new id on first use. */
export async function getCase(db: AnalystDb = getAnalystDb()): Promise<CaseInfo> {
  const existing = await readCase(db);
  if (existing) return existing;
  const now = Date.now();
  const created: CaseInfo = { id: newRecordId(now), title: 'Untitled case', createdAt: now };
  await db.settings.put({ key: CASE_KEY, value: created });
  return created;
}

export async function setCase(info: CaseInfo, db: AnalystDb = getAnalystDb()): Promise<void> {
  await db.settings.put({ key: CASE_KEY, value: info });
}

export async function logAction(action: LogAction, detail: string, db: AnalystDb = getAnalystDb(), author?: string): Promise<LogEntry> {
  const now = Date.now();
  const entry: LogEntry = { id: newRecordId(now), time: now, author: author ?? (await getAnalystName(db)) ?? 'unknown', action, detail };
  await db.log.put(entry);
  return entry;
}

/** Carries the conflicting versions and the rejected hashes of `existing` over to its edited version. */
function keepMergeState<T>(edited: T, existing: Versioned<T> | undefined): Versioned<T> {
  return { ...edited, ...(existing?.conflicts ? { conflicts: existing.conflicts } : {}), ...(existing?.rejected ? { rejected: existing.rejected } : {}) };
}

export type AnnotationDraft = Pick<Annotation, 'targetKind' | 'targetId' | 'session' | 'label' | 'severity' | 'note'>;

/** Creates an annotation, or updates one when `id` is given; updating keeps its creation time. */
export async function saveAnnotation(draft: AnnotationDraft, id?: string, db: AnalystDb = getAnalystDb()): Promise<Annotation> {
  const author = await requireName(db);
  return db.transaction('rw', db.annotations, db.log, db.settings, async () => {
    const now = Date.now();
    const existing = id ? await db.annotations.get(id) : undefined;
    const annotation: Annotation = { ...draft, id: existing?.id ?? newRecordId(now), author, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await db.annotations.put(keepMergeState(annotation, existing));
    await logAction('annotate', `${existing ? 'Edited' : 'Added'} annotation "${draft.label}" on ${draft.targetKind} ${draft.targetId}.`, db, author);
    return annotation;
  });
}

export async function deleteAnnotation(id: string, db: AnalystDb = getAnalystDb()): Promise<void> {
  const author = await requireName(db);
  await db.transaction('rw', db.annotations, db.log, async () => {
    const existing = await db.annotations.get(id);
    if (!existing) return;
    await db.annotations.delete(id);
    await logAction('remove', `Removed annotation "${existing.label}" on ${existing.targetKind} ${existing.targetId}.`, db, author);
  });
}

export type ChainDraft = Pick<Chain, 'session' | 'title' | 'narrative' | 'events'>;

export async function saveChain(draft: ChainDraft, id?: string, db: AnalystDb = getAnalystDb()): Promise<Chain> {
  const author = await requireName(db);
  return db.transaction('rw', db.chains, db.log, db.settings, async () => {
    const now = Date.now();
    const existing = id ? await db.chains.get(id) : undefined;
    const chain: Chain = { ...draft, events: [...draft.events], id: existing?.id ?? newRecordId(now), author, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await db.chains.put(keepMergeState(chain, existing));
    await logAction('chain', `${existing ? 'Edited' : 'Created'} chain "${draft.title}" with ${plural(draft.events.length, 'event')}.`, db, author);
    return chain;
  });
}

export async function deleteChain(id: string, db: AnalystDb = getAnalystDb()): Promise<void> {
  const author = await requireName(db);
  await db.transaction('rw', db.chains, db.log, async () => {
    const existing = await db.chains.get(id);
    if (!existing) return;
    await db.chains.delete(id);
    await logAction('remove', `Removed chain "${existing.title}".`, db, author);
  });
}

/** Records this analyst's review of a causal link, replacing their earlier review of it. */
export async function saveReview(link: string, verdict: Review['verdict'], note: string, db: AnalystDb = getAnalystDb()): Promise<Review> {
  const author = await requireName(db);
  return db.transaction('rw', db.reviews, db.log, async () => {
    const now = Date.now();
    const mine = (await db.reviews.where('link').equals(link).toArray()).find((review) => review.author === author);
    const review: Review = { id: mine?.id ?? newRecordId(now), link, verdict, note, author, createdAt: mine?.createdAt ?? now, updatedAt: now };
    await db.reviews.put(keepMergeState(review, mine));
    await logAction('review', `${verdict === 'confirmed' ? 'Confirmed' : 'Rejected'} causal link ${link}.`, db, author);
    return review;
  });
}

type VersionedTable = 'annotations' | 'chains' | 'reviews';

/** Resolves a merge conflict by keeping version `index` (0 is the current one) and dropping the others. */
export async function resolveConflict(table: VersionedTable, id: string, index: number, db: AnalystDb = getAnalystDb()): Promise<void> {
  const author = await requireName(db);
  const hash = await versionHasher();
  await db.transaction('rw', db.annotations, db.chains, db.reviews, db.log, async () => {
    const store = db[table] as unknown as { get(id: string): Promise<Versioned<{ id: string; author: string }> | undefined>; put(row: unknown): Promise<unknown> };
    const record = await store.get(id);
    if (!record) throw new Error(`Record ${id} was not found in ${table}; it may have been removed.`);
    // The versions not kept are remembered, so importing them again does not reopen the conflict.
    const chosen = chooseVersion(record, index, hash);
    await store.put(chosen);
    await logAction('resolve', `Resolved a conflict in ${table} record ${id} by keeping the version by ${chosen.author}.`, db, author);
  });
}
