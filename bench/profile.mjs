// `node bench/profile.mjs [size MB]`: records a CPU profile of the import worker on a generated
// bundle (100 MB by default) and prints the functions with the most self time. The page is built
// unminified so the names are readable. The profile goes to bench/out/import.cpuprofile, which
// Chrome DevTools opens (Performance panel, "Load profile").
//
// Environment: BENCH_SAMPLE_US (sampling interval in microseconds, default 200), CHROMIUM.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { generateBundle } from './generate.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'bench', 'out');
const SITE = join(OUT, 'site-profile');
const MEGABYTES = Number(process.argv[2] ?? 100);
const SAMPLE_US = Number(process.env.BENCH_SAMPLE_US ?? 200);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PORT = 4176;
const TOP = 40;

async function chromiumArgs() {
  const outfile = join(OUT, 'vitest-config.mjs');
  await esbuild({ entryPoints: [join(ROOT, 'vitest.config.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  return (await import(`${outfile}?t=${Date.now()}`)).CHROMIUM_ARGS;
}

function ensureBundle(megabytes) {
  const path = join(OUT, `bundle-${megabytes}mb.tar`);
  if (!existsSync(`${path}.json`)) writeFileSync(`${path}.json`, JSON.stringify(generateBundle(path, megabytes * 1e6)));
  return { path, ...JSON.parse(readFileSync(`${path}.json`, 'utf8')) };
}

/**
 * Attaches to every worker the page starts, paused before its first line, and starts the
 * sampling profiler on the import worker before letting it run.
 */
async function profileImportWorker(cdp) {
  const pending = new Map();
  let nextId = 1;
  let importSession = null;
  const send = (sessionId, method, params = {}) =>
    new Promise((resolveMessage) => {
      const id = nextId++;
      pending.set(id, resolveMessage);
      // A worker that already ended has no session any more.
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => {
        pending.delete(id);
        resolveMessage(null);
      });
    });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    const resolver = pending.get(message.id);
    if (resolver) {
      pending.delete(message.id);
      resolver(message);
    }
  });
  cdp.on('Target.attachedToTarget', async (event) => {
    const { sessionId, targetInfo } = event;
    if (process.env.BENCH_DEBUG) console.log('attached', targetInfo.type, targetInfo.title);
    if (targetInfo.type === 'worker' && targetInfo.title.includes('custody-import')) {
      importSession = sessionId;
      await send(sessionId, 'Profiler.enable');
      await send(sessionId, 'Profiler.setSamplingInterval', { interval: SAMPLE_US });
      await send(sessionId, 'Profiler.start');
    }
    await send(sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return async () => (await send(importSession, 'Profiler.stop')).result.profile;
}

/** Sums self time per function (name, file and line) over the profile's samples. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]);
    const frame = node.callFrame;
    const file = frame.url.split('/').pop();
    const label = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    totals.set(label, (totals.get(label) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

mkdirSync(OUT, { recursive: true });
const args = await chromiumArgs();
const bundle = ensureBundle(MEGABYTES);
await build({
  configFile: false,
  root: join(ROOT, 'bench', 'page'),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir: SITE, emptyOutDir: true, target: 'es2022', minify: false },
});
const server = await preview({ configFile: false, root: join(ROOT, 'bench', 'page'), logLevel: 'warn', build: { outDir: SITE }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
const profileDir = mkdtempSync(join(tmpdir(), 'custody-profile-'));
const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  // The import client terminates its worker as soon as the outcome arrives, which would end the
  // profiler session before the profile is collected, so termination waits for the profile.
  await page.addInitScript(() => {
    const terminate = Worker.prototype.terminate;
    window.deferredTerminations = [];
    Worker.prototype.terminate = function () {
      window.deferredTerminations.push(() => terminate.call(this));
    };
  });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => document.title === 'ready');
  await page.setInputFiles('#bundle', bundle.path);
  const cdp = await context.newCDPSession(page);
  const stop = await profileImportWorker(cdp);
  const outcome = await page.evaluate((name) => window.benchImport(name), 'custody-profile');
  const profile = await stop();
  await page.evaluate(() => window.deferredTerminations.forEach((terminate) => terminate()));
  writeFileSync(join(OUT, 'import.cpuprofile'), JSON.stringify(profile));
  console.log(`import of ${(outcome.bytesRead / 1e6).toFixed(1)} MB: ${outcome.status}, ${Math.round(outcome.elapsedMs)} ms, phases ${JSON.stringify(outcome.phases)}`);
  const times = selfTimes(profile);
  const total = times.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`self time, ms (sampled every ${SAMPLE_US} µs, ${Math.round(total)} ms in all):`);
  for (const [label, ms] of times.slice(0, TOP)) console.log(`${ms.toFixed(0).padStart(7)}  ${label}`);
} finally {
  await context.close();
  rmSync(profileDir, { recursive: true, force: true });
  await server.close();
}
