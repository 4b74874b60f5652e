// Decides which requests the app's session lets through: the app's own files and in-memory
// URLs. Everything else, including every network scheme and any file outside the app's dist
// folder, is cancelled.

import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RequestPolicy {
  /** Absolute path of the folder that contains the built renderer (dist/). */
  readonly distDir: string;
  /** True when running from a source checkout; allows devtools: URLs. */
  readonly dev: boolean;
}

/** Returns true when `path` is `folder` itself or lies inside it. */
export function isInsideFolder(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Returns true for a file: URL of a file inside the dist folder. */
export function isAppFileUrl(url: string, distDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:') return false;
  // A host in a file: URL names another machine (a network share), never our files.
  if (parsed.host !== '' && parsed.host !== 'localhost') return false;
  let path: string;
  try {
    // fileURLToPath rejects encoded separators such as %2F, so they cannot hide a '..'.
    path = fileURLToPath(parsed);
  } catch {
    return false;
  }
  return isInsideFolder(path, distDir);
}

/** Returns true when a request to `url` may proceed. */
export function isRequestAllowed(url: string, policy: RequestPolicy): boolean {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  switch (scheme) {
    case 'file:':
      return isAppFileUrl(url, policy.distDir);
    // blob: and data: URLs hold bytes already in the renderer's memory; loading them opens no
    // connection. The content security policy limits where the page may use them.
    case 'blob:':
    case 'data:':
      return true;
    case 'devtools:':
      return policy.dev;
    default:
      return false;
  }
}
