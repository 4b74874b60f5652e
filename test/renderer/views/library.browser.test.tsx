// The library's evidence table after real imports: a file that a limit or damaged data cut short
// shows its hash as partial, and a file read whole does not.

import { gzipSync, zipSync } from 'fflate';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustodyDb } from '../../../renderer/data/db';
import { startImport } from '../../../renderer/import/client';
import { LibraryView } from '../../../renderer/views/library/LibraryView';
import { freshDb } from '../helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const encoder = new TextEncoder();
const RECORDS = encoder.encode(`${[0, 1, 2].map((i) => JSON.stringify({ type: 'note', i })).join('\n')}\n`);
const opened: CustodyDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function importFile(db: CustodyDb, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const outcome = await startImport({ kind: 'file', file: new File([bytes], name) }, { dbName: db.name }).done;
  expect(outcome.status).toBe('complete');
}

async function renderLibrary(db: CustodyDb): Promise<HTMLElement> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () => root.render(<LibraryView db={db} onOpenFile={() => {}} onOpenFolder={() => {}} onResume={() => {}} />));
  return host;
}

/** Returns the cells of the evidence row whose file cell is `path`. */
async function evidenceRow(host: HTMLElement, path: string): Promise<string[]> {
  let cells: string[] = [];
  await expect
    .poll(() => {
      const row = [...host.querySelectorAll('table.evidence tbody tr')].find((item) => item.querySelector('td')?.textContent === path);
      cells = row ? [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '') : [];
      return cells.length;
    })
    .toBeGreaterThan(0);
  return cells;
}

describe('library evidence rows', () => {
  it('labels a zip bomb hash partial', async () => {
    const db = freshDb();
    opened.push(db);
    const zip = zipSync({ 'good.jsonl': RECORDS, 'bomb.jsonl': [new Uint8Array(16 * 1024 * 1024).fill(0x0a), { level: 9 }] });
    await importFile(db, 'bomb.zip', zip);
    const host = await renderLibrary(db);
    const bomb = await evidenceRow(host, 'bomb.jsonl');
    expect(bomb[1]).toContain('· partial');
    expect(bomb[5]).toMatch(/^[0-9a-f]{64} \(partial: of the first .+, where reading stopped; see the diagnostics\)$/);
    expect(bomb[5]).not.toContain('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bomb[6]).toContain('Reading stopped after');
    const good = await evidenceRow(host, 'good.jsonl');
    expect(good[1]).not.toContain('partial');
    expect(good[5]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('labels a truncated gzip hash partial', async () => {
    const db = freshDb();
    opened.push(db);
    const whole = gzipSync(encoder.encode(`${Array.from({ length: 400 }, (_, i) => JSON.stringify({ type: 'note', i, pad: 'x'.repeat(i % 50) })).join('\n')}\n`));
    await importFile(db, 'notes.jsonl.gz', whole.slice(0, Math.floor(whole.length * 0.6)));
    const host = await renderLibrary(db);
    const cells = await evidenceRow(host, 'notes.jsonl');
    expect(cells[5]).toContain('(partial: of the first');
    expect(cells[6]).toContain('truncated at compressed byte');
    expect(host.querySelector('.bundle-diagnostics')?.textContent).toContain('Gzip stream is truncated');
    expect(host.querySelector('.bundle header')?.textContent).toContain('1 file (1 cut short by damage or a limit; see the diagnostics)');
  });
});
