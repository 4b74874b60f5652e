// Keys outside the evidence records: in a file name and in an analyst's note. Both are masked
// like evidence text until the analyst reveals them.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { sample } from '../helpers/samples';

const KEY = 'AKIA2E0A8F3B244C9986';
const NOTE_KEY = 'AKIAZZZZYYYYXXXXWWWW';

describe('secrets in names and notes', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;
  const folder = mkdtempSync(join(tmpdir(), 'custody-secret-names-'));

  beforeAll(async () => {
    server = await startPreview(4205);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('masks a key in a file name', async () => {
    const { page } = app;
    const file = join(folder, `trail-${KEY}.json`);
    copyFileSync(sample('cloudtrail', 'aws.defense-evasion.cloudtrail-stop.json'), file);
    await page.getByTestId('file-input').setInputFiles(file);
    const bundle = page.locator('.bundle.status-complete').first();
    await bundle.waitFor({ timeout: 60_000 });
    await expect.poll(() => bundle.locator('table.evidence td.mono').first().textContent()).toContain('[aws-access-key …9986 fp:');
    expect(await page.locator('.library').textContent()).not.toContain(KEY);
    expect(await bundle.getAttribute('aria-label')).not.toContain(KEY);

    await page.getByLabel('Reveal secrets in file names and diagnostics').check();
    await expect.poll(() => bundle.locator('table.evidence td.mono').first().textContent()).toBe(`trail-${KEY}.json`);
  });

  it('masks a key quoted in a note', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Findings' }).click();
    const finding = page.locator('.finding[data-rule="audit-tampering"]');
    await finding.waitFor({ timeout: 30_000 });
    await finding.getByRole('button', { name: 'Annotate…' }).click();
    const editor = finding.getByRole('form', { name: 'Annotation editor' });
    await editor.getByLabel('Note').fill(`The attacker used ${NOTE_KEY} here.`);
    await editor.getByRole('button', { name: 'Save annotation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Analyst name' });
    if (await dialog.isVisible()) {
      await dialog.getByLabel('Analyst name').fill('Ann');
      await dialog.getByRole('button', { name: 'Save name' }).click();
    }
    const list = finding.locator('.annotation-list');
    await expect.poll(() => list.textContent()).toContain('[aws-access-key …WWWW fp:');
    expect(await list.textContent()).not.toContain(NOTE_KEY);
  });

  it('opens no connection beyond its own origin', () => {
    expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });
});
