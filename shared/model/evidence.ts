// Evidence files and bundles: what was imported, its hash and what the readers made of it.

import type { Diagnostic } from './diagnostics';
import type { SourceFormat } from './events';
import type { EvidenceKey, Sha256 } from './ids';

export type ContainerKind = 'folder' | 'zip' | 'tar' | 'gzip' | 'plain';

export interface EvidenceFile {
  readonly key: EvidenceKey;
  /** Path inside the bundle, exactly as the container named it. */
  readonly path: string;
  /** SHA-256 of the file's (decompressed) bytes; of the bytes read when `cutShort` is set. */
  readonly sha256: Sha256;
  /** Bytes read; fewer than the file holds when `cutShort` is set. */
  readonly size: number;
  /**
   * Set when a container limit or damaged compressed data stopped reading before the file's end,
   * so `size` and `sha256` cover only the first bytes of the file. A diagnostic gives the reason.
   */
  readonly cutShort?: true;
  /** Detected format, or null when no reader recognised it. */
  readonly format: SourceFormat | null;
  readonly formatVersion?: string;
  /** Records read (lines for JSONL, array items for JSON documents). */
  readonly records: number;
  readonly events: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Diagnostics beyond the stored ones, counted but not kept. */
  readonly diagnosticsDropped: number;
}
