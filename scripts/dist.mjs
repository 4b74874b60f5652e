// Packages the app with electron-builder for the current platform (targets in
// electron-builder.yml). It needs an Electron runtime on disk: ELECTRON_OVERRIDE_DIST_PATH, or
// the runtime in node_modules/electron/dist that `npx install-electron` downloads. electron-builder
// is never allowed to download anything. The runtime is passed as electronDist, and its mirrors
// point at a closed port on 127.0.0.1. A target that needs a toolset not on this machine
// therefore fails with a connection error instead of fetching it.
//
// Extra arguments go to electron-builder in place of the configured targets, for example
// `npm run dist -- --dir` for an unpacked folder.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;

// An https URL, because electron-builder 26 ignores an http:// mirror unless
// ELECTRON_BUILDER_BINARIES_ALLOW_HTTP is set, and would then fall back to GitHub.
const CLOSED_MIRROR = 'https://127.0.0.1:9/';

const PLATFORM_FLAGS = { linux: '--linux', win32: '--win', darwin: '--mac' };

/** Returns the folder of an unpacked Electron runtime, or null with the reason. */
function findElectronDist() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    return existsSync(override)
      ? { dist: override }
      : { dist: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, which does not exist.` };
  }
  const dist = join(electronPackage, 'dist');
  const versionFile = join(dist, 'version');
  if (!existsSync(versionFile)) {
    return { dist: null, reason: `No Electron runtime in ${dist}.` };
  }
  const found = readFileSync(versionFile, 'utf8').trim().replace(/^v/, '');
  if (found !== electronVersion) {
    return { dist: null, reason: `${dist} holds Electron ${found}, but package.json needs ${electronVersion}.` };
  }
  return { dist };
}

const platformFlag = PLATFORM_FLAGS[process.platform];
if (!platformFlag) {
  console.error(`Packaging is not configured for platform "${process.platform}"; use linux, win32 or darwin.`);
  process.exit(1);
}

const missingBuild = ['dist/index.html', 'dist-electron/main.cjs', 'dist-electron/preload.cjs'].filter(
  (path) => !existsSync(join(root, path)),
);
if (missingBuild.length > 0) {
  console.error(`Missing build output: ${missingBuild.join(', ')}. Run \`npm run build\` first.`);
  process.exit(1);
}

const { dist, reason } = findElectronDist();
if (!dist) {
  console.error(`Cannot package: the Electron ${electronVersion} runtime is missing. ${reason}
electron-builder would download it, and this script does not let it.
Get the runtime first, either:
  - run \`npx install-electron\` in this folder (downloads into node_modules/electron/dist), or
  - set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an unpacked Electron ${electronVersion}.
The installers also need electron-builder's toolsets for each target (AppImage, deb, nsis, dmg)
in electron-builder's cache on this machine.`);
  process.exit(1);
}

const env = {
  ...process.env,
  ELECTRON_MIRROR: CLOSED_MIRROR,
  ELECTRON_BUILDER_BINARIES_MIRROR: CLOSED_MIRROR,
  NPM_CONFIG_ELECTRON_BUILDER_BINARIES_MIRROR: CLOSED_MIRROR,
  npm_config_electron_builder_binaries_mirror: CLOSED_MIRROR,
};
const builderCli = join(root, 'node_modules', 'electron-builder', 'cli.js');
const args = [
  builderCli,
  platformFlag,
  ...process.argv.slice(2),
  '--config',
  'electron-builder.yml',
  `-c.electronDist=${dist}`,
  '--publish',
  'never',
];
console.log(`Packaging with the Electron runtime in ${dist}`);
const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`electron-builder failed (exit ${result.status}). A connection error to 127.0.0.1:9 means a
target needs a toolset that is not in electron-builder's cache on this machine.`);
}
process.exit(result.status ?? 1);
