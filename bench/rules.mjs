// Measures the findings rules against the in-memory import of the same generated session in
// Node (bench/rules-bench.ts), prints the figures and writes them to bench/out/rules.json.
// Run by `npm run bench` after the import benchmark, or alone with `node bench/rules.mjs`.
//
// Environment: BENCH_RULE_EVENTS (events in the generated session, default 100000),
// BENCH_RULE_RUNS (runs, median reported, default 3).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'bench', 'out');
const EVENTS = Number(process.env.BENCH_RULE_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RULE_RUNS ?? 3);

export async function runRulesBench() {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, 'rules-bench.mjs');
  // yaml's Node build is CommonJS and calls require(), which ESM output lacks.
  const banner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
  await build({ entryPoints: [join(ROOT, 'bench', 'rules-bench.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning', banner: { js: banner } });
  const { measureRules } = await import(`${outfile}?t=${Date.now()}`);
  const result = await measureRules(join(OUT, 'rules-session.jsonl'), EVENTS, RUNS);
  writeFileSync(join(OUT, 'rules.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nRules over ${result.events} events in one session (Node ${process.version}, medians of ${result.runs} runs):`);
  console.log(`  (e) import in memory (read, parse, translate, link, summarise): ${result.importMs} ms`);
  console.log(`  (f) all built-in rules: ${result.rulesMs} ms, ${result.findings} findings`);
  console.log(`  (g) rules / import ratio: ${result.rulesToImportRatio}`);
  console.log(`  written to ${join(OUT, 'rules.json')}`);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runRulesBench();
