// Imports one bundle: walks its containers, reads every evidence file and streams the results
// into a sink. Memory stays bounded by the largest line and the event batch, whatever the size
// of the bundle.

import type { Diagnostic } from '../model/diagnostics';
import type { EvidenceFile } from '../model/evidence';
import { asEvidenceKey, type Sha256 } from '../model/ids';
import type { BundleInput, ByteSource } from '../io/bytes';
import { walkBundle } from '../io/container';
import { createSha256Stream, sha256Hex } from '../io/hash';
import { ImportCancelled } from './cancel';
import { OpenSessions } from './open-sessions';
import { readEvidence, type EvidenceProgress } from './read-evidence';
import type { IngestOptions, IngestResult, IngestSink } from './types';

/**
 * Wraps a file source so its raw bytes are counted, and hashed unless `hashing` is false, as they
 * stream. Container readers
 * may stop before the end (a tar's trailing zero blocks, a damaged archive), so `drain` reads
 * whatever they left, and the bundle hash always covers the whole file.
 */
async function hashingSource(source: ByteSource, counter: { bytes: number }, hashing: boolean) {
  const hash = hashing ? await createSha256Stream() : null;
  let iterator: AsyncIterator<Uint8Array> | null = null;
  let ended = false;
  const next = async (): Promise<Uint8Array | null> => {
    iterator ??= source.chunks()[Symbol.asyncIterator]();
    const item = await iterator.next();
    if (item.done) {
      ended = true;
      return null;
    }
    hash?.update(item.value);
    counter.bytes += item.value.length;
    return item.value;
  };
  const wrapped: ByteSource = {
    name: source.name,
    size: source.size,
    async *chunks() {
      for (;;) {
        const chunk = await next();
        if (chunk === null) return;
        yield chunk;
      }
    },
  };
  const drain = async () => {
    while (!ended && (await next()) !== null);
  };
  return { wrapped, drain, digest: () => hash!.digest() };
}

/** Passes every call on to `sink`, noting the sessions of the events in reading order. */
function noteSessions(sink: IngestSink, open: OpenSessions): IngestSink {
  const noting: IngestSink = {
    beginEvidence: (start) => sink.beginEvidence(start),
    content: (key, chunk) => sink.content(key, chunk),
    events: (key, events) => {
      open.add(key, events);
      return sink.events(key, events);
    },
    endEvidence: (file) => sink.endEvidence(file),
  };
  // Optional methods stay absent when `sink` lacks them: readEvidence hashes content itself only
  // when the sink has no contentDigest.
  if (sink.cutEvidence) noting.cutEvidence = (file) => sink.cutEvidence!(file);
  if (sink.contentDigest) noting.contentDigest = (key) => sink.contentDigest!(key);
  return noting;
}

export async function ingestBundle(input: BundleInput, sink: IngestSink, options: IngestOptions): Promise<IngestResult> {
  const diagnostics: Diagnostic[] = [];
  const evidence: EvidenceFile[] = [];
  const counter = { bytes: 0 };
  let recordsBefore = 0;
  let eventsBefore = 0;
  let currentFile = '';
  const progress: EvidenceProgress = {
    bytes: 0,
    records: 0,
    events: 0,
    report: () =>
      options.onProgress?.({
        bundleBytes: input.kind === 'file' ? counter.bytes : progress.bytes,
        evidenceBytes: progress.bytes,
        records: recordsBefore + progress.records,
        events: eventsBefore + progress.events,
        files: evidence.length,
        currentFile,
      }),
  };
  let digest: (() => Sha256 | Promise<Sha256>) | null = null;
  let drain: (() => Promise<void>) | null = null;
  let walkInput = input;
  if (input.kind === 'file') {
    const hashed = await hashingSource(input.source, counter, !options.bundleDigest);
    digest = options.bundleDigest ?? hashed.digest;
    drain = hashed.drain;
    walkInput = { kind: 'file', source: hashed.wrapped };
  }
  let cancelled = false;
  let partial: EvidenceFile | null = null;
  const open = new OpenSessions();
  const noting = noteSessions(sink, open);
  try {
    const entries = walkBundle(walkInput, {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.gunzip ? { gunzip: options.gunzip } : {}),
      onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    });
    for await (const entry of entries) {
      if (options.signal?.aborted) throw new ImportCancelled();
      const key = asEvidenceKey(`${options.importId}/${evidence.length}`);
      currentFile = entry.path;
      const file = await readEvidence(entry, key, noting, options, progress);
      evidence.push(file);
      recordsBefore += file.records;
      eventsBefore += file.events;
      progress.records = 0;
      progress.events = 0;
      progress.report();
    }
  } catch (error) {
    if (!(error instanceof ImportCancelled)) throw error;
    cancelled = true;
    partial = error.partial;
  }
  // NOTE: a cancelled import hashes only the bytes read before it stopped.
  if (drain && !cancelled) {
    await drain();
    progress.report();
  }
  const bundleSha256 = digest ? await digest() : await folderDigest(evidence);
  return {
    bundleSha256,
    bundleBytes: input.kind === 'file' ? counter.bytes : progress.bytes,
    evidence,
    diagnostics,
    cancelled,
    partial,
    openSessions: cancelled ? open.list() : [],
  };
}

/** A folder's identity: the SHA-256 of its sorted `sha256  path` lines, as sha256sum prints them. */
async function folderDigest(evidence: readonly EvidenceFile[]): Promise<Sha256> {
  const lines = evidence.map((file) => `${file.sha256}  ${file.path}\n`).sort();
  return sha256Hex(new TextEncoder().encode(lines.join('')));
}
