// Reads one evidence file: hashes its bytes (unless the sink does), splits lines, samples the
// first records to pick a format reader, and hands every record to it. JSON documents that span
// lines (a CloudTrail `Records` file, a pretty-printed array) are read whole, within a size limit.

import type { Diagnostic } from '../model/diagnostics';
import type { AgentEvent } from '../model/events';
import type { EvidenceFile } from '../model/evidence';
import type { EvidenceKey, Sha256 } from '../model/ids';
import { createSha256Stream } from '../io/hash';
import { LineSplitter, type Line } from '../io/lines';
import { chooseReader } from '../formats/registry';
import type { FormatReader, ParsedLine, RecordSink } from '../formats/types';
import type { ContainerEntry } from '../io/container';
import type { IngestOptions, IngestSink } from './types';
import { DocumentCollector } from './document';
import { ImportCancelled } from './cancel';
import { findGluedRecord, splitAtNulRuns, utf8Length, type GluedRecord } from './recover';

const SAMPLE_LINES = 20;
/** Text lines before the first record whose diagnostics are held back, and listed if records follow. */
const TEXT_LINES_HELD = 20;
const SAMPLE_BYTES = 256 * 1024;
const DEFAULT_BATCH = 2000;
const DEFAULT_MAX_DIAGNOSTICS = 500;

export interface EvidenceProgress {
  bytes: number;
  /** Records and events of the file being read. */
  records: number;
  events: number;
  report(): void;
}

/** State of one file being read; lives only while that file streams. */
class EvidenceReader {
  readonly diagnostics: Diagnostic[] = [];
  diagnosticsDropped = 0;
  records = 0;
  events = 0;
  private sample: ParsedLine[] = [];
  private sampleBytes = 0;
  private reader: FormatReader | null = null;
  private pendingText: Diagnostic[] = [];
  private textLines = 0;
  version: string | undefined;
  private sink: RecordSink | null = null;
  private document: DocumentCollector | null = null;
  /** Set once the file failed to parse as one JSON document, so it is read as JSONL. */
  private documentTried = false;
  batch: AgentEvent[] = [];

  constructor(
    readonly key: EvidenceKey,
    readonly path: string,
    private readonly readers: readonly FormatReader[] | undefined,
    private readonly maxDiagnostics: number,
  ) {}

  get format(): FormatReader | null {
    return this.reader;
  }

  diagnose = (diagnostic: Diagnostic): void => {
    if (this.diagnostics.length < this.maxDiagnostics) this.diagnostics.push(diagnostic);
    else this.diagnosticsDropped += 1;
  };

  line = (line: Line): void => {
    if (line.text.includes('\0')) {
      this.nulLine(line);
      return;
    }
    this.take(line, false);
  };

  /**
   * Reads a line that contains NUL bytes, as a preallocated file cut by a crash leaves them. Each
   * run is reported and the text around the runs is read. Text before a run may be a record cut short.
   */
  private nulLine(line: Line): void {
    const { segments, runs } = splitAtNulRuns(line.text);
    for (const run of runs) {
      this.diagnose({
        code: 'nul-bytes',
        severity: 'warning',
        file: this.path,
        line: line.number,
        offset: line.offset + utf8Length(line.text, 0, run.start),
        length: run.end - run.start,
        reason: `Line holds ${run.end - run.start} NUL bytes, as a file preallocated and then cut short by a crash does; they were skipped and the records around them read.`,
      });
    }
    for (const segment of segments) {
      const cut = segment.end < line.text.length;
      const text = line.text.slice(segment.start, segment.end);
      this.take({
        text,
        number: line.number,
        offset: line.offset + utf8Length(line.text, 0, segment.start),
        length: utf8Length(text),
        terminated: cut ? true : line.terminated,
      }, cut);
    }
  }

  /** Reads one line or one part of a damaged line. `cut` marks a part that the damage ended early. */
  private take(line: Line, cut: boolean): void {
    if (this.document) {
      this.document.add(line);
      return;
    }
    if (line.text.trim() === '') return;
    for (const parsed of this.parse(line, cut)) this.accept(parsed);
  }

  private accept(parsed: ParsedLine): void {
    if (this.skipEmpty(parsed)) return;
    if (this.records === 0) this.flushTextLines();
    this.records += 1;
    if (this.sink) {
      this.sink.record(parsed);
      return;
    }
    this.sample.push(parsed);
    this.sampleBytes += parsed.line.length;
    // A file that is one array on one line is split into its items at the end, so wait for more lines.
    const loneArray = this.sample.length === 1 && Array.isArray(parsed.value);
    if (this.sample.length >= SAMPLE_LINES || (this.sampleBytes >= SAMPLE_BYTES && !loneArray)) this.decide();
  }

  /** Splits a file that is a single JSON array on one line into its items, as a document's are. */
  private splitLoneArray(): void {
    const only = this.sample[0];
    if (this.sink || this.sample.length !== 1 || this.records !== 1 || !only || !Array.isArray(only.value)) return;
    const items: ParsedLine[] = only.value.map((item: unknown, index) => ({ line: { ...only.line, text: '', number: index + 1 }, value: item }));
    this.sample = items.filter((item) => !this.skipEmpty(item));
    this.records = this.sample.length;
  }

  /**
   * Reports and skips a record that is an empty JSON object: it has no field any reader could
   * use, so it would only make a session of unknown time. Returns true when it skipped one.
   */
  private skipEmpty(parsed: ParsedLine): boolean {
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length > 0) return false;
    this.diagnose({
      code: 'invalid-record',
      severity: 'warning',
      file: this.path,
      line: parsed.line.number,
      offset: parsed.line.offset,
      length: parsed.line.length,
      reason: 'Record is an empty JSON object with no fields, so it gives no event; it was skipped and its raw bytes are kept.',
    });
    return true;
  }

  /** Picks the reader once the sample is full or the file ended. */
  decide(): void {
    if (this.sink || this.document) return;
    this.reader = chooseReader(this.path, this.sample, this.readers);
    this.version = this.reader.version?.(this.sample);
    if (this.reader.format === 'generic' && this.sample.length > 0) {
      this.diagnose({
        code: 'unrecognised-format',
        severity: 'info',
        file: this.path,
        reason: 'No reader recognised this file; its records were imported as generic records, searchable and kept whole.',
      });
    }
    this.sink = this.reader.open({ evidence: this.key, path: this.path, emit: this.emit, diagnose: this.diagnose });
    for (const parsed of this.sample) this.sink.record(parsed);
    this.sample = [];
  }

  finish(): void {
    if (this.document) {
      const document = this.document;
      this.document = null;
      let failure: Diagnostic | null = null;
      const parsed = document.finish((diagnostic) => {
        if (diagnostic.code === 'invalid-json') failure = diagnostic;
        else this.diagnose(diagnostic);
      });
      const lines = failure ? document.linesIfJsonl() : null;
      if (lines) {
        // The first line was a damaged record, not the start of a document, so read the lines as JSONL.
        this.documentTried = true;
        for (const line of lines) this.take(line, false);
      } else {
        if (failure) this.diagnose(failure);
        for (const item of parsed) {
          if (this.skipEmpty(item)) continue;
          this.records += 1;
          this.sample.push(item);
        }
      }
    }
    this.splitLoneArray();
    if (this.records === 0 && this.textLines > 0) {
      this.diagnose({
        code: 'unrecognised-format',
        severity: 'info',
        file: this.path,
        reason: `File is text, not JSON (${this.textLines} lines); it is kept as evidence and gives no records.`,
      });
      this.pendingText = [];
    }
    this.decide();
    this.sink?.finish();
  }

  /** Records located by a JSON pointer inside a line or document (CloudTrail `Records`, OTLP requests). */
  private readonly pointed = new Set<string>();

  /** Records in the file: parsed lines or items, or the records inside them where a reader points at them. */
  get recordCount(): number {
    return Math.max(this.records, this.pointed.size);
  }

  private emit = (event: AgentEvent): void => {
    this.events += 1;
    if (event.raw.pointer !== undefined) this.pointed.add(`${event.raw.line}|${event.raw.offset}|${event.raw.pointer}`);
    this.batch.push(event);
  };

  private invalidJson(line: Line, error: unknown): Diagnostic {
    return {
      code: 'invalid-json',
      severity: 'error',
      file: this.path,
      line: line.number,
      offset: line.offset,
      length: line.length,
      reason: `Line is not valid JSON (${error instanceof Error ? error.message : String(error)}); it was skipped and its raw bytes are kept.`,
    };
  }

  /** Reports the held-back text lines one by one, once the file turns out to hold records. */
  private flushTextLines(): void {
    for (const diagnostic of this.pendingText) this.diagnose(diagnostic);
    const unlisted = this.textLines - this.pendingText.length;
    if (unlisted > 0) this.diagnose({ code: 'invalid-json', severity: 'error', file: this.path, reason: `${unlisted} more lines of text before the first record are not JSON; they were skipped and their raw bytes are kept.` });
    this.pendingText = [];
    this.textLines = 0;
  }

  private parse(line: Line, cut: boolean): ParsedLine[] {
    const text = line.text;
    let error: unknown;
    try {
      return [{ line, value: JSON.parse(text) }];
    } catch (caught) {
      error = caught;
    }
    const glued = findGluedRecord(text);
    if (glued) return this.splitGlued(line, glued);
    if (!cut && !this.documentTried && this.records === 0 && this.sample.length === 0 && /^\s*[[{]/.test(text)) {
      // The first line is not a whole JSON value: read the file as one JSON document.
      this.document = new DocumentCollector(this.path);
      this.document.add(line);
      return [];
    }
    const truncated = cut || !line.terminated;
    if (!truncated && this.records === 0 && !/^\s*[[{"]/.test(text)) {
      // Plain text (a README, a shell log) before any record: held back, because a file with no
      // records at all gets one note instead of one error per line.
      this.textLines += 1;
      if (this.pendingText.length < TEXT_LINES_HELD) this.pendingText.push(this.invalidJson(line, error));
      return [];
    }
    this.diagnose({
      code: truncated ? 'truncated-line' : 'invalid-json',
      severity: 'error',
      file: this.path,
      line: line.number,
      offset: line.offset,
      length: line.length,
      reason: cut
        ? 'Record is cut short where NUL bytes begin; it was skipped and its raw bytes are kept.'
        : truncated
          ? 'Last line is cut short (no line break and not valid JSON); it was skipped and its raw bytes are kept.'
          : `Line is not valid JSON (${error instanceof Error ? error.message : String(error)}); it was skipped and its raw bytes are kept.`,
    });
    return [];
  }

  /**
   * Reads a line holding a whole record after a cut one (or after another whole one).
   * NOTE: offsets are counted from the decoded text, so they are off on a line whose invalid UTF-8
   * was replaced with U+FFFD. The same holds for the parts of a line split at NUL bytes.
   */
  private splitGlued(line: Line, glued: GluedRecord): ParsedLine[] {
    const prefixBytes = utf8Length(line.text, 0, glued.index);
    const rest = line.text.slice(glued.index);
    const restLine: Line = { text: rest, number: line.number, offset: line.offset + prefixBytes, length: line.length - prefixBytes, terminated: line.terminated };
    const prefixLine: Line = { text: line.text.slice(0, glued.index), number: line.number, offset: line.offset, length: prefixBytes, terminated: true };
    this.diagnose({
      code: glued.prefixWhole ? 'invalid-json' : 'truncated-line',
      severity: glued.prefixWhole ? 'warning' : 'error',
      file: this.path,
      line: line.number,
      offset: line.offset,
      length: prefixBytes,
      reason: glued.prefixWhole
        ? `Line holds two JSON records with no line break between them (the second starts at byte ${restLine.offset}); both were read.`
        : `Record is cut short and a whole record follows it on the same line at byte ${restLine.offset}; the cut record was skipped with its raw bytes kept, and the whole one was read.`,
    });
    const parsed: ParsedLine[] = glued.prefixWhole ? [{ line: prefixLine, value: glued.prefixValue }] : [];
    parsed.push({ line: restLine, value: glued.value });
    return parsed;
  }
}

export async function readEvidence(
  entry: ContainerEntry,
  key: EvidenceKey,
  sink: IngestSink,
  options: IngestOptions,
  progress: EvidenceProgress,
): Promise<EvidenceFile> {
  await sink.beginEvidence({ key, path: entry.path, chain: entry.chain });
  const state = new EvidenceReader(key, entry.path, options.readers, options.maxDiagnosticsPerFile ?? DEFAULT_MAX_DIAGNOSTICS);
  const hash = sink.contentDigest ? null : await createSha256Stream();
  const longLineHash = await createSha256Stream();
  const limit = options.limits?.maxLineBytes ?? 64 * 1024 ** 2;
  const splitter = new LineSplitter({ file: entry.path, maxLineBytes: limit, onLine: state.line, onDiagnostic: state.diagnose, hasher: longLineHash });
  const batchSize = options.eventBatch ?? DEFAULT_BATCH;
  let size = 0;
  const flush = async (all: boolean) => {
    if (state.batch.length === 0 || (!all && state.batch.length < batchSize)) return;
    const events = state.batch;
    state.batch = [];
    await sink.events(key, events);
  };
  const evidenceFile = (sha256: Sha256, format: EvidenceFile['format']): EvidenceFile => ({
    key,
    path: entry.path,
    sha256,
    size,
    format,
    ...(state.version ? { formatVersion: state.version } : {}),
    records: state.recordCount,
    events: state.events,
    diagnostics: state.diagnostics,
    diagnosticsDropped: state.diagnosticsDropped,
  });
  // On cancel, the records read so far are passed on with their events, so that what the sink
  // stores of the file matches the counts it is given.
  const cutShort = async (): Promise<EvidenceFile> => {
    state.decide();
    await flush(true);
    const file = evidenceFile(hash ? hash.digest() : await sink.contentDigest!(key), state.format?.format ?? null);
    await sink.cutEvidence?.(file);
    return file;
  };
  for await (const chunk of entry.chunks) {
    if (options.signal?.aborted) throw new ImportCancelled(await cutShort());
    hash?.update(chunk);
    size += chunk.length;
    await sink.content(key, chunk);
    if (!entry.opaque) splitter.push(chunk);
    progress.bytes += chunk.length;
    progress.records = state.records;
    progress.events = state.events;
    progress.report();
    await flush(false);
  }
  splitter.end();
  state.finish();
  const cut = entry.cutShort?.();
  if (cut !== undefined) {
    state.diagnose({
      code: cut.code,
      severity: 'error',
      file: entry.path,
      offset: size,
      reason: `Reading stopped after ${size} bytes of this file because ${cut.cause}. Its size and SHA-256 cover only the bytes read.`,
    });
  } else if (entry.opaque) {
    state.diagnose({ code: 'skipped-file', severity: 'info', file: entry.path, reason: 'Archive nested past the depth limit; its bytes are kept as evidence but not read.' });
  } else if (size === 0) {
    state.diagnose({ code: 'skipped-file', severity: 'info', file: entry.path, reason: 'File is empty.' });
  }
  await flush(true);
  const digest = hash ? hash.digest() : await sink.contentDigest!(key);
  const whole = evidenceFile(digest, state.records === 0 ? null : state.format?.format ?? null);
  const file: EvidenceFile = cut === undefined ? whole : { ...whole, cutShort: true };
  await sink.endEvidence(file);
  return file;
}
