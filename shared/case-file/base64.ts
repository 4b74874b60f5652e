// Base64 (RFC 4648, standard alphabet, with padding). shared/ has no btoa or Buffer.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((char, index) => [char, index]));

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

/**
 * Decodes padded base64; returns null for any other input, including encodings with non-zero
 * padding bits, so each byte string has exactly one accepted text.
 */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const quad = [0, 1, 2, 3].map((offset) => {
      const char = text[i + offset]!;
      if (char === '=' && i + offset >= text.length - padding) return 0;
      return VALUES.get(char) ?? -1;
    });
    if (quad.some((value) => value < 0)) return null;
    const [a, b, c, d] = quad as [number, number, number, number];
    const triple = (a << 18) | (b << 12) | (c << 6) | d;
    if (at < out.length) out[at++] = triple >> 16;
    if (at < out.length) out[at++] = (triple >> 8) & 255;
    if (at < out.length) out[at++] = triple & 255;
  }
  return encodeBase64(out) === text ? out : null;
}
