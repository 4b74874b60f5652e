// Event times. The original text is always kept next to the parsed value, because sources
// disagree on formats and zones and an investigator must be able to see what the file said.

/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = number & { readonly __unit: 'ms' };

export interface Timestamp {
  /** Parsed instant, or null when the text could not be parsed. */
  readonly ms: EpochMs | null;
  /** Nanoseconds since the epoch as a decimal string, when the source has that precision. */
  readonly nanos?: string;
  /** The value exactly as it appeared in the evidence. */
  readonly original: string;
  /** False when the text carried no zone and UTC was assumed. */
  readonly zoneKnown: boolean;
}

const ZONE_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?/;

/**
 * Parses an ISO 8601 time, or the space-separated form that Athena and some exports write
 * (`2025-03-26 17:22:33.000000000`). Text without a zone is read as UTC and marked so.
 */
export function parseIsoTime(text: string): Timestamp {
  const trimmed = text.trim();
  if (!ISO_LIKE.test(trimmed)) return { ms: null, original: text, zoneKnown: false };
  const zoneKnown = ZONE_SUFFIX.test(trimmed);
  let normalised = trimmed.replace(' ', 'T');
  // Date.parse accepts at most millisecond digits reliably; trim longer fractions.
  normalised = normalised.replace(/(\.\d{3})\d+/, '$1');
  if (!zoneKnown) normalised += 'Z';
  const ms = Date.parse(normalised);
  return { ms: Number.isNaN(ms) ? null : (ms as EpochMs), original: text, zoneKnown };
}

/** Formats an instant as ISO 8601 UTC, or returns null for an unknown time. */
export function formatUtc(ms: EpochMs | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return new Date(ms).toISOString();
}
