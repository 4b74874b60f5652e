// The signature entry: an Ed25519 signature (RFC 8032) over the exact bytes of manifest.json,
// with the signer's raw public key. Anyone can re-sign a changed file with a new key, so the
// receiver compares the key's fingerprint with the one the examiner gave them.

import { verifyAsync } from '@noble/ed25519';
import { sha256Hex } from '../io/hash';
import { decodeBase64 } from './base64';

export const ED25519 = 'Ed25519';

export interface SignatureFile {
  readonly algorithm: typeof ED25519;
  /** Raw 32-byte public key, base64. */
  readonly publicKey: string;
  /** 64-byte signature, base64. */
  readonly signature: string;
}

/** SHA-256 of the raw public key, as hex: the name a receiver checks the signer by. */
export async function publicKeyFingerprint(publicKey: Uint8Array): Promise<string> {
  return sha256Hex(publicKey);
}

/** Groups a hex fingerprint in fours, the way people read it aloud to compare. */
export function formatFingerprint(hex: string): string {
  return hex.match(/.{1,4}/g)?.join(' ') ?? hex;
}

export type SignatureCheck =
  | { readonly status: 'absent' }
  | { readonly status: 'valid'; readonly publicKey: string; readonly fingerprint: string }
  | { readonly status: 'invalid'; readonly reason: string; readonly publicKey?: string; readonly fingerprint?: string };

/** Checks a parsed signature.json against the manifest bytes. */
export async function checkSignature(parsed: unknown, manifestBytes: Uint8Array): Promise<SignatureCheck> {
  if (typeof parsed !== 'object' || parsed === null) return { status: 'invalid', reason: 'the signature entry is not a JSON object' };
  const file = parsed as Partial<Record<keyof SignatureFile, unknown>>;
  if (file.algorithm !== ED25519) return { status: 'invalid', reason: `the algorithm is ${JSON.stringify(file.algorithm)}, expected "${ED25519}"` };
  const publicKey = typeof file.publicKey === 'string' ? decodeBase64(file.publicKey) : null;
  const signature = typeof file.signature === 'string' ? decodeBase64(file.signature) : null;
  if (!publicKey || publicKey.length !== 32) return { status: 'invalid', reason: 'the public key is not 32 bytes of base64' };
  const key = { publicKey: file.publicKey as string, fingerprint: await publicKeyFingerprint(publicKey) };
  if (!signature || signature.length !== 64) return { status: 'invalid', reason: 'the signature is not 64 bytes of base64', ...key };
  let valid = false;
  try {
    valid = await verifyAsync(signature, manifestBytes, publicKey);
  } catch {
    valid = false;
  }
  return valid ? { status: 'valid', ...key } : { status: 'invalid', reason: 'the signature does not match manifest.json under the included public key', ...key };
}
