import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT, SPOTTER_FOLDER, SPOTTER_SESSION } from '../helpers/samples';

const SCREENSHOTS = join(REPO_ROOT, 'test-results');
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'cross-source');
const TRANSCRIPT = 'c0ffee00-1111-4222-8333-444455556666';
/** Secret values written in the cross-source fixture's transcript and CloudTrail records. */
const FIXTURE_SECRETS = ['ASIAFIXTURE7EXAMPLE1', 'AKIAFIXTURE0LONGTERM', 'wJalrXUtnFEMI/K7MDENG', 'FwoGZXIvYXdzEFIXTURETOKEN'];

async function openSession(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}#/session/${id}`);
  await page.getByTestId('authority-graph').locator('g.node').first().waitFor({ timeout: 30_000 });
}

describe('graph views end to end', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;

  beforeAll(async () => {
    server = await startPreview(4187);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
  });

  it('shows the custody chain of a sub-agent Read', async () => {
    const { page } = app;
    await page.getByTestId('folder-input').setInputFiles(SPOTTER_FOLDER);
    await expect.poll(() => page.locator('.bundle.status-complete').count(), { timeout: 60_000 }).toBe(1);
    await openSession(page, server.url, SPOTTER_SESSION);
    const graph = page.getByTestId('authority-graph');
    await graph.locator('g.node-tool-group[data-node-id^="tools:a2898e3:Read:"]').first().click();
    const chain = page.getByRole('region', { name: 'Custody chain' });
    await chain.waitFor();
    const kinds = await chain.locator('li.grant').first().locator('xpath=..').locator('li.grant').evaluateAll((items) => items.map((item) => item.getAttribute('data-grant')));
    expect(kinds).toEqual(['principal', 'permission-mode', 'agent', 'delegation', 'agent', 'permission-mode', 'decision', 'tool-call']);
    const text = (await chain.textContent()) ?? '';
    expect(text).toContain('mode bypassPermissions');
    expect(text).toContain('Task: Explore transcript rendering codebase');
    expect(await graph.locator('g.node.in-chain[data-node-id="principal"]').count()).toBe(1);
    expect(await graph.locator('g.node.in-chain[data-node-id="agent:a2898e3"]').count()).toBe(1);
    expect(await graph.locator('path.edge-delegated.in-chain').count()).toBe(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'custody-chain.png') });
  });

  it('fits the whole graph by default', async () => {
    const { page } = app;
    await openSession(page, server.url, SPOTTER_SESSION);
    const graph = page.getByTestId('authority-graph');
    // The fit is applied once the layout is drawn and again when the panels below the graph appear.
    await page.getByRole('region', { name: 'Findings' }).waitFor();
    const outside = await graph.evaluate((panel) => {
      const frame = panel.getBoundingClientRect();
      return Array.from(panel.querySelectorAll('g.node'))
        .filter((node) => {
          const box = node.getBoundingClientRect();
          return box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1;
        })
        .map((node) => node.getAttribute('data-node-id'));
    });
    expect(outside).toEqual([]);
  });

  it('opens a grant event in the inspector', async () => {
    const { page } = app;
    const chain = page.getByRole('region', { name: 'Custody chain' });
    await chain.locator('li[data-grant="delegation"] button').first().click();
    const selected = page.getByRole('region', { name: 'Selected event' });
    await expect.poll(async () => (await selected.textContent()) ?? '').toContain('"name": "Task"');
  });

  it('replays the session with the scrubber', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    const slider = page.getByRole('slider', { name: 'Replay to event' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => graph.locator('g.node.dimmed').count()).toBeGreaterThan(50);
    expect(await graph.locator('g.node.dimmed[data-node-id="agent:a2898e3"]').count()).toBe(1);
    expect(await page.getByTestId('scrub-position').textContent()).toMatch(/^event 1 of \d+/);
    await page.keyboard.press('End');
    await expect.poll(() => graph.locator('g.node.dimmed').count()).toBe(0);
    expect(await page.getByTestId('authority-mode').textContent()).toBe('bypassPermissions');
    expect(await page.getByRole('region', { name: 'Effective authority' }).textContent()).toContain('a2898e3 delegated by main: Explore transcript rendering codebase');
    await page.getByRole('button', { name: 'Show all' }).click();
    expect(await page.getByRole('region', { name: 'Effective authority' }).count()).toBe(0);
  });

  it('filters the graph to a brushed time range', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    const before = await graph.locator('g.node-tool-group').count();
    const box = (await page.getByTestId('timeline').locator('svg.timeline-svg').boundingBox())!;
    await page.mouse.move(box.x + 160, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + 30, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => graph.locator('g.node-tool-group').count()).toBeLessThan(before);
    expect(await graph.locator('g.node-principal').count()).toBe(1);
    await page.mouse.click(box.x + 600, box.y + 30);
    await expect.poll(() => graph.locator('g.node-tool-group').count()).toBe(before);
  });

  it('selects a graph node from a timeline bar', async () => {
    const { page } = app;
    await page.getByTestId('authority-graph').locator('g.node-tool-group[data-node-id^="tools:main:Edit:"]').first().click();
    await expect.poll(async () => (await page.getByRole('region', { name: 'Custody chain' }).textContent()) ?? '').toContain('tool call');
    // The first bar of the main lane sits at the left edge of the lanes.
    const box = (await page.getByTestId('timeline').locator('svg.timeline-svg').boundingBox())!;
    await page.mouse.click(box.x + 151, box.y + 33);
    const selected = await page.locator('g.node.selected').getAttribute('data-node-id');
    expect(selected).toMatch(/^tools:main:/);
    expect(await page.getByRole('region', { name: 'Selected event' }).textContent()).toContain('tool-call');
  });

  it('expands a collapsed fan-out', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    const more = graph.locator('g.node[data-node-id^="more:agent:main:"]');
    expect(await more.getAttribute('aria-label')).toBe('+4 more');
    const before = await graph.locator('g.node-tool-group').count();
    await more.click();
    await expect.poll(() => graph.locator('g.node-tool-group').count()).toBe(before + 3);
    expect(await graph.locator('g.node[data-node-id^="more:"]').count()).toBe(0);
  });

  it('searches and hides what did not match', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    await page.getByRole('searchbox', { name: 'Search the graph' }).fill('session_live.ex');
    await expect.poll(() => graph.locator('g.node.matched').count()).toBeGreaterThan(1);
    const all = await graph.locator('g.node').count();
    await page.getByLabel('hide the rest').check();
    await expect.poll(() => graph.locator('g.node').count()).toBeLessThan(all);
    const labels = await graph.locator('g.node-resource').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')));
    for (const label of labels) expect(label).toContain('session_live.ex');
    await page.getByLabel('hide the rest').uncheck();
    await page.getByRole('searchbox', { name: 'Search the graph' }).fill('');
  });

  it('moves between connected nodes with the keyboard', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    await graph.locator('g.node[data-node-id="principal"]').click();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'))).toBe('agent:main');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('g.node.selected').getAttribute('data-node-id')).toBe('agent:main');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'))).toMatch(/^tools:main:|^agent:/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('g.node.selected').count()).toBe(0);
  });

  it('switches to the force layout', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    const position = () => graph.locator('g.node[data-node-id="agent:a2898e3"]').getAttribute('transform');
    const layered = await position();
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('force');
    await expect.poll(position).not.toBe(layered);
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('layered');
    await expect.poll(position).toBe(layered);
  });

  it('filters by tool and outcome', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    await page.getByRole('combobox', { name: 'Tool' }).selectOption('Edit');
    await expect.poll(async () => (await graph.locator('g.node-tool-group').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')))).every((label) => label!.startsWith('Edit '))).toBe(true);
    expect(await graph.locator('g.node-tool-group').count()).toBeGreaterThan(3);
    await page.getByRole('combobox', { name: 'Tool' }).selectOption('');
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('failed');
    await expect.poll(() => graph.locator('g.node-tool-group').count()).toBeLessThan(20);
    for (const stroke of await graph.locator('g.node-tool-group rect').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('stroke')))) expect(stroke).toBe('#e53935');
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('all');
  });

  it('exports an SVG and a PNG without the fixture secrets', async () => {
    const { page } = app;
    await page.goto(`${server.url}#/library`);
    await page.getByTestId('folder-input').setInputFiles(FIXTURE);
    await expect.poll(() => page.locator('.bundle.status-complete').count(), { timeout: 60_000 }).toBe(2);
    await openSession(page, server.url, TRANSCRIPT);
    await expect.poll(() => page.getByTestId('authority-graph').locator('path.edge-caused').count(), { timeout: 30_000 }).toBe(3);

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toBe(`custody-${TRANSCRIPT}.svg`);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('s3:DeleteObject');
    expect(svg).toContain('ASIA…PLE1');
    for (const secret of FIXTURE_SECRETS) expect(svg).not.toContain(secret);
    const parseError = await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')?.textContent ?? null, svg);
    expect(parseError).toBeNull();

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    const png = readFileSync((await pngDownload.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const size = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      return { width: bitmap.width, height: bitmap.height };
    }, png.toString('base64'));
    expect(size.width).toBeGreaterThan(500);
    expect(size.height).toBeGreaterThan(50);
  });

  it('opens no connection beyond its own origin', () => {
    expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
