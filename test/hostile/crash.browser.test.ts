// Kills the import worker in the middle of an import, as a crash or a closed window would, and
// checks that IndexedDB is left consistent. The bundle must stay marked as importing, every row
// marked complete must be whole, and the bundle must resume or remove. Re-importing after a kill
// must not duplicate events.

import { afterEach, describe, expect, it } from 'vitest';
import type { CustodyDb } from '../../renderer/data/db';
import { CONTENT_CHUNK_BYTES, listBundles, listEvidence, listSessions, loadSessionEvents, removeBundle } from '../../renderer/data';
import { startImport, type ImportInput } from '../../renderer/import/client';
import type { FromWorker, ToWorker } from '../../renderer/import/types';
import { linkSession } from '../../shared/session/link';
import { freshDb, tableCounts } from '../renderer/helpers';

const FILES = 8;
const RECORDS_PER_FILE = 3000;

const opened: CustodyDb[] = [];

function newDb(): CustodyDb {
  const db = freshDb();
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** Builds a folder of Claude Code transcripts, one session per file, large enough to stop halfway. */
function transcriptFolder(): ImportInput {
  const files = [];
  for (let file = 0; file < FILES; file++) {
    const session = `00000000-0000-4000-8000-${String(file).padStart(12, '0')}`;
    const lines: string[] = [];
    for (let n = 0; n < RECORDS_PER_FILE; n++) {
      lines.push(
        JSON.stringify({
          parentUuid: n === 0 ? null : `${session.slice(0, 24)}${String(n - 1).padStart(12, '0')}`,
          type: 'user',
          sessionId: session,
          uuid: `${session.slice(0, 24)}${String(n).padStart(12, '0')}`,
          timestamp: new Date(Date.UTC(2026, 1, 1, 9, 0, 0, n)).toISOString(),
          message: { role: 'user', content: `prompt ${n} of file ${file} ${'x'.repeat(200)}` },
        }),
      );
    }
    files.push({ path: `crash/${file}.jsonl`, file: new File([`${lines.join('\n')}\n`], `${file}.jsonl`) });
  }
  return { kind: 'folder', name: 'crash', files };
}

/** Starts the real import worker and terminates it once `files` evidence files are done. */
async function importAndKill(db: CustodyDb, input: ImportInput, files: number): Promise<string> {
  const bundleId = `killed-${Math.random().toString(36).slice(2)}`;
  const worker = new Worker(new URL('../../renderer/import/worker.ts', import.meta.url), { type: 'module' });
  await new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'done') reject(new Error(`the import finished before it could be killed: ${event.data.outcome.message}`));
      else if (event.data.progress.files >= files) {
        worker.terminate();
        resolve();
      }
    };
    worker.onerror = (event) => reject(new Error(event.message));
    const start: ToWorker = { type: 'start', request: { input, dbName: db.name, bundleId, resume: false } };
    worker.postMessage(start);
  });
  return bundleId;
}

/** Checks that every evidence row marked complete has all its content chunks. */
async function expectCompleteRowsWhole(db: CustodyDb, bundleId: string): Promise<void> {
  for (const row of await listEvidence(bundleId, db)) {
    if (!row.complete) continue;
    const chunks = await db.contents.where('[evidence+index]').between([row.content, 0], [row.content, Infinity], true, true).count();
    expect(chunks, row.path).toBe(Math.ceil(row.size / CONTENT_CHUNK_BYTES));
  }
}

/** Event count of every session once linked, by session id. */
async function linkedEventCounts(db: CustodyDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const session of await listSessions(db)) counts[session.id] = linkSession(session.id, await loadSessionEvents(session.id, db)).events.length;
  return counts;
}

describe('killed import worker', () => {
  it('leaves an incomplete bundle that resumes', async () => {
    const db = newDb();
    const input = transcriptFolder();
    const bundleId = await importAndKill(db, input, 2);
    const [bundle] = await listBundles(db);
    expect(bundle!.id).toBe(bundleId);
    expect(bundle!.status).toBe('importing');
    expect(bundle!.sha256).toBeNull();
    await expectCompleteRowsWhole(db, bundleId);

    const resumed = await startImport(input, { dbName: db.name, resumeBundleId: bundleId }).done;
    expect(resumed.status).toBe('complete');
    const evidence = await listEvidence(bundleId, db);
    expect(evidence).toHaveLength(FILES);
    expect(evidence.every((row) => row.complete)).toBe(true);
    await expectCompleteRowsWhole(db, bundleId);

    const fresh = newDb();
    expect((await startImport(input, { dbName: fresh.name }).done).status).toBe('complete');
    expect(await tableCounts(db)).toEqual(await tableCounts(fresh));
    expect(await linkedEventCounts(db)).toEqual(await linkedEventCounts(fresh));
  });

  it('leaves an incomplete bundle that removes', async () => {
    const db = newDb();
    const bundleId = await importAndKill(db, transcriptFolder(), 1);
    await removeBundle(bundleId, db);
    expect(await tableCounts(db)).toEqual({ bundles: 0, evidence: 0, sessions: 0, eventGroups: 0, contents: 0, originals: 0 });
  });

  it('does not duplicate events on a new import', async () => {
    const db = newDb();
    const input = transcriptFolder();
    await importAndKill(db, input, 3);
    const again = await startImport(input, { dbName: db.name }).done;
    expect(again.status).toBe('complete');
    const counts = await linkedEventCounts(db);
    expect(Object.keys(counts)).toHaveLength(FILES);
    for (const [session, count] of Object.entries(counts)) expect(count, session).toBe(RECORDS_PER_FILE);
    const [session] = await listSessions(db);
    expect(session!.events).toBe(RECORDS_PER_FILE);
  });
});
