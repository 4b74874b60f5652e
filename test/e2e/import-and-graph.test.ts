import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT, sample, SPOTTER_FOLDER, SPOTTER_SESSION } from '../helpers/samples';

const SCREENSHOTS = join(REPO_ROOT, 'test-results');

describe('web app end to end', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startPreview(4173);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
  });

  it('imports the zip and shows the session', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(sample('bundles', 'claude-projects.zip'));
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('table.evidence tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'Sessions' }).click();
    const row = page.locator('.session-row', { hasText: SPOTTER_SESSION });
    await row.waitFor();
    expect(await row.textContent()).toContain('183');
  });

  it('draws the graph and shows a raw tool call', async () => {
    const { page } = app;
    await page.locator('.session-row', { hasText: SPOTTER_SESSION }).click();
    const graph = page.getByTestId('authority-graph');
    await graph.locator('g.node').first().waitFor({ timeout: 30_000 });
    expect(await graph.locator('g.node-tool-group').count()).toBeGreaterThan(20);
    expect(await graph.locator('g.node-sub-agent').count()).toBeGreaterThan(0);
    const editGroup = graph.locator('g.node-tool-group[aria-label^="Edit "]').first();
    await editGroup.click();
    const raw = page.getByTestId('raw-record');
    await expect.poll(async () => (await raw.textContent()) ?? '', { timeout: 15_000 }).toContain('"tool_use"');
    const parsed = JSON.parse((await raw.textContent())!);
    expect(parsed.type).toBe('assistant');
    expect(JSON.stringify(parsed.message.content)).toContain('"name":"Edit"');
    await page.screenshot({ path: join(SCREENSHOTS, 'session-workspace.png') });
    // The README shows this view; refresh its picture from the same run.
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'session-workspace.png') });
  });

  it('imports a folder through the folder picker', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByTestId('folder-input').setInputFiles(SPOTTER_FOLDER);
    await expect.poll(() => page.locator('.bundle').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => page.locator('.bundle.status-complete').count(), { timeout: 60_000 }).toBe(2);
  });

  it('imports a file dropped on the window', async () => {
    const { page } = app;
    const bytes = readFileSync(sample('bundles', 'short.jsonl.gz')).toString('base64');
    await page.evaluate((base64) => {
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'short.jsonl.gz'));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    }, bytes);
    await expect.poll(() => page.locator('.bundle.status-complete').count(), { timeout: 60_000 }).toBe(3);
    await page.getByRole('link', { name: 'Sessions' }).click();
    const row = page.locator('.session-row', { hasText: '55604662-cf2a-4331-851a-ec234028f8ca' });
    await row.waitFor();
    const header = await page.locator('.table-head [role="columnheader"]').allTextContents();
    const cells = await row.locator(':scope > span').allTextContents();
    expect(cells[header.indexOf('Denied')]).toBe('2');
  });

  it('opens no connection beyond its own origin', () => {
    const origin = server.url.replace(/\/$/, '');
    expect(foreignRequests(app.requests, origin)).toEqual([]);
    expect(app.errors.filter((error) => !error.includes('favicon'))).toEqual([]);
  });
});
