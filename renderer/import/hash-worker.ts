// Hashes a bundle file with SHA-256 in its own worker, so the import worker spends its time on
// parsing while a second core hashes the same file.

import { createSha256Stream } from '../../shared/io/hash';
import { fileSource } from './sources';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<File>) => {
  try {
    const hash = await createSha256Stream();
    for await (const chunk of fileSource(event.data.name, event.data).chunks()) hash.update(chunk);
    scope.postMessage({ sha256: hash.digest() });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
