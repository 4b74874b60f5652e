// The import worker: one worker runs one import, so parsing and database writes never block the
// page. It receives a `start` message, may receive `cancel`, and posts progress and one `done`.

import { withImportLock } from '../data/recover';
import { runImport } from './run-import';
import type { FromWorker, ToWorker } from './types';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const signal = { aborted: false };
let started = false;

function post(message: FromWorker): void {
  scope.postMessage(message);
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    signal.aborted = true;
    return;
  }
  if (started) return;
  started = true;
  const { request } = message;
  // The held lock marks the import as running, and the browser releases it when the worker ends.
  void withImportLock(request.bundleId, () => runImport(request, { signal, onProgress: (progress) => post({ type: 'progress', progress }) })).then((outcome) =>
    post({ type: 'done', outcome }),
  );
};
