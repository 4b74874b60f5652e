// What a case file carries besides its manifest, in the form the writer takes and the reader
// returns.

import type { ContainerKind } from '../model/evidence';
import type { Annotation, Chain, LogEntry, Review, Versioned } from './types';

export interface CaseEvidence {
  /** Path inside the bundle exactly as its container named it; evidence text, never a file name on disk. */
  readonly path: string;
  /**
   * Zip entry holding the bytes, or null when the bundle's original file carries them (format
   * version 2), in which case importing the original restores the file.
   */
  readonly entry: string | null;
  /** SHA-256 and size of the original evidence bytes, before any redaction. */
  readonly sha256: string;
  readonly size: number;
  readonly format: string | null;
}

/** An archive bundle's file, carried as the investigator received it. */
export interface CaseOriginal {
  /** Zip entry holding the archive's bytes, stored without compression. */
  readonly entry: string;
  /** Equal to the bundle's SHA-256, because a file bundle's SHA-256 is that of its file. */
  readonly sha256: string;
  readonly size: number;
}

/**
 * The reason a bundle of an export with evidence has no original:
 * - `not-archive`: a plain file or a folder, whose evidence files are the originals.
 * - `redacted`: the original contains what a redacted export removes.
 * - `not-stored`: an archive imported before originals were kept.
 */
export type OriginalOmission = 'not-archive' | 'redacted' | 'not-stored';

export interface CaseBundle {
  readonly name: string;
  readonly kind: ContainerKind;
  /** SHA-256 of the original bundle file or folder listing, as the exporting machine stored it. */
  readonly sha256: string | null;
  /** The archive file itself; null (or absent in format version 1) when the case file does not carry it. */
  readonly original?: CaseOriginal | null;
  /** The reason `original` is null. Absent in format version 1. */
  readonly originalOmitted?: OriginalOmission | null;
  readonly evidence: readonly CaseEvidence[];
}

/** One span removed by a redacted export. */
export interface Redaction {
  /** Zip entry the span was removed from, or the notes entry for text in annotations and chains. */
  readonly entry: string;
  /** For evidence: the original path inside the bundle; for notes: `<record id>/<field>`. */
  readonly location: string;
  readonly kind: string;
  /** Byte offset and length of the span in the original entry (UTF-8 bytes for notes). */
  readonly offset: number;
  readonly length: number;
  /** SHA-256 of the removed bytes. */
  readonly sha256: string;
  /** Text written in place of the span. */
  readonly replacement: string;
}

export interface CaseRecords {
  readonly annotations: readonly Versioned<Annotation>[];
  readonly chains: readonly Versioned<Chain>[];
  readonly reviews: readonly Versioned<Review>[];
  readonly log: readonly LogEntry[];
  /** Findings of the rule engine, when the exporting app had one; stored as they were given. */
  readonly findings?: readonly unknown[];
}
