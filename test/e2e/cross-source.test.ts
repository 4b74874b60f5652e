import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT } from '../helpers/samples';

// A transcript whose Bash call assumes an AWS role and prints the key, and the CloudTrail
// records made with that key.
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'cross-source');
const TRANSCRIPT = 'c0ffee00-1111-4222-8333-444455556666';

describe('cross-source chain end to end', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;

  beforeAll(async () => {
    server = await startPreview(4174);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
  });

  it('draws tool call, credential and cloud calls as one chain', async () => {
    const { page } = app;
    await page.getByTestId('folder-input').setInputFiles(FIXTURE);
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await page.goto(`${server.url}#/session/${TRANSCRIPT}`);
    const graph = page.getByTestId('authority-graph');
    await expect.poll(() => graph.locator('path.edge-caused').count(), { timeout: 30_000 }).toBe(3);
    expect(await graph.locator('g.node-credential').count()).toBe(2);
    expect(await graph.locator('path.edge-obtained').count()).toBe(1);
    expect(await graph.locator('path.edge-minted').count()).toBe(1);
    expect(await graph.locator('g.node-cloud-principal').count()).toBe(2);
    await graph.locator('g.node-tool-group[aria-label="s3:DeleteObject"]').click();
    const causes = page.getByRole('region', { name: 'Caused cloud calls' });
    await expect.poll(async () => (await causes.textContent()) ?? '').toContain('high confidence');
    expect(await causes.textContent()).toContain('s3 rm');
  });

  it('masks the printed keys in the inspector', async () => {
    const { page } = app;
    await page.getByTestId('authority-graph').locator('g.node-tool-group[aria-label="Bash aws"]').click();
    const list = page.getByRole('list', { name: 'Events of the selected node' });
    await list.locator('button').first().waitFor();
    const result = page.getByRole('region', { name: 'Selected event' });
    await page.locator('.event-row', { hasText: 'Bash returned' }).first().click();
    await expect.poll(async () => (await result.textContent()) ?? '').toContain('aws-access-key');
    expect(await result.textContent()).not.toContain('ASIAFIXTURE7EXAMPLE1');
    expect(await result.textContent()).not.toContain('wJalrXUtnFEMI');
  });

  it('opens no connection beyond its own origin', () => {
    expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });
});

describe('cloud records imported while the session is open', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;

  beforeAll(async () => {
    server = await startPreview(4199);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
  });

  it('joins the cloud calls into the open graph', async () => {
    const { page, context } = app;
    await page.getByTestId('file-input').setInputFiles(join(FIXTURE, 'transcript.jsonl'));
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await page.goto(`${server.url}#/session/${TRANSCRIPT}`);
    const graph = page.getByTestId('authority-graph');
    await graph.locator('g.node-tool-group[aria-label="Bash aws"]').waitFor({ timeout: 30_000 });
    expect(await graph.locator('path.edge-caused').count()).toBe(0);

    // A second tab of the same profile imports the CloudTrail file; the open workspace follows.
    const other = await context.newPage();
    await other.goto(`${server.url}#/library`);
    await other.getByTestId('file-input').setInputFiles(join(FIXTURE, 'cloudtrail.json'));
    await expect.poll(() => other.locator('.bundle.status-complete').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => graph.locator('path.edge-caused').count(), { timeout: 30_000 }).toBe(3);
    expect(await graph.locator('g.node-cloud-principal').count()).toBe(2);
    await other.close();
  });

  it('opens no connection beyond its own origin', () => {
    expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });
});
