// Pull-style reading of exact byte counts from a chunk stream, for container headers.

import { concatBytes } from './bytes';

export class ByteReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private done = false;
  /** Bytes consumed so far. */
  position = 0;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  /** Reads exactly `count` bytes, or fewer when the stream ends first. */
  async read(count: number): Promise<Uint8Array> {
    while (this.buffer.length < count && !this.done) await this.fill();
    const out = this.buffer.subarray(0, Math.min(count, this.buffer.length));
    this.buffer = this.buffer.subarray(out.length);
    this.position += out.length;
    return out;
  }

  /** Yields the next `count` bytes as they arrive, without holding them all. */
  async *stream(count: number): AsyncGenerator<Uint8Array> {
    let left = count;
    while (left > 0) {
      if (this.buffer.length === 0) {
        if (this.done) return;
        await this.fill();
        continue;
      }
      const piece = this.buffer.subarray(0, Math.min(left, this.buffer.length));
      this.buffer = this.buffer.subarray(piece.length);
      this.position += piece.length;
      left -= piece.length;
      yield piece;
    }
  }

  /** Discards `count` bytes; returns how many were really there. */
  async skip(count: number): Promise<number> {
    let skipped = 0;
    for await (const piece of this.stream(count)) skipped += piece.length;
    return skipped;
  }

  private async fill(): Promise<void> {
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return;
    }
    this.buffer = this.buffer.length === 0 ? next.value : concatBytes([this.buffer, next.value]);
  }
}

/** Splits the first `count` bytes off a stream for sniffing and returns the whole stream again. */
export async function peekStream(
  chunks: AsyncIterable<Uint8Array>,
  count: number,
): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let have = 0;
  let ended = false;
  while (have < count) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    have += next.value.length;
  }
  const head = concatBytes(parts);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head: head.subarray(0, count), stream: replay() };
}
