// Cuts text for summaries and previews without splitting a secret. A secret cut in two would be
// masked with the fingerprint of its prefix, so the same credential would show two fingerprints.

import { findSecrets, mayHoldSecret } from './mask';

/** Characters of a whitespace-free run searched on each side of a cut. */
const RUN_LIMIT = 2048;
/** Characters searched before the run for a label such as `aws_session_token =`. */
const LABEL_ROOM = 128;
const PRIVATE_KEY_BEGIN = /^-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const WHITESPACE = /\s/;

/** Returns the bounds of the private key block that contains `at`, or null. */
function privateKeyAround(text: string, at: number): { start: number; end: number } | null {
  const start = text.lastIndexOf('-----BEGIN ', at);
  if (start < 0 || !PRIVATE_KEY_BEGIN.test(text.slice(start, start + 64))) return null;
  const footer = text.indexOf('-----END ', start);
  const close = footer < 0 ? -1 : text.indexOf('-----', footer + 9);
  const end = close < 0 ? text.length : close + 5;
  return end <= at ? null : { start, end };
}

/** Returns the secret's start when that keeps at least half of the text before `at`, else its end. */
function moveOff(start: number, end: number, at: number): number {
  return start >= at / 2 ? start : end;
}

/**
 * Returns where to cut `text` near `at` so that no secret is split: the start of a secret that
 * crosses `at` when that keeps at least half of the text before the cut, else the secret's end.
 */
export function secretSafeCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  const block = privateKeyAround(text, at);
  if (block) return moveOff(block.start, block.end, at);
  // Other secret values hold no whitespace, so only a cut inside a whitespace-free run can split one.
  if (WHITESPACE.test(text[at - 1]!) || WHITESPACE.test(text[at]!)) return at;
  let runStart = at;
  while (runStart > 0 && at - runStart < RUN_LIMIT && !WHITESPACE.test(text[runStart - 1]!)) runStart--;
  let runEnd = at;
  while (runEnd < text.length && runEnd - at < RUN_LIMIT && !WHITESPACE.test(text[runEnd]!)) runEnd++;
  const from = Math.max(0, runStart - LABEL_ROOM);
  const window = text.slice(from, Math.min(text.length, runEnd + LABEL_ROOM));
  if (!mayHoldSecret(window)) return at;
  for (const match of findSecrets(window)) {
    const start = from + match.start;
    const end = from + match.end;
    if (start >= at) break;
    if (end > at) return moveOff(start, end, at);
  }
  return at;
}

/** Returns the first `max` characters of text, moved off any secret that the cut would split. */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, secretSafeCut(text, max));
}
