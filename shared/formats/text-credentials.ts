// Credentials that appear in free text: a tool's output, a file it read, a command line. An AWS
// access key id found there becomes a credential reference with the same fingerprint that the
// cloud audit readers give the key, which is how a key printed by `aws sts assume-role` in a
// transcript is followed into the CloudTrail records made with it.

import type { CredentialAction, CredentialRef } from '../model/events';
import { credentialRef } from './cloudtrail/credentials';

/**
 * Access key ids: AKIA (long-term) or ASIA (temporary) and 16 more characters. AROA and AIDA name
 * roles and users, not keys. The lookbehind also accepts a JSON escape such as `\n` before a key.
 */
const ACCESS_KEY = /(?:(?<![A-Za-z0-9_])|(?<=\\[nrtbf]))((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9_])/g;

/** Returns each distinct AWS access key id in the text as a credential reference. */
export function credentialsInText(text: string, action: CredentialAction): CredentialRef[] {
  // Tool outputs run to hundreds of kilobytes; most hold no key, and this check is far cheaper than the pattern.
  if (!text.includes('AKIA') && !text.includes('ASIA')) return [];
  const seen = new Set<string>();
  const refs: CredentialRef[] = [];
  for (const match of text.matchAll(ACCESS_KEY)) {
    const keyId = match[1]!;
    if (seen.has(keyId)) continue;
    seen.add(keyId);
    refs.push(credentialRef(keyId, action));
  }
  return refs;
}
