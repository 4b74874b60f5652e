// Locates the real sample evidence that tests read. The samples sit in a `shared/samples` folder
// beside the checkout (or where CUSTODY_SAMPLES points); nothing is copied into the project.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');

function locate(): string {
  const candidates = [process.env.CUSTODY_SAMPLES, join(REPO_ROOT, '..', 'shared', 'samples')].filter(Boolean) as string[];
  for (const candidate of candidates) if (existsSync(join(candidate, 'SOURCES.md'))) return candidate;
  throw new Error(`Sample evidence not found; looked in ${candidates.join(', ')}. Set CUSTODY_SAMPLES to the samples folder.`);
}

export const SAMPLES = locate();

/** Absolute path of a file or folder under the samples folder. */
export function sample(...parts: string[]): string {
  return join(SAMPLES, ...parts);
}

export const SPOTTER_FOLDER = sample('claude-code', 'projects', '-home-dev-projects-spotter');
export const SPOTTER_SESSION = '4d5611e5-241a-462a-8d15-5122611a9569';
