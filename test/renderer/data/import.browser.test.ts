// The import worker and the data layer against real IndexedDB in Chromium, fed the real sample
// bundles. Every test uses its own database.

import { afterEach, describe, expect, it } from 'vitest';
import { asSessionId } from '../../../shared/model/ids';
import { linkSession } from '../../../shared/session/link';
import { summarizeSession } from '../../../shared/session/summary';
import type { CustodyDb } from '../../../renderer/data/db';
import {
  CONTENT_CHUNK_BYTES,
  listBundles,
  listEvidence,
  listSessions,
  loadSessionEvents,
  readEvidenceBytes,
  readOriginalChunks,
  readRaw,
  removeBundle,
} from '../../../renderer/data';
import { startImport, type ImportInput, type ImportOutcome, type ImportProgress } from '../../../renderer/import/client';
import { newImportId } from '../../../renderer/data/ids';
import { parseEventGroup } from '../../../renderer/data/groups';
import { recoverInterruptedImports } from '../../../renderer/data/recover';
import type { FromWorker, ToWorker } from '../../../renderer/import/types';
import { freshDb, sampleBytes, sampleFile, sha256Hex, tableCounts } from '../helpers';

const SPOTTER_SESSION = asSessionId('4d5611e5-241a-462a-8d15-5122611a9569');
const SHORT_SESSION = asSessionId('55604662-cf2a-4331-851a-ec234028f8ca');
const SPOTTER_DIR = 'claude-code/projects/-home-dev-projects-spotter';
const MAIN_JSONL = `${SPOTTER_DIR}/4d5611e5-241a-462a-8d15-5122611a9569.jsonl`;

// SHA-256 values as `custody report` prints them for the same samples.
const ZIP_SHA256 = '16027f88fb57cc15a3baf98d42e91166ad0a8083e8320a0dddfb7de2a4d123eb';
const ZIP_EVIDENCE: Record<string, string> = {
  'projects/-home-dev-projects-spotter/4d5611e5-241a-462a-8d15-5122611a9569.jsonl': 'fb06c3a082184b5ca703d8cb9be5dbc80d32de61048228f63a7880bebd44817f',
  'projects/-home-dev-projects-spotter/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-acompact-e1f845.jsonl':
    '01f65142f7b52767a6c29db7470f77996b0fc2937113ea4e148ca5d41c52a34b',
  'projects/-home-dev-projects-spotter/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-a2898e3.jsonl':
    '3e0d56945b17cb804ee5577666f8c83371516475fa56e99aff496d3438be9570',
};
const SHORT_GZ_SHA256 = 'ec322cfb7b8ef555b97693d3299f36c9de47dc9c1d0cfb36954454a9aaff4d20';
const SHORT_JSONL_SHA256 = '12fa62945c0b9a71964c72189e9a1bde205ed220a7268aec9df3bf6529ec43a4';

const opened: CustodyDb[] = [];

function newDb(): CustodyDb {
  const db = freshDb();
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function importInto(db: CustodyDb, input: ImportInput, onProgress?: (progress: ImportProgress) => void): Promise<ImportOutcome> {
  return startImport(input, { dbName: db.name, ...(onProgress ? { onProgress } : {}) }).done;
}

async function importSample(db: CustodyDb, path: string): Promise<ImportOutcome> {
  return importInto(db, { kind: 'file', file: await sampleFile(path) });
}

/** A folder of `copies` distinct transcripts: the spotter main file with a marker line appended to each. */
async function syntheticFolder(copies: number): Promise<ImportInput> {
  const main = await sampleBytes(MAIN_JSONL);
  const files = [];
  for (let i = 0; i < copies; i += 1) {
    const marker = new TextEncoder().encode(`{"type":"summary","summary":"copy ${i}","leafUuid":"copy-${i}"}\n`);
    files.push({ path: `copies/copy-${String(i).padStart(3, '0')}.jsonl`, file: new File([main, marker], `copy-${i}.jsonl`) });
  }
  return { kind: 'folder', name: 'copies', files };
}

/** Builds one JSONL file of `copies` spotter transcripts, each under its own session id. */
async function syntheticTranscript(copies: number): Promise<{ file: File; sessions: string[] }> {
  const text = new TextDecoder().decode(await sampleBytes(MAIN_JSONL));
  const sessions: string[] = [];
  const parts: string[] = [];
  for (let i = 0; i < copies; i += 1) {
    const session = `4d5611e5-241a-462a-8d15-${String(i).padStart(12, '0')}`;
    sessions.push(session);
    parts.push(text.replaceAll(SPOTTER_SESSION, session));
  }
  return { file: new File(parts, 'sessions.jsonl'), sessions };
}

/** Returns the session of the stored event read last from one evidence key. */
async function lastReadSession(db: CustodyDb, key: string): Promise<string> {
  const groups = await db.eventGroups.where('evidence').equals(key).toArray();
  const events = groups.flatMap((group) => parseEventGroup(group));
  return events.reduce((last, event) => (event.raw.offset > last.raw.offset ? event : last)).session;
}

/** Sums the stored events and content bytes of one evidence key. */
async function storedOf(db: CustodyDb, key: string): Promise<{ events: number; bytes: number }> {
  const groups = await db.eventGroups.where('evidence').equals(key).toArray();
  const chunks = await db.contents.where('[evidence+index]').between([key, 0], [key, Infinity], true, true).toArray();
  return { events: groups.reduce((sum, group) => sum + group.count, 0), bytes: chunks.reduce((sum, chunk) => sum + chunk.data.size, 0) };
}

describe('importing claude-projects.zip', () => {
  it('stores the session summary the CLI reports', async () => {
    const db = newDb();
    const outcome = await importSample(db, 'bundles/claude-projects.zip');
    expect(outcome.status).toBe('complete');
    if (outcome.status !== 'complete') return;
    expect(outcome.sha256).toBe(ZIP_SHA256);
    expect(outcome.sessions).toEqual([SPOTTER_SESSION]);

    const sessions = await listSessions(db);
    expect(sessions).toHaveLength(1);
    const session = sessions[0]!;
    expect(session.id).toBe(SPOTTER_SESSION);
    expect(session.toolCalls).toBe(183);
    expect(session.agents.find((agent) => agent.id === 'main')?.toolCalls).toBe(150);
    expect(session.agents.find((agent) => agent.id === 'a2898e3')?.toolCalls).toBe(33);
    expect(session.errors).toBe(13);
    expect(session.denied).toBe(0);
    expect(session.permissionModes).toEqual(['bypassPermissions']);
    expect(session.events).toBe(1821);
    expect(session.bundles).toEqual([outcome.bundleId]);
    expect(session.partial).toBe(false);

    const bundles = await listBundles(db);
    expect(bundles).toHaveLength(1);
    expect(bundles[0]!.status).toBe('complete');
    expect(bundles[0]!.kind).toBe('zip');
    expect(bundles[0]!.sha256).toBe(ZIP_SHA256);
    expect(bundles[0]!.files).toBe(3);
    expect(bundles[0]!.records).toBe(1512 + 5 + 144);
    expect(bundles[0]!.sessions).toEqual([SPOTTER_SESSION]);
  });

  it('keeps evidence hashes equal to the CLI', async () => {
    const db = newDb();
    const outcome = await importSample(db, 'bundles/claude-projects.zip');
    const evidence = await listEvidence(outcome.bundleId, db);
    expect(Object.fromEntries(evidence.map((row) => [row.path, row.sha256]))).toEqual(ZIP_EVIDENCE);
    expect(evidence.every((row) => row.complete && row.content === row.key)).toBe(true);
    const main = evidence.find((row) => row.path.endsWith('9569.jsonl'))!;
    const bytes = await readEvidenceBytes(main.key, db);
    expect(bytes.length).toBe(3158725);
    expect(await sha256Hex(bytes as Uint8Array<ArrayBuffer>)).toBe(ZIP_EVIDENCE[main.path]);
  });

  it('links loaded events like the stored summary', async () => {
    const db = newDb();
    await importSample(db, 'bundles/claude-projects.zip');
    const events = await loadSessionEvents(SPOTTER_SESSION, db);
    expect(events).toHaveLength(1731 + 6 + 156);
    const summary = summarizeSession(linkSession(SPOTTER_SESSION, events));
    const { bundles: _bundles, evidence: _evidence, partial: _partial, ...stored } = (await listSessions(db))[0]!;
    expect(summary).toEqual(stored);
  });

  it('reads raw records back byte for byte', async () => {
    const db = newDb();
    await importSample(db, 'bundles/claude-projects.zip');
    const original = await sampleBytes(MAIN_JSONL);
    const events = (await loadSessionEvents(SPOTTER_SESSION, db)).filter((event) => event.raw.offset + event.raw.length <= original.length);
    const mainKey = (await listEvidence((await listBundles(db))[0]!.id, db)).find((row) => row.path.endsWith('9569.jsonl'))!.key;
    const fromMain = events.filter((event) => event.raw.evidence === mainKey);
    const spanning = fromMain.filter(
      (event) => Math.floor(event.raw.offset / CONTENT_CHUNK_BYTES) !== Math.floor((event.raw.offset + event.raw.length - 1) / CONTENT_CHUNK_BYTES),
    );
    expect(spanning.length).toBeGreaterThan(0);
    const picked = [fromMain[0]!, fromMain.at(-1)!, ...spanning, ...fromMain.filter((_, index) => index % 97 === 0)];
    for (const event of picked) {
      const raw = await readRaw(event.raw, db);
      const expected = original.subarray(event.raw.offset, event.raw.offset + event.raw.length);
      expect(raw.length).toBe(event.raw.length);
      expect(raw).toEqual(expected);
      expect(raw[raw.length - 1]).not.toBe(0x0a);
      expect(() => JSON.parse(new TextDecoder().decode(raw))).not.toThrow();
    }
  });

  it('reports a repeated import as already imported', async () => {
    const db = newDb();
    const first = await importSample(db, 'bundles/claude-projects.zip');
    const before = await tableCounts(db);
    const groupsBefore = await db.eventGroups.toCollection().primaryKeys();
    const second = await importSample(db, 'bundles/claude-projects.zip');
    expect(second.status).toBe('already-imported');
    expect(second.bundleId).toBe(first.bundleId);
    expect(await tableCounts(db)).toEqual(before);
    expect(await db.eventGroups.toCollection().primaryKeys()).toEqual(groupsBefore);
    expect((await listSessions(db))[0]!.bundles).toEqual([first.bundleId]);
    expect((await listSessions(db))[0]!.toolCalls).toBe(183);
  });

  it('keeps the zip file as its original', async () => {
    const db = newDb();
    const outcome = await importSample(db, 'bundles/claude-projects.zip');
    const [bundle] = await listBundles(db);
    expect(bundle!.originalStored).toBe(true);
    const parts: Blob[] = [];
    for await (const chunk of readOriginalChunks(outcome.bundleId, bundle!.size, db)) parts.push(chunk);
    const stored = new Uint8Array(await new Blob(parts).arrayBuffer());
    expect(stored).toEqual(await sampleBytes('bundles/claude-projects.zip'));
    expect(await sha256Hex(stored)).toBe(ZIP_SHA256);
  });

  it('keeps no original for a plain file', async () => {
    const db = newDb();
    await importSample(db, 'claude-code/short.jsonl');
    const [bundle] = await listBundles(db);
    expect(bundle!.kind).toBe('plain');
    expect(bundle!.originalStored).toBeUndefined();
    expect((await tableCounts(db)).originals).toBe(0);
  });

  it('removes a bundle with all its rows', async () => {
    const db = newDb();
    const outcome = await importSample(db, 'bundles/claude-projects.zip');
    const counts = await tableCounts(db);
    const sizes = [3158725, 31159, 296639];
    expect(counts.contents).toBe(sizes.reduce((sum, size) => sum + Math.ceil(size / CONTENT_CHUNK_BYTES), 0));
    expect(counts.originals).toBe(1);
    expect(counts.eventGroups).toBeGreaterThanOrEqual(3);
    const removed = await removeBundle(outcome.bundleId, db);
    expect(removed.evidence).toBe(3);
    expect(removed.contentDeleted).toBe(3);
    expect(removed.sessions).toEqual([SPOTTER_SESSION]);
    expect(await tableCounts(db)).toEqual({ bundles: 0, evidence: 0, sessions: 0, eventGroups: 0, contents: 0, originals: 0 });
  });
});

describe('importing short.jsonl.gz', () => {
  it('finds both rejections through native gunzip', async () => {
    const db = newDb();
    const outcome = await importSample(db, 'bundles/short.jsonl.gz');
    expect(outcome.status).toBe('complete');
    if (outcome.status !== 'complete') return;
    expect(outcome.sha256).toBe(SHORT_GZ_SHA256);
    const [session] = await listSessions(db);
    expect(session!.id).toBe(SHORT_SESSION);
    expect(session!.toolCalls).toBe(2);
    expect(session!.denied).toBe(2);
    const [evidence] = await listEvidence(outcome.bundleId, db);
    expect(evidence!.path).toBe('short.jsonl');
    expect(evidence!.sha256).toBe(SHORT_JSONL_SHA256);
    expect(evidence!.size).toBe(10459);
    const plain = await sampleBytes('claude-code/short.jsonl');
    expect(await readEvidenceBytes(evidence!.key, db)).toEqual(plain);
    expect((await listBundles(db))[0]!.kind).toBe('gzip');
  });

  it('shares content with the same file in another bundle', async () => {
    const db = newDb();
    const gz = await importSample(db, 'bundles/short.jsonl.gz');
    const countsAfterGz = await tableCounts(db);
    const plain = await importSample(db, 'claude-code/short.jsonl');
    expect(plain.status).toBe('complete');
    if (plain.status !== 'complete') return;
    expect(plain.duplicateFiles).toBe(1);
    const counts = await tableCounts(db);
    expect(counts).toEqual({ ...countsAfterGz, bundles: 2, evidence: 2 });
    const [shared] = await listEvidence(plain.bundleId, db);
    const [owner] = await listEvidence(gz.bundleId, db);
    expect(shared!.content).toBe(owner!.key);
    let session = (await listSessions(db))[0]!;
    expect(session.bundles).toEqual([gz.bundleId, plain.bundleId].sort());
    expect(session.events).toBe(18);

    // Removing the bundle that owns the content keeps it for the other one.
    const removed = await removeBundle(gz.bundleId, db);
    expect(removed.contentDeleted).toBe(0);
    session = (await listSessions(db))[0]!;
    expect(session.bundles).toEqual([plain.bundleId]);
    expect(session.toolCalls).toBe(2);
    expect(await readEvidenceBytes(shared!.key, db)).toEqual(await sampleBytes('claude-code/short.jsonl'));
    const event = (await loadSessionEvents(SHORT_SESSION, db))[3]!;
    expect(new TextDecoder().decode(await readRaw(event.raw, db))).toContain('"sessionId":"55604662');

    await removeBundle(plain.bundleId, db);
    expect(await tableCounts(db)).toEqual({ bundles: 0, evidence: 0, sessions: 0, eventGroups: 0, contents: 0, originals: 0 });
  });
});

describe('cancel and resume', () => {
  it('leaves a removable cancelled bundle', async () => {
    const db = newDb();
    const input = await syntheticFolder(20);
    const handle = startImport(input, {
      dbName: db.name,
      onProgress: (progress) => {
        if (progress.records > 0) handle.cancel();
      },
    });
    const outcome = await handle.done;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.files).toBeGreaterThanOrEqual(0);
    expect(outcome.files).toBeLessThan(20);
    const [bundle] = await listBundles(db);
    expect(bundle!.status).toBe('cancelled');
    expect(bundle!.id).toBe(handle.bundleId);
    const evidence = await listEvidence(bundle!.id, db);
    expect(evidence.length).toBeGreaterThan(0);
    expect((await tableCounts(db)).contents).toBeGreaterThan(0);
    const sessions = await listSessions(db);
    expect(sessions.map((session) => session.id)).toEqual([SPOTTER_SESSION]);
    expect(sessions[0]!.bundles).toEqual([bundle!.id]);

    await removeBundle(bundle!.id, db);
    expect(await tableCounts(db)).toEqual({ bundles: 0, evidence: 0, sessions: 0, eventGroups: 0, contents: 0, originals: 0 });
  });

  it('resumes a cancelled import without duplicates', async () => {
    const db = newDb();
    const input = await syntheticFolder(6);
    const handle = startImport(input, {
      dbName: db.name,
      onProgress: (progress) => {
        if (progress.files >= 1) handle.cancel();
      },
    });
    const cancelled = await handle.done;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.files).toBeLessThan(6);

    const resumed = await startImport(input, { dbName: db.name, resumeBundleId: handle.bundleId }).done;
    expect(resumed.status).toBe('complete');
    expect(resumed.bundleId).toBe(handle.bundleId);
    const evidence = await listEvidence(handle.bundleId, db);
    expect(evidence).toHaveLength(6);
    expect(evidence.every((row) => row.complete)).toBe(true);
    const fresh = newDb();
    await importInto(fresh, input);
    expect(await tableCounts(db)).toEqual(await tableCounts(fresh));
    const [session] = await listSessions(db);
    const [freshSession] = await listSessions(fresh);
    expect({ ...session!, bundles: [], evidence: [] }).toEqual({ ...freshSession!, bundles: [], evidence: [] });
  });

  it('fails a resume of an unknown bundle', async () => {
    const db = newDb();
    const outcome = await startImport({ kind: 'file', file: await sampleFile('bundles/short.jsonl.gz') }, { dbName: db.name, resumeBundleId: 'missing' }).done;
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error).toContain('bundle missing not found');
  });
});


describe('imports cut short inside a file', () => {
  it('counts what a cancel kept', async () => {
    const db = newDb();
    const { file } = await syntheticTranscript(12);
    const handle = startImport(
      { kind: 'file', file },
      {
        dbName: db.name,
        onProgress: (progress) => {
          if (progress.records >= 4000) handle.cancel();
        },
      },
    );
    const outcome = await handle.done;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.records).toBeGreaterThanOrEqual(4000);
    expect(outcome.message).toContain(`${outcome.records.toLocaleString('en-US')} records`);

    const [bundle] = await listBundles(db);
    const evidence = await listEvidence(bundle!.id, db);
    expect(evidence).toHaveLength(1);
    const row = evidence[0]!;
    expect(row.complete).toBe(false);
    expect(row.format).toBe('claude-code');
    expect(row.records).toBe(outcome.records);
    expect(row.events).toBeGreaterThan(0);
    expect(row.size).toBeGreaterThan(0);
    expect(row.size).toBeLessThan(file.size);
    expect(row.sha256).toBe(await sha256Hex(new Uint8Array(await file.slice(0, row.size).arrayBuffer())));
    const stored = await storedOf(db, row.key);
    expect(stored.events).toBe(row.events);
    expect(stored.bytes).toBe(row.size);

    expect(bundle!.status).toBe('cancelled');
    expect(bundle!.files).toBe(0);
    expect(bundle!.records).toBe(row.records);
    expect(bundle!.events).toBe(row.events);
    expect(bundle!.sha256).toBe(await sha256Hex(new Uint8Array(await file.arrayBuffer())));
    const sessions = await listSessions(db);
    expect(sessions.length).toBeGreaterThan(1);
    expect(bundle!.sessions).toHaveLength(sessions.length);
    // The transcripts follow each other in the file, so only the one being read can lack events.
    expect(bundle!.openSessions).toHaveLength(1);
    expect(sessions.filter((session) => session.partial).map((session) => session.id)).toEqual(bundle!.openSessions);
    expect(bundle!.openSessions).toEqual([await lastReadSession(db, row.key)]);
  });

  it('keeps sessions read whole before a cancel', async () => {
    const db = newDb();
    const { file, sessions: ids } = await syntheticTranscript(30);
    const handle = startImport(
      { kind: 'file', file },
      {
        dbName: db.name,
        onProgress: (progress) => {
          if (progress.records >= 10 * 1500) handle.cancel();
        },
      },
    );
    expect((await handle.done).status).toBe('cancelled');
    const sessions = await listSessions(db);
    expect(sessions.length).toBeGreaterThan(5);
    expect(sessions.length).toBeLessThan(30);
    const kept = sessions.map((session) => session.id).sort();
    expect(kept).toEqual(ids.slice(0, kept.length));
    const partial = sessions.filter((session) => session.partial).map((session) => session.id);
    expect(partial).toEqual([kept.at(-1)]);
    // Every whole session has all the events a full import gives it.
    const fresh = newDb();
    await importInto(fresh, { kind: 'file', file });
    const full = new Map((await listSessions(fresh)).map((session) => [session.id, session.events]));
    for (const session of sessions) {
      if (session.partial) expect(session.events).toBeLessThanOrEqual(full.get(session.id)!);
      else expect(session.events, session.id).toBe(full.get(session.id));
    }
  });

  it('marks sessions whole after resume', async () => {
    const db = newDb();
    const { file, sessions: ids } = await syntheticTranscript(12);
    const handle = startImport(
      { kind: 'file', file },
      {
        dbName: db.name,
        onProgress: (progress) => {
          if (progress.records >= 3000) handle.cancel();
        },
      },
    );
    expect((await handle.done).status).toBe('cancelled');
    const resumed = await startImport({ kind: 'file', file }, { dbName: db.name, resumeBundleId: handle.bundleId }).done;
    expect(resumed.status).toBe('complete');
    const sessions = await listSessions(db);
    expect(sessions.map((session) => session.id).sort()).toEqual(ids);
    expect(sessions.filter((session) => session.partial)).toEqual([]);
    const fresh = newDb();
    await importInto(fresh, { kind: 'file', file });
    expect(await tableCounts(db)).toEqual(await tableCounts(fresh));
  });

  it('recovers an import whose worker was stopped', async () => {
    const db = newDb();
    const { file } = await syntheticTranscript(40);
    const bundleId = newImportId();
    const worker = new Worker(new URL('../../../renderer/import/worker.ts', import.meta.url), { type: 'module' });
    const progressed = new Promise<void>((resolve) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        if (event.data.type === 'progress' && event.data.progress.records >= 3000) resolve();
      };
    });
    worker.postMessage({ type: 'start', request: { input: { kind: 'file', file }, dbName: db.name, bundleId, resume: false } } satisfies ToWorker);
    await progressed;
    // Stop only once a batch and the file's SHA-256 are stored, as a reload some seconds in finds them.
    await expect.poll(async () => {
      const row = await db.bundles.get(bundleId);
      return row !== undefined && row.events > 0 && row.sha256 !== null;
    }, { timeout: 30_000, interval: 20 }).toBe(true);
    expect(await recoverInterruptedImports(db)).toEqual([]);
    worker.terminate();
    await expect.poll(() => recoverInterruptedImports(db), { timeout: 10_000 }).toEqual([bundleId]);

    const bundle = (await db.bundles.get(bundleId))!;
    expect(bundle.status).toBe('interrupted');
    const evidence = await listEvidence(bundleId, db);
    expect(evidence).toHaveLength(1);
    const row = evidence[0]!;
    expect(row.complete).toBe(false);
    expect(row.format).toBe('claude-code');
    expect(row.records).toBeGreaterThan(0);
    const stored = await storedOf(db, row.key);
    expect(stored.events).toBe(row.events);
    expect(stored.bytes).toBe(row.size);
    expect(bundle.files).toBe(0);
    expect(bundle.records).toBe(row.records);
    expect(bundle.events).toBe(row.events);
    const sessions = await listSessions(db);
    expect(sessions.length).toBeGreaterThan(0);
    expect(bundle.sessions).toEqual(sessions.map((session) => session.id).sort());
    expect(sessions.every((session) => session.partial)).toBe(true);

    // Same name and size, one byte changed: the stored SHA-256 rejects it and nothing changes.
    const bytes = new Uint8Array(await file.arrayBuffer());
    const last = bytes.lastIndexOf('a'.charCodeAt(0));
    bytes[last] = 'b'.charCodeAt(0);
    const other = await startImport({ kind: 'file', file: new File([bytes], file.name) }, { dbName: db.name, resumeBundleId: bundleId }).done;
    expect(other.status).toBe('failed');
    if (other.status === 'failed') expect(other.error).toContain(`interrupted import read SHA-256 ${bundle.sha256}`);
    expect((await db.bundles.get(bundleId))!.status).toBe('interrupted');

    const resumed = await startImport({ kind: 'file', file }, { dbName: db.name, resumeBundleId: bundleId }).done;
    expect(resumed.status).toBe('complete');
    expect((await listSessions(db)).filter((session) => session.partial)).toEqual([]);
    const fresh = newDb();
    await importInto(fresh, { kind: 'file', file });
    expect(await tableCounts(db)).toEqual(await tableCounts(fresh));
  });
});

describe('outcome messages', () => {
  it('uses the singular for one', async () => {
    const db = newDb();
    const outcome = await importSample(db, 'bundles/short.jsonl.gz');
    expect(outcome.status).toBe('complete');
    expect(outcome.message).toMatch(/^Imported 1 file, [\d,]+ records and [\d,]+ events in 1 session\.$/);
  });
});
