// Starts imports from the UI. Each import runs in its own module worker; the returned handle
// cancels it and resolves with the outcome, which is never a rejection: failures arrive as an
// outcome with status 'failed' and a message for the user.

import { getDatabase } from '../data/database';
import { CustodyDb } from '../data/db';
import { newImportId } from '../data/ids';
import type { FromWorker, ImportInput, ImportOutcome, ImportProgress, ToWorker } from './types';

export type { ImportInput, ImportOutcome, ImportProgress } from './types';

export interface ImportOptions {
  /** Called at most about every 100 ms while the import runs, and once at the end. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Database name; the application's database by default. */
  readonly dbName?: string;
  /**
   * Continues the import of this bundle (status cancelled, failed or interrupted) with the same
   * input. The input must have the stored name and size, and the stored SHA-256 once known.
   */
  readonly resumeBundleId?: string;
}

export interface ImportHandle {
  /** Id of the bundle row the import writes, known before the worker starts. */
  readonly bundleId: string;
  /** Stops the import after the chunk being read; the bundle keeps what was stored, with status 'cancelled'. */
  cancel(): void;
  readonly done: Promise<ImportOutcome>;
}

export function startImport(input: ImportInput, options: ImportOptions = {}): ImportHandle {
  const bundleId = options.resumeBundleId ?? newImportId();
  const dbName = options.dbName ?? getDatabase().name;
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'custody-import' });
  const done = new Promise<ImportOutcome>((resolve) => {
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'progress') {
        options.onProgress?.(message.progress);
        return;
      }
      worker.terminate();
      if (message.outcome.status !== 'failed') {
        resolve(message.outcome);
        return;
      }
      void recordFailure(dbName, bundleId, message.outcome.error).finally(() => resolve(message.outcome));
    };
    worker.onerror = (event) => {
      worker.terminate();
      const error = `The import worker stopped with an error: ${event.message || 'unknown error'}.`;
      resolve({
        status: 'failed',
        bundleId,
        error,
        message: error,
        bytesRead: 0,
        evidenceBytes: 0,
        files: 0,
        records: 0,
        events: 0,
        elapsedMs: 0,
        phases: { pipelineMs: 0, writeWaitMs: 0, sessionsMs: 0 },
      });
    };
  });
  const start: ToWorker = {
    type: 'start',
    request: { input, dbName, bundleId, resume: options.resumeBundleId !== undefined },
  };
  worker.postMessage(start);
  return {
    bundleId,
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToWorker),
    done,
  };
}

/**
 * Marks a bundle failed from the page when the worker could not. After a storage quota error,
 * Chromium 156 rejected every later write from the import worker, even this small update. The
 * same write from the page succeeded once the worker was terminated.
 */
async function recordFailure(dbName: string, bundleId: string, error: string): Promise<void> {
  const db = new CustodyDb(dbName);
  try {
    await db.transaction('rw', db.bundles, async () => {
      const row = await db.bundles.get(bundleId);
      if (row?.status === 'importing') await db.bundles.update(bundleId, { status: 'failed', error, finishedAt: Date.now() });
    });
  } catch (failure) {
    console.error(`Could not mark bundle ${bundleId} as failed: ${failure instanceof Error ? failure.message : String(failure)}`);
  } finally {
    db.close();
  }
}
