// Case file benchmark, part of `npm run bench`: a generated Claude Code-like bundle, zipped
// without compression, is imported in one fresh Chromium profile and exported as a case file,
// then the case file is verified and imported in a second fresh profile. The page's JS heap and
// the import worker's are sampled every 100 ms through the DevTools protocol. Prints the peaks
// against the bundle size, and the export and case-import throughput against the plain import
// of the same zip, all measured in this run. Writes the figures to bench/out/case.json.
//
// Environment:
//   BENCH_CASE_MB  size of the generated bundle in MB (default 400)
//   CHROMIUM       browser binary (default /usr/bin/chromium)

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { generateBundle, tarToZip } from './generate.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'bench', 'out');
const SITE = join(OUT, 'site-case');
const CASE_MB = Number(process.env.BENCH_CASE_MB ?? 400);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PORT = 4179;
const SAMPLE_MS = 100;
/** Interval of the page's live-heap samples, each taken right after a forced garbage collection. */
const LIVE_SAMPLE_MS = 500;

async function chromiumArgs() {
  const outfile = join(OUT, 'vitest-config.mjs');
  await esbuild({ entryPoints: [join(ROOT, 'vitest.config.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  return (await import(`${outfile}?t=${Date.now()}`)).CHROMIUM_ARGS;
}

/** Generates the tar once, then the stored zip of its files, both kept in bench/out. */
function ensureZip(megabytes) {
  const tar = join(OUT, `bundle-${megabytes}mb.tar`);
  const zip = join(OUT, `bundle-${megabytes}mb.zip`);
  if (!existsSync(`${tar}.json`)) writeFileSync(`${tar}.json`, JSON.stringify(generateBundle(tar, megabytes * 1e6)));
  if (!existsSync(`${zip}.json`)) writeFileSync(`${zip}.json`, JSON.stringify({ bytes: tarToZip(tar, zip) }));
  const meta = JSON.parse(readFileSync(`${tar}.json`, 'utf8'));
  return { path: zip, bytes: statSync(zip).size, sessions: meta.sessions, lines: meta.lines };
}

/**
 * Samples `Runtime.getHeapUsage` of the page and of every dedicated worker until the returned
 * function is called. The function resolves with the peak used heap of the page and of the
 * import workers, garbage included, and with the page's peak live heap, which is sampled right
 * after forced collections.
 */
async function watchHeaps(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Map();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.set(event.sessionId, { title: event.targetInfo.title, detached: false });
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    const worker = workers.get(event.sessionId);
    if (worker) worker.detached = true;
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  const workerHeap = (sessionId) =>
    new Promise((resolveMessage) => {
      const id = nextId++;
      pending.set(id, resolveMessage);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolveMessage(null));
      setTimeout(() => {
        if (pending.delete(id)) resolveMessage(null);
      }, 2000);
    });

  await cdp.send('HeapProfiler.collectGarbage');
  const baseline = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const peaks = { page: baseline, pageLive: baseline, importWorker: 0, samples: 0 };
  let stopped = false;
  let lastLive = Date.now();
  const loop = (async () => {
    while (!stopped) {
      const live = Date.now() - lastLive >= LIVE_SAMPLE_MS;
      if (live) {
        lastLive = Date.now();
        await cdp.send('HeapProfiler.collectGarbage').catch(() => null);
      }
      const usage = await cdp.send('Runtime.getHeapUsage').catch(() => null);
      if (usage) peaks.page = Math.max(peaks.page, usage.usedSize);
      if (usage && live) peaks.pageLive = Math.max(peaks.pageLive, usage.usedSize);
      for (const [sessionId, worker] of workers) {
        if (worker.detached || !worker.title.includes('custody-import')) continue;
        const reply = await workerHeap(sessionId);
        if (reply?.result) peaks.importWorker = Math.max(peaks.importWorker, reply.result.usedSize);
      }
      peaks.samples += 1;
      await new Promise((resolveTimer) => setTimeout(resolveTimer, SAMPLE_MS));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { baselineMB: baseline / 1e6, pageMB: peaks.page / 1e6, pageLiveMB: peaks.pageLive / 1e6, importWorkerMB: peaks.importWorker / 1e6, samples: peaks.samples };
  };
}

async function withProfile(args, filePath, action) {
  const profile = mkdtempSync(join(tmpdir(), 'custody-bench-case-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, acceptDownloads: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => document.title === 'ready');
    await page.setInputFiles('#bundle', filePath);
    return await action(context, page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const fixed = (value, digits = 1) => Number(value.toFixed(digits));

mkdirSync(OUT, { recursive: true });
const args = await chromiumArgs();
const bundle = ensureZip(CASE_MB);
const casePath = join(OUT, `case-${CASE_MB}mb.custody`);
await build({ configFile: false, root: join(ROOT, 'bench', 'page'), base: './', logLevel: 'warn', worker: { format: 'es' }, build: { outDir: SITE, emptyOutDir: true, target: 'es2022' } });
const server = await preview({ configFile: false, root: join(ROOT, 'bench', 'page'), logLevel: 'warn', build: { outDir: SITE }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
const load = loadavg()[0];
try {
  const sender = await withProfile(args, bundle.path, async (context, page) => {
    const stopImport = await watchHeaps(context, page);
    // The case export reads the app's own database, so the import writes there too.
    const imported = await page.evaluate(() => window.benchImport('custody'));
    const importHeaps = await stopImport();
    if (imported.status !== 'complete') throw new Error(`Import ended with status ${imported.status}: ${imported.message}`);
    // The same export without evidence first: its heap peak is that of the records and the
    // findings, which load every session's events, so the difference is the zip writing.
    const stopRecords = await watchHeaps(context, page);
    const [recordsDownload, recordsOnly] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.benchCaseExport(false))]);
    const recordsHeaps = await stopRecords();
    await recordsDownload.delete();
    const stopExport = await watchHeaps(context, page);
    const [download, exported] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.evaluate(() => window.benchCaseExport(true))]);
    const exportHeaps = await stopExport();
    await download.saveAs(casePath);
    return { imported, importHeaps, exported, exportHeaps, recordsOnly, recordsHeaps };
  });
  const caseBytes = statSync(casePath).size;
  console.log(`exported ${casePath}: ${caseBytes} bytes in ${Math.round(sender.exported.ms)} ms, page heap peak ${fixed(sender.exportHeaps.pageMB)} MB`);
  const receiver = await withProfile(args, casePath, async (context, page) => {
    const stop = await watchHeaps(context, page);
    const result = await page.evaluate(() => window.benchCaseImport());
    const heaps = await stop();
    if (result.error) throw new Error(`Case import failed: ${result.error}`);
    if (result.bundles[0]?.status !== 'complete') throw new Error(`Case import of the bundle ended with ${JSON.stringify(result.bundles)}`);
    return { ...result, heaps };
  });

  const bundleMB = bundle.bytes / 1e6;
  const importMBps = bundleMB / (sender.imported.elapsedMs / 1000);
  const exportMBps = bundleMB / (sender.exported.ms / 1000);
  const caseImportMs = receiver.verifyMs + receiver.importMs;
  const caseImportMBps = bundleMB / (caseImportMs / 1000);
  const results = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverage: fixed(load, 2) },
    bundle: { bytes: bundle.bytes, sessions: bundle.sessions, lines: bundle.lines, compression: 'stored' },
    caseFileBytes: caseBytes,
    plainImport: { elapsedMs: Math.round(sender.imported.elapsedMs), mbPerSecond: fixed(importMBps), pageHeapPeakMB: fixed(sender.importHeaps.pageMB), workerHeapPeakMB: fixed(sender.importHeaps.importWorkerMB) },
    export: {
      elapsedMs: Math.round(sender.exported.ms),
      mbPerSecond: fixed(exportMBps),
      toPlainImport: fixed(exportMBps / importMBps, 2),
      pageHeapBaselineMB: fixed(sender.exportHeaps.baselineMB),
      pageHeapPeakMB: fixed(sender.exportHeaps.pageMB),
      pageLiveHeapPeakMB: fixed(sender.exportHeaps.pageLiveMB),
      peakToBundle: fixed(sender.exportHeaps.pageMB / bundleMB, 3),
      withoutEvidence: { elapsedMs: Math.round(sender.recordsOnly.ms), pageHeapPeakMB: fixed(sender.recordsHeaps.pageMB), pageLiveHeapPeakMB: fixed(sender.recordsHeaps.pageLiveMB) },
    },
    caseImport: {
      verifyMs: Math.round(receiver.verifyMs),
      importMs: Math.round(receiver.importMs),
      mbPerSecond: fixed(caseImportMBps),
      toPlainImport: fixed(caseImportMBps / importMBps, 2),
      pageHeapBaselineMB: fixed(receiver.heaps.baselineMB),
      pageHeapPeakMB: fixed(receiver.heaps.pageMB),
      pageLiveHeapPeakMB: fixed(receiver.heaps.pageLiveMB),
      peakToBundle: fixed(receiver.heaps.pageMB / bundleMB, 3),
      workerHeapPeakMB: fixed(receiver.heaps.importWorkerMB),
    },
  };
  writeFileSync(join(OUT, 'case.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nCase file benchmark, ${fixed(bundleMB)} MB stored zip (${bundle.sessions} sessions), case file ${fixed(caseBytes / 1e6)} MB, load ${fixed(load, 2)}:`);
  console.log(`  plain import: ${results.plainImport.mbPerSecond} MB/s (${results.plainImport.elapsedMs} ms), page heap peak ${results.plainImport.pageHeapPeakMB} MB, import worker ${results.plainImport.workerHeapPeakMB} MB`);
  console.log(`  export: ${results.export.mbPerSecond} MB/s of bundle (${results.export.elapsedMs} ms), ${results.export.toPlainImport} x plain import; page heap peak ${results.export.pageHeapPeakMB} MB used, ${results.export.pageLiveHeapPeakMB} MB live (baseline ${results.export.pageHeapBaselineMB} MB), used peak ${results.export.peakToBundle} x bundle size`);
  console.log(`  export without evidence: ${results.export.withoutEvidence.elapsedMs} ms, page heap peak ${results.export.withoutEvidence.pageHeapPeakMB} MB used, ${results.export.withoutEvidence.pageLiveHeapPeakMB} MB live`);
  console.log(`  case import: ${results.caseImport.mbPerSecond} MB/s of bundle (verify ${results.caseImport.verifyMs} ms, import ${results.caseImport.importMs} ms), ${results.caseImport.toPlainImport} x plain import; page heap peak ${results.caseImport.pageHeapPeakMB} MB used, ${results.caseImport.pageLiveHeapPeakMB} MB live (baseline ${results.caseImport.pageHeapBaselineMB} MB), used peak ${results.caseImport.peakToBundle} x bundle size; import worker ${results.caseImport.workerHeapPeakMB} MB`);
  console.log(`  written to ${join(OUT, 'case.json')}`);
} finally {
  await server.close();
  rmSync(casePath, { force: true });
}
