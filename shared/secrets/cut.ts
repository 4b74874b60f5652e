// Cuts text for summaries and previews without splitting a secret. A secret cut in two would be
// masked with the fingerprint of its prefix, so the same credential would show two fingerprints.

import { findSecrets } from './mask';

/** Characters that may continue a secret value across a cut. */
const TOKEN_CHAR = /[A-Za-z0-9/+=_.~-]/;
/** Characters searched before a cut for the start of a secret, label included. */
const LOOK_BEHIND = 2048;
/** Characters searched after a cut for the end of a secret. */
const LOOK_AHEAD = 2048;

/**
 * Returns where to cut `text` near `at` so that no secret is split: the start of a secret that
 * crosses `at` when that keeps at least half of the text before the cut, else the secret's end.
 */
export function secretSafeCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  // A secret value is a run of token characters, so only a cut inside such a run can split one.
  if (!TOKEN_CHAR.test(text[at - 1]!) || !TOKEN_CHAR.test(text[at]!)) return at;
  const from = Math.max(0, at - LOOK_BEHIND);
  for (const match of findSecrets(text.slice(from, at + LOOK_AHEAD))) {
    const start = from + match.start;
    const end = from + match.end;
    if (start >= at) break;
    if (end <= at) continue;
    return start >= at / 2 ? start : end;
  }
  return at;
}

/** Returns the first `max` characters of text, moved off any secret that the cut would split. */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, secretSafeCut(text, max));
}
