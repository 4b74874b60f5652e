// Benchmark page: runs the real import worker, or the parse-only worker, on the file picked in
// the page's file input, and exports and imports case files. bench/run.mjs and bench/case.mjs
// drive it through Playwright.

import { downloadBlob, exportCase } from '../../renderer/analyst/case-export';
import { checkCaseFile, importCheckedCase, type BundleImportResult } from '../../renderer/analyst/case-import';
import { setAnalystName } from '../../renderer/analyst/store';
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

/** Exports this profile's case, with or without its evidence, and offers the file as a download. */
async function benchCaseExport(includeEvidence: boolean): Promise<{ readonly ms: number; readonly bytes: number }> {
  await setAnalystName('Bench');
  const started = performance.now();
  const result = await exportCase({ title: 'Benchmark case', includeEvidence, sign: true });
  const ms = performance.now() - started;
  downloadBlob(result.blob, result.fileName);
  return { ms, bytes: result.blob.size };
}

/** Verifies the picked case file, then imports it into this profile. */
async function benchCaseImport(): Promise<{ readonly verifyMs: number; readonly importMs: number; readonly error: string | null; readonly bundles: readonly BundleImportResult[] }> {
  const started = performance.now();
  const checked = await checkCaseFile(pickedFile());
  const verified = performance.now();
  if (checked.error) return { verifyMs: verified - started, importMs: 0, error: checked.error, bundles: [] };
  const result = await importCheckedCase(checked);
  return { verifyMs: verified - started, importMs: performance.now() - verified, error: null, bundles: result.bundles };
}

Object.assign(window, { benchImport, benchParse, benchCaseExport, benchCaseImport });
document.title = 'ready';
