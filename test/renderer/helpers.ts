// Browser-side helpers for the data layer tests: sample bytes from the Node side, fresh
// databases, and table counts.

import { commands } from 'vitest/browser';
import { CustodyDb } from '../../renderer/data/db';

/** Reads a file under the samples folder, e.g. `bundles/short.jsonl.gz`. */
export async function sampleBytes(path: string): Promise<Uint8Array<ArrayBuffer>> {
  const base64 = await commands.readSample(path);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function sampleFile(path: string): Promise<File> {
  const name = path.split('/').pop()!;
  return new File([await sampleBytes(path)], name);
}

/** A database under a name no other test uses. */
export function freshDb(): CustodyDb {
  return new CustodyDb(`custody-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
}

export async function tableCounts(db: CustodyDb) {
  return {
    bundles: await db.bundles.count(),
    evidence: await db.evidence.count(),
    sessions: await db.sessions.count(),
    eventGroups: await db.eventGroups.count(),
    contents: await db.contents.count(),
    originals: await db.originals.count(),
  };
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
