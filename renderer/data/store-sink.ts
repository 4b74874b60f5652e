// The IndexedDB side of the import pipeline. It runs inside the import worker and writes in one
// direction only: content chunk rows, event group rows and evidence rows are appended in
// bulkPut batches, each batch in one transaction that also records progress in the bundle row.
// Up to MAX_WRITES_IN_FLIGHT batches are queued while the pipeline parses on, so parsing and the
// browser's database work overlap. IndexedDB runs read-write transactions on the same stores in
// the order they were created, and the sink creates them in batch order.
//
// With a ContentHasher, content bytes go to the hash worker in CONTENT_CHUNK_BYTES pieces, which
// hashes them and returns each piece as a Blob, so neither SHA-256 nor Blob creation runs on the
// import worker's thread.
//
// Deduplication rule: when an evidence file ends, its SHA-256 is known. If a complete evidence
// row with the same SHA-256 already exists (from any bundle, or earlier in this one), the chunks
// and groups just written for the file are deleted again, and its evidence row points at the
// existing content. A session's events are therefore stored once, however many bundles carry
// the file.

import type { AgentEvent, SourceFormat } from '../../shared/model/events';
import type { EvidenceFile } from '../../shared/model/evidence';
import type { EvidenceKey, SessionId, Sha256 } from '../../shared/model/ids';
import type { EvidenceStart, IngestProgress, IngestSink } from '../../shared/ingest/types';
import type { CustodyDb } from './db';
import { groupKey } from './groups';
import { CONTENT_CHUNK_BYTES, type BundleRow, type ContentChunkRow, type EventGroupRow, type EvidenceRow } from './types';

/** Maximum events per group row. */
export const GROUP_EVENTS = 10_000;
/** Maximum JSON characters per group row, about 4 MB of mostly ASCII text. */
const GROUP_CHARS = 4_000_000;
/** JSON characters held in a file's unfinished groups before all of them are cut, which bounds memory when a file contains many sessions. */
const OPEN_GROUP_CHARS = 16_000_000;
/** Content bytes buffered before a batch is written. */
const FLUSH_BYTES = 8 * CONTENT_CHUNK_BYTES;
/** Group JSON characters buffered before a batch is written. */
const FLUSH_GROUP_CHARS = 8_000_000;
/**
 * Batches queued for writing at once. When this many are unfinished, the pipeline waits for the
 * oldest, so memory stays bounded by about this many batches.
 */
const MAX_WRITES_IN_FLIGHT = 3;

/** Hashes evidence content and turns it into Blobs, for example in another worker. */
export interface ContentHasher {
  /**
   * Adds `bytes` to the SHA-256 of `stream` and resolves with them as a Blob, or with null unless
   * `keep` is set. The buffer of `bytes` may be transferred, so the caller must not touch it afterwards.
   */
  chunk(stream: string, bytes: Uint8Array<ArrayBuffer>, keep: boolean): Promise<Blob | null>;
  /** Resolves with the SHA-256 of every chunk sent for `stream` and drops the stream's state. */
  digest(stream: string): Promise<Sha256>;
}

export interface StoreSinkOptions {
  readonly db: CustodyDb;
  readonly bundleId: string;
  /** Evidence keys stored completely by an earlier run of the same import; their writes are skipped. */
  readonly completeKeys?: ReadonlySet<string>;
  /** Hashes content and creates its Blobs; without it the pipeline hashes and the sink creates Blobs itself. */
  readonly hasher?: ContentHasher;
}

type BundleProgress = Pick<BundleRow, 'bytesRead' | 'files' | 'records' | 'events'>;

/** A content row whose Blob may still be on its way from the hasher. */
interface PendingChunk {
  readonly evidence: EvidenceKey;
  readonly index: number;
  readonly data: Blob | Promise<Blob | null>;
}

interface Batch {
  readonly chunks: PendingChunk[];
  readonly groups: EventGroupRow[];
  readonly evidence: EvidenceRow[];
  readonly progress: BundleProgress;
}

interface OpenGroup {
  /** The events of the group so far, each as JSON. */
  parts: string[];
  chars: number;
  /** Groups of this session already cut from the current file. */
  count: number;
}

/** The evidence file being read; the pipeline reads one file at a time. */
interface CurrentFile {
  readonly key: EvidenceKey;
  readonly skip: boolean;
  /**
   * The file's evidence row until it ends, marked incomplete. It is written with every batch of
   * the file, so that removing the bundle finds the file's rows even when a later write fails or
   * the import stops inside the file.
   */
  readonly provisional: EvidenceRow | null;
  chunkIndex: number;
  /** Content bytes and events of the file cut into rows so far, so written with the next batch. */
  storedBytes: number;
  storedEvents: number;
  /** Format of the file's first event, for the provisional row; the reader's choice is known only at the end. */
  format: SourceFormat | null;
  buffer: Uint8Array<ArrayBuffer> | null;
  fill: number;
  readonly groups: Map<SessionId, OpenGroup>;
  openChars: number;
}

export class StoreSink implements IngestSink {
  /** Sessions with events in this import, including files skipped on resume. */
  readonly sessions = new Set<SessionId>();
  /** Evidence files whose content was already stored by another evidence row. */
  duplicateFiles = 0;
  /** Milliseconds the pipeline waited for database writes and content digests. */
  waitMs = 0;
  /** Present when a hasher is set: the pipeline then leaves evidence hashing to the sink. */
  readonly contentDigest?: (key: EvidenceKey) => Promise<Sha256>;
  private progress: IngestProgress = { bundleBytes: 0, evidenceBytes: 0, files: 0, records: 0, events: 0, currentFile: '' };
  /** Counts of the files finished so far, including those skipped on resume. */
  private finished = { files: 0, records: 0, events: 0 };
  private current: CurrentFile | null = null;
  private chunks: PendingChunk[] = [];
  private chunkBytes = 0;
  private groups: EventGroupRow[] = [];
  private groupChars = 0;
  /** Queued writes, oldest first. */
  private writes: Promise<void>[] = [];
  /** Resolves once the newest queued write has created its transaction. */
  private lastBegun: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | null = null;

  constructor(private readonly options: StoreSinkOptions) {
    const hasher = options.hasher;
    if (hasher) this.contentDigest = (key) => this.digestContent(hasher, key);
  }

  /** Records the pipeline's latest progress; it is written with the next batch. */
  setProgress(progress: IngestProgress): void {
    this.progress = progress;
  }

  beginEvidence(start: EvidenceStart): void {
    const skip = this.options.completeKeys?.has(start.key) ?? false;
    const provisional: EvidenceRow | null = skip
      ? null
      : {
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
        };
    this.current = { key: start.key, skip, provisional, chunkIndex: 0, storedBytes: 0, storedEvents: 0, format: null, buffer: null, fill: 0, groups: new Map(), openChars: 0 };
  }

  async content(_key: EvidenceKey, chunk: Uint8Array): Promise<void> {
    const file = this.current!;
    // A skipped file's bytes are still hashed, to check that they match the stored file.
    if (file.skip && !this.options.hasher) return;
    let at = 0;
    while (at < chunk.length) {
      file.buffer ??= new Uint8Array(CONTENT_CHUNK_BYTES);
      const take = Math.min(CONTENT_CHUNK_BYTES - file.fill, chunk.length - at);
      file.buffer.set(chunk.subarray(at, at + take), file.fill);
      file.fill += take;
      at += take;
      if (file.fill === CONTENT_CHUNK_BYTES) this.cutChunk(file);
    }
    if (this.chunkBytes >= FLUSH_BYTES) await this.flush(file);
  }

  async events(_key: EvidenceKey, events: readonly AgentEvent[]): Promise<void> {
    const file = this.current!;
    file.format ??= events[0]?.source ?? null;
    for (const event of events) {
      this.sessions.add(event.session);
      if (file.skip) continue;
      let group = file.groups.get(event.session);
      if (!group) file.groups.set(event.session, (group = { parts: [], chars: 0, count: 0 }));
      const json = JSON.stringify(event);
      group.parts.push(json);
      group.chars += json.length;
      file.openChars += json.length;
      if (group.parts.length >= GROUP_EVENTS || group.chars >= GROUP_CHARS) this.cutGroup(file, event.session, group);
    }
    if (file.openChars >= OPEN_GROUP_CHARS) this.cutRemainder(file);
    if (this.groupChars >= FLUSH_GROUP_CHARS) await this.flush(file);
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
      this.addFinished(file);
      return;
    }
    this.cutRemainder(current);
    await this.flush(current);
    this.addFinished(file);
    const progress = this.bundleProgress(null);
    // The file is marked complete only after every earlier write succeeded: a failed write
    // rejects `earlier`, and the file stays incomplete, to be read again on resume.
    const earlier = Promise.all(this.writes);
    await this.enqueue(earlier, async (begun) => {
      const duplicate = await db.transaction('rw', [db.evidence, db.eventGroups, db.contents, db.bundles], async () => {
        begun();
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
      if (duplicate) this.duplicateFiles += 1;
    });
  }

  /**
   * Writes the rows of a file cut short by cancel, with an incomplete evidence row that counts
   * what was read of it. The pipeline passed every event read from the file before this call.
   */
  async cutEvidence(file: EvidenceFile): Promise<void> {
    const current = this.current!;
    this.current = null;
    if (current.skip) return;
    this.cutRemainder(current);
    const row: EvidenceRow = { ...file, bundleId: this.options.bundleId, content: file.key, complete: false };
    const progress = this.bundleProgress(null);
    await this.flush(null, { evidence: row, progress: { ...progress, records: progress.records + file.records, events: progress.events + file.events } });
  }

  /** Writes whatever is buffered, including a file cut short by a failure, and waits for all writes. */
  async finish(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current && !current.skip) this.cutRemainder(current);
    await this.flush(current?.skip ? null : current);
    while (this.writes.length > 0) await this.wait(this.writes.shift()!);
  }

  private async digestContent(hasher: ContentHasher, key: EvidenceKey): Promise<Sha256> {
    const file = this.current!;
    if (file.key !== key) throw new Error(`Content digest requested for ${key} while ${file.key} is being read.`);
    if (file.fill > 0) this.cutChunk(file);
    const started = performance.now();
    try {
      return await hasher.digest(key);
    } finally {
      this.waitMs += performance.now() - started;
    }
  }

  private addFinished(file: EvidenceFile): void {
    this.finished = { files: this.finished.files + 1, records: this.finished.records + file.records, events: this.finished.events + file.events };
  }

  /**
   * Returns the bundle's counts as stored once the rows cut so far are written: the finished
   * files, plus the records and events of `file` so far.
   * NOTE: the records of an unfinished file are those read when the batch was queued, which may
   * include records whose bytes and events are still buffered.
   */
  private bundleProgress(file: CurrentFile | null): BundleProgress {
    const records = file ? Math.max(0, this.progress.records - this.finished.records) : 0;
    return {
      bytesRead: this.progress.bundleBytes,
      files: this.finished.files,
      records: this.finished.records + records,
      events: this.finished.events + (file?.storedEvents ?? 0),
    };
  }

  private cutChunk(file: CurrentFile): void {
    const bytes = file.fill === CONTENT_CHUNK_BYTES ? file.buffer! : file.buffer!.subarray(0, file.fill);
    const hasher = this.options.hasher;
    let data: PendingChunk['data'];
    if (hasher) {
      data = hasher.chunk(file.key, bytes, !file.skip);
      // The write that stores the chunk awaits `data` and reports a failure.
      data.catch(() => undefined);
    } else {
      // A Blob is handed to the browser's blob storage once; IndexedDB then stores a reference
      // instead of serializing the bytes again on the worker thread.
      data = new Blob([bytes]);
    }
    if (!file.skip) {
      this.chunks.push({ evidence: file.key, index: file.chunkIndex, data });
      this.chunkBytes += file.fill;
      file.storedBytes += file.fill;
    }
    file.chunkIndex += 1;
    file.buffer = null;
    file.fill = 0;
  }

  private cutGroup(file: CurrentFile, session: SessionId, group: OpenGroup): void {
    const eventsJson = `[${group.parts.join(',')}]`;
    this.groups.push({ key: groupKey(session, file.key, group.count), session, evidence: file.key, count: group.parts.length, eventsJson });
    this.groupChars += eventsJson.length;
    file.storedEvents += group.parts.length;
    file.openChars -= group.chars;
    group.count += 1;
    group.parts = [];
    group.chars = 0;
  }

  private cutRemainder(file: CurrentFile): void {
    if (file.fill > 0) this.cutChunk(file);
    for (const [session, group] of file.groups) if (group.parts.length > 0) this.cutGroup(file, session, group);
  }

  /**
   * Queues a write of the buffered rows, with the provisional evidence row of `file` counting what
   * is stored of it, or with `final` rows. When MAX_WRITES_IN_FLIGHT writes are unfinished, first
   * waits for the oldest. A failed write surfaces here or in finish(), and stops the pipeline.
   */
  private async flush(file: CurrentFile | null, final?: { readonly evidence: EvidenceRow; readonly progress: BundleProgress }): Promise<void> {
    if (this.failure) throw this.failure.error;
    if (this.chunks.length === 0 && this.groups.length === 0 && !final) return;
    const records = file ? this.bundleProgress(file).records - this.finished.records : 0;
    const provisional = file?.provisional ? { ...file.provisional, format: file.format, size: file.storedBytes, records, events: file.storedEvents } : null;
    const evidence = final ? final.evidence : provisional;
    const batch: Batch = {
      chunks: this.chunks,
      groups: this.groups,
      evidence: evidence ? [evidence] : [],
      progress: final ? final.progress : this.bundleProgress(file),
    };
    this.chunks = [];
    this.chunkBytes = 0;
    this.groups = [];
    this.groupChars = 0;
    const blobs = Promise.all(batch.chunks.map((chunk) => chunk.data));
    await this.enqueue(blobs, (begun, data) => this.write(batch, data, begun));
  }

  /**
   * Starts `write` once `before` has resolved and the previously queued write has created its
   * transaction, so transactions are created in queue order. `write` calls `begun` from inside
   * its transaction.
   */
  private async enqueue<T>(before: Promise<T>, write: (begun: () => void, value: T) => Promise<void>): Promise<void> {
    // The task below reports a rejection of `before`, unless waiting for an older write throws first.
    before.catch(() => undefined);
    while (this.writes.length >= MAX_WRITES_IN_FLIGHT) await this.wait(this.writes.shift()!);
    const previous = this.lastBegun;
    let begun!: () => void;
    this.lastBegun = new Promise<void>((resolve) => (begun = resolve));
    const task = (async () => {
      try {
        const value = await before;
        await previous;
        await write(begun, value);
      } finally {
        begun();
      }
    })();
    task.catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.writes.push(task);
  }

  private async wait(write: Promise<void>): Promise<void> {
    const started = performance.now();
    try {
      await write;
    } finally {
      this.waitMs += performance.now() - started;
    }
  }

  private write(batch: Batch, blobs: readonly (Blob | null)[], begun: () => void): Promise<void> {
    const { db, bundleId } = this.options;
    const chunks: ContentChunkRow[] = batch.chunks.map((chunk, index) => {
      const data = blobs[index];
      if (!data) throw new Error(`Content chunk ${chunk.index} of ${chunk.evidence} has no data.`);
      return { evidence: chunk.evidence, index: chunk.index, data };
    });
    return db.transaction('rw', [db.evidence, db.contents, db.eventGroups, db.bundles], async () => {
      begun();
      const writes: Promise<unknown>[] = [];
      if (batch.evidence.length > 0) writes.push(db.evidence.bulkPut(batch.evidence));
      if (chunks.length > 0) writes.push(db.contents.bulkPut(chunks));
      if (batch.groups.length > 0) writes.push(db.eventGroups.bulkPut(batch.groups));
      writes.push(db.bundles.update(bundleId, batch.progress));
      await Promise.all(writes);
    });
  }
}
