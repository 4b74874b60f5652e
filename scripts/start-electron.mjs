// Starts the desktop app with the Electron runtime from node_modules/electron, or from
// ELECTRON_OVERRIDE_DIST_PATH. It only looks for the runtime on disk: loading the 'electron'
// package (require or `npx electron`) would try to download the runtime when it is missing.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');

// Executable inside an Electron dist folder, as the electron package's install.js names it.
const EXECUTABLES = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** Returns the path of the Electron executable, or null with the places that were checked. */
function findElectron() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = join(override, EXECUTABLES[process.platform] ?? 'electron');
    return { executable: existsSync(executable) ? executable : null, checked: [executable] };
  }
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return { executable: null, checked: [pathFile] };
  const executable = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return { executable: existsSync(executable) ? executable : null, checked: [pathFile, executable] };
}

function printMissingRuntime(checked) {
  console.error(`The Electron runtime is not installed on this machine.
Looked for: ${checked.join(', ')}

To get it, either:
  - run \`npx install-electron\` in this folder, which downloads the runtime that matches
    node_modules/electron/package.json into node_modules/electron/dist, or
  - set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an unpacked Electron runtime.

Without Electron, \`npm run web\` serves the same UI in a browser at http://127.0.0.1:5173.`);
}

const missingBuild = ['dist/index.html', 'dist-electron/main.cjs', 'dist-electron/preload.cjs'].filter(
  (path) => !existsSync(join(root, path)),
);
if (missingBuild.length > 0) {
  console.error(`Missing build output: ${missingBuild.join(', ')}. Run \`npm run build\` first.`);
  process.exit(1);
}

const { executable, checked } = findElectron();
if (!executable) {
  printMissingRuntime(checked);
  process.exit(1);
}

// ELECTRON_RUN_AS_NODE would make the runtime behave as plain Node and ignore the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(executable, ['.', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
child.on('error', (error) => {
  console.error(`Starting ${executable} failed: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
