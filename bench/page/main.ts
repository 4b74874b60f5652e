// Benchmark page: runs the real import worker, or the parse-only worker, on the file picked in
// the page's file input. bench/run.mjs drives it through Playwright.

import { startImport, type ImportOutcome, type ImportProgress } from '../../renderer/import/client';
import type { ParseResult } from './parse-worker';

function pickedFile(): File {
  const input = document.getElementById('bundle') as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) throw new Error('No bundle file set on the page input.');
  return file;
}

async function benchImport(dbName: string): Promise<ImportOutcome> {
  const onProgress = (progress: ImportProgress) => Object.assign(window, { benchProgress: progress });
  return startImport({ kind: 'file', file: pickedFile() }, { dbName, onProgress }).done;
}

async function benchParse(): Promise<ParseResult> {
  const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'custody-parse' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ParseResult>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(pickedFile());
  });
}

Object.assign(window, { benchImport, benchParse });
document.title = 'ready';
