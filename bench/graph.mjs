// The graph benchmark, run by `npm run bench` after bench/run.mjs, or alone with
// `node bench/graph.mjs`. It generates one Claude Code session of 20,000
// tool calls across 5 sub-agents, imports it into the built app in Debian's Chromium, and measures:
//   - the time from opening the session (a route change to the workspace) to the first frame
//     after the graph was drawn, with the app's own performance marks for the steps between;
//   - the frame time while zooming and panning the graph with every node shown ("expand all",
//     about 6,000 visible nodes on the canvas renderer), next to the frame time of an empty
//     canvas of the same size in the same page;
//   - the frame time when every frame redraws the whole graph (moving the keyboard focus).
//     Pan and zoom frames avoid that cost by reusing a bitmap of the last full drawing.
// Headless Chromium caps requestAnimationFrame at about 60 Hz and ignores the flags that lift
// the cap, so each frame ends with a 1-pixel getImageData that forces the canvas to raster.
//
// Environment: BENCH_GRAPH_FRAMES (frames per measurement, default 120), BENCH_GRAPH_PROFILE (a
// path: records a CPU profile of the page during the frame measurements), CHROMIUM.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { generateGraphSession } from './generate-graph.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'bench', 'out');
const SESSION_DIR = join(OUT, 'graph-session');
/** The app is built into its own folder, so a rebuild of dist/ while the benchmark runs cannot disturb it. */
const SITE = join(OUT, 'app');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FRAMES = Number(process.env.BENCH_GRAPH_FRAMES ?? 120);
const PORT = 4179;
const VIEWPORT = { width: 1920, height: 1200 };

async function chromiumArgs() {
  const outfile = join(OUT, 'vitest-config.mjs');
  await esbuild({ entryPoints: [join(ROOT, 'vitest.config.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  return (await import(`${outfile}?t=${Date.now()}`)).CHROMIUM_ARGS;
}

function ensureSession() {
  const metaPath = join(OUT, 'graph-session.json');
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (existsSync(meta.folder)) return meta;
  }
  const meta = generateGraphSession(SESSION_DIR);
  writeFileSync(metaPath, JSON.stringify(meta));
  console.log(`generated ${meta.calls} tool calls in ${meta.lines} lines, sub-agents ${meta.subAgents.join(', ')}`);
  return meta;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const fixed = (value, digits = 1) => Number(value.toFixed(digits));

/**
 * Opens the session in the workspace and returns the milliseconds to the start of the animation
 * frame that first paints the graph, which the app marks as custody-graph-frame.
 */
async function openSession(page, sessionId) {
  return page.evaluate(async (id) => {
    const marks = ['custody-events-loaded', 'custody-model-built', 'custody-graph-drawn'];
    const start = performance.now();
    location.hash = `#/session/${id}`;
    const after = (name) => performance.getEntriesByName(name).find((entry) => entry.startTime > start);
    while (!after('custody-graph-frame')) await new Promise((done) => setTimeout(done, 20));
    return { firstGraphMs: after('custody-graph-frame').startTime - start, steps: Object.fromEntries(marks.map((name) => [name, after(name).startTime - start])) };
  }, sessionId);
}

/** Frame intervals while `step(i)` runs once per frame, each frame forced to raster `canvas`. */
const FRAME_LOOP = `async (canvas, step, frames) => {
  const ctx = canvas.getContext('2d');
  const flush = () => new Promise((done) => requestAnimationFrame(() => { ctx.getImageData(0, 0, 1, 1); done(performance.now()); }));
  const times = [];
  let last = await flush();
  for (let i = 0; i < frames; i += 1) {
    step(i);
    const now = await flush();
    times.push(now - last);
    last = now;
  }
  return times;
}`;

async function measureFrames(page, frames) {
  return page.evaluate(
    async ({ loop, frames: count }) => {
      const frameLoop = (0, eval)(loop);
      const canvas = document.querySelector('canvas.graph-canvas-2d');
      const box = canvas.getBoundingClientRect();
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      const zoom = (i) => canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 === 0 ? 40 : -40, clientX: cx, clientY: cy, bubbles: true, cancelable: true, view: window }));
      const zoomTimes = await frameLoop(canvas, zoom, count);
      canvas.dispatchEvent(new MouseEvent('mousedown', { clientX: cx, clientY: cy, button: 0, bubbles: true, cancelable: true, view: window }));
      const pan = (i) => window.dispatchEvent(new MouseEvent('mousemove', { clientX: cx + (i % 20 < 10 ? i % 10 : 10 - (i % 10)) * 15, clientY: cy + (i % 7) * 4, bubbles: true, cancelable: true, view: window }));
      const panTimes = await frameLoop(canvas, pan, count);
      window.dispatchEvent(new MouseEvent('mouseup', { clientX: cx, clientY: cy, button: 0, bubbles: true, view: window }));
      // Moving the keyboard focus redraws the whole graph each frame, without the pan and zoom snapshot.
      const key = (i) => canvas.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 === 0 ? 'ArrowDown' : 'ArrowUp', bubbles: true, cancelable: true }));
      const redrawTimes = await frameLoop(canvas, key, count);
      // The empty canvas: the same size and pixel ratio, cleared and filled white each frame as the graph's painter does first.
      const empty = document.createElement('canvas');
      const ratio = window.devicePixelRatio || 1;
      empty.width = Math.floor(box.width * ratio);
      empty.height = Math.floor(box.height * ratio);
      Object.assign(empty.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
      document.body.append(empty);
      const emptyContext = empty.getContext('2d');
      const clear = () => {
        emptyContext.fillStyle = '#ffffff';
        emptyContext.fillRect(0, 0, empty.width, empty.height);
      };
      const emptyTimes = await frameLoop(empty, clear, count);
      empty.remove();
      return { zoomTimes, panTimes, redrawTimes, emptyTimes, width: box.width, height: box.height, nodes: Number(canvas.dataset.nodeCount) };
    },
    { loop: FRAME_LOOP, frames },
  );
}

export async function runGraphBench(args) {
  mkdirSync(OUT, { recursive: true });
  const meta = ensureSession();
  // A profiled run builds unminified, so the profile names functions.
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: SITE, emptyOutDir: true, minify: !process.env.BENCH_GRAPH_PROFILE } });
  const server = await preview({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: SITE }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
  const profile = mkdtempSync(join(tmpdir(), 'custody-graph-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, viewport: VIEWPORT });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const importStart = Date.now();
    await page.getByTestId('folder-input').setInputFiles(meta.folder);
    await page.locator('.bundle.status-complete').first().waitFor({ timeout: 600_000 });
    const importMs = Date.now() - importStart;
    console.log(`graph: imported ${meta.calls} calls (${meta.lines} lines) in ${importMs} ms`);

    const openProfiler = process.env.BENCH_GRAPH_PROFILE ? await context.newCDPSession(page) : null;
    if (openProfiler) {
      await openProfiler.send('Profiler.enable');
      await openProfiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await openProfiler.send('Profiler.start');
    }
    const opened = await openSession(page, meta.sessionId);
    if (openProfiler) writeFileSync(`${process.env.BENCH_GRAPH_PROFILE}.open.cpuprofile`, JSON.stringify((await openProfiler.send('Profiler.stop')).profile));
    const graph = page.getByTestId('authority-graph');
    const defaultNodes = Number(await graph.getAttribute('data-drawn-nodes'));
    console.log(`graph: first graph ${Math.round(opened.firstGraphMs)} ms (${defaultNodes} nodes with fan-outs collapsed), steps ${JSON.stringify(Object.fromEntries(Object.entries(opened.steps).map(([key, value]) => [key, Math.round(value)])))}`);

    const expandStart = Date.now();
    await page.getByLabel('expand all').check();
    await page.waitForFunction(() => {
      const element = document.querySelector('[data-testid="authority-graph"]');
      return element?.dataset.renderer === 'canvas' && Number(element.dataset.drawnNodes) >= 5000;
    }, undefined, { timeout: 120_000 });
    const expandMs = Date.now() - expandStart;
    const profiler = process.env.BENCH_GRAPH_PROFILE ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    const frames = await measureFrames(page, FRAMES);
    if (profiler) {
      const { profile: cpuProfile } = await profiler.send('Profiler.stop');
      writeFileSync(process.env.BENCH_GRAPH_PROFILE, JSON.stringify(cpuProfile));
    }
    if (frames.nodes < 5000) throw new Error(`Expected at least 5,000 visible nodes on the canvas, found ${frames.nodes}.`);
    if (errors.length > 0) throw new Error(`The page reported errors: ${errors.join('; ')}`);
    const results = {
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGB: fixed(totalmem() / 2 ** 30), chromium: CHROMIUM },
      session: { toolCalls: meta.calls, subAgents: meta.subAgents.length, lines: meta.lines, importMs },
      firstGraph: { ms: Math.round(opened.firstGraphMs), nodes: defaultNodes, steps: Object.fromEntries(Object.entries(opened.steps).map(([key, value]) => [key, Math.round(value)])) },
      expandAll: { ms: expandMs, nodes: frames.nodes },
      frames: {
        canvas: `${frames.width}×${frames.height} CSS px`,
        count: FRAMES,
        zoomMedianMs: fixed(median(frames.zoomTimes)),
        zoomP95Ms: fixed(percentile(frames.zoomTimes, 0.95)),
        panMedianMs: fixed(median(frames.panTimes)),
        panP95Ms: fixed(percentile(frames.panTimes, 0.95)),
        fullRedrawMedianMs: fixed(median(frames.redrawTimes)),
        fullRedrawP95Ms: fixed(percentile(frames.redrawTimes, 0.95)),
        emptyMedianMs: fixed(median(frames.emptyTimes)),
        emptyP95Ms: fixed(percentile(frames.emptyTimes, 0.95)),
      },
    };
    writeFileSync(join(OUT, 'graph-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nGraph results:');
    console.log(`  (e) opening the session to the first drawn graph: ${results.firstGraph.ms} ms (${results.firstGraph.nodes} nodes drawn)`);
    console.log(`      events loaded at ${results.firstGraph.steps['custody-events-loaded']} ms, graph built at ${results.firstGraph.steps['custody-model-built']} ms, drawn at ${results.firstGraph.steps['custody-graph-drawn']} ms`);
    console.log(`  (f) expand all to ${results.expandAll.nodes} nodes on canvas: ${results.expandAll.ms} ms`);
    console.log(`  (g) frame time, ${results.frames.canvas}: zoom ${results.frames.zoomMedianMs} ms (p95 ${results.frames.zoomP95Ms}), pan ${results.frames.panMedianMs} ms (p95 ${results.frames.panP95Ms}), empty canvas ${results.frames.emptyMedianMs} ms (p95 ${results.frames.emptyP95Ms})`);
    console.log(`      full redraw each frame (keyboard focus moves): ${results.frames.fullRedrawMedianMs} ms (p95 ${results.frames.fullRedrawP95Ms})`);
    console.log(`  written to ${join(OUT, 'graph-results.json')}`);
    return results;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runGraphBench(await chromiumArgs());
}
