// Interrupts imports in the built app in Chromium: the page is closed in the middle of an
// import, and an import runs into a storage quota lowered through the DevTools protocol
// (Storage.overrideQuotaForOrigin). Neither may lose what was imported before, and both must
// leave a bundle that the library shows as partial and can resume or remove.

import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../vitest.config';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT } from '../helpers/samples';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'hostile');
const SMALL_SESSION = '00000000-0000-4000-8000-000000000002';
const LARGE_SESSION = '00000000-0000-4000-8000-00000000beef';

/** Writes a Claude Code transcript of about `megabytes` MB with one session. */
function writeTranscript(path: string, megabytes: number, session: string): void {
  const fd = openSync(path, 'w');
  try {
    const padding = 'x'.repeat(1000);
    const lines: string[] = [];
    let written = 0;
    for (let n = 0; written < megabytes * 1e6; n++) {
      const line = JSON.stringify({ type: 'user', sessionId: session, uuid: `u-${n}`, timestamp: new Date(Date.UTC(2026, 1, 1, 9, 0, 0, n)).toISOString(), message: { role: 'user', content: `prompt ${n} ${padding}` } });
      lines.push(line);
      written += line.length + 1;
      if (lines.length === 1000) writeSync(fd, `${lines.splice(0).join('\n')}\n`);
    }
    if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

describe('interrupted imports', () => {
  let server: { url: string; stop(): void };
  let dir: string;
  const sessions: AppSession[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'custody-interrupted-'));
    writeTranscript(join(dir, 'large.jsonl'), 80, LARGE_SESSION);
    server = await startPreview(4193);
  });

  afterAll(async () => {
    for (const app of sessions) await app.close();
    for (const cleanup of cleanups) await cleanup();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes an import cut by a closed page', async () => {
    const app = await openApp(server.url);
    sessions.push(app);
    await app.page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'bom.jsonl'));
    await app.page.locator('.bundle.status-complete').waitFor({ timeout: 60_000 });
    await app.page.getByTestId('file-input').setInputFiles(join(dir, 'large.jsonl'));
    await app.page.locator('.bundle.status-importing').waitFor({ timeout: 30_000 });
    // Let the worker write some batches, then close the page under it.
    // Close the page once the worker has stored events and the file's SHA-256, read from the
    // app's IndexedDB database with the plain API.
    const storedEvents = () =>
      app.page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('custody');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const request = db.transaction('bundles').objectStore('bundles').getAll();
              request.onerror = () => reject(request.error);
              request.onsuccess = () => {
                db.close();
                const rows = request.result as { status: string; sha256: string | null; events: number }[];
                resolve(Math.max(0, ...rows.map((row) => (row.status === 'importing' && row.sha256 ? row.events : 0))));
              };
            };
          }),
      );
    await expect.poll(storedEvents, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    await app.page.close();

    const page = await app.context.newPage();
    await page.goto(server.url);
    const cut = page.locator('.bundle.status-interrupted');
    await cut.waitFor({ timeout: 30_000 });
    await cut.locator('table.evidence tbody tr.partial').waitFor({ timeout: 30_000 });
    const card = (await cut.locator('header').textContent()) ?? '';
    expect(card).toContain('interrupted (partial)');
    expect(card).toContain('0 files and 1 partly read');
    expect(card).toContain('1 session');
    // The card's record count is the sum of its evidence rows, here the one partial file.
    const records = Number(/([\d,]+) records?/.exec(card)?.[1]?.replaceAll(',', ''));
    expect(records).toBeGreaterThan(0);
    const row = cut.locator('table.evidence tbody tr.partial');
    expect(await row.locator('td').nth(1).textContent()).toBe('claude-code · partial');
    expect(Number((await row.locator('td').nth(2).textContent())?.replaceAll(',', ''))).toBe(records);
    expect(await cut.getByRole('button', { name: 'Remove' }).count()).toBe(1);
    expect(await page.locator('.bundle.status-complete').count()).toBe(1);

    await page.getByRole('link', { name: 'Sessions' }).click();
    const partialRow = page.locator('.session-row', { hasText: LARGE_SESSION });
    await partialRow.waitFor({ timeout: 30_000 });
    expect(await partialRow.locator('.badge.partial').count()).toBe(1);
    expect(await page.locator('.session-row', { hasText: SMALL_SESSION }).locator('.badge.partial').count()).toBe(0);

    await page.getByRole('link', { name: 'Library' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('.bundle.status-interrupted').getByRole('button', { name: 'Resume' }).click();
    await (await chooser).setFiles(join(dir, 'large.jsonl'));
    await expect.poll(() => page.locator('.bundle.status-complete').count(), { timeout: 120_000 }).toBe(2);
    expect(await page.locator('.bundle').count()).toBe(2);
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.locator('.session-row', { hasText: LARGE_SESSION }).waitFor({ timeout: 30_000 });
    // The bundle is marked complete before its sessions are rebuilt, so the badge goes a moment later.
    await expect.poll(() => page.locator('.session-row .badge.partial').count(), { timeout: 30_000 }).toBe(0);
    expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });

  it('stops at a full storage quota and keeps earlier bundles', async () => {
    // NOTE: the override was seen to work in a fresh in-memory context, as launch() creates it.
    // In openApp()'s persistent profile it was not enforced, but that run set it after a first
    // import, so which of the two conditions matters is not known.
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    context.on('request', (request) => requests.push(request.url()));
    cleanups.push(() => browser.close());
    await page.goto(server.url);

    // The override is set before anything is stored: set after a first import, Chromium 156 kept
    // accepting writes past it. navigator.storage.estimate() still reports the default quota,
    // but the quota manager, which IndexedDB writes are checked against, reports the override.
    const cdp = await context.newCDPSession(page);
    const origin = server.url.replace(/\/$/, '');
    const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
    const quotaSize = usage + 8 * 1024 * 1024;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
    const overridden = await cdp.send('Storage.getUsageAndQuota', { origin });
    expect(overridden.overrideActive).toBe(true);
    expect(overridden.quota).toBe(quotaSize);

    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'bom.jsonl'));
    await page.locator('.bundle.status-complete').waitFor({ timeout: 60_000 });

    await page.getByTestId('file-input').setInputFiles(join(dir, 'large.jsonl'));
    const failed = page.locator('.bundle.status-failed');
    await failed.waitFor({ timeout: 120_000 });
    const error = (await failed.locator('p.error').textContent()) ?? '';
    expect(error).toContain("The browser's storage quota is full, so the import stopped");
    expect(error).toContain('What was read before it is kept');
    expect(await page.locator('.bundle.status-complete').count()).toBe(1);
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.locator('.session-row', { hasText: SMALL_SESSION }).waitFor({ timeout: 30_000 });

    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.getByRole('link', { name: 'Library' }).click();
    await page.locator('.bundle.status-failed').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.locator('.bundle').count(), { timeout: 30_000 }).toBe(1);
    expect(errors.filter((message) => !message.includes('favicon'))).toEqual([]);
    expect(foreignRequests(requests, origin)).toEqual([]);
  });
});
