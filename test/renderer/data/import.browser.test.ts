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
  readRaw,
  removeBundle,
} from '../../../renderer/data';
import { startImport, type ImportInput, type ImportOutcome, type ImportProgress } from '../../../renderer/import/client';
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
    const { bundles: _bundles, evidence: _evidence, ...stored } = (await listSessions(db))[0]!;
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

  it('removes a bundle with all its rows', async () => {
    const db = newDb();
    const outcome = await importSample(db, 'bundles/claude-projects.zip');
    const counts = await tableCounts(db);
    const sizes = [3158725, 31159, 296639];
    expect(counts.contents).toBe(sizes.reduce((sum, size) => sum + Math.ceil(size / CONTENT_CHUNK_BYTES), 0));
    expect(counts.eventGroups).toBeGreaterThanOrEqual(3);
    const removed = await removeBundle(outcome.bundleId, db);
    expect(removed.evidence).toBe(3);
    expect(removed.contentDeleted).toBe(3);
    expect(removed.sessions).toEqual([SPOTTER_SESSION]);
    expect(await tableCounts(db)).toEqual({ bundles: 0, evidence: 0, sessions: 0, eventGroups: 0, contents: 0 });
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
    expect(await tableCounts(db)).toEqual({ bundles: 0, evidence: 0, sessions: 0, eventGroups: 0, contents: 0 });
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
    expect(await tableCounts(db)).toEqual({ bundles: 0, evidence: 0, sessions: 0, eventGroups: 0, contents: 0 });
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

