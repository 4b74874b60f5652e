// Bundles the Node-side programs with esbuild: the command line (ESM) and the Electron main
// process and preload (CommonJS, because sandboxed preloads must be CommonJS).

import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', sourcemap: true };

// Bundled CommonJS packages (yaml's Node build) call require(), which ESM output lacks, so the
// banner defines it.
const cliBanner = ['#!/usr/bin/env node', "import { createRequire as __createRequire } from 'node:module';", 'const require = __createRequire(import.meta.url);'].join('\n');
await build({ ...common, entryPoints: ['cli/main.ts'], format: 'esm', outfile: 'dist-cli/custody.mjs', banner: { js: cliBanner } });

for (const [entry, out] of [['electron/main.ts', 'dist-electron/main.cjs'], ['electron/preload.ts', 'dist-electron/preload.cjs']]) {
  if (existsSync(entry)) {
    await build({ ...common, entryPoints: [entry], format: 'cjs', outfile: out, external: ['electron'] });
  }
}
