// Hashing and Blob creation in a worker of their own, so the import worker's thread spends its
// time on parsing while a second core does the byte work. It serves two kinds of request:
// - `file`: SHA-256 of a whole bundle file, read from the File;
// - `chunk` and `end`: the content of one evidence file in 1 MiB pieces, sent in order with
//   their buffers transferred. Each piece is added to the stream's SHA-256 and, when `keep` is
//   set, returned as a Blob for the content row; `end` returns the stream's digest.

import { createSha256Stream, type Sha256Stream } from '../../shared/io/hash';
import { fileSource } from './sources';
import type { HashReply, HashRequest } from './hash-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const streams = new Map<string, Sha256Stream>();
/** Chunk and end requests run one after another in arrival order, because hashing is ordered. */
let queue: Promise<void> = Promise.resolve();

function reply(message: HashReply): void {
  scope.postMessage(message);
}

async function hashFile(id: number, file: File): Promise<void> {
  try {
    const hash = await createSha256Stream();
    for await (const chunk of fileSource(file.name, file).chunks()) hash.update(chunk);
    reply({ type: 'digest', id, sha256: hash.digest() });
  } catch (error) {
    reply({ type: 'error', id, error: error instanceof Error ? error.message : String(error) });
  }
}

async function handleStream(request: Extract<HashRequest, { type: 'chunk' | 'end' }>): Promise<void> {
  let hash = streams.get(request.stream);
  if (!hash) {
    hash = await createSha256Stream();
    streams.set(request.stream, hash);
  }
  if (request.type === 'end') {
    streams.delete(request.stream);
    reply({ type: 'digest', id: request.id, sha256: hash.digest() });
    return;
  }
  hash.update(request.bytes);
  reply({ type: 'blob', id: request.id, blob: request.keep ? new Blob([request.bytes]) : null });
}

scope.onmessage = (event: MessageEvent<HashRequest>) => {
  const request = event.data;
  if (request.type === 'file') {
    void hashFile(request.id, request.file);
    return;
  }
  queue = queue.then(() =>
    handleStream(request).catch((error: unknown) => reply({ type: 'error', id: request.id, error: error instanceof Error ? error.message : String(error) })),
  );
};
