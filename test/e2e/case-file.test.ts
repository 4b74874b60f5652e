// Case files end to end in Chromium: one analyst annotates and exports, a fresh profile verifies
// and imports the file, a tampered copy is rejected, and a third profile merges two analysts'
// exports of the same case with the conflict shown. The Claude Code sample zip travels as its
// original archive and arrives with the SHA-256 of the zip on disk, a redacted export carries no
// archive, and a case file in format version 1 still imports.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, startPreview, type AppSession } from '../helpers/browser';
import { REPO_ROOT, sample } from '../helpers/samples';
import { asVersion1 } from '../shared/case-file/helpers';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'cross-source');
const TRANSCRIPT = 'c0ffee00-1111-4222-8333-444455556666';
const ARCHIVE = sample('bundles', 'claude-projects.zip');

interface AnalystRecords {
  annotations: { id: string; label: string; author: string; note: string; conflicts?: unknown[] }[];
  chains: { id: string; title: string; events: string[]; conflicts?: unknown[] }[];
  reviews: { id: string; link: string; verdict: string }[];
  received: { findings: unknown[] | null; signer: string | null }[];
  log: { action: string; author: string }[];
}

/** Reads every row of the named object stores of one of the app's databases. */
function readStores(page: Page, database: string, stores: readonly string[]): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    async ({ database, stores }) => {
      const request = indexedDB.open(database);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const rows: Record<string, unknown[]> = {};
      for (const name of stores) {
        rows[name] = await new Promise<unknown[]>((resolve, reject) => {
          const read = db.transaction(name).objectStore(name).getAll();
          read.onsuccess = () => resolve(read.result);
          read.onerror = () => reject(read.error);
        });
      }
      db.close();
      return rows;
    },
    { database, stores },
  );
}

/** Reads the analyst database directly, so the test compares stored records and not only what a view shows. */
async function readRecords(page: Page): Promise<AnalystRecords> {
  return (await readStores(page, 'custody-analyst', ['annotations', 'chains', 'reviews', 'received', 'log'])) as unknown as AnalystRecords;
}

async function openSession(app: AppSession, url: string): Promise<void> {
  await app.page.goto(`${url}#/session/${TRANSCRIPT}`);
  await app.page.getByTestId('authority-graph').locator('g.node').first().waitFor({ timeout: 30_000 });
}

async function annotateEvent(page: Page, rowText: string, label: string, note: string, name: string | null): Promise<void> {
  await page.locator('.event-row', { hasText: rowText }).first().click();
  const panel = page.getByRole('region', { name: 'Annotations' });
  await panel.getByRole('button', { name: 'Annotate…' }).click();
  const editor = page.getByRole('form', { name: 'Annotation editor' });
  if ((await editor.getByLabel('Label').locator('option', { hasText: label }).count()) > 0) await editor.getByLabel('Label').selectOption(label);
  else {
    await editor.getByLabel('Label').selectOption('custom');
    await editor.getByLabel('Custom label').fill(label);
  }
  await editor.getByLabel('Severity').selectOption('high');
  await editor.getByLabel('Note').fill(note);
  await editor.getByRole('button', { name: 'Save annotation' }).click();
  if (name) {
    const dialog = page.getByRole('dialog', { name: 'Analyst name' });
    await dialog.getByLabel('Analyst name').fill(name);
    await dialog.getByRole('button', { name: 'Save name' }).click();
  }
  await editor.waitFor({ state: 'detached' });
}

async function exportCase(page: Page, url: string, path: string): Promise<void> {
  await page.goto(`${url}#/case`);
  await exportTo(page, path);
}

async function importCase(page: Page, url: string, path: string): Promise<string> {
  await page.goto(`${url}#/case`);
  await page.getByTestId('case-file-input').setInputFiles(path);
  await page.getByTestId('verification-ok').waitFor({ timeout: 30_000 });
  await page.getByTestId('case-import-button').click();
  const result = page.getByTestId('case-import-result');
  await result.waitFor({ timeout: 60_000 });
  return (await result.textContent()) ?? '';
}

interface StoredBundle {
  name: string;
  kind: string;
  sha256: string | null;
  status: string;
  originalStored?: boolean;
}

/** Reads the bundle rows of the app's evidence database. */
async function readBundles(page: Page): Promise<StoredBundle[]> {
  return (await readStores(page, 'custody', ['bundles'])).bundles as StoredBundle[];
}

async function setAnalyst(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}#/case`);
  await page.getByLabel('Analyst name setting').fill(name);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(() => page.getByLabel('Analyst name setting').inputValue()).toBe(name);
}

async function exportTo(page: Page, path: string): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export case file…' }).click()]);
  await download.saveAs(path);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('case files end to end', () => {
  let server: { url: string; stop(): void };
  const apps: AppSession[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'custody-case-'));
  const first = join(folder, 'ann.custody');
  const second = join(folder, 'bob.custody');

  beforeAll(async () => {
    server = await startPreview(4197);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function fresh(): Promise<AppSession> {
    const app = await openApp(server.url);
    apps.push(app);
    return app;
  }

  let annRecords: AnalystRecords;

  it('exports annotations, a chain and a review', async () => {
    const ann = await fresh();
    const { page } = ann;
    await page.getByTestId('folder-input').setInputFiles(FIXTURE);
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
    await openSession(ann, server.url);

    await annotateEvent(page, 'Bash returned', 'suspicious', 'Printed the key. See [runbook](http://runbook.invalid/x) and **stop**.', 'Ann');
    const item = page.getByRole('region', { name: 'Annotations' }).locator('li').first();
    await expect.poll(async () => (await item.textContent()) ?? '').toContain('Printed the key');
    // Markdown renders as elements, and its link is text, never an anchor.
    expect(await item.locator('strong', { hasText: 'stop' }).count()).toBe(1);
    expect(await item.locator('a').count()).toBe(0);
    expect(await item.textContent()).toContain('[http://runbook.invalid/x]');

    const chains = page.getByRole('region', { name: 'Chains' });
    await chains.getByRole('button', { name: 'New chain' }).click();
    await chains.getByLabel('Chain title').fill('Key to bucket wipe');
    await chains.getByLabel('Chain narrative').fill('The agent printed the key, then used it.');
    await page.locator('.event-row').last().click();
    await chains.getByRole('button', { name: 'Add selected event' }).click();
    await chains.getByRole('button', { name: 'Save chain' }).click();
    await chains.locator('.chain-card').first().waitFor();
    const graph = page.getByTestId('authority-graph');
    await expect.poll(() => graph.locator('[data-analyst-chain]').count()).toBeGreaterThan(0);

    await graph.locator('g.node-tool-group[aria-label="s3:DeleteObject"]').click();
    const causes = page.getByRole('region', { name: 'Caused cloud calls' });
    await causes.getByRole('button', { name: 'Confirm link' }).first().click();
    await expect.poll(async () => (await causes.textContent()) ?? '').toContain('confirmed by Ann');

    await exportCase(page, server.url, first);
    annRecords = await readRecords(page);

    // A redacted copy: personal data and secrets replaced, with the hashes of what was removed.
    await page.getByLabel('Redact secrets and personal data').check();
    const redactedPath = join(folder, 'redacted.custody');
    const [redactedDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export case file…' }).click()]);
    await redactedDownload.saveAs(redactedPath);
    const redacted = unzipSync(new Uint8Array(readFileSync(redactedPath)));
    const manifest = JSON.parse(new TextDecoder().decode(redacted['manifest.json'])) as { redacted: boolean; redactedKinds: string[] };
    expect(manifest.redacted).toBe(true);
    expect(manifest.redactedKinds).toEqual(['secrets', 'email', 'user-name', 'home-path', 'ip']);
    const transcript = new TextDecoder().decode(redacted['bundles/001/00002.jsonl'] ?? redacted['bundles/001/00001.jsonl']);
    expect(transcript).not.toContain('/home/analyst');
    expect(transcript).not.toContain('ASIAFIXTURE7EXAMPLE1');
    const removed = JSON.parse(new TextDecoder().decode(redacted['redactions.json'])) as { sha256: string }[];
    expect(removed.length).toBeGreaterThan(0);
    await page.getByLabel('Redact secrets and personal data').uncheck();

    // The HTML report: one file, no script, a strict policy, citations with file hashes.
    const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save HTML report…' }).click()]);
    const reportPath = join(folder, 'report.html');
    await reportDownload.saveAs(reportPath);
    const html = readFileSync(reportPath, 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('data:image/svg+xml;base64,');
    expect(html).toContain('Key to bucket wipe');
    expect(html).not.toContain('ASIAFIXTURE7EXAMPLE1');
    expect(html).toMatch(/transcript\.jsonl \(line \d+, bytes \d+–\d+; SHA-256 <code>[0-9a-f]{64}<\/code>\)/);
    expect(html).not.toContain('<a ');
    expect(annRecords.annotations).toHaveLength(1);
    expect(annRecords.chains).toHaveLength(1);
    expect(annRecords.chains[0]!.events).toHaveLength(2);
    expect(annRecords.reviews).toHaveLength(1);
    expect(new Set(annRecords.log.map((entry) => entry.action))).toEqual(new Set(['import', 'annotate', 'chain', 'review', 'export']));
    expect(readFileSync(first).length).toBeGreaterThan(1000);
  });

  it('imports into a fresh profile with identical records', async () => {
    const bob = await fresh();
    const { page } = bob;
    await page.goto(`${server.url}#/case`);
    await page.getByTestId('case-file-input').setInputFiles(first);
    await page.getByTestId('verification-ok').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('examiner').textContent()).toBe('Ann');
    expect(await page.getByTestId('signature-status').textContent()).toContain('Signature valid');
    const evidence = page.getByTestId('case-evidence').locator('li');
    expect(await evidence.count()).toBe(2);
    for (const line of await evidence.allTextContents()) expect(line).toMatch(/[0-9a-f]{64} verified$/);
    await page.getByTestId('case-import-button').click();
    await page.getByTestId('case-import-result').waitFor({ timeout: 60_000 });

    const records = await readRecords(page);
    expect(records.annotations).toEqual(annRecords.annotations);
    expect(records.chains).toEqual(annRecords.chains);
    expect(records.reviews).toEqual(annRecords.reviews);
    expect(records.received).toHaveLength(1);
    const exported = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(first)))['findings.json'])) as unknown[];
    expect(exported.length).toBeGreaterThan(0);
    expect(records.received[0]!.findings).toEqual(exported);
    expect(records.received[0]!.signer).toMatch(/^[0-9a-f]{64}$/);
    // The receiver holds the sender's log and its own entry for the case import.
    const byAnn = (log: AnalystRecords['log']) => log.filter((entry) => entry.author === 'Ann').length;
    expect(byAnn(records.log)).toBe(byAnn(annRecords.log));
    expect(records.log.length).toBeGreaterThan(annRecords.log.length);
    expect(records.log.some((entry) => entry.action === 'case-import')).toBe(true);

    await page.goto(`${server.url}#/library`);
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 30_000 });
    await openSession(bob, server.url);
    const chains = page.getByRole('region', { name: 'Chains' });
    await chains.getByRole('button', { name: 'Highlight in graph' }).click();
    await expect.poll(() => page.getByTestId('authority-graph').locator('[data-analyst-chain]').count()).toBeGreaterThan(0);
  });

  it('rejects a tampered copy naming the entry', async () => {
    const page = apps[1]!.page;
    const entries = unzipSync(new Uint8Array(readFileSync(first)));
    const annotations = entries['annotations.json']!.slice();
    annotations[annotations.length >> 1]! ^= 0x01;
    const tampered = join(folder, 'tampered.custody');
    writeFileSync(tampered, zipSync({ ...entries, 'annotations.json': annotations }));
    await page.goto(`${server.url}#/case`);
    await page.getByTestId('case-file-input').setInputFiles(tampered);
    const error = page.getByTestId('verification-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain('annotations.json');
    expect(await page.getByTestId('case-import-button').count()).toBe(0);
  });

  it('merges two analysts and shows the conflict', async () => {
    const bob = apps[1]!;
    const { page } = bob;
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Analyst name setting').fill('Bob');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByLabel('Analyst name setting').inputValue()).toBe('Bob');
    await openSession(bob, server.url);
    await page.locator('.event-row', { hasText: 'Bash returned' }).first().click();
    const panel = page.getByRole('region', { name: 'Annotations' });
    await panel.getByRole('button', { name: 'Edit' }).first().click();
    const editor = page.getByRole('form', { name: 'Annotation editor' });
    await editor.getByLabel('Label').selectOption('benign');
    await editor.getByRole('button', { name: 'Save annotation' }).click();
    await editor.waitFor({ state: 'detached' });
    await annotateEvent(page, 'Bash returned', 'exfiltration', 'A second note by Bob.', null);
    await exportCase(page, server.url, second);
    // Bob's profile ran the rules over the evidence it re-imported from Ann's file.
    const findingsOf = (path: string) => new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(path)))['findings.json']);
    expect(findingsOf(second)).toBe(findingsOf(first));

    const carol = await fresh();
    expect(await importCase(carol.page, server.url, first)).toContain('cross-source: Imported 2 files');
    // The second file carries the same evidence, so it is recognised by hash and not imported again.
    expect(await importCase(carol.page, server.url, second)).toContain('already in the library');
    await carol.page.goto(`${server.url}#/library`);
    await carol.page.locator('.bundle.status-complete').first().waitFor();
    expect(await carol.page.locator('.bundle').count()).toBe(1);
    await carol.page.goto(`${server.url}#/case`);
    const records = await readRecords(carol.page);
    expect(records.annotations).toHaveLength(2);
    const shared = records.annotations.find((item) => item.id === annRecords.annotations[0]!.id)!;
    expect(shared.conflicts).toHaveLength(1);
    expect(new Set([shared.label, (shared.conflicts![0] as { label: string }).label])).toEqual(new Set(['suspicious', 'benign']));
    expect(records.annotations.some((item) => item.label === 'exfiltration' && item.author === 'Bob')).toBe(true);

    const view = carol.page.getByRole('region', { name: 'Case annotations' });
    const conflict = view.getByRole('group', { name: 'Conflicting versions' });
    await conflict.waitFor();
    expect(await conflict.locator('.conflict-version').count()).toBe(2);
    await carol.page.getByLabel('Analyst name setting').fill('Carol');
    await carol.page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => carol.page.getByLabel('Analyst name setting').inputValue()).toBe('Carol');
    await conflict.getByRole('button', { name: 'Keep this version' }).nth(1).click();
    await expect.poll(() => view.getByRole('group', { name: 'Conflicting versions' }).count()).toBe(0);
    const resolved = (await readRecords(carol.page)).annotations.find((item) => item.id === shared.id)!;
    expect(resolved.conflicts).toBeUndefined();
    expect(resolved.label).toBe('benign');
  });

  describe('with original archives', () => {
    const exported = join(folder, 'archive.custody');
    const zipSha256 = sha256(readFileSync(ARCHIVE));
    let archiveSender: AppSession;

    it('round-trips the zip with its SHA-256', async () => {
      const sender = await fresh();
      archiveSender = sender;
      await sender.page.getByTestId('file-input').setInputFiles(ARCHIVE);
      await sender.page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
      const [sent] = await readBundles(sender.page);
      expect(sent!.sha256).toBe(zipSha256);
      expect(sent!.originalStored).toBe(true);
      await setAnalyst(sender.page, server.url, 'Ann');
      await exportTo(sender.page, exported);

      const entries = unzipSync(new Uint8Array(readFileSync(exported)));
      expect(sha256(entries['bundles/001/original.zip']!)).toBe(zipSha256);
      expect(Object.keys(entries).filter((name) => name.startsWith('bundles/001/'))).toEqual(['bundles/001/original.zip']);
      const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { formatVersion: number; includesOriginals: boolean };
      expect(manifest.formatVersion).toBe(2);
      expect(manifest.includesOriginals).toBe(true);

      const receiver = await fresh();
      const result = await importCase(receiver.page, server.url, exported);
      expect(result).toContain('claude-projects.zip: Imported 3 files');
      const listed = await receiver.page.getByTestId('case-evidence').locator('li').allTextContents();
      expect(listed).toEqual([`claude-projects.zip: original archive with 3 evidence file(s), SHA-256 ${zipSha256} verified`]);
      const [received] = await readBundles(receiver.page);
      expect(received!.status).toBe('complete');
      expect(received!.kind).toBe('zip');
      expect(received!.name).toBe('claude-projects.zip');
      expect(received!.sha256).toBe(zipSha256);
      expect(received!.originalStored).toBe(true);

      // The same case file again is recognised by the bundle's SHA-256.
      expect(await importCase(receiver.page, server.url, exported)).toContain('claude-projects.zip is already in the library (same SHA-256)');
      expect(await readBundles(receiver.page)).toHaveLength(1);
    });

    it('leaves the archive out of a redacted export', async () => {
      const page = archiveSender.page;
      await page.goto(`${server.url}#/case`);
      await page.getByLabel('Redact secrets and personal data').check();
      const redactedPath = join(folder, 'redacted.custody');
      await exportTo(page, redactedPath);
      const entries = unzipSync(new Uint8Array(readFileSync(redactedPath)));
      const names = Object.keys(entries);
      expect(names.some((name) => name.includes('original'))).toBe(false);
      expect(names.filter((name) => name.startsWith('bundles/001/'))).toHaveLength(3);
      const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { redacted: boolean; includesOriginals: boolean; entries: { role: string }[] };
      expect(manifest.redacted).toBe(true);
      expect(manifest.includesOriginals).toBe(false);
      expect(manifest.entries.some((entry) => entry.role === 'original')).toBe(false);
      const [bundle] = JSON.parse(new TextDecoder().decode(entries['bundles.json'])) as { original: unknown; originalOmitted: string }[];
      expect(bundle!.original).toBeNull();
      expect(bundle!.originalOmitted).toBe('redacted');
      // No entry contains the zip's bytes under another name.
      for (const data of Object.values(entries)) expect(sha256(data)).not.toBe(zipSha256);
    });

    it('imports a format version 1 file', async () => {
      const sender = await fresh();
      await sender.page.getByTestId('folder-input').setInputFiles(FIXTURE);
      await sender.page.locator('.bundle.status-complete').first().waitFor({ timeout: 60_000 });
      await setAnalyst(sender.page, server.url, 'Ann');
      const current = join(folder, 'current.custody');
      await exportTo(sender.page, current);
      const old = join(folder, 'version1.custody');
      writeFileSync(old, await asVersion1(new Uint8Array(readFileSync(current))));

      const receiver = await fresh();
      expect(await importCase(receiver.page, server.url, old)).toContain('cross-source: Imported 2 files');
      const [received] = await readBundles(receiver.page);
      expect(received!.status).toBe('complete');
      expect(received!.sha256).toBe((await readBundles(sender.page))[0]!.sha256);
    });
  });

  it('opens no connection beyond its own origin', () => {
    for (const app of apps) expect(foreignRequests(app.requests, server.url.replace(/\/$/, ''))).toEqual([]);
  });
});
