// Annotations on graph edges and on findings in Chromium: annotate one of each, reload, and find
// both again in the workspace, the findings view, the case view and the HTML report.

import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { sample } from '../helpers/samples';

const EDGE_NOTE = 'This edge carried the stolen role.';
const FINDING_NOTE = 'Confirmed: the trail was stopped on purpose.';

/**
 * Finds an edge whose hit path is the topmost element at some point of its curve, and returns
 * its id with that point. Edges may cross or lie on top of each other, and a backward edge may
 * run through nodes, so the curve is probed at several points.
 */
async function clickableEdge(graph: Locator, id?: string): Promise<{ id: string; x: number; y: number } | null> {
  return graph.evaluate((container, wanted) => {
    for (const element of container.querySelectorAll<SVGPathElement>('path.edge-hit')) {
      const edge = element.getAttribute('data-edge-hit')!;
      if (wanted && edge !== wanted) continue;
      for (let step = 1; step < 20; step += 1) {
        const point = element.getPointAtLength((element.getTotalLength() * step) / 20);
        const screen = point.matrixTransform(element.getScreenCTM()!);
        if (document.elementFromPoint(screen.x, screen.y) === element) return { id: edge, x: screen.x, y: screen.y };
      }
    }
    return null;
  }, id);
}

/** Fills and saves the open annotation editor inside `scope`, giving the analyst name when asked. */
async function saveNote(page: Page, scope: Locator, note: string): Promise<void> {
  const editor = scope.getByRole('form', { name: 'Annotation editor' });
  await editor.getByLabel('Severity').selectOption('high');
  await editor.getByLabel('Note').fill(note);
  await editor.getByRole('button', { name: 'Save annotation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Analyst name' });
  if (await dialog.isVisible()) {
    await dialog.getByLabel('Analyst name').fill('Ann');
    await dialog.getByRole('button', { name: 'Save name' }).click();
  }
  await editor.waitFor({ state: 'detached' });
}

describe('edge and finding annotations', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;
  const folder = mkdtempSync(join(tmpdir(), 'custody-annotations-'));
  let sessionUrl = '';
  let edgeId = '';

  beforeAll(async () => {
    server = await startPreview(4195);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const finding = () => app.page.locator('.finding[data-rule="audit-tampering"]');

  it('annotates a finding', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(sample('cloudtrail', 'aws.defense-evasion.cloudtrail-stop.json'));
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Findings' }).click();
    await finding().waitFor({ timeout: 30_000 });

    await finding().getByRole('button', { name: 'Annotate…' }).click();
    const panel = finding().getByRole('region', { name: 'Annotations' });
    expect(await panel.getByRole('form', { name: 'Annotation editor' }).locator('select').first().inputValue()).toMatch(/^finding:audit-tampering\|/);
    await saveNote(page, finding(), FINDING_NOTE);
    expect(await panel.locator('.annotation-list li').count()).toBe(1);
    expect(await panel.locator('.annotation-list li').textContent()).toContain(FINDING_NOTE);
    expect(await finding().getByTestId('finding-annotation-count').textContent()).toContain('1 annotation');
  });

  it('annotates an edge selected in the graph', async () => {
    const { page } = app;
    await finding().locator('summary').click();
    await finding().locator('.finding-evidence button').first().click();
    const graph = page.getByTestId('authority-graph');
    await graph.locator('path.edge-hit').first().waitFor({ state: 'attached', timeout: 30_000 });
    sessionUrl = page.url();

    // The panels below the graph appear after its first drawing and refit it, so wait for them.
    await page.locator('.event-row').first().waitFor({ timeout: 30_000 });
    await graph.scrollIntoViewIfNeeded();
    await expect.poll(() => clickableEdge(graph), { timeout: 15_000 }).not.toBeNull();
    const target = await clickableEdge(graph);
    edgeId = target!.id;
    await page.mouse.click(target!.x, target!.y);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const details = inspector.locator('.edge-details');
    await details.waitFor({ timeout: 10_000 });
    expect(await details.getAttribute('data-edge-id')).toBe(edgeId);
    expect(await details.textContent()).toContain('From');
    expect(await inspector.getByRole('list', { name: 'Events of the selected edge' }).locator('li').count()).toBeGreaterThan(0);
    expect(await graph.locator(`path.edge.selected`).getAttribute('data-edge-id')).toBe(edgeId);

    const panel = inspector.getByRole('region', { name: 'Annotations' });
    await panel.getByRole('button', { name: 'Annotate…' }).click();
    expect(await panel.getByRole('form', { name: 'Annotation editor' }).locator('select').first().inputValue()).toBe(`edge:${edgeId}`);
    await saveNote(page, panel, EDGE_NOTE);
    expect(await panel.locator('.annotation-list li', { hasText: EDGE_NOTE }).count()).toBe(1);
  });

  it('keeps both annotations after a reload', async () => {
    const { page } = app;
    await page.goto(sessionUrl);
    await page.reload();
    const graph = page.getByTestId('authority-graph');
    await graph.locator(`path.edge-hit[data-edge-hit=${JSON.stringify(edgeId)}]`).waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('.event-row').first().waitFor({ timeout: 30_000 });
    await graph.scrollIntoViewIfNeeded();
    await expect.poll(() => clickableEdge(graph, edgeId), { timeout: 15_000 }).not.toBeNull();
    const target = await clickableEdge(graph, edgeId);
    await page.mouse.click(target!.x, target!.y);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const edgeNotes = inspector.getByRole('region', { name: 'Annotations' }).locator('.annotation-list li', { hasText: EDGE_NOTE });
    await edgeNotes.waitFor({ timeout: 10_000 });
    expect(await edgeNotes.textContent()).toContain(`on edge ${edgeId}`);

    await page.getByRole('link', { name: 'Findings' }).click();
    await finding().waitFor({ timeout: 30_000 });
    expect(await finding().getByTestId('finding-annotation-count').textContent()).toContain('1 annotation');
    await finding().getByRole('button', { name: 'Annotate…' }).click();
    const findingNotes = finding().getByRole('region', { name: 'Annotations' }).locator('.annotation-list li');
    await findingNotes.first().waitFor({ timeout: 10_000 });
    expect(await findingNotes.count()).toBe(1);
    expect(await findingNotes.textContent()).toContain(FINDING_NOTE);
  });

  it('shows both in the case view and the report', async () => {
    const { page } = app;
    await page.goto(`${server.url}#/case`);
    const annotations = page.getByRole('region', { name: 'Case annotations' });
    await annotations.locator('li', { hasText: EDGE_NOTE }).waitFor({ timeout: 10_000 });
    expect(await annotations.locator('li', { hasText: FINDING_NOTE }).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save HTML report…' }).click()]);
    const path = join(folder, 'report.html');
    await download.saveAs(path);
    const html = readFileSync(path, 'utf8');
    const articles = [...html.matchAll(/<article data-target-kind="(\w+)">(.*?)<\/article>/gs)].map((match) => ({ kind: match[1], body: match[2]! }));
    const edge = articles.find((article) => article.kind === 'edge');
    const found = articles.find((article) => article.kind === 'finding');
    expect(edge?.body).toMatch(/^<h3>Edge: /);
    expect(edge?.body).toContain(' → ');
    expect(edge?.body).toContain(EDGE_NOTE);
    expect(found?.body).toMatch(/^<h3>Finding: [^<]+ \(critical\)<\/h3>/);
    expect(found?.body).toContain(FINDING_NOTE);
    expect(found?.body).toContain('cloudtrail-stop.json (line');
    expect(foreignRequests(app.requests, server.url)).toEqual([]);
  });
});
