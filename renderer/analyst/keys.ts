// The examiner's Ed25519 signing key, made with WebCrypto and kept in the analyst database. The
// private key is created non-extractable, so no code in this profile can read its bytes.

import type { CaseSigner } from '../../shared/case-file/write';
import { publicKeyFingerprint } from '../../shared/case-file/signature';
import { getAnalystDb, type AnalystDb, type KeyRow } from './db';

const KEY_ID = 'signing';

export async function getSigningKey(db: AnalystDb = getAnalystDb()): Promise<KeyRow | null> {
  return (await db.keys.get(KEY_ID)) ?? null;
}

/** Returns the signing key, creating it on first use. */
export async function ensureSigningKey(db: AnalystDb = getAnalystDb()): Promise<KeyRow> {
  const existing = await getSigningKey(db);
  if (existing) return existing;
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const row: KeyRow = { id: KEY_ID, pair, publicKey, createdAt: Date.now() };
  await db.keys.put(row);
  return row;
}

export function signerFor(key: KeyRow): CaseSigner {
  return {
    publicKey: key.publicKey,
    sign: async (message) => new Uint8Array(await crypto.subtle.sign('Ed25519', key.pair.privateKey, message as Uint8Array<ArrayBuffer>)),
  };
}

export async function keyFingerprint(key: KeyRow): Promise<string> {
  return publicKeyFingerprint(key.publicKey);
}
