// The IndexedDB schema. Each index costs a write per row, so only the queries the data functions
// make have one:
// - bundles.sha256: finds an earlier import of the same bytes;
// - evidence.bundleId: lists and removes a bundle's files;
// - evidence.sha256: finds already stored content of the same file;
// - evidence.content: finds every evidence row that shares stored content;
// - eventGroups.evidence: removes a file's groups.
// - originals: an archive bundle's file bytes in chunks, read in order by a range on the primary key.
// A session's groups are read by a range on the primary key, which starts with the session id.

import { Dexie, type EntityTable, type Table } from 'dexie';
import type { BundleRow, ContentChunkRow, EventGroupRow, EvidenceRow, OriginalChunkRow, SessionRow } from './types';

export class CustodyDb extends Dexie {
  bundles!: EntityTable<BundleRow, 'id'>;
  evidence!: EntityTable<EvidenceRow, 'key'>;
  sessions!: EntityTable<SessionRow, 'id'>;
  eventGroups!: EntityTable<EventGroupRow, 'key'>;
  contents!: Table<ContentChunkRow, [string, number]>;
  originals!: Table<OriginalChunkRow, [string, number]>;

  constructor(name: string) {
    super(name);
    // Versions only move forward: a schema change adds version(2) with an upgrade function.
    this.version(1).stores({
      bundles: 'id, sha256',
      evidence: 'key, bundleId, sha256, content',
      sessions: 'id',
      eventGroups: 'key, evidence',
      contents: '[evidence+index]',
    });
    this.version(2).stores({ originals: '[bundle+index]' });
  }
}
