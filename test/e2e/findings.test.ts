// Findings in the app: the case-wide view, the session panel, and opening a finding's event.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, startPreview, type AppSession } from '../helpers/browser';
import { sample, SPOTTER_FOLDER, SPOTTER_SESSION } from '../helpers/samples';

describe('findings in the app', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;

  beforeAll(async () => {
    server = await startPreview(4191);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
  });

  it('lists the tampering finding across the case and opens its event', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(sample('cloudtrail', 'aws.defense-evasion.cloudtrail-stop.json'));
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Findings' }).click();
    const finding = page.locator('.finding[data-rule="audit-tampering"]');
    await finding.waitFor({ timeout: 30_000 });
    expect(await finding.locator('.severity-badge').textContent()).toBe('critical');
    await finding.locator('summary').click();
    await finding.locator('.finding-evidence button').first().click();
    await page.locator('.workspace').waitFor({ timeout: 30_000 });
    expect(decodeURIComponent(page.url())).toContain('#/session/aws:fp:');
    const selected = page.locator('[aria-selected="true"]');
    await expect.poll(() => selected.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await selected.first().textContent()).toContain('StopLogging');
  });

  it('shows unapproved execution in the spotter session panel', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByTestId('folder-input').setInputFiles(SPOTTER_FOLDER);
    await expect.poll(() => page.locator('.bundle.status-complete').count(), { timeout: 60_000 }).toBe(2);
    await page.goto(`${server.url}#/session/${SPOTTER_SESSION}`);
    const panel = page.getByRole('region', { name: 'Findings' });
    const finding = panel.locator('.finding[data-rule="unapproved-execution"]');
    await finding.waitFor({ timeout: 30_000 });
    expect(await finding.textContent()).toContain('bypassPermissions');
    await finding.locator('summary').click();
    await finding.locator('.finding-evidence button').nth(1).click();
    await expect.poll(() => page.locator('.event-row[aria-selected="true"]').count(), { timeout: 15_000 }).toBe(1);
  });

  it('loads a rule file and reports its diagnostics', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.locator('.rule-files summary').click();
    await page.getByTestId('rule-file-input').setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from('id: x\ntitle: X\nseverity: urgent\nmatch: { field: kind, equals: prompt }\n') });
    await expect.poll(async () => (await page.locator('.rule-diagnostics').textContent()) ?? '', { timeout: 10_000 }).toContain('invalid severity');
    await page.getByTestId('rule-file-input').setInputFiles({ name: 'good.yaml', mimeType: 'text/yaml', buffer: Buffer.from('id: stop-seen\ntitle: StopLogging seen\nseverity: info\nmatch: { field: cloud.operation, equals: StopLogging }\n') });
    await page.getByLabel('Minimum severity').selectOption('info');
    await page.locator('.finding[data-rule="stop-seen"]').waitFor({ timeout: 15_000 });
  });
});
