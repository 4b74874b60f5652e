// Messages and results shared by the import client (main thread) and the import worker.

import type { SessionId, Sha256 } from '../../shared/model/ids';

export type ImportInput =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'folder'; readonly name: string; readonly files: readonly { readonly path: string; readonly file: File }[] };

export interface ImportProgress {
  readonly bundleId: string;
  /** Bundle bytes read so far; compressed bytes when the bundle file is compressed. */
  readonly bytesRead: number;
  /** Size of the bundle file, or of all files of a folder. */
  readonly totalBytes: number;
  /** Decompressed evidence bytes read so far. */
  readonly evidenceBytes: number;
  readonly records: number;
  readonly events: number;
  /** Evidence files finished. */
  readonly files: number;
  readonly currentFile: string;
  readonly elapsedMs: number;
  /** Bundle bytes read per second since the start. */
  readonly bytesPerSecond: number;
  /** The same rate in MB (10^6 bytes) per second. */
  readonly mbPerSecond: number;
  readonly recordsPerSecond: number;
}

export interface ImportCounts {
  /** One sentence for the user saying what happened. */
  readonly message: string;
  readonly bytesRead: number;
  readonly evidenceBytes: number;
  readonly files: number;
  readonly records: number;
  readonly events: number;
  readonly elapsedMs: number;
  /** Where the time went, in milliseconds: reading and parsing, waiting for writes, rebuilding sessions. */
  readonly phases: { readonly pipelineMs: number; readonly writeWaitMs: number; readonly sessionsMs: number };
}

export type ImportOutcome =
  | ({ readonly status: 'complete'; readonly bundleId: string; readonly sha256: Sha256; readonly sessions: readonly SessionId[]; readonly duplicateFiles: number } & ImportCounts)
  /** The same bundle bytes were imported before: nothing new was kept, `bundleId` is the earlier bundle. */
  | ({ readonly status: 'already-imported'; readonly bundleId: string; readonly sha256: Sha256 } & ImportCounts)
  | ({ readonly status: 'cancelled'; readonly bundleId: string } & ImportCounts)
  | ({ readonly status: 'failed'; readonly bundleId: string; readonly error: string } & ImportCounts);

export interface ImportRequest {
  readonly input: ImportInput;
  readonly dbName: string;
  readonly bundleId: string;
  /** True to continue an interrupted import of `bundleId` instead of starting a new bundle. */
  readonly resume: boolean;
}

export type ToWorker = { readonly type: 'start'; readonly request: ImportRequest } | { readonly type: 'cancel' };

export type FromWorker =
  | { readonly type: 'progress'; readonly progress: ImportProgress }
  | { readonly type: 'done'; readonly outcome: ImportOutcome };
