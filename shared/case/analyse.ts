// Joins the sessions of a case: credentials across sources and tool calls to the cloud calls
// they caused.

import type { LinkedSession } from '../session/link';
import { linkCauses, type CausalLink } from './causal';
import { indexCredentials, type CredentialRecord } from './credentials';

export interface CaseLinks {
  readonly credentials: ReadonlyMap<string, CredentialRecord>;
  readonly causes: readonly CausalLink[];
}

export function analyseCase(sessions: readonly LinkedSession[]): CaseLinks {
  const credentials = indexCredentials(sessions.flatMap((session) => session.events));
  return { credentials, causes: linkCauses(sessions, credentials) };
}
