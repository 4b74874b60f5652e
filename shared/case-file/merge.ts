// Merges records from case files into the local ones by id. The same id with the same content is
// one record; the same id with different content keeps every distinct version, visible as a
// conflict, until an analyst chooses one. Nothing is overwritten.

import { canonicalJson } from './canonical';
import type { Versioned } from './types';

export interface MergeResult<T> {
  /** Records to store: new ones and ones that gained a conflicting version. */
  readonly changed: readonly Versioned<T>[];
  readonly added: number;
  readonly unchanged: number;
  /** Records that gained a conflicting version in this merge. */
  readonly conflicts: number;
}

/** Content of a record without its conflict list, in canonical form. */
export function contentKey<T>(record: Versioned<T>): string {
  const { conflicts: _conflicts, ...rest } = record as Versioned<T> & Record<string, unknown>;
  return canonicalJson(rest);
}

function versions<T>(record: Versioned<T>): T[] {
  const { conflicts, ...main } = record as Versioned<T> & Record<string, unknown>;
  return [main as T, ...((conflicts as T[] | undefined) ?? [])];
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

function withConflicts<T>(main: T, others: readonly T[]): Versioned<T> {
  return (others.length > 0 ? { ...main, conflicts: [...others] } : main) as Versioned<T>;
}

export function mergeRecords<T extends { readonly id: string }>(local: readonly Versioned<T>[], incoming: readonly Versioned<T>[]): MergeResult<T> {
  const current = new Map(local.map((record) => [record.id, record]));
  const changed = new Map<string, Versioned<T>>();
  let added = 0;
  let unchanged = 0;
  let conflicts = 0;
  for (const record of incoming) {
    const existing = changed.get(record.id) ?? current.get(record.id);
    if (!existing) {
      const [main, ...others] = distinct(versions(record));
      changed.set(record.id, withConflicts(main!, others));
      added++;
      continue;
    }
    const before = versions(existing);
    const all = distinct([...before, ...versions(record)]);
    if (all.length === before.length) {
      unchanged++;
      continue;
    }
    // The local choice stays first; the other versions join its conflict list.
    changed.set(record.id, withConflicts(all[0]!, all.slice(1)));
    conflicts++;
  }
  return { changed: [...changed.values()], added, unchanged, conflicts };
}

/** Resolves a conflict: the chosen version (0 is the current one) becomes the only one. */
export function chooseVersion<T>(record: Versioned<T>, index: number): T {
  const all = versions(record);
  const chosen = all[index];
  if (!chosen) throw new RangeError(`Version ${index} does not exist; the record has ${all.length}.`);
  return chosen;
}

export function versionsOf<T>(record: Versioned<T>): T[] {
  return versions(record);
}
