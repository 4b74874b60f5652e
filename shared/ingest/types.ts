// The import pipeline's contract with whatever stores its output: the browser worker writes to
// IndexedDB, the command line keeps events in memory.

import type { Diagnostic } from '../model/diagnostics';
import type { AgentEvent } from '../model/events';
import type { ContainerKind, EvidenceFile } from '../model/evidence';
import type { EvidenceKey, SessionId, Sha256 } from '../model/ids';
import type { FormatReader } from '../formats/types';
import type { GunzipStream } from '../io/gzip';
import type { ContainerLimits } from '../io/limits';

export interface EvidenceStart {
  readonly key: EvidenceKey;
  readonly path: string;
  readonly chain: readonly ContainerKind[];
}

export interface IngestSink {
  beginEvidence(start: EvidenceStart): Promise<void> | void;
  /** The evidence file's bytes, in order, as read (after decompression). */
  content(key: EvidenceKey, chunk: Uint8Array): Promise<void> | void;
  events(key: EvidenceKey, events: readonly AgentEvent[]): Promise<void> | void;
  endEvidence(file: EvidenceFile): Promise<void> | void;
  /**
   * Called instead of `endEvidence` when the import is cancelled inside a file, after every event
   * read from it was passed to `events`. `file` counts the bytes, records and events read before
   * the stop, its `sha256` covers only those bytes, and its format is the one detected so far.
   */
  cutEvidence?(file: EvidenceFile): Promise<void> | void;
  /**
   * SHA-256 of the bytes passed to `content` for `key`, called once after the file's last
   * `content` call. A sink that has this method hashes the content itself (for example in another
   * thread), and the pipeline then does not hash evidence bytes.
   */
  contentDigest?(key: EvidenceKey): Promise<Sha256>;
}

export interface IngestProgress {
  /** Bytes of the bundle itself read so far (compressed where the bundle is). */
  readonly bundleBytes: number;
  /** Decompressed evidence bytes read so far. */
  readonly evidenceBytes: number;
  readonly records: number;
  readonly events: number;
  readonly files: number;
  readonly currentFile: string;
}

export interface CancelSignal {
  readonly aborted: boolean;
}

export interface IngestOptions {
  /** Prefix of every evidence key of this import. */
  readonly importId: string;
  readonly limits?: ContainerLimits;
  readonly gunzip?: GunzipStream;
  readonly readers?: readonly FormatReader[];
  readonly signal?: CancelSignal;
  readonly onProgress?: (progress: IngestProgress) => void;
  /**
   * SHA-256 of a file bundle computed by the caller, for example in a second worker that reads
   * the same file in parallel. When set, the pipeline does not hash the bundle bytes itself.
   */
  readonly bundleDigest?: () => Promise<Sha256>;
  /** Events handed to the sink at once. */
  readonly eventBatch?: number;
  /** Diagnostics kept per evidence file; later ones are counted but not kept. */
  readonly maxDiagnosticsPerFile?: number;
}

export interface IngestResult {
  /** SHA-256 of the bundle file, or of the folder's sorted `sha256  path` listing. */
  readonly bundleSha256: Sha256;
  readonly bundleBytes: number;
  readonly evidence: readonly EvidenceFile[];
  /** Problems with the bundle itself rather than with one evidence file. */
  readonly diagnostics: readonly Diagnostic[];
  readonly cancelled: boolean;
  /** The file cut short by a cancel, as passed to `cutEvidence`; null when the import stopped between files. */
  readonly partial: EvidenceFile | null;
  /**
   * After a cancel: the sessions whose events may continue past where the import stopped, so
   * they may lack events. Empty when not cancelled.
   */
  readonly openSessions: readonly SessionId[];
}
