// Reads one evidence file: hashes its bytes, splits lines, samples the first records to pick a
// format reader, and hands every record to it. JSON documents that span lines (a CloudTrail
// `Records` file, a pretty-printed array) are read whole, within a size limit.

import type { Diagnostic } from '../model/diagnostics';
import type { AgentEvent } from '../model/events';
import type { EvidenceFile } from '../model/evidence';
import type { EvidenceKey } from '../model/ids';
import { createSha256Stream } from '../io/hash';
import { LineSplitter, type Line } from '../io/lines';
import { chooseReader } from '../formats/registry';
import type { FormatReader, ParsedLine, RecordSink } from '../formats/types';
import type { ContainerEntry } from '../io/container';
import type { IngestOptions, IngestSink } from './types';
import { DocumentCollector } from './document';
import { ImportCancelled } from './cancel';

const SAMPLE_LINES = 20;
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
  version: string | undefined;
  private sink: RecordSink | null = null;
  private document: DocumentCollector | null = null;
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
    if (this.document) {
      this.document.add(line);
      return;
    }
    const parsed = this.parse(line);
    if (parsed === undefined) return;
    this.records += 1;
    if (this.sink) {
      this.sink.record(parsed);
      return;
    }
    this.sample.push(parsed);
    this.sampleBytes += line.length;
    if (this.sample.length >= SAMPLE_LINES || this.sampleBytes >= SAMPLE_BYTES) this.decide();
  };

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
      for (const parsed of this.document.finish(this.diagnose)) {
        this.records += 1;
        this.sample.push(parsed);
      }
      this.document = null;
    }
    this.decide();
    this.sink?.finish();
  }

  private emit = (event: AgentEvent): void => {
    this.events += 1;
    this.batch.push(event);
  };

  private parse(line: Line): ParsedLine | undefined {
    const text = line.text;
    try {
      return { line, value: JSON.parse(text) };
    } catch (error) {
      if (this.records === 0 && this.sample.length === 0 && /^\s*[[{]/.test(text)) {
        // The first line is not a whole JSON value: read the file as one JSON document.
        this.document = new DocumentCollector(this.path);
        this.document.add(line);
        return undefined;
      }
      this.diagnose({
        code: line.terminated ? 'invalid-json' : 'truncated-line',
        severity: 'error',
        file: this.path,
        line: line.number,
        offset: line.offset,
        length: line.length,
        reason: line.terminated
          ? `Line is not valid JSON (${error instanceof Error ? error.message : String(error)}); it was skipped and its raw bytes are kept.`
          : 'Last line is cut short (no line break and not valid JSON); it was skipped and its raw bytes are kept.',
      });
      return undefined;
    }
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
  const hash = await createSha256Stream();
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
  for await (const chunk of entry.chunks) {
    if (options.signal?.aborted) throw new ImportCancelled();
    hash.update(chunk);
    size += chunk.length;
    await sink.content(key, chunk);
    splitter.push(chunk);
    progress.bytes += chunk.length;
    progress.records = state.records;
    progress.events = state.events;
    progress.report();
    await flush(false);
  }
  splitter.end();
  state.finish();
  if (size === 0) {
    state.diagnose({ code: 'skipped-file', severity: 'info', file: entry.path, reason: 'File is empty.' });
  }
  await flush(true);
  const file: EvidenceFile = {
    key,
    path: entry.path,
    sha256: hash.digest(),
    size,
    format: state.records === 0 ? null : state.format?.format ?? null,
    ...(state.version ? { formatVersion: state.version } : {}),
    records: state.records,
    events: state.events,
    diagnostics: state.diagnostics,
    diagnosticsDropped: state.diagnosticsDropped,
  };
  await sink.endEvidence(file);
  return file;
}
