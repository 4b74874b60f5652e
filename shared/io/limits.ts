// Limits that keep hostile archives from exhausting memory or disk. The UI states them.

export interface ContainerLimits {
  /** Entries read from all archives of one bundle together. */
  readonly maxEntries: number;
  /** Decompressed bytes of all entries together. */
  readonly maxTotalBytes: number;
  /** Decompressed size divided by compressed size, for one entry. */
  readonly maxRatio: number;
  /** Archives inside archives: 1 means a zip may hold plain files only. */
  readonly maxDepth: number;
  /** Lines longer than this many bytes are skipped and reported. */
  readonly maxLineBytes: number;
}

export const DEFAULT_LIMITS: ContainerLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 200,
  maxDepth: 3,
  maxLineBytes: 64 * 1024 ** 2,
};

/** Ratio checks start only after this many output bytes, so tiny entries may compress well. */
export const RATIO_GRACE_BYTES = 1024 * 1024;
