// Evidence files and bundles: what was imported, its hash and what the readers made of it.

import type { Diagnostic } from './diagnostics';
import type { SourceFormat } from './events';
import type { EvidenceKey, Sha256 } from './ids';

export type ContainerKind = 'folder' | 'zip' | 'tar' | 'gzip' | 'plain';

export interface EvidenceFile {
  readonly key: EvidenceKey;
  /** Path inside the bundle, exactly as the container named it. */
  readonly path: string;
  /** SHA-256 of the file's (decompressed) bytes. */
  readonly sha256: Sha256;
  readonly size: number;
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
