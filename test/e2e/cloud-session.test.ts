import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT, sample } from '../helpers/samples';

const SCREENSHOTS = join(REPO_ROOT, 'test-results');
/** A role session whose 15 DescribeInstanceAttribute calls were all denied by AWS. */
const DENIED_SESSION = 'aws:fp:c2c7020138adc00d';
/** A user session with 43 cloud calls spread over several operations. */
const BUSY_SESSION = 'aws:fp:ef5120305ac5eb65';
/** Left edge of the timeline's lanes and the middle of its first lane, in CSS pixels from the SVG's corner. */
const LANES_LEFT = 150;
const FIRST_LANE_MIDDLE = 33;

async function openSession(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}#/session/${encodeURIComponent(id)}`);
  await page.getByTestId('authority-graph').locator('g.node').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('timeline').locator('svg.timeline-svg').waitFor({ timeout: 30_000 });
}

describe('cloud audit sessions end to end', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;

  beforeAll(async () => {
    server = await startPreview(4211);
    app = await openApp(server.url);
    await app.page.getByTestId('folder-input').setInputFiles(sample('cloudtrail'));
    await app.page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
  });

  it('lists cloud errors in the sessions table', async () => {
    const { page } = app;
    await page.goto(`${server.url}#/sessions`);
    const header = await page.locator('.table-head [role="columnheader"]').allTextContents();
    const row = page.locator('.session-row', { hasText: DENIED_SESSION });
    await row.waitFor({ timeout: 30_000 });
    const cells = await row.locator(':scope > span').allTextContents();
    expect(cells[header.indexOf('Cloud calls')]).toBe('15');
    expect(cells[header.indexOf('Cloud errors')]).toBe('15');
    expect(await row.locator('.failed-count').count()).toBe(1);
  });

  it('names cloud calls in the workspace header', async () => {
    const { page } = app;
    await openSession(page, server.url, DENIED_SESSION);
    const facts = (await page.getByTestId('session-facts').textContent()) ?? '';
    expect(facts).toContain('15 cloud calls (15 failed)');
    expect(facts).toContain('1 cloud principal');
    expect(facts).not.toContain('0 tool calls');
  });

  it('draws denied calls in the failure style', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    const failed = graph.locator('path.edge[data-failed]');
    expect(await failed.count()).toBeGreaterThanOrEqual(15);
    expect(await failed.first().getAttribute('stroke')).toBe('#e53935');
    expect(await failed.first().getAttribute('stroke-dasharray')).toBe('4 3');
    expect(await graph.locator('g.node-tool-group rect').first().getAttribute('stroke')).toBe('#e53935');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'cloud-session.png') });
  });

  it('keeps each event cell in its column', async () => {
    const { page } = app;
    const rows = page.locator('.event-row');
    await rows.first().waitFor();
    const overflows = await rows.evaluateAll((elements) =>
      elements.flatMap((row) => [...row.children].filter((cell) => cell.getBoundingClientRect().width > 0 && cell.scrollWidth > cell.clientWidth + 1 && getComputedStyle(cell).overflow !== 'hidden').map((cell) => cell.className)),
    );
    expect(overflows).toEqual([]);
  });

  it('gives the principal a timeline lane', async () => {
    const { page } = app;
    const lanes = await page.getByTestId('timeline').locator('.lane-labels text').allTextContents();
    expect(lanes).toHaveLength(1);
    expect(lanes[0]).toContain('AssumedRole');
    // The first call happened at the session's first instant, and its mark is drawn whole at the lanes' left edge, in the failure red #e53935.
    const firstMark = await page.getByTestId('timeline').evaluate((timeline) => {
      const canvas = timeline.querySelector('canvas')!;
      const ratio = window.devicePixelRatio || 1;
      return Array.from(canvas.getContext('2d')!.getImageData(2 * ratio, 11 * ratio, 1, 1).data.slice(0, 3));
    });
    expect(firstMark).toEqual([0xe5, 0x39, 0x35]);
  });

  it('selects the call group from a mark', async () => {
    const { page } = app;
    const box = (await page.getByTestId('timeline').locator('svg.timeline-svg').boundingBox())!;
    await page.mouse.click(box.x + LANES_LEFT + 1, box.y + FIRST_LANE_MIDDLE);
    await expect.poll(() => page.locator('g.node.selected').getAttribute('data-node-id')).toMatch(/^cloud:/);
    expect(await page.getByRole('region', { name: 'Selected event' }).textContent()).toContain('cloud-call');
    // The selected group's marks are outlined in the accent colour #ff6f00, on both sides of each mark.
    const outlined = await page.getByTestId('timeline').evaluate((timeline) => {
      const canvas = timeline.querySelector('canvas')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const columns = new Set<number>();
      for (let at = 0; at < data.length; at += 4) if (data[at] === 0xff && data[at + 1] === 0x6f && data[at + 2] === 0x00) columns.add((at / 4) % canvas.width);
      return columns.size;
    });
    expect(outlined).toBeGreaterThan(10);
  });

  it('filters the graph to a brushed range', async () => {
    const { page } = app;
    await openSession(page, server.url, BUSY_SESSION);
    const graph = page.getByTestId('authority-graph');
    const before = await graph.locator('g.node-tool-group').count();
    expect(before).toBeGreaterThan(1);
    const box = (await page.getByTestId('timeline').locator('svg.timeline-svg').boundingBox())!;
    await page.mouse.move(box.x + LANES_LEFT + 2, box.y + FIRST_LANE_MIDDLE);
    await page.mouse.down();
    await page.mouse.move(box.x + LANES_LEFT + 30, box.y + FIRST_LANE_MIDDLE, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => graph.locator('g.node-tool-group').count()).toBeLessThan(before);
    expect(await graph.locator('g.node-cloud-principal').count()).toBeGreaterThan(0);
  });

  it('opens no connection beyond its own origin', () => {
    expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });
});
