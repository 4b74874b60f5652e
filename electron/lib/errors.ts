// Turns errors thrown in main into the plain records that cross the bridge.

import type { BridgeError, BridgeErrorCode } from '../../shared/bridge';

/** An expected failure with a code the renderer can act on. */
export class BridgeFailure extends Error {
  override readonly name = 'BridgeFailure';

  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const ERRNO_CODES: Readonly<Record<string, BridgeErrorCode>> = {
  ENOENT: 'not-found',
  ENOTDIR: 'not-found',
  EACCES: 'permission-denied',
  EPERM: 'permission-denied',
};

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Maps a Node file-system error to a bridge error code, or `fallback` for other errors. */
export function codeForFileError(error: unknown, fallback: BridgeErrorCode): BridgeErrorCode {
  const errno = errnoCode(error);
  return (errno !== undefined ? ERRNO_CODES[errno] : undefined) ?? fallback;
}

/** Serialises any thrown value; errors that are not a BridgeFailure get the code 'internal'. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeFailure) {
    return { name: error.name, message: error.message, code: error.code };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message, code: 'internal' };
  }
  return { name: 'Error', message: String(error), code: 'internal' };
}
