// Case-file checks in the import view, in Chromium. A redacted file shows each original hash as
// recorded, not verified. A carried archive that does not yield the listed files makes the case
// import incomplete. A resolved conflict stays resolved when the same file is imported again,
// and each bundle a case import brings in is written to the analyst-action log.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/case-file/canonical';
import { SIGNATURE_PATH } from '../../shared/case-file/manifest';
import { writeCaseFileBytes } from '../../shared/case-file/write';
import type { Annotation, LogEntry } from '../../shared/case-file/types';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { ANNOTATION, replaceEntry, rezip, sampleCase, sampleCaseWithArchive, verifyBytes } from '../shared/case-file/helpers';

/** Reads every row of one object store of the analyst database. */
function readAnalystStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (store) => {
    const request = indexedDB.open('custody-analyst');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const read = db.transaction(store).objectStore(store).getAll();
      read.onsuccess = () => resolve(read.result);
      read.onerror = () => reject(read.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

async function checkCase(page: Page, url: string, path: string): Promise<void> {
  await page.goto(`${url}#/case`);
  await page.getByTestId('case-file-input').setInputFiles(path);
  await page.getByTestId('verification-ok').waitFor({ timeout: 30_000 });
}

async function importCase(page: Page, url: string, path: string): Promise<string> {
  await checkCase(page, url, path);
  await page.getByTestId('case-import-button').click();
  const result = page.getByTestId('case-import-result');
  await result.waitFor({ timeout: 60_000 });
  return (await result.textContent()) ?? '';
}

describe('case file checks in the import view', () => {
  let server: { url: string; stop(): void };
  const apps: AppSession[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'custody-case-checks-'));

  beforeAll(async () => {
    server = await startPreview(4213);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function fresh(): Promise<AppSession> {
    const app = await openApp(server.url);
    apps.push(app);
    return app;
  }

  function save(name: string, bytes: Uint8Array): string {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    return path;
  }

  it('shows redacted evidence as a copy', async () => {
    const input = await sampleCase();
    const bytes = await writeCaseFileBytes(input, { redaction: { kinds: ['secrets', 'home-path'] } });
    const verification = await verifyBytes(bytes);
    const copy = verification.entries.find((entry) => entry.path === 'bundles/001/00001.jsonl')!;
    const original = input.bundles![0]!.evidence[0]!.sha256;
    expect(copy.actualSha256).not.toBe(original);

    const { page } = await fresh();
    await checkCase(page, server.url, save('redacted.custody', bytes));
    expect(await page.getByTestId('verification-ok').textContent()).toContain('shown as the exporter recorded it, not verified');
    const listed = await page.getByTestId('case-evidence').locator('li').allTextContents();
    expect(listed[0]).toBe(`cross-source/transcript.jsonl: redacted copy, SHA-256 ${copy.actualSha256} verified; original SHA-256 ${original} as recorded, not verified`);
    for (const line of listed) expect(line).not.toMatch(/original SHA-256 [0-9a-f]{64} verified/);
  });

  it('logs the bundles a case import brings in', async () => {
    const { page } = await fresh();
    const result = await importCase(page, server.url, save('plain.custody', await writeCaseFileBytes(await sampleCase())));
    expect(result).toContain('cross-source: Imported 2 files');
    const log = await readAnalystStore<LogEntry>(page, 'log');
    const imports = log.filter((entry) => entry.action === 'import' && entry.detail.includes('from case file "Audit bucket wipe"'));
    expect(imports).toHaveLength(1);
    expect(imports[0]!.detail).toMatch(/^Imported cross-source \(SHA-256 f{64} in the case file\) from case file "Audit bucket wipe": complete\./);
  });

  it('fails an archive that does not yield the listed files', async () => {
    const { [SIGNATURE_PATH]: _signature, ...entries } = unzipSync(await writeCaseFileBytes(await sampleCaseWithArchive()));
    const bundles = JSON.parse(new TextDecoder().decode(entries['bundles.json'])) as { evidence: { path: string; entry: null; sha256: string; size: number; format: string }[] }[];
    bundles[1]!.evidence.push({ path: 'invented.jsonl', entry: null, sha256: 'a'.repeat(64), size: 10, format: 'claude-code' });
    const path = save('invented.custody', rezip(await replaceEntry(entries, 'bundles.json', new TextEncoder().encode(canonicalJson(bundles)))));

    const { page } = await fresh();
    const result = await importCase(page, server.url, path);
    expect(await page.getByTestId('case-import-failed').textContent()).toContain('The case import is incomplete: 1 bundle(s) failed');
    expect(result).toContain('claude-projects.zip: The archive does not yield the evidence files the case file lists: bundle "claude-projects.zip": bundles.json lists the file "invented.jsonl", which the archive does not yield.');
    expect(result).not.toContain('Imported: ');
    const log = await readAnalystStore<LogEntry>(page, 'log');
    expect(log.find((entry) => entry.action === 'case-import')?.detail).toMatch(/^Incompletely imported case/);
  });

  it('keeps a resolved conflict resolved', async () => {
    const carl: Annotation = { ...ANNOTATION, label: 'benign', author: 'Carl', updatedAt: ANNOTATION.updatedAt + 1 };
    const eve: Annotation = { ...ANNOTATION, label: 'needs review', author: 'Eve', updatedAt: ANNOTATION.updatedAt + 2 };
    const withAnnotation = async (name: string, annotation: Annotation) => save(name, await writeCaseFileBytes({ ...(await sampleCase()), annotations: [annotation] }));
    const ann = await withAnnotation('ann.custody', ANNOTATION);

    const { page } = await fresh();
    expect(await importCase(page, server.url, ann)).toContain('3 record(s) added');
    expect(await importCase(page, server.url, await withAnnotation('carl.custody', carl))).toContain('1 conflict(s) to resolve');
    await page.getByLabel('Analyst name setting').fill('Dana');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByLabel('Analyst name setting').inputValue()).toBe('Dana');
    const view = page.getByRole('region', { name: 'Case annotations' });
    const conflict = view.getByRole('group', { name: 'Conflicting versions' });
    await conflict.getByRole('button', { name: 'Keep this version' }).nth(1).click();
    await expect.poll(() => view.getByRole('group', { name: 'Conflicting versions' }).count()).toBe(0);

    // Ann's file again: her version was rejected, so nothing changes.
    expect(await importCase(page, server.url, ann)).toContain('0 record(s) added, 3 already present, 0 conflict(s) to resolve');
    const [kept] = await readAnalystStore<Annotation & { conflicts?: unknown[]; rejected?: string[] }>(page, 'annotations');
    expect(kept!.label).toBe('benign');
    expect(kept!.conflicts).toBeUndefined();
    expect(kept!.rejected).toHaveLength(1);

    // A version not seen before is still offered.
    expect(await importCase(page, server.url, await withAnnotation('eve.custody', eve))).toContain('1 conflict(s) to resolve');
  });

  it('opens no connection beyond its own origin', () => {
    for (const app of apps) expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });
});
