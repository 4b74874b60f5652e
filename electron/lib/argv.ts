// Finds the bundle paths on a command line such as `custody-app /evidence/case-1 log.jsonl`.
// The same parser reads the app's own argv at start-up and the argv that a second launch
// forwards to the running instance.

import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CommandLine {
  readonly argv: readonly string[];
  /**
   * Electron's `process.defaultApp`: true when the app runs as `electron <app path> ...`, so
   * the first argument that is not a switch is the app, not a bundle.
   */
  readonly defaultApp: boolean;
  /** Folder that relative paths are resolved against. */
  readonly cwd: string;
}

function isSwitch(arg: string): boolean {
  // Chromium and Electron switches (--inspect, --no-sandbox=...) and macOS's -psn_0_123.
  return arg.startsWith('-');
}

function toAbsolutePath(arg: string, cwd: string): string | null {
  if (arg.startsWith('file:')) {
    // Desktop launchers pass file: URLs for %U in .desktop files.
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  return isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
}

/** Returns the absolute paths of the bundles named on a command line, without duplicates. */
export function parseOpenPaths({ argv, defaultApp, cwd }: CommandLine): string[] {
  const args = argv.slice(1);
  let appPathPending = defaultApp;
  let afterTerminator = false;
  const paths: string[] = [];

  for (const arg of args) {
    if (!afterTerminator && arg === '--') {
      afterTerminator = true;
      continue;
    }
    if (!afterTerminator && isSwitch(arg)) continue;
    if (appPathPending) {
      appPathPending = false;
      continue;
    }
    if (arg === '') continue;
    const path = toAbsolutePath(arg, cwd);
    if (path !== null && !paths.includes(path)) paths.push(path);
  }
  return paths;
}
