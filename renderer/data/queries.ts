// Read functions for the views. Components call these (or the hooks built on them) and never
// touch Dexie tables themselves. Every function takes an optional database, the shared one by
// default, so tests can run against a fresh database.

import type { AgentEvent, RawRef } from '../../shared/model/events';
import type { EvidenceKey, SessionId } from '../../shared/model/ids';
import { linkSession, type LinkedSession } from '../../shared/session/link';
import { getDatabase } from './database';
import type { CustodyDb } from './db';
import { loadSessionEventsFrom } from './sessions';
import { CONTENT_CHUNK_BYTES, type BundleRow, type EvidenceRow, type SessionRow } from './types';

/** Bundles, newest import first. */
export async function listBundles(db: CustodyDb = getDatabase()): Promise<BundleRow[]> {
  return db.bundles.orderBy(':id').reverse().toArray();
}

export async function getBundle(id: string, db: CustodyDb = getDatabase()): Promise<BundleRow | undefined> {
  return db.bundles.get(id);
}

/** A bundle's evidence files in the order the import read them. */
export async function listEvidence(bundleId: string, db: CustodyDb = getDatabase()): Promise<EvidenceRow[]> {
  const rows = await db.evidence.where('bundleId').equals(bundleId).toArray();
  return rows.sort((a, b) => evidenceIndex(a.key) - evidenceIndex(b.key));
}

function evidenceIndex(key: string): number {
  return Number(key.slice(key.lastIndexOf('/') + 1));
}

/** Sessions across all bundles, earliest start first; sessions without a known time come last. */
export async function listSessions(db: CustodyDb = getDatabase()): Promise<SessionRow[]> {
  const rows = await db.sessions.toArray();
  return rows.sort((a, b) => (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function getSession(id: SessionId, db: CustodyDb = getDatabase()): Promise<SessionRow | undefined> {
  return db.sessions.get(id);
}

/**
 * Loads every stored event of a session from all bundles, unlinked: the same record imported
 * twice appears twice. Pass the result to `linkSession`, or call `loadLinkedSession`.
 */
export async function loadSessionEvents(sessionId: SessionId, db: CustodyDb = getDatabase()): Promise<AgentEvent[]> {
  return loadSessionEventsFrom(db, sessionId);
}

/** Loads a session and links it: duplicates removed, calls joined to results and decisions. */
export async function loadLinkedSession(sessionId: SessionId, db: CustodyDb = getDatabase()): Promise<LinkedSession> {
  return linkSession(sessionId, await loadSessionEventsFrom(db, sessionId));
}

/** Raised when stored content is missing a chunk the request needs. */
export class ContentMissingError extends Error {
  override readonly name = 'ContentMissingError';
}

async function readRange(db: CustodyDb, content: EvidenceKey, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  if (length === 0) return out;
  const first = Math.floor(offset / CONTENT_CHUNK_BYTES);
  const last = Math.floor((offset + length - 1) / CONTENT_CHUNK_BYTES);
  const chunks = await db.contents.where('[evidence+index]').between([content, first], [content, last], true, true).toArray();
  if (chunks.length !== last - first + 1) {
    throw new ContentMissingError(`Content of evidence ${content} is incomplete: bytes ${offset}-${offset + length} need chunks ${first}-${last}, found ${chunks.length}.`);
  }
  let written = 0;
  for (const chunk of chunks) {
    const chunkStart = chunk.index * CONTENT_CHUNK_BYTES;
    const from = Math.max(offset, chunkStart) - chunkStart;
    const to = Math.min(offset + length, chunkStart + chunk.data.size) - chunkStart;
    if (to <= from) break;
    out.set(new Uint8Array(await chunk.data.slice(from, to).arrayBuffer()), written);
    written += to - from;
  }
  if (written !== length) {
    throw new ContentMissingError(`Content of evidence ${content} ends before byte ${offset + length}; only ${written} of ${length} bytes were found.`);
  }
  return out;
}

/** Returns the bytes of the record an event came from, exactly as they are in the evidence file. */
export async function readRaw(rawRef: RawRef, db: CustodyDb = getDatabase()): Promise<Uint8Array> {
  return readRange(db, rawRef.evidence, rawRef.offset, rawRef.length);
}

/** Returns an evidence file's whole (decompressed) content. */
export async function readEvidenceBytes(evidenceKey: EvidenceKey, db: CustodyDb = getDatabase()): Promise<Uint8Array> {
  const row = await db.evidence.get(evidenceKey);
  if (!row) throw new ContentMissingError(`Evidence ${evidenceKey} not found.`);
  if (!row.complete) throw new ContentMissingError(`Evidence ${evidenceKey} (${row.path}) was not imported completely.`);
  return readRange(db, row.content, 0, row.size);
}

/**
 * Yields an evidence file's whole (decompressed) content one stored chunk at a time, so a caller
 * keeps at most CONTENT_CHUNK_BYTES of it. Raises ContentMissingError for a missing chunk.
 */
export async function* readEvidenceChunks(evidenceKey: EvidenceKey, db: CustodyDb = getDatabase()): AsyncGenerator<Uint8Array> {
  const row = await db.evidence.get(evidenceKey);
  if (!row) throw new ContentMissingError(`Evidence ${evidenceKey} not found.`);
  if (!row.complete) throw new ContentMissingError(`Evidence ${evidenceKey} (${row.path}) was not imported completely.`);
  let read = 0;
  for (let index = 0; read < row.size; index++) {
    const chunk = await db.contents.get([row.content, index]);
    if (!chunk) throw new ContentMissingError(`Content of evidence ${row.content} is incomplete: chunk ${index} is missing.`);
    const bytes = new Uint8Array(await chunk.data.slice(0, row.size - read).arrayBuffer());
    if (bytes.length === 0) throw new ContentMissingError(`Content of evidence ${row.content} ends after ${read} of ${row.size} bytes.`);
    read += bytes.length;
    yield bytes;
  }
}
