// Record ids that sort by creation time and do not collide between analysts: the creation time
// in base 36 (nine digits last until the year 5188) and 64 random bits in hex.

export function newRecordId(now: number = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  const hex = Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${now.toString(36).padStart(9, '0')}-${hex}`;
}
