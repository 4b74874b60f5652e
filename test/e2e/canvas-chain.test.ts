// The chain highlight on the canvas renderer, end to end. A generated session is large enough that
// "expand all" switches the graph to canvas. The test saves an analyst chain from the event list
// and reads the canvas pixels before and after the chain is highlighted.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT } from '../helpers/samples';

interface GeneratedSession {
  readonly folder: string;
  readonly sessionId: string;
}

/** The graph benchmark's generator of a large Claude Code session, written in plain JavaScript. */
async function generateSession(folder: string, options: { calls: number; subAgents: number; filesPerAgent: number }): Promise<GeneratedSession> {
  const generator = (await import(pathToFileURL(join(REPO_ROOT, 'bench', 'generate-graph.mjs')).href)) as { generateGraphSession: (folder: string, options: object) => GeneratedSession };
  return generator.generateGraphSession(folder, options);
}

interface CanvasInk {
  /** Pixels of the accent colour #ff6f00, which only a highlighted chain or selection paints. */
  readonly accent: number;
  /** Sum over all other pixels of their darkness (255 minus the red channel). */
  readonly darkness: number;
}

function readInk(page: Page): Promise<CanvasInk> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.graph-canvas-2d')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let accent = 0;
    let darkness = 0;
    for (let at = 0; at < data.length; at += 4) {
      if (data[at] === 0xff && data[at + 1] === 0x6f && data[at + 2] === 0x00) accent += 1;
      else darkness += 255 - data[at]!;
    }
    return { accent, darkness };
  });
}

describe('canvas chain highlight end to end', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;
  const folder = mkdtempSync(join(tmpdir(), 'custody-canvas-chain-'));

  beforeAll(async () => {
    server = await startPreview(4201);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('highlights an analyst chain on the canvas', async () => {
    const { page } = app;
    // Two sub-agents with 200 files each: about 1,600 nodes with every fan-out expanded.
    const session = await generateSession(join(folder, 'project'), { calls: 3000, subAgents: 2, filesPerAgent: 200 });
    await page.getByTestId('folder-input').setInputFiles(session.folder);
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 120_000 });
    await page.goto(`${server.url}#/session/${session.sessionId}`);
    const graph = page.getByTestId('authority-graph');
    await graph.locator('g.node').first().waitFor({ timeout: 60_000 });
    await page.getByLabel('expand all').check();
    await expect.poll(() => graph.getAttribute('data-renderer'), { timeout: 60_000 }).toBe('canvas');
    expect(Number(await graph.getAttribute('data-drawn-nodes'))).toBeGreaterThan(1000);

    await page.locator('.event-row').nth(5).click();
    await expect.poll(async () => (await readInk(page)).darkness).toBeGreaterThan(0);
    const plain = await readInk(page);
    expect(plain.accent).toBe(0);

    const chains = page.getByRole('region', { name: 'Chains' });
    await chains.getByRole('button', { name: 'New chain' }).click();
    await chains.getByLabel('Chain title').fill('Generated chain');
    await chains.getByRole('button', { name: 'Save chain' }).click();
    const dialog = page.getByRole('dialog', { name: 'Analyst name' });
    await dialog.getByLabel('Analyst name').fill('Ann');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await chains.locator('.chain-card').first().waitFor();
    await expect.poll(async () => (await readInk(page)).accent).toBeGreaterThan(20);
    // The rest of the graph fades, so the canvas contains less ink than before.
    expect((await readInk(page)).darkness).toBeLessThan(plain.darkness * 0.7);

    await chains.getByRole('button', { name: 'Hide in graph' }).click();
    await expect.poll(async () => (await readInk(page)).accent).toBe(0);
    expect(foreignRequests(app.requests, server.url)).toEqual([]);
  });
});
