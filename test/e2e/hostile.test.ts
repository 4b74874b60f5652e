// Imports a bundle full of script, markup and terminal payloads into the built app in Chromium
// and walks the views that show evidence text: library, sessions, graph, tooltips, event list
// and inspector. The payloads would set window.__pwned or call a loopback sink run here if any
// of them ever executed, so the sink must receive nothing and no dialog, frame or navigation to
// another document may appear.

import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT } from '../helpers/samples';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'hostile');
/** The port that the payloads in scripts/generate-hostile.mjs call. */
const SINK_PORT = 47913;
const XSS_SESSION = '5c41f7e0-0000-4000-8000-00000000cafe';
/** Characters that must never reach the screen raw: C0 and C1 controls except tab and newline, bidi controls. */
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('hostile bundle in the web app', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;
  let sink: Server;
  const sinkHits: string[] = [];
  const dialogs: string[] = [];
  const navigations: string[] = [];

  beforeAll(async () => {
    sink = createServer((request, response) => {
      sinkHits.push(`${request.method} ${request.url}`);
      response.end();
    });
    await new Promise<void>((resolve) => sink.listen(SINK_PORT, '127.0.0.1', resolve));
    server = await startPreview(4177);
    app = await openApp(server.url);
    app.page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    app.page.on('framenavigated', (frame) => navigations.push(frame.url()));
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
    await new Promise((resolve) => sink?.close(resolve));
  });

  it('imports the payload bundle', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'script-payloads.zip'));
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('table.evidence tbody tr').count()).toBe(3);
  });

  it('shows hostile file names as escaped text', async () => {
    const { page } = app;
    const names = await page.locator('table.evidence tbody tr td:first-child').allTextContents();
    expect(names.some((name) => name.includes('<script>window.__pwned=1</script>invoice\\u202egnp.exe.jsonl'))).toBe(true);
    expect(names.some((name) => name.includes('\\u001b[31mansi-name\\u001b[0m.jsonl'))).toBe(true);
    for (const name of names) expect(name).not.toMatch(RAW_CONTROLS);
  });

  it('opens the session with its graph and inspector', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Sessions' }).click();
    const row = page.locator('.session-row', { hasText: XSS_SESSION });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const graph = page.getByTestId('authority-graph');
    await graph.locator('g[data-node-id]').first().waitFor({ timeout: 30_000 });
    // Hover and click every node, so tooltips and the inspector show each label.
    const nodes = graph.locator('g[data-node-id]');
    const count = await nodes.count();
    expect(count).toBeGreaterThan(3);
    for (let index = 0; index < count; index++) {
      const node = nodes.nth(index);
      if (!(await node.isVisible())) continue;
      await node.hover({ force: true, timeout: 2_000 }).catch(() => undefined);
      await node.click({ force: true, timeout: 2_000 }).catch(() => undefined);
    }
    const rows = page.locator('.event-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const rowCount = Math.min(await rows.count(), 40);
    for (let index = 0; index < rowCount; index++) await rows.nth(index).click({ timeout: 2_000 }).catch(() => undefined);
    const raw = page.getByTestId('raw-record');
    await raw.waitFor({ timeout: 15_000 });
  });

  it('renders payloads as text only', async () => {
    const { page } = app;
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('<script>window.__pwned=1');
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('body script, body img, body iframe, body object, body embed, body link, body style, body meta, a[href^="javascript:"], [onerror], [onload]').length,
      frames: window.frames.length,
      titles: [...document.querySelectorAll('title')].map((title) => title.textContent ?? ''),
    }));
    expect(dom.scripts).toBe(1);
    expect(dom.injected).toBe(0);
    expect(dom.frames).toBe(0);
    for (const title of dom.titles) expect(title).not.toMatch(RAW_CONTROLS);
    expect(text).not.toMatch(RAW_CONTROLS);
  });

  it('runs no payload and opens no dialog', async () => {
    const { page } = app;
    // Give late loads (an image error handler, a meta refresh) time to fire.
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(sinkHits).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('stays on the app document', () => {
    const origin = server.url.replace(/\/$/, '');
    // Route changes set location.hash, a same-document navigation; no other document ever loads.
    for (const url of navigations) expect(url.startsWith(`${origin}/#`) || url === server.url, url).toBe(true);
    expect(app.page.frames()).toHaveLength(1);
    expect(foreignRequests(app.requests, origin)).toEqual([]);
    expect(app.errors.filter((error) => !error.includes('favicon'))).toEqual([]);
  });
});
