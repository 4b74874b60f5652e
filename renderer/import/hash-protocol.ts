// Messages between the import worker and the hash worker, and the import worker's side of them.
// Every request carries an id; the reply with the same id settles its promise.

import type { Sha256 } from '../../shared/model/ids';
import type { ContentHasher } from '../data/store-sink';

export type HashRequest =
  | { readonly type: 'file'; readonly id: number; readonly file: File }
  /** `bytes` is transferred: its buffer is unusable in the sender afterwards. */
  | { readonly type: 'chunk'; readonly id: number; readonly stream: string; readonly bytes: Uint8Array<ArrayBuffer>; readonly keep: boolean }
  | { readonly type: 'end'; readonly id: number; readonly stream: string };

export type HashReply =
  | { readonly type: 'digest'; readonly id: number; readonly sha256: Sha256 }
  /** The chunk as a Blob, or null when the request did not ask to keep it. */
  | { readonly type: 'blob'; readonly id: number; readonly blob: Blob | null }
  | { readonly type: 'error'; readonly id: number; readonly error: string };

/** The hash worker as seen from the import worker. */
export class HashWorker implements ContentHasher {
  private readonly worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { type: 'module', name: 'custody-hash' });
  private readonly pending = new Map<number, { resolve: (reply: HashReply) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<HashReply>) => {
      const reply = event.data;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.type === 'error') waiter.reject(new Error(`Hashing failed: ${reply.error}`));
      else waiter.resolve(reply);
    };
    this.worker.onerror = (event) => this.fail(new Error(`The hash worker stopped with an error: ${event.message || 'unknown error'}.`));
  }

  /** Starts hashing a whole file; the result arrives while other requests are served. */
  hashFile(file: File): Promise<Sha256> {
    return this.request({ type: 'file', id: this.nextId++, file }).then((reply) => (reply as Extract<HashReply, { type: 'digest' }>).sha256);
  }

  chunk(stream: string, bytes: Uint8Array<ArrayBuffer>, keep: boolean): Promise<Blob | null> {
    const reply = this.request({ type: 'chunk', id: this.nextId++, stream, bytes, keep }, [bytes.buffer]);
    return reply.then((message) => (message as Extract<HashReply, { type: 'blob' }>).blob);
  }

  digest(stream: string): Promise<Sha256> {
    return this.request({ type: 'end', id: this.nextId++, stream }).then((reply) => (reply as Extract<HashReply, { type: 'digest' }>).sha256);
  }

  terminate(): void {
    this.worker.terminate();
    this.fail(new Error('The hash worker was stopped.'));
  }

  private request(message: HashRequest, transfer: Transferable[] = []): Promise<HashReply> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise<HashReply>((resolve, reject) => this.pending.set(message.id, { resolve, reject }));
    this.worker.postMessage(message, transfer);
    return reply;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}
