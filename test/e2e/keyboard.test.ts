import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT, sample, SPOTTER_SESSION } from '../helpers/samples';

const SCREENSHOTS = join(REPO_ROOT, 'test-results');
const MAX_TABS = 60;

/** Presses Tab until the focused element matches `selector`; fails after MAX_TABS presses. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector} within ${MAX_TABS} presses`);
}

/** CSS viewports of a 1280 × 800 and a 1600 × 1000 window at 200% zoom. */
const ZOOMED_VIEWPORTS = [
  { width: 640, height: 400 },
  { width: 800, height: 500 },
];

/**
 * Lists pairs of boxes that overlap: the items of each toolbar, and the workspace panels, where
 * the graph and the inspector count as panels of their own because their content can spill out
 * of the row that contains them.
 */
async function overlappingPanels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const groups: Element[][] = [];
    for (const bar of document.querySelectorAll('.app-head, .graph-toolbar, .timeline-controls, .workspace-main')) groups.push(Array.from(bar.children));
    const workspace = document.querySelector('.workspace');
    if (workspace) groups.push(Array.from(workspace.children).flatMap((child) => (child.classList.contains('workspace-main') ? Array.from(child.children) : [child])));
    const found: string[] = [];
    for (const group of groups) {
      const items = group.filter((child) => (child as HTMLElement).offsetWidth > 0).map((child) => ({ child, box: child.getBoundingClientRect() }));
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i]!.box;
          const b = items[j]!.box;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) found.push(`${items[i]!.child.className}: ${items[i]!.child.textContent?.slice(0, 20)} / ${items[j]!.child.className}: ${items[j]!.child.textContent?.slice(0, 20)}`);
        }
      }
    }
    // A panel whose content is taller than the panel draws over what follows it.
    for (const panel of document.querySelectorAll('.workspace-main')) {
      if (panel.scrollHeight > panel.clientHeight + 1) found.push(`${panel.className} content overflows: ${panel.scrollHeight} > ${panel.clientHeight}`);
    }
    return found;
  });
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const route = (page: Page) => page.evaluate(() => window.location.hash);

describe('keyboard-only walk through every view', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startPreview(4181);
    app = await openApp(server.url);
    // The file dialog cannot be driven by keys in a headless browser, so the sample is imported
    // through the file input first.
    await app.page.getByTestId('file-input').setInputFiles(sample('bundles', 'claude-projects.zip'));
    await app.page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
  });

  it('skip link moves focus to the content', async () => {
    const { page } = app;
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('library lists the recent bundle', async () => {
    const recent = app.page.getByRole('navigation', { name: 'Recent bundles and cases' });
    const text = (await recent.textContent()) ?? '';
    expect(text).toContain('claude-projects.zip');
    expect(text).toMatch(/bundle, (1 session|\d+ sessions), complete/);
    expect(text).not.toContain('(s)');
  });

  it('palette lists every command and runs one', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.waitFor();
    const options = palette.getByRole('option');
    expect(await options.count()).toBe(13);
    const local = palette.locator('#palette-open-local-logs');
    expect(await local.getAttribute('aria-disabled')).toBe('true');
    expect(await local.textContent()).toContain('Only the desktop app');
    expect(await palette.locator('#palette-go-sessions kbd').textContent()).toBe('Alt+2');
    await page.keyboard.type('go to sess');
    expect(await options.count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => route(page)).toBe('#/sessions');
    expect(await palette.isVisible()).toBe(false);
  });

  it('sessions open with arrow keys and Enter', async () => {
    const { page } = app;
    // The sessions table renders once its live query returns, and the shortcut focuses its filter box.
    await page.getByLabel('Filter sessions').waitFor();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Filter sessions');
    await tabTo(page, '.session-row');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    expect(await focusedText(page)).toContain(SPOTTER_SESSION);
    await page.keyboard.press('Enter');
    await expect.poll(() => route(page)).toBe(`#/session/${SPOTTER_SESSION}`);
  });

  it('graph nodes move with arrow keys', async () => {
    const { page } = app;
    await page.getByTestId('authority-graph').locator('g.node').first().waitFor({ timeout: 30_000 });
    await page.locator('#main').focus();
    await tabTo(page, 'g.node');
    // The graph is one Tab stop, which starts at the principal.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'))).toBe('principal');
    expect(await page.getByTestId('authority-graph').locator('[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'));
    expect(first).toBeTruthy();
    await page.keyboard.press('ArrowRight');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'));
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.locator('.inspector').textContent()) ?? '').not.toContain('Select a node');
  });

  it('graph is a single Tab stop', async () => {
    const { page } = app;
    const graph = page.getByTestId('authority-graph');
    const node = await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'));
    expect(node).toBeTruthy();
    await page.keyboard.press('Tab');
    expect(await graph.evaluate((element) => element.contains(document.activeElement))).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-node-id'))).toBe(node);
    expect(await graph.locator('[tabindex="0"]').count()).toBe(1);
  });

  it('event list moves with arrow keys', async () => {
    const { page } = app;
    await page.getByRole('listbox', { name: 'Event list' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('option');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
  });

  it('shortcuts reveal secrets and resize panels', async () => {
    const { page } = app;
    const reveal = page.locator('[data-command="toggle-secrets"]');
    const before = await reveal.isChecked();
    await page.keyboard.press('Control+Shift+S');
    expect(await reveal.isChecked()).toBe(!before);
    const splitter = page.getByRole('separator', { name: 'Resize inspector' });
    await splitter.focus();
    const width = Number(await splitter.getAttribute('aria-valuenow'));
    await page.keyboard.press('ArrowLeft');
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(width + 16);
    expect(await page.evaluate(() => localStorage.getItem('custody.panel.inspector-width'))).toBe(String(width + 16));
  });

  it('findings and case views open by shortcut', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+3');
    await expect.poll(() => route(page)).toBe('#/findings');
    await page.locator('#main').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    await page.keyboard.press('Alt+4');
    await expect.poll(() => route(page)).toBe('#/case');
    await page.locator('[data-command="export-case"]:not([disabled])').waitFor();
    await page.keyboard.press('Control+e');
    // The export disables its button while it runs, so the result is checked, not the focus.
    await expect.poll(async () => (await page.getByTestId('export-status').count()) > 0 && (await page.getByTestId('export-status').textContent()), { timeout: 30_000 }).toContain('Export');
  });

  it('help lists shortcuts and Escape closes it', async () => {
    const { page } = app;
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Ctrl+Shift+P');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);
  });

  it('theme shortcut cycles and is saved', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+L');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.keyboard.press('Control+Shift+L');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('reflows without overlap at 200% zoom', async () => {
    const { page } = app;
    // Browser zoom at 200% halves the viewport in CSS pixels: a 1280 × 800 window lays out as
    // 640 × 400, and a 1600 × 1000 window as 800 × 500.
    for (const viewport of ZOOMED_VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.evaluate((id) => {
        window.location.hash = `#/session/${id}`;
      }, SPOTTER_SESSION);
      await page.getByTestId('authority-graph').locator('g.node').first().waitFor({ timeout: 30_000 });
      // An event fills the inspector with its JSON, the tallest content it shows.
      await page.locator('.event-row').nth(1).click();
      await page.getByRole('region', { name: 'Selected event' }).waitFor();
      expect(await overlappingPanels(page), `${viewport.width} × ${viewport.height}`).toEqual([]);
      expect(await page.evaluate(() => document.querySelector('.app-head')!.scrollWidth <= document.querySelector('.app-head')!.clientWidth)).toBe(true);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'zoom-200-workspace.png'), fullPage: true });
    await page.evaluate(() => {
      window.location.hash = '#/library';
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'zoom-200-library.png') });
  });

  it('scrolls sessions header at 200% zoom', async () => {
    const { page } = app;
    await page.setViewportSize(ZOOMED_VIEWPORTS[1]!);
    await page.evaluate(() => {
      window.location.hash = '#/sessions';
    });
    const row = page.locator('.session-row').first();
    await row.waitFor({ timeout: 30_000 });
    const body = page.locator('.table-body');
    expect(await body.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await body.evaluate((element) => {
      element.scrollLeft = element.scrollWidth;
    });
    const misaligned = await page.evaluate(() => {
      const headers = Array.from(document.querySelectorAll('.table-head [role="columnheader"]'));
      const cells = Array.from(document.querySelector('.session-row')!.children);
      return headers.flatMap((header, index) => {
        const left = header.getBoundingClientRect().left;
        const cell = cells[index]!.getBoundingClientRect().left;
        return Math.abs(left - cell) > 1 ? [`${header.textContent}: header at ${left}, cell at ${cell}`] : [];
      });
    });
    expect(misaligned).toEqual([]);
    // The header stays visible: the last column's heading is inside the scrolled view.
    const lastHeader = (await page.locator('.table-head [role="columnheader"]').last().boundingBox())!;
    const bodyBox = (await body.boundingBox())!;
    expect(lastHeader.x + lastHeader.width).toBeLessThanOrEqual(bodyBox.x + bodyBox.width + 1);
    await row.focus();
    expect(await page.evaluate(() => ({ scrollX: window.scrollX, wider: document.documentElement.scrollWidth > document.documentElement.clientWidth }))).toEqual({ scrollX: 0, wider: false });
    await page.screenshot({ path: join(SCREENSHOTS, 'zoom-200-sessions.png') });
  });

  it('opens no connection beyond its own origin', () => {
    expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });
});
