// The IndexedDB side of the import pipeline. It runs inside the import worker and writes in one
// direction only: content chunk rows, event group rows and evidence rows are appended in
// bulkPut batches, each batch in one transaction that also records progress in the bundle row.
// One batch is written while the pipeline parses the next, so parsing and the browser's
// database work overlap.
//
// Deduplication rule: when an evidence file ends, its SHA-256 is known. If a complete evidence
// row with the same SHA-256 already exists (from any bundle, or earlier in this one), the chunks
// and groups just written for the file are deleted again, and its evidence row points at the
// existing content. A session's events are therefore stored once, however many bundles carry
// the file.

import type { AgentEvent } from '../../shared/model/events';
import type { EvidenceFile } from '../../shared/model/evidence';
import type { EvidenceKey, SessionId, Sha256 } from '../../shared/model/ids';
import type { EvidenceStart, IngestProgress, IngestSink } from '../../shared/ingest/types';
import type { CustodyDb } from './db';
import { groupKey } from './groups';
import { CONTENT_CHUNK_BYTES, type BundleRow, type ContentChunkRow, type EventGroupRow, type EvidenceRow } from './types';

/** Events per group row, within the 500–2,000 range that keeps row counts low and rows small enough to load per session. */
export const GROUP_EVENTS = 1000;
/** Content bytes buffered before a batch is written. */
const FLUSH_BYTES = 8 * CONTENT_CHUNK_BYTES;
/** Full groups buffered before a batch is written. */
const FLUSH_GROUPS = 8;

export interface StoreSinkOptions {
  readonly db: CustodyDb;
  readonly bundleId: string;
  /** Evidence keys stored completely by an earlier run of the same import; their writes are skipped. */
  readonly completeKeys?: ReadonlySet<string>;
}

type BundleProgress = Pick<BundleRow, 'bytesRead' | 'files' | 'records' | 'events'>;

interface Batch {
  readonly chunks: ContentChunkRow[];
  readonly groups: EventGroupRow[];
  readonly evidence: EvidenceRow[];
  readonly progress: BundleProgress;
}

interface OpenGroup {
  events: AgentEvent[];
  /** Groups of this session already cut from the current file. */
  count: number;
}

/** The evidence file being read; the pipeline reads one file at a time. */
interface CurrentFile {
  readonly key: EvidenceKey;
  readonly skip: boolean;
  chunkIndex: number;
  buffer: Uint8Array | null;
  fill: number;
  readonly groups: Map<SessionId, OpenGroup>;
}

export class StoreSink implements IngestSink {
  /** Sessions with events in this import, including files skipped on resume. */
  readonly sessions = new Set<SessionId>();
  /** Evidence files whose content was already stored by another evidence row. */
  duplicateFiles = 0;
  /** Milliseconds the pipeline waited for database writes to finish. */
  waitMs = 0;
  private progress: BundleProgress = { bytesRead: 0, files: 0, records: 0, events: 0 };
  private current: CurrentFile | null = null;
  private chunks: ContentChunkRow[] = [];
  private chunkBytes = 0;
  private groups: EventGroupRow[] = [];
  private evidence: EvidenceRow[] = [];
  private inflight: Promise<void> | null = null;

  constructor(private readonly options: StoreSinkOptions) {}

  /** Records the pipeline's latest progress; it is written with the next batch. */
  setProgress(progress: IngestProgress): void {
    this.progress = { bytesRead: progress.bundleBytes, files: progress.files, records: progress.records, events: progress.events };
  }

  beginEvidence(start: EvidenceStart): void {
    const skip = this.options.completeKeys?.has(start.key) ?? false;
    this.current = { key: start.key, skip, chunkIndex: 0, buffer: null, fill: 0, groups: new Map() };
    if (skip) return;
    // A provisional row, written with the file's first batch, so that removing the bundle finds
    // the file's rows even when the import stops inside it.
    this.evidence.push({
      key: start.key,
      bundleId: this.options.bundleId,
      content: start.key,
      complete: false,
      path: start.path,
      sha256: '' as Sha256,
      size: 0,
      format: null,
      records: 0,
      events: 0,
      diagnostics: [],
      diagnosticsDropped: 0,
    });
  }

  async content(_key: EvidenceKey, chunk: Uint8Array): Promise<void> {
    const file = this.current!;
    if (file.skip) return;
    let at = 0;
    while (at < chunk.length) {
      file.buffer ??= new Uint8Array(CONTENT_CHUNK_BYTES);
      const take = Math.min(CONTENT_CHUNK_BYTES - file.fill, chunk.length - at);
      file.buffer.set(chunk.subarray(at, at + take), file.fill);
      file.fill += take;
      at += take;
      if (file.fill === CONTENT_CHUNK_BYTES) this.cutChunk(file);
    }
    if (this.chunkBytes >= FLUSH_BYTES) await this.flush();
  }

  async events(_key: EvidenceKey, events: readonly AgentEvent[]): Promise<void> {
    const file = this.current!;
    for (const event of events) {
      this.sessions.add(event.session);
      if (file.skip) continue;
      let group = file.groups.get(event.session);
      if (!group) file.groups.set(event.session, (group = { events: [], count: 0 }));
      group.events.push(event);
      if (group.events.length >= GROUP_EVENTS) this.cutGroup(file, event.session, group);
    }
    if (this.groups.length >= FLUSH_GROUPS) await this.flush();
  }

  async endEvidence(file: EvidenceFile): Promise<void> {
    const current = this.current!;
    this.current = null;
    const { db, bundleId } = this.options;
    if (current.skip) {
      const stored = await db.evidence.get(file.key);
      if (stored?.sha256 !== file.sha256) {
        throw new Error(`Cannot resume: "${file.path}" differs from the file read by the interrupted import (SHA-256 ${file.sha256}, stored ${stored?.sha256 ?? 'none'}). Remove the bundle and import it again.`);
      }
      return;
    }
    this.cutRemainder(current);
    await this.flush();
    await this.drain();
    const waitStarted = performance.now();
    const progress = { ...this.progress, files: this.progress.files + 1 };
    const duplicate = await db.transaction('rw', [db.evidence, db.eventGroups, db.contents, db.bundles], async () => {
      const existing = await db.evidence
        .where('sha256')
        .equals(file.sha256)
        .filter((row) => row.complete && row.key !== file.key)
        .first();
      if (existing) {
        await db.eventGroups.where('evidence').equals(file.key).delete();
        await db.contents.where('[evidence+index]').between([file.key, 0], [file.key, Infinity], true, true).delete();
      }
      const content = existing ? existing.content : file.key;
      await db.evidence.put({ ...file, bundleId, content, complete: true });
      await db.bundles.update(bundleId, progress);
      return existing !== undefined;
    });
    this.waitMs += performance.now() - waitStarted;
    if (duplicate) this.duplicateFiles += 1;
  }

  /** Writes whatever is buffered, including a file cut short by cancel, and waits for all writes. */
  async finish(): Promise<void> {
    if (this.current && !this.current.skip) this.cutRemainder(this.current);
    this.current = null;
    await this.flush();
    await this.drain();
  }

  private cutChunk(file: CurrentFile): void {
    const bytes = file.fill === CONTENT_CHUNK_BYTES ? file.buffer! : file.buffer!.subarray(0, file.fill);
    // A Blob is handed to the browser's blob storage once; IndexedDB then stores a reference
    // instead of serializing the bytes again on the worker thread.
    const data = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    this.chunks.push({ evidence: file.key, index: file.chunkIndex, data });
    this.chunkBytes += data.size;
    file.chunkIndex += 1;
    file.buffer = null;
    file.fill = 0;
  }

  private cutGroup(file: CurrentFile, session: SessionId, group: OpenGroup): void {
    this.groups.push({ key: groupKey(session, file.key, group.count), session, evidence: file.key, events: group.events });
    group.count += 1;
    group.events = [];
  }

  private cutRemainder(file: CurrentFile): void {
    if (file.fill > 0) this.cutChunk(file);
    for (const [session, group] of file.groups) if (group.events.length > 0) this.cutGroup(file, session, group);
  }

  /**
   * Starts writing the buffered rows once the previous batch is stored. At most one batch is in
   * flight; a failed write surfaces here or in drain(), and stops the pipeline.
   */
  private async flush(): Promise<void> {
    if (this.chunks.length === 0 && this.groups.length === 0 && this.evidence.length === 0) return;
    const batch: Batch = { chunks: this.chunks, groups: this.groups, evidence: this.evidence, progress: this.progress };
    this.chunks = [];
    this.chunkBytes = 0;
    this.groups = [];
    this.evidence = [];
    if (this.inflight) await this.wait(this.inflight);
    const write = this.write(batch);
    // The next await of `inflight` rethrows the rejection. This handler only keeps it from being reported as unhandled.
    write.catch(() => undefined);
    this.inflight = write;
  }

  private async drain(): Promise<void> {
    if (this.inflight) await this.wait(this.inflight);
    this.inflight = null;
  }

  private async wait(write: Promise<void>): Promise<void> {
    const started = performance.now();
    try {
      await write;
    } finally {
      this.waitMs += performance.now() - started;
    }
  }

  private write(batch: Batch): Promise<void> {
    const { db, bundleId } = this.options;
    return db.transaction('rw', [db.evidence, db.contents, db.eventGroups, db.bundles], async () => {
      const writes: Promise<unknown>[] = [];
      if (batch.evidence.length > 0) writes.push(db.evidence.bulkPut(batch.evidence));
      if (batch.chunks.length > 0) writes.push(db.contents.bulkPut(batch.chunks));
      if (batch.groups.length > 0) writes.push(db.eventGroups.bulkPut(batch.groups));
      writes.push(db.bundles.update(bundleId, batch.progress));
      await Promise.all(writes);
    });
  }
}
