// Starts the built web app with `vite preview` on loopback and opens it in Debian's Chromium
// with a fresh profile, recording every request the page makes.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../vitest.config';
import { REPO_ROOT } from './samples';

export interface AppSession {
  readonly url: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL the browser requested, in order. */
  readonly requests: string[];
  /** Page errors and console errors. */
  readonly errors: string[];
  close(): Promise<void>;
}

async function waitForServer(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not answer at ${url} within the time limit`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startPreview(port: number): Promise<{ url: string; stop(): void }> {
  // Vite 8 refuses a second preview server for the same project unless --bypass-lock is given;
  // each end-to-end file runs its own server on its own port, and other runs may be going on.
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--bypass-lock'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitForServer(url, Date.now() + 30_000);
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    },
  };
}

export async function openApp(url: string): Promise<AppSession> {
  const profile = mkdtempSync(join(tmpdir(), 'custody-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 1000 },
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return {
    url,
    context,
    page,
    requests,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests that went anywhere but the app's own loopback origin (blob: and data: are local). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'));
}
