// `npm run bench` (startup part): time until the built app shows the library, against an empty
// HTML page served the same way, in the same Chromium, with a fresh browser and profile per run.
//
// Both pages are served from 127.0.0.1 by a static server over dist/. The app's time is from
// navigation start (performance.timeOrigin) to the first animation frame after the library
// section is in the DOM, so it includes script loading, React's first render, opening
// IndexedDB and the library's first query. The empty page's time is from navigation start to
// the first animation frame after its load event.
//
// Environment: BENCH_STARTUP_RUNS (default 7), CHROMIUM (default /usr/bin/chromium).

import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = join(ROOT, 'dist');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
const EMPTY = '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>empty</title></head><body></body></html>';

function serve() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    if (path === '/empty.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(EMPTY);
      return;
    }
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

async function measure(url, ready) {
  const profile = mkdtempSync(join(tmpdir(), 'custody-startup-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'commit' });
    return await page.evaluate(ready);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// Both run inside the page and resolve with milliseconds since navigation start.
const libraryShown = () =>
  new Promise((resolveTime) => {
    const frame = () => requestAnimationFrame(() => resolveTime(performance.now()));
    const found = () => document.querySelector('section.library');
    if (found()) return frame();
    new MutationObserver((_records, observer) => {
      if (!found()) return;
      observer.disconnect();
      frame();
    }).observe(document, { childList: true, subtree: true });
  });
const emptyShown = () =>
  new Promise((resolveTime) => {
    const frame = () => requestAnimationFrame(() => resolveTime(performance.now()));
    if (document.readyState === 'complete') frame();
    else window.addEventListener('load', frame, { once: true });
  });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/index.html not found; run `npm run build` first.');
const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const app = [];
const empty = [];
try {
  for (let run = 0; run < RUNS; run++) {
    empty.push(await measure(`${base}/empty.html`, emptyShown));
    app.push(await measure(`${base}/#/library`, libraryShown));
  }
} finally {
  server.close();
}
const result = {
  runs: RUNS,
  cpus: cpus().length,
  emptyPageMs: { median: median(empty), all: empty.map(Math.round) },
  libraryMs: { median: median(app), all: app.map(Math.round) },
  differenceMs: median(app) - median(empty),
};
console.log(`startup: empty page ${result.emptyPageMs.median.toFixed(0)} ms, library ${result.libraryMs.median.toFixed(0)} ms (median of ${RUNS}, fresh profile each), difference ${result.differenceMs.toFixed(0)} ms`);
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'out', 'startup.json'), `${JSON.stringify(result, null, 2)}\n`);
if (result.libraryMs.median >= 1000) process.exitCode = 1;
