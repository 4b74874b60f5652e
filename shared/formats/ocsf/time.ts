// OCSF `time` is epoch milliseconds, but producers get the unit wrong: seconds, microseconds and
// nanoseconds all occur. The magnitude separates the units for any date between 1973 and 5138.

import type { EpochMs } from '../../model/time';

export type EpochUnit = 'ms' | 's' | 'us' | 'ns';

export interface EpochReading {
  readonly ms: EpochMs;
  /** The unit the value was read in; anything but `ms` is a conversion to report. */
  readonly unit: EpochUnit;
  /** True for a value too small to be any plausible date after 1973 in any unit. */
  readonly implausible: boolean;
}

const MS_MIN = 1e11; // 1973-03-03 in milliseconds
const MS_MAX = 1e14; // year 5138 in milliseconds
const SECONDS_MIN = 1e8; // 1973-03-03 in seconds

/** Reads an epoch number whose unit should be milliseconds, converting seconds, µs and ns. */
export function readEpoch(value: number): EpochReading {
  if (value >= MS_MIN && value < MS_MAX) return { ms: value as EpochMs, unit: 'ms', implausible: false };
  if (value >= SECONDS_MIN && value < MS_MIN) return { ms: (value * 1000) as EpochMs, unit: 's', implausible: false };
  if (value >= MS_MAX && value < MS_MAX * 1000) return { ms: Math.round(value / 1000) as EpochMs, unit: 'us', implausible: false };
  if (value >= MS_MAX * 1000) return { ms: Math.round(value / 1e6) as EpochMs, unit: 'ns', implausible: false };
  return { ms: value as EpochMs, unit: 'ms', implausible: true };
}

export const UNIT_NAMES: Readonly<Record<EpochUnit, string>> = {
  ms: 'milliseconds',
  s: 'seconds',
  us: 'microseconds',
  ns: 'nanoseconds',
};
