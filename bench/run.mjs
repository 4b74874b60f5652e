// `npm run bench`: measures the import worker against a parse-only worker on a generated
// Claude Code-like bundle, in Debian's Chromium, with a fresh browser and profile per run.
// Prints the figures and writes them to bench/out/results.json.
//
// Environment:
//   BENCH_SIZES_MB      bundle sizes in MB, kept in bench/out (default "100,200")
//   BENCH_RUNS          runs per measurement on the largest of them (default 3)
//   BENCH_MEMORY_MB     sizes measured once, for worker memory only, generated into a
//                       temporary folder and deleted after (default "1000")
//   BENCH_MEMORY_SESSIONS  sessions in each of those bundles; unset, sessions are 1 to 8 MB,
//                       so their number grows with the size
//   CHROMIUM            browser binary (default /usr/bin/chromium)
//
// `npm run bench:large` (this script with --large) also measures a bundle of BENCH_LARGE_MB
// (default 2000) MB and a file with one line of BENCH_LONG_LINE_MB (default 300) MiB, which the
// import skips.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { generateBundle } from './generate.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'bench', 'out');
const SITE = join(OUT, 'site');
const SIZES_MB = (process.env.BENCH_SIZES_MB ?? '100,200').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LARGE = process.argv.includes('--large');
const MEMORY_ONLY_MB = (process.env.BENCH_MEMORY_MB ?? '1000').split(',').filter(Boolean).map(Number);
if (LARGE) MEMORY_ONLY_MB.push(Number(process.env.BENCH_LARGE_MB ?? 2000));
const MEMORY_SESSIONS = process.env.BENCH_MEMORY_SESSIONS ? Number(process.env.BENCH_MEMORY_SESSIONS) : undefined;
const LONG_LINE_MB = Number(process.env.BENCH_LONG_LINE_MB ?? 300);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PORT = 4175;
const SAMPLE_MS = 100;
/** Interval of the live-heap samples, each taken right after a forced garbage collection. */
const LIVE_SAMPLE_MS = 1000;

/** Reads CHROMIUM_ARGS from vitest.config.ts, so the benchmark runs Chromium as the tests do. */
async function chromiumArgs() {
  const outfile = join(OUT, 'vitest-config.mjs');
  await esbuild({ entryPoints: [join(ROOT, 'vitest.config.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  const config = await import(`${outfile}?t=${Date.now()}`);
  return config.CHROMIUM_ARGS;
}

function ensureBundle(megabytes) {
  const path = join(OUT, `bundle-${megabytes}mb.tar`);
  const metaPath = `${path}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.bytes === statSync(path).size) return meta;
  }
  const started = Date.now();
  const meta = generateBundle(path, megabytes * 1e6);
  writeFileSync(metaPath, JSON.stringify(meta));
  console.log(`generated ${path}: ${(meta.bytes / 1e6).toFixed(1)} MB, ${meta.lines} lines, ${meta.sessions} sessions in ${Date.now() - started} ms`);
  return meta;
}

async function buildPage() {
  await build({
    configFile: false,
    root: join(ROOT, 'bench', 'page'),
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: SITE, emptyOutDir: true, target: 'es2022' },
  });
  return preview({
    configFile: false,
    root: join(ROOT, 'bench', 'page'),
    logLevel: 'warn',
    build: { outDir: SITE },
    preview: { host: '127.0.0.1', port: PORT, strictPort: true },
  });
}

/**
 * Samples the JS heap of every dedicated worker of the page through the DevTools protocol: the
 * used heap every SAMPLE_MS, garbage included, and the live heap every LIVE_SAMPLE_MS, read right
 * after HeapProfiler.collectGarbage. Workers are reached with Target.setAutoAttach
 * (non-flattened sessions), because Playwright only opens CDP sessions on pages and frames.
 */
async function watchWorkerMemory(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Map();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.set(event.sessionId, { title: event.targetInfo.title, peakUsed: 0, peakTotal: 0, peakBacking: 0, peakLive: 0, samples: 0, lastLive: 0 });
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    const worker = workers.get(event.sessionId);
    if (worker) worker.detached = true;
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    const resolver = pending.get(message.id);
    if (resolver) {
      pending.delete(message.id);
      resolver(message);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const ask = (sessionId, method) =>
    new Promise((resolveMessage) => {
      const id = nextId++;
      pending.set(id, resolveMessage);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => {
        pending.delete(id);
        resolveMessage(null);
      });
      setTimeout(() => {
        if (pending.delete(id)) resolveMessage(null);
      }, 2000);
    });
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      for (const [sessionId, worker] of workers) {
        if (worker.detached) continue;
        const live = Date.now() - worker.lastLive >= LIVE_SAMPLE_MS;
        if (live) {
          worker.lastLive = Date.now();
          if (!(await ask(sessionId, 'HeapProfiler.collectGarbage'))?.result) continue;
        }
        const reply = await ask(sessionId, 'Runtime.getHeapUsage');
        const usage = reply?.result;
        if (!usage) continue;
        worker.samples += 1;
        worker.peakUsed = Math.max(worker.peakUsed, usage.usedSize);
        if (live) worker.peakLive = Math.max(worker.peakLive, usage.usedSize);
        worker.peakTotal = Math.max(worker.peakTotal, usage.totalSize);
        worker.peakBacking = Math.max(worker.peakBacking, usage.backingStorageSize ?? 0);
      }
      await new Promise((resolveTimer) => setTimeout(resolveTimer, SAMPLE_MS));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return [...workers.values()];
  };
}

async function withBrowser(args, bundlePath, action) {
  const profile = mkdtempSync(join(tmpdir(), 'custody-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => document.title === 'ready');
    await page.setInputFiles('#bundle', bundlePath);
    return await action(context, page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function measureImport(args, bundle) {
  return withBrowser(args, bundle.path, async (context, page) => {
    const stop = await watchWorkerMemory(context, page);
    const outcome = await page.evaluate((name) => window.benchImport(name), 'custody-bench');
    const workers = await stop();
    if (outcome.status !== 'complete') throw new Error(`Import ended with status ${outcome.status}: ${outcome.message}`);
    const importWorker = workers.find((worker) => worker.title.includes('custody-import')) ?? workers[0];
    const seconds = outcome.elapsedMs / 1000;
    return {
      bytes: outcome.bytesRead,
      records: outcome.records,
      events: outcome.events,
      sessions: outcome.sessions.length,
      elapsedMs: Math.round(outcome.elapsedMs),
      phases: Object.fromEntries(Object.entries(outcome.phases).map(([key, value]) => [key, Math.round(value)])),
      mbPerSecond: outcome.bytesRead / 1e6 / seconds,
      recordsPerSecond: outcome.records / seconds,
      memory: importWorker
        ? { peakHeapUsedMB: importWorker.peakUsed / 1e6, peakLiveHeapMB: importWorker.peakLive / 1e6, peakHeapTotalMB: importWorker.peakTotal / 1e6, peakBackingStoreMB: importWorker.peakBacking / 1e6, samples: importWorker.samples }
        : null,
    };
  });
}

async function measureParse(args, bundle) {
  return withBrowser(args, bundle.path, async (_context, page) => {
    const result = await page.evaluate(() => window.benchParse());
    if (result.invalid > 0) throw new Error(`Parse baseline found ${result.invalid} invalid lines.`);
    const seconds = result.elapsedMs / 1000;
    return { bytes: result.bytesRead, lines: result.lines, elapsedMs: Math.round(result.elapsedMs), mbPerSecond: result.bytesRead / 1e6 / seconds, linesPerSecond: result.lines / seconds };
  });
}

/**
 * Imports the memory-only bundles and, with --large, the over-long line, each generated into a
 * temporary folder that is deleted afterwards. Returns their worker memory figures.
 */
async function measureLargeInputs(args) {
  const scratch = mkdtempSync(join(tmpdir(), 'custody-bench-large-'));
  const sizes = [];
  let longLine = null;
  try {
    for (const megabytes of MEMORY_ONLY_MB) {
      const started = Date.now();
      const bundle = generateBundle(join(scratch, `bundle-${megabytes}mb.tar`), megabytes * 1e6, undefined, MEMORY_SESSIONS);
      console.log(`generated ${bundle.path}: ${(bundle.bytes / 1e6).toFixed(1)} MB, ${bundle.lines} lines, ${bundle.sessions} sessions in ${Date.now() - started} ms`);
      const imported = await measureImport(args, bundle);
      console.log(`import ${(bundle.bytes / 1e6).toFixed(0)} MB, ${bundle.sessions} sessions: ${imported.mbPerSecond.toFixed(1)} MB/s, worker heap peak ${imported.memory?.peakHeapUsedMB.toFixed(1)} MB used, ${imported.memory?.peakLiveHeapMB.toFixed(1)} MB live`);
      sizes.push({ bundleMB: fixed(bundle.bytes / 1e6), sessions: bundle.sessions, ...imported.memory });
      rmSync(bundle.path, { force: true });
    }
    if (LARGE) {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'generate-hostile.mjs'), '--large', scratch, '--long-line-mb', String(LONG_LINE_MB), '--tiny-files', '10'], { stdio: 'inherit' });
      const path = join(scratch, 'long-line.jsonl');
      const imported = await measureImport(args, { path, bytes: statSync(path).size });
      longLine = { lineMB: LONG_LINE_MB, fileMB: fixed(statSync(path).size / 1e6), elapsedMs: imported.elapsedMs, records: imported.records, peakHeapUsedMB: fixed(imported.memory?.peakHeapUsedMB ?? 0) };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { sizes, longLine };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fixed = (value, digits = 1) => Number(value.toFixed(digits));

mkdirSync(OUT, { recursive: true });
const args = await chromiumArgs();
const bundles = SIZES_MB.map(ensureBundle);
const largest = bundles.at(-1);
const server = await buildPage();
try {
  const imports = [];
  const parses = [];
  for (let run = 0; run < RUNS; run += 1) {
    const parsed = await measureParse(args, largest);
    parses.push(parsed);
    console.log(`parse  ${(largest.bytes / 1e6).toFixed(0)} MB run ${run + 1}: ${parsed.mbPerSecond.toFixed(1)} MB/s, ${Math.round(parsed.linesPerSecond)} lines/s`);
    const imported = await measureImport(args, largest);
    imports.push(imported);
    console.log(`import ${(largest.bytes / 1e6).toFixed(0)} MB run ${run + 1}: ${imported.mbPerSecond.toFixed(1)} MB/s, ${Math.round(imported.recordsPerSecond)} records/s, worker heap peak ${imported.memory?.peakHeapUsedMB.toFixed(1)} MB, phases ${JSON.stringify(imported.phases)}`);
  }
  const memory = [];
  for (const bundle of bundles.slice(0, -1)) {
    const imported = await measureImport(args, bundle);
    console.log(`import ${(bundle.bytes / 1e6).toFixed(0)} MB: ${imported.mbPerSecond.toFixed(1)} MB/s, worker heap peak ${imported.memory?.peakHeapUsedMB.toFixed(1)} MB`);
    memory.push({ bundleMB: fixed(bundle.bytes / 1e6), sessions: bundle.sessions, ...imported.memory });
  }
  const largestMemory = imports.map((run) => run.memory.peakHeapUsedMB);
  memory.push({ bundleMB: fixed(largest.bytes / 1e6), sessions: largest.sessions, ...imports[0].memory, peakHeapUsedMB: median(largestMemory) });
  const { sizes: memoryOnly, longLine } = await measureLargeInputs(args);
  memory.push(...memoryOnly);
  memory.sort((a, b) => a.bundleMB - b.bundleMB);

  const importMBps = median(imports.map((run) => run.mbPerSecond));
  const parseMBps = median(parses.map((run) => run.mbPerSecond));
  const results = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGB: fixed(totalmem() / 2 ** 30), chromium: CHROMIUM },
    bundle: { bytes: largest.bytes, lines: largest.lines, sessions: largest.sessions, runs: RUNS },
    import: {
      mbPerSecond: fixed(importMBps),
      recordsPerSecond: Math.round(median(imports.map((run) => run.recordsPerSecond))),
      elapsedMs: median(imports.map((run) => run.elapsedMs)),
      runs: imports.map((run) => ({ mbPerSecond: fixed(run.mbPerSecond), recordsPerSecond: Math.round(run.recordsPerSecond), elapsedMs: run.elapsedMs })),
    },
    parseOnly: {
      mbPerSecond: fixed(parseMBps),
      linesPerSecond: Math.round(median(parses.map((run) => run.linesPerSecond))),
      elapsedMs: median(parses.map((run) => run.elapsedMs)),
      runs: parses.map((run) => ({ mbPerSecond: fixed(run.mbPerSecond), linesPerSecond: Math.round(run.linesPerSecond), elapsedMs: run.elapsedMs })),
    },
    importToParseRatio: fixed(importMBps / parseMBps, 2),
    perRunRatios: imports.map((run, index) => fixed(run.mbPerSecond / parses[index].mbPerSecond, 2)),
    workerMemory: memory.map((entry) => ({ ...entry, peakHeapUsedMB: fixed(entry.peakHeapUsedMB), peakLiveHeapMB: fixed(entry.peakLiveHeapMB), peakHeapTotalMB: fixed(entry.peakHeapTotalMB), peakBackingStoreMB: fixed(entry.peakBackingStoreMB) })),
    memoryRatio: memory.length > 1 ? fixed(memory.at(-1).peakHeapUsedMB / memory[0].peakHeapUsedMB, 2) : null,
    longLine,
  };
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nResults (medians of the runs on the largest bundle):');
  console.log(`  (a) import in the worker, DB writes included: ${results.import.mbPerSecond} MB/s, ${results.import.recordsPerSecond} records/s`);
  console.log(`  (b) read + JSON.parse only, same worker kind: ${results.parseOnly.mbPerSecond} MB/s, ${results.parseOnly.linesPerSecond} lines/s`);
  console.log(`  (c) import / parse ratio: ${results.importToParseRatio} (per run: ${results.perRunRatios.join(', ')})`);
  for (const entry of results.workerMemory) console.log(`  (d) worker JS heap peak at ${entry.bundleMB} MB: ${entry.peakHeapUsedMB} MB used, ${entry.peakLiveHeapMB} MB live, ${entry.peakHeapTotalMB} MB allocated`);
  if (results.memoryRatio !== null) console.log(`      peak heap ratio, largest / smallest bundle: ${results.memoryRatio}`);
  if (longLine) console.log(`  over-long line: ${longLine.lineMB} MiB line skipped in ${longLine.elapsedMs} ms, worker JS heap peak ${longLine.peakHeapUsedMB} MB used`);
  console.log(`  written to ${join(OUT, 'results.json')}`);
} finally {
  await server.close();
}

// The findings rules over a generated session, timed against the in-memory import of the same
// session in Node; bench/rules.mjs prints the figures and writes bench/out/rules.json.
const { runRulesBench } = await import('./rules.mjs');
await runRulesBench();
