// A Vitest browser command that hands a sample file's bytes to a browser test as base64. The
// samples sit outside the project root, where Vite's file serving and the built-in readFile
// command do not reach, so this command reads them on the Node side, inside the samples folder only.

import { readFile } from 'node:fs/promises';
import { relative, resolve, isAbsolute } from 'node:path';
import type { BrowserCommand } from 'vitest/node';

export const readSample: BrowserCommand<[path: string]> = async (_context, path) => {
  const { SAMPLES } = await import('./samples');
  const full = resolve(SAMPLES, path);
  const inside = relative(SAMPLES, full);
  if (inside.startsWith('..') || isAbsolute(inside)) throw new Error(`readSample: "${path}" is outside the samples folder.`);
  return (await readFile(full)).toString('base64');
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Returns a file under the samples folder, as base64. */
    readSample: (path: string) => Promise<string>;
  }
}
