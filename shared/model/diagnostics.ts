// Problems found while reading evidence. Readers return these as data instead of throwing, so
// the good records around a bad one still import and nothing is lost silently.

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'invalid-json'
  | 'invalid-record'
  | 'invalid-utf8'
  | 'line-too-long'
  | 'truncated-line'
  | 'nul-bytes'
  | 'unknown-record'
  | 'unreadable-entry'
  | 'archive-limit'
  | 'unsupported-entry'
  | 'corrupt-archive'
  /** An archive member name that would leave an extraction folder (`..`, `/`, a drive letter). */
  | 'unsafe-name'
  | 'unrecognised-format'
  | 'skipped-file'
  | 'duplicate-record'
  | 'missing-field'
  /** A field is present but its value is unusable or was read in a converted form. */
  | 'invalid-value';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  /** Path of the evidence file inside its bundle. */
  readonly file: string;
  /** 1-based line number, when the problem sits on a line. */
  readonly line?: number;
  /** Byte offset in the (decompressed) file where the problem starts. */
  readonly offset?: number;
  /** Byte length of the affected span. */
  readonly length?: number;
  /** Plain sentence saying what was wrong and what was done about it. */
  readonly reason: string;
}
