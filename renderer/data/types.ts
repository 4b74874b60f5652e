// Rows stored in IndexedDB. IndexedDB's cost is per row and per index entry, not per byte, so
// events are stored in groups (one row holds many consecutive events of one session and one
// evidence file) and evidence bytes in chunks of CONTENT_CHUNK_BYTES.

import type { Diagnostic } from '../../shared/model/diagnostics';
import type { ContainerKind, EvidenceFile } from '../../shared/model/evidence';
import type { EvidenceKey, SessionId, Sha256 } from '../../shared/model/ids';
import type { SessionSummary } from '../../shared/model/session';

/**
 * Size of every content chunk row except the last one of a file. A record at byte offset `o`
 * sits in chunk `floor(o / CONTENT_CHUNK_BYTES)`, so it is part of the stored format.
 */
export const CONTENT_CHUNK_BYTES = 1 << 20;

/**
 * `importing` while the worker writes. `cancelled`, `failed` and `interrupted` (the worker
 * stopped without finishing, as when the page is reloaded) keep what was stored and can be resumed.
 */
export type BundleStatus = 'importing' | 'complete' | 'cancelled' | 'failed' | 'interrupted';

export interface BundleRow {
  /** Import id: base36 start time plus a random suffix, so rows sort by import time. */
  readonly id: string;
  readonly name: string;
  readonly kind: ContainerKind;
  /**
   * SHA-256 of the whole bundle file, stored once the import has hashed it, or of a folder's
   * listing, stored when a folder import completes; null before.
   */
  readonly sha256: Sha256 | null;
  /** Bytes of the bundle file, or of all files of a folder. */
  readonly size: number;
  /** Bundle bytes read so far (compressed bytes for a compressed file). */
  readonly bytesRead: number;
  readonly status: BundleStatus;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** Evidence files finished so far. */
  readonly files: number;
  readonly records: number;
  readonly events: number;
  /** Problems with the bundle as a whole (archive limits, corrupt containers). */
  readonly diagnostics: readonly Diagnostic[];
  /** Sessions with events in this bundle; filled when the import ends or is found interrupted. */
  readonly sessions: readonly SessionId[];
  /**
   * For a cancelled import: the sessions that may lack events because their events may continue
   * past where it stopped. The other sessions of the bundle count as read whole. Ignored for any
   * other status, where every session of an unfinished bundle may lack events.
   */
  readonly openSessions?: readonly SessionId[];
  /** Why the import failed, in words for the user; null otherwise. */
  readonly error: string | null;
  /**
   * True once the bundle file's own bytes are stored in `originals`, which is done for archives
   * (zip, tar, gzip). Absent for plain files and folders, whose evidence rows hold the original
   * bytes, and for bundles imported before originals were kept.
   */
  readonly originalStored?: boolean;
}

export interface EvidenceRow extends EvidenceFile {
  readonly bundleId: string;
  /**
   * Key of the evidence whose content chunks and event groups hold this file's data. It is the
   * row's own key unless the same bytes (same SHA-256) were already stored by another import.
   */
  readonly content: EvidenceKey;
  /**
   * False while the file is being read, and for a file cut short by a cancelled, failed or
   * interrupted import. Such a row counts the bytes and events stored of the file so far.
   */
  readonly complete: boolean;
}

export interface SessionRow extends SessionSummary {
  /** Bundles whose evidence holds events of this session. */
  readonly bundles: readonly string[];
  /** Content keys of the evidence files whose event groups hold this session's events. */
  readonly evidence: readonly EvidenceKey[];
  /**
   * True when the session may lack events: none of `bundles` was imported completely, and one of
   * them stopped where this session's events may continue.
   */
  readonly partial: boolean;
}

export interface EventGroupRow {
  /** `<session>|<content key>|<group number, zero-padded>`: sorts a session's groups in file order. */
  readonly key: string;
  readonly session: SessionId;
  /** Content key of the evidence the events were read from (their `raw.evidence`). */
  readonly evidence: EvidenceKey;
  /** Number of events in `eventsJson`. */
  readonly count: number;
  /**
   * The events as one JSON array (`AgentEvent[]`). IndexedDB clones one long string far faster
   * than the many small objects of an event array; `parseEventGroup` reads it back.
   */
  readonly eventsJson: string;
}

export interface ContentChunkRow {
  readonly evidence: EvidenceKey;
  readonly index: number;
  /** CONTENT_CHUNK_BYTES bytes, fewer in a file's last chunk. */
  readonly data: Blob;
}

/** A piece of an archive bundle's file, stored so that a case export can carry the archive as received. */
export interface OriginalChunkRow {
  readonly bundle: string;
  readonly index: number;
  /** ORIGINAL_CHUNK_BYTES (in originals.ts) bytes, fewer in the last chunk. */
  readonly data: Blob;
}
