// Credentials that appear in free text: a tool's output, a file it read, a command line. An AWS
// access key id found there becomes a credential reference with the same fingerprint that the
// cloud audit readers give the key, which is how a key printed by `aws sts assume-role` in a
// transcript is followed into the CloudTrail records made with it.

import type { CredentialAction, CredentialRef } from '../model/events';
import { findSecrets } from '../secrets/mask';
import { credentialRef } from './cloudtrail/credentials';

/** Access key ids start AKIA (long-term) or ASIA (temporary); AROA and AIDA name roles and users. */
const ACCESS_KEY_PREFIX = /^(AKIA|ASIA)/;

/** Returns each distinct AWS access key id in the text as a credential reference. */
export function credentialsInText(text: string, action: CredentialAction): CredentialRef[] {
  const seen = new Set<string>();
  const refs: CredentialRef[] = [];
  for (const match of findSecrets(text)) {
    if (match.kind !== 'aws-access-key') continue;
    const keyId = text.slice(match.start, match.end);
    if (!ACCESS_KEY_PREFIX.test(keyId) || seen.has(keyId)) continue;
    seen.add(keyId);
    refs.push(credentialRef(keyId, action));
  }
  return refs;
}
