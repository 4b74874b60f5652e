// The files the renderer may read. Main registers each file the user opened under a random
// handle. The renderer reads bytes only through those handles, never by path, so a compromised
// page cannot read other files. Every read opens the file, reads one chunk and closes it again,
// so main keeps no file descriptors and no contents between calls.

import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import {
  DEFAULT_CHUNK_BYTES,
  MAX_CHUNK_BYTES,
  type FileHandle,
  type ReadChunkRequest,
} from '../../shared/bridge';
import { BridgeFailure, codeForFileError } from './errors';

interface RegisteredFile {
  readonly path: string;
  readonly size: number;
  readonly modifiedMs: number;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export class FileRegistry {
  private readonly files = new Map<FileHandle, RegisteredFile>();

  /** Number of registered files. */
  get count(): number {
    return this.files.size;
  }

  register(path: string, size: number, modifiedMs: number): FileHandle {
    const handle = randomUUID();
    this.files.set(handle, { path, size, modifiedMs });
    return handle;
  }

  release(handles: readonly unknown[]): void {
    for (const handle of handles) if (typeof handle === 'string') this.files.delete(handle);
  }

  /**
   * Reads one chunk of a registered file. Rejects with 'read-failed' when the file's size or
   * modification time differs from when it was opened, because its bytes would no longer match
   * the evidence the user picked.
   */
  async readChunk(request: ReadChunkRequest): Promise<Uint8Array> {
    const file = this.lookup(request);
    const offset = request.offset;
    const length = Math.min(request.length ?? DEFAULT_CHUNK_BYTES, file.size - offset);
    if (length === 0) return new Uint8Array(0);

    let handle;
    try {
      handle = await open(file.path, 'r');
    } catch (error) {
      throw new BridgeFailure(codeForFileError(error, 'read-failed'), `Cannot open ${file.path}: ${String(error)}`);
    }
    try {
      const info = await handle.stat();
      if (info.size !== file.size || info.mtimeMs !== file.modifiedMs) {
        throw new BridgeFailure('read-failed', `${file.path} changed after it was opened; open it again.`);
      }
      const buffer = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      // A view would carry the whole buffer across IPC, so a short read is copied.
      return filled === length ? buffer : buffer.slice(0, filled);
    } catch (error) {
      if (error instanceof BridgeFailure) throw error;
      throw new BridgeFailure('read-failed', `Reading ${file.path} at byte ${offset} failed: ${String(error)}`);
    } finally {
      await handle.close();
    }
  }

  private lookup(request: ReadChunkRequest): RegisteredFile {
    if (typeof request !== 'object' || request === null) {
      throw new BridgeFailure('invalid-argument', 'readChunk expects { handle, offset, length? }.');
    }
    const file = typeof request.handle === 'string' ? this.files.get(request.handle) : undefined;
    if (!file) {
      throw new BridgeFailure('unknown-handle', `No open file has the handle ${JSON.stringify(request.handle)}.`);
    }
    if (!isWholeNumber(request.offset) || request.offset > file.size) {
      throw new BridgeFailure(
        'invalid-argument',
        `Offset ${JSON.stringify(request.offset)} is invalid for ${file.path}; use 0 to ${file.size}.`,
      );
    }
    const length = request.length;
    if (length !== undefined && (!isWholeNumber(length) || length < 1 || length > MAX_CHUNK_BYTES)) {
      throw new BridgeFailure(
        'invalid-argument',
        `Chunk length ${JSON.stringify(length)} is invalid; use 1 to ${MAX_CHUNK_BYTES} bytes.`,
      );
    }
    return file;
  }
}
