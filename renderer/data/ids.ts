// Import ids sort by start time: a fixed-width base36 millisecond time, then a random suffix so
// that two imports started in the same millisecond still differ.

const TIME_WIDTH = 9;
const SUFFIX_LENGTH = 6;

export function newImportId(now = Date.now()): string {
  const time = now.toString(36).padStart(TIME_WIDTH, '0');
  const random = crypto.getRandomValues(new Uint32Array(1))[0]!;
  const suffix = random.toString(36).padStart(SUFFIX_LENGTH, '0').slice(-SUFFIX_LENGTH);
  return `${time}${suffix}`;
}
