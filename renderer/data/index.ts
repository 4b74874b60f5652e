// The data layer's public API. Views use these functions and hooks; none touches Dexie directly.

export { CustodyDb } from './db';
export { DEFAULT_DB_NAME, getDatabase } from './database';
export {
  ContentMissingError,
  getBundle,
  getSession,
  listBundles,
  listEvidence,
  listSessions,
  loadLinkedSession,
  loadSessionEvents,
  readEvidenceBytes,
  readEvidenceChunks,
  readRaw,
} from './queries';
export { removeBundle, type RemovedBundle } from './remove';
export { OriginalMissingError, keepsOriginal, readOriginalChunks } from './originals';
export { recoverInterruptedImports } from './recover';
export { recomputeSession } from './sessions';
export { relatedSessionIds } from './related';
export { useBundles, useEvidence, useRelatedSessionIds, useSession, useSessionVersion, useSessions } from './hooks';
export { CONTENT_CHUNK_BYTES, type BundleRow, type BundleStatus, type ContentChunkRow, type EventGroupRow, type EvidenceRow, type OriginalChunkRow, type SessionRow } from './types';
