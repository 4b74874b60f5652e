// AWS credentials as events name them: an access key id becomes a fingerprint plus a masked form,
// and secret values (secret access keys, session tokens) are replaced before any copy of a
// record is stored in an event. The OCSF reader uses the same functions, so a key seen in a
// CloudTrail record and in its OCSF mapping gets the same fingerprint and the same session.

import type { CredentialAction, CredentialRef } from '../../model/events';
import { asSessionId, type SessionId } from '../../model/ids';
import { fingerprint, maskSecret, maskSecrets, type SecretKind } from '../../secrets/mask';
import { isObject, type JsonObject } from '../values';

export const AWS_ACCESS_KEY = 'aws-access-key';

/** Shows the first and last four characters of an access key id, e.g. `ASIA…6LUP`. */
export function maskAccessKey(keyId: string): string {
  return keyId.length >= 12 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : '…';
}

export function credentialRef(
  keyId: string,
  action: CredentialAction,
  options: { kind?: string; issuedWith?: string; expires?: string } = {},
): CredentialRef {
  return {
    fingerprint: fingerprint(keyId),
    masked: maskAccessKey(keyId),
    kind: options.kind ?? AWS_ACCESS_KEY,
    action,
    ...(options.issuedWith ? { issuedWith: options.issuedWith } : {}),
    ...(options.expires ? { expires: options.expires } : {}),
  };
}

/**
 * Names the session of a cloud principal: `<provider>:<fingerprint>` for calls made with an access
 * key, so every call signed by one key is one session, else `<provider>:<principal>`.
 */
export function cloudSessionId(provider: string, keyId: string | undefined, principal: string): SessionId {
  return asSessionId(keyId ? `${provider}:${fingerprint(keyId)}` : `${provider}:${principal}`);
}

/** Keys whose string values are secrets, matched case-insensitively. */
const SECRET_KEYS: ReadonlyMap<string, SecretKind> = new Map([
  ['sessiontoken', 'aws-session-token'],
  ['secretaccesskey', 'aws-secret-key'],
  ['password', 'password'],
  ['newpassword', 'password'],
  ['oldpassword', 'password'],
  ['secretstring', 'password'],
  ['clientsecret', 'api-key'],
  ['accesstoken', 'bearer-token'],
  ['refreshtoken', 'bearer-token'],
  ['idtoken', 'jwt'],
  ['privatekey', 'private-key'],
]);

const MAX_DEPTH = 32;

/**
 * Returns a copy of a JSON value in which secret fields and every secret that the text patterns
 * find are replaced by their masked form (kind and fingerprint). Used on every copy of request
 * and response data that an event keeps; the evidence bytes themselves are never changed.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (depth > MAX_DEPTH) return '…';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const kind = SECRET_KEYS.get(key.toLowerCase());
    out[key] = kind && typeof item === 'string' && item !== '' ? maskSecret(item, kind) : redactSecrets(item, depth + 1);
  }
  return out;
}
