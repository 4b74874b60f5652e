// Findings of an analyst's rule file outside the findings view: the case file's findings.json and
// the HTML case report name the rule and its file, and removing the file drops its findings.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { sample } from '../helpers/samples';

const RULE_FILE = 'team-rules.yaml';
const RULE = 'id: stop-seen\ntitle: StopLogging seen\nseverity: high\nmatch: { field: cloud.operation, equals: StopLogging }\n';
const NOTE = 'The team rule caught the trail being stopped.';

interface ExportedFinding {
  readonly rule: string;
  readonly ruleFile?: string;
}

/** Exports the case from the case view and returns the findings.json entry of the case file. */
async function exportFindings(page: Page, url: string, path: string): Promise<ExportedFinding[]> {
  await page.goto(`${url}#/case`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export case file…' }).click()]);
  await download.saveAs(path);
  const entries = unzipSync(new Uint8Array(readFileSync(path)));
  return JSON.parse(new TextDecoder().decode(entries['findings.json'])) as ExportedFinding[];
}

describe('rule file findings in case exports', () => {
  let server: { url: string; stop(): void };
  let app: AppSession;
  const folder = mkdtempSync(join(tmpdir(), 'custody-rule-file-'));

  beforeAll(async () => {
    server = await startPreview(4203);
    app = await openApp(server.url);
  });

  afterAll(async () => {
    await app?.close();
    server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const finding = () => app.page.locator('.finding[data-rule="stop-seen"]');

  it('names the rule file in the findings view', async () => {
    const { page } = app;
    await page.getByTestId('file-input').setInputFiles(sample('cloudtrail', 'aws.defense-evasion.cloudtrail-stop.json'));
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.locator('.rule-files summary').click();
    await page.getByTestId('rule-file-input').setInputFiles({ name: RULE_FILE, mimeType: 'text/yaml', buffer: Buffer.from(RULE) });
    await finding().waitFor({ timeout: 15_000 });
    expect(await finding().getAttribute('data-rule-file')).toBe(RULE_FILE);
    await finding().locator('summary').click();
    expect(await finding().locator('.finding-rule').textContent()).toBe(`Raised by rule stop-seen from ${RULE_FILE}.`);
    expect(await page.locator('.finding[data-rule="audit-tampering"] .finding-rule').textContent()).toBe('Raised by built-in rule audit-tampering.');

    await finding().getByRole('button', { name: 'Annotate…' }).click();
    const editor = finding().getByRole('form', { name: 'Annotation editor' });
    await editor.getByLabel('Note').fill(NOTE);
    await editor.getByRole('button', { name: 'Save annotation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Analyst name' });
    await dialog.getByLabel('Analyst name').fill('Ann');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await editor.waitFor({ state: 'detached' });
  });

  it('exports the rule file findings with their file', async () => {
    const findings = await exportFindings(app.page, server.url, join(folder, 'with-rules.custody'));
    const fromFile = findings.filter((item) => item.rule === 'stop-seen');
    expect(fromFile).toHaveLength(1);
    expect(fromFile[0]!.ruleFile).toBe(RULE_FILE);
    const builtIn = findings.find((item) => item.rule === 'audit-tampering');
    expect(builtIn).toBeDefined();
    expect(builtIn!.ruleFile).toBeUndefined();
  });

  it('describes the annotated finding in the report', async () => {
    const { page } = app;
    await page.goto(`${server.url}#/case`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save HTML report…' }).click()]);
    const path = join(folder, 'report.html');
    await download.saveAs(path);
    const html = readFileSync(path, 'utf8');
    const article = [...html.matchAll(/<article data-target-kind="finding">(.*?)<\/article>/gs)].map((match) => match[1]!);
    expect(article).toHaveLength(1);
    expect(article[0]).toContain('<h3>Finding: StopLogging seen (high)</h3>');
    expect(article[0]).toContain(`Raised by rule stop-seen from ${RULE_FILE}.`);
    expect(article[0]).toContain(NOTE);
  });

  it('leaves a removed rule file out of the export', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.locator('.rule-files summary').click();
    await page.locator('.rule-files li', { hasText: RULE_FILE }).getByRole('button', { name: 'Remove' }).click();
    await finding().waitFor({ state: 'detached', timeout: 15_000 });
    const findings = await exportFindings(page, server.url, join(folder, 'without-rules.custody'));
    expect(findings.some((item) => item.rule === 'stop-seen')).toBe(false);
    expect(findings.some((item) => item.rule === 'audit-tampering')).toBe(true);
    expect(foreignRequests(app.requests, server.url)).toEqual([]);
  });
});
