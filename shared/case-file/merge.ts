// Merges records from case files into the local ones by id. The same id with the same content is
// one record; the same id with different content keeps every distinct version, visible as a
// conflict, until an analyst chooses one. Nothing is overwritten. A version an analyst rejected
// when resolving a conflict is remembered by its hash and not offered again.

import { createSha256Stream } from '../io/hash';
import { canonicalJson } from './canonical';
import type { Versioned } from './types';

/** Returns the SHA-256 of a version's content; synchronous, so it can run inside a database transaction. */
export type VersionHash = (version: unknown) => string;

/** Makes a VersionHash: the SHA-256 of the version's canonical JSON without `conflicts` and `rejected`. */
export async function versionHasher(): Promise<VersionHash> {
  const stream = await createSha256Stream();
  const encoder = new TextEncoder();
  return (version) => {
    stream.reset();
    stream.update(encoder.encode(contentKey(version as Versioned<object>)));
    return stream.digest();
  };
}

export interface MergeResult<T> {
  /** Records to store: new ones and ones that gained a conflicting version. */
  readonly changed: readonly Versioned<T>[];
  readonly added: number;
  readonly unchanged: number;
  /** Records that gained a conflicting version in this merge. */
  readonly conflicts: number;
}

/** Content of a record without its conflict list and rejected hashes, in canonical form. */
export function contentKey<T>(record: Versioned<T>): string {
  const { conflicts: _conflicts, rejected: _rejected, ...rest } = record as Versioned<T> & Record<string, unknown>;
  return canonicalJson(rest);
}

function versions<T>(record: Versioned<T>): T[] {
  const { conflicts, rejected: _rejected, ...main } = record as Versioned<T> & Record<string, unknown>;
  return [main as T, ...((conflicts as T[] | undefined) ?? [])];
}

/** Returns the sorted union of the rejected hashes of `records`. */
function rejectedOf(...records: readonly (Versioned<unknown> | undefined)[]): string[] {
  return [...new Set(records.flatMap((record) => record?.rejected ?? []))].sort();
}

function distinct<T>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const key = contentKey(item as Versioned<T>);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withConflicts<T>(main: T, others: readonly T[], rejected: readonly string[]): Versioned<T> {
  return { ...main, ...(others.length > 0 ? { conflicts: [...others] } : {}), ...(rejected.length > 0 ? { rejected: [...rejected] } : {}) } as Versioned<T>;
}

/**
 * Merges `incoming` records into `local` by id. An incoming version whose hash is in the
 * rejected list of the local or the incoming record is left out; the local versions stay.
 */
export function mergeRecords<T extends { readonly id: string }>(local: readonly Versioned<T>[], incoming: readonly Versioned<T>[], hash: VersionHash): MergeResult<T> {
  const current = new Map(local.map((record) => [record.id, record]));
  const changed = new Map<string, Versioned<T>>();
  let added = 0;
  let unchanged = 0;
  let conflicts = 0;
  for (const record of incoming) {
    const existing = changed.get(record.id) ?? current.get(record.id);
    const rejected = rejectedOf(existing, record);
    const offered = versions(record).filter((version) => !rejected.includes(hash(version)));
    if (!existing) {
      // A record whose every version was rejected keeps its first, so the id is not lost.
      const [main, ...others] = distinct(offered.length > 0 ? offered : versions(record).slice(0, 1));
      changed.set(record.id, withConflicts(main!, others, rejected));
      added++;
      continue;
    }
    const before = versions(existing);
    const all = distinct([...before, ...offered]);
    if (all.length === before.length) {
      // New rejected hashes are kept even when no version was added.
      if (rejected.length !== rejectedOf(existing).length) changed.set(record.id, withConflicts(all[0]!, all.slice(1), rejected));
      unchanged++;
      continue;
    }
    // The local choice stays first; the other versions join its conflict list.
    changed.set(record.id, withConflicts(all[0]!, all.slice(1), rejected));
    conflicts++;
  }
  return { changed: [...changed.values()], added, unchanged, conflicts };
}

/**
 * Resolves a conflict: the chosen version (0 is the current one) becomes the only one, and the
 * hashes of the others join the record's rejected list.
 */
export function chooseVersion<T>(record: Versioned<T>, index: number, hash: VersionHash): Versioned<T> {
  const all = versions(record);
  const chosen = all[index];
  if (!chosen) throw new RangeError(`Version ${index} does not exist; the record has ${all.length}.`);
  const kept = hash(chosen);
  const dropped = all.filter((_, at) => at !== index).map(hash);
  return withConflicts(chosen, [], [...new Set([...(record.rejected ?? []), ...dropped])].filter((item) => item !== kept).sort());
}

export function versionsOf<T>(record: Versioned<T>): T[] {
  return versions(record);
}
