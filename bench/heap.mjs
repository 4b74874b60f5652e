// `node bench/heap.mjs [size MB ...]`: imports generated bundles (default 100 and 300 MB) and
// takes heap snapshots of the import worker through the DevTools protocol: one once a fraction
// of the bundle is read, and one after the pipeline ends, before the worker is terminated. Prints
// the peak used heap while the bundle is read and after, the live heap and the self size and
// count per constructor of each snapshot, and the difference between the first and the last
// size, so that what grows with the bundle shows up at the top. The used heap of every sample
// goes to bench/out/<bundle>.heap.json as [ms, used MB, allocated MB, bundle MB read] rows.
// A snapshot collects garbage first, so its figures are live objects only, unlike the sampled
// `Runtime.getHeapUsage` peak, which includes garbage not yet collected.
//
// Environment: BENCH_HEAP_AT (fraction of the bundle read at the first snapshot, default 0.9;
// 1 skips that snapshot, which would otherwise lower the peak by collecting garbage),
// BENCH_SESSIONS (sessions per bundle, see generateBundle in bench/generate.mjs), CHROMIUM.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { generateBundle } from './generate.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'bench', 'out');
const SITE = join(OUT, 'site-heap');
const SIZES_MB = process.argv.slice(2).map(Number);
if (SIZES_MB.length === 0) SIZES_MB.push(100, 300);
const SNAPSHOT_FRACTION = Number(process.env.BENCH_HEAP_AT ?? 0.9);
const SESSIONS = process.env.BENCH_SESSIONS ? Number(process.env.BENCH_SESSIONS) : undefined;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PORT = 4177;
const TOP = 25;

async function chromiumArgs() {
  const outfile = join(OUT, 'vitest-config.mjs');
  await esbuild({ entryPoints: [join(ROOT, 'vitest.config.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  return (await import(`${outfile}?t=${Date.now()}`)).CHROMIUM_ARGS;
}

function ensureBundle(megabytes) {
  const suffix = SESSIONS === undefined ? '' : `-${SESSIONS}s`;
  const path = join(OUT, `bundle-${megabytes}mb${suffix}.tar`);
  if (!existsSync(`${path}.json`)) writeFileSync(`${path}.json`, JSON.stringify(generateBundle(path, megabytes * 1e6, undefined, SESSIONS)));
  return { path, ...JSON.parse(readFileSync(`${path}.json`, 'utf8')) };
}

/** Sums self size and count per constructor (objects) or per node type (strings, code, arrays). */
function summarize(snapshot) {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const nodes = snapshot.nodes;
  const totals = new Map();
  let total = 0;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' || type === 'native' ? `${snapshot.strings[nodes[i + nameAt]]}` : `(${type})`;
    const size = nodes[i + sizeAt];
    const entry = totals.get(name) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count += 1;
    totals.set(name, entry);
    total += size;
  }
  return { total, totals };
}

/**
 * Attaches to the page's workers through the DevTools protocol. Returns functions that read the
 * import worker's heap usage and take a summarized heap snapshot of it.
 */
async function attachToImportWorker(cdp) {
  const pending = new Map();
  const chunks = new Map();
  let nextId = 1;
  let importSession = null;
  const send = (sessionId, method, params = {}) =>
    new Promise((resolveMessage) => {
      const id = nextId++;
      pending.set(id, resolveMessage);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((error) => {
        if (process.env.BENCH_DEBUG) console.error(method, error);
        pending.delete(id);
        resolveMessage(null);
      });
    });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
      chunks.get(event.sessionId)?.push(message.params.chunk);
      return;
    }
    const resolver = pending.get(message.id);
    if (resolver) {
      pending.delete(message.id);
      resolver(message);
    }
  });
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker' && event.targetInfo.title.includes('custody-import')) importSession = event.sessionId;
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const usage = async () => (importSession ? (await send(importSession, 'Runtime.getHeapUsage'))?.result ?? null : null);
  const snapshot = async () => {
    if (!importSession) throw new Error('The import worker was not attached; no heap snapshot taken.');
    chunks.set(importSession, []);
    const reply = await send(importSession, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    if (!reply || reply.error) throw new Error(`HeapProfiler.takeHeapSnapshot failed: ${JSON.stringify(reply?.error ?? 'no response')}`);
    const text = chunks.get(importSession).join('');
    chunks.delete(importSession);
    return summarize(JSON.parse(text));
  };
  return { snapshot, usage };
}

async function snapshotImport(args, bundle) {
  const profileDir = mkdtempSync(join(tmpdir(), 'custody-heap-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // The import client terminates its worker when the outcome arrives, so termination waits
    // until the last snapshot is taken.
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
    const { snapshot, usage } = await attachToImportWorker(cdp);
    const outcome = page.evaluate((name) => window.benchImport(name), 'custody-heap');
    let during = null;
    let done = false;
    // Peak used heap while the bundle is read, and after it is read: the end of the pipeline and
    // the session rebuild.
    const peaks = { reading: 0, rebuilding: 0 };
    const series = [];
    const started = Date.now();
    void outcome.finally(() => (done = true));
    while (!done) {
      const progress = await page.evaluate(() => window.benchProgress ?? null);
      const heap = await usage();
      const read = progress !== null && progress.bytesRead >= progress.totalBytes;
      if (heap) peaks[read ? 'rebuilding' : 'reading'] = Math.max(peaks[read ? 'rebuilding' : 'reading'], heap.usedSize);
      if (heap) series.push([Date.now() - started, Math.round(heap.usedSize / 1e5) / 10, Math.round(heap.totalSize / 1e5) / 10, progress ? Math.round(progress.bytesRead / 1e6) : 0]);
      if (!during && SNAPSHOT_FRACTION < 1 && progress && progress.bytesRead >= SNAPSHOT_FRACTION * progress.totalBytes) during = await snapshot();
      else await new Promise((resolveTimer) => setTimeout(resolveTimer, 100));
    }
    const result = await outcome;
    if (result.status !== 'complete') throw new Error(`Import ended with status ${result.status}: ${result.message}`);
    console.log(`${bundle.path}: peak used heap ${(peaks.reading / 1e6).toFixed(1)} MB while reading, ${(peaks.rebuilding / 1e6).toFixed(1)} MB after, phases ${JSON.stringify(result.phases)}`);
    writeFileSync(`${bundle.path}.heap.json`, JSON.stringify(series));
    const after = await snapshot();
    await page.evaluate(() => window.deferredTerminations.forEach((terminate) => terminate()));
    return { during, after, sessions: result.sessions.length };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

function printTop(label, summary) {
  console.log(`\n${label}: ${(summary.total / 1e6).toFixed(1)} MB live`);
  const rows = [...summary.totals.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, TOP);
  for (const [name, { size, count }] of rows) console.log(`${(size / 1e6).toFixed(2).padStart(9)} MB ${String(count).padStart(9)}  ${name.slice(0, 80)}`);
}

function printGrowth(label, first, last) {
  console.log(`\n${label}: ${((last.total - first.total) / 1e6).toFixed(1)} MB more live`);
  const names = new Set([...first.totals.keys(), ...last.totals.keys()]);
  const rows = [...names].map((name) => {
    const a = first.totals.get(name) ?? { size: 0, count: 0 };
    const b = last.totals.get(name) ?? { size: 0, count: 0 };
    return { name, size: b.size - a.size, count: b.count - a.count };
  });
  rows.sort((a, b) => b.size - a.size);
  for (const row of rows.slice(0, TOP)) console.log(`${(row.size / 1e6).toFixed(2).padStart(9)} MB ${String(row.count).padStart(9)}  ${row.name.slice(0, 80)}`);
}

mkdirSync(OUT, { recursive: true });
const args = await chromiumArgs();
const bundles = SIZES_MB.map(ensureBundle);
await build({ configFile: false, root: join(ROOT, 'bench', 'page'), base: './', logLevel: 'warn', worker: { format: 'es' }, build: { outDir: SITE, emptyOutDir: true, target: 'es2022', minify: false } });
const server = await preview({ configFile: false, root: join(ROOT, 'bench', 'page'), logLevel: 'warn', build: { outDir: SITE }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
try {
  const results = [];
  for (const bundle of bundles) {
    const result = await snapshotImport(args, bundle);
    results.push(result);
    const name = `${(bundle.bytes / 1e6).toFixed(1)} MB, ${bundle.sessions} sessions`;
    if (result.during) printTop(`${name}, at ${Math.round(SNAPSHOT_FRACTION * 100)}% read`, result.during);
    printTop(`${name}, after the pipeline`, result.after);
  }
  if (results.length > 1 && results.every((result) => result.during)) {
    printGrowth(`growth at ${Math.round(SNAPSHOT_FRACTION * 100)}% read, ${SIZES_MB[0]} MB to ${SIZES_MB.at(-1)} MB`, results[0].during, results.at(-1).during);
  }
  if (results.length > 1) {
    printGrowth(`growth after the pipeline, ${SIZES_MB[0]} MB to ${SIZES_MB.at(-1)} MB`, results[0].after, results.at(-1).after);
  }
} finally {
  await server.close();
}
