// The contract between the import pipeline and the format readers.

import type { Diagnostic } from '../model/diagnostics';
import type { AgentEvent, SourceFormat } from '../model/events';
import type { EvidenceKey } from '../model/ids';
import type { Line } from '../io/lines';

/** One parsed record with the line it came from. */
export interface ParsedLine {
  readonly line: Line;
  readonly value: unknown;
  /**
   * JSON pointer (RFC 6901) of the value inside its line or document: `/<index>` for an item of
   * a top-level array read as one document, absent when the value is the whole line or document.
   */
  readonly pointer?: string;
}

export interface ReaderContext {
  readonly evidence: EvidenceKey;
  /** Path of the evidence file inside its bundle. */
  readonly path: string;
  emit(event: AgentEvent): void;
  diagnose(diagnostic: Diagnostic): void;
}

/** Receives a file's records in order; never throws on a bad record. */
export interface RecordSink {
  record(parsed: ParsedLine): void;
  finish(): void;
}

export interface FormatReader {
  readonly format: SourceFormat;
  /**
   * Returns how sure the reader is (0 to 1) that the sampled records are its format. The sample
   * holds the file's first records, already parsed.
   */
  detect(path: string, sample: readonly ParsedLine[]): number;
  open(context: ReaderContext): RecordSink;
  /** Version of the producing product, read from the sample, if it shows one. */
  version?(sample: readonly ParsedLine[]): string | undefined;
}
