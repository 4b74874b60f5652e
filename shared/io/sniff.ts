// Container detection by magic bytes, never by file name.

import type { ContainerKind } from '../model/evidence';

export const SNIFF_BYTES = 512;

export function sniffContainer(head: Uint8Array): Exclude<ContainerKind, 'folder'> {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    const kind = (head[2]! << 8) | head[3]!;
    // Local file header, empty archive, or spanned-archive marker.
    if (kind === 0x0304 || kind === 0x0506 || kind === 0x0708) return 'zip';
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 262 && isUstar(head.subarray(257, 262))) return 'tar';
  return 'plain';
}

function isUstar(magic: Uint8Array): boolean {
  return String.fromCharCode(...magic) === 'ustar';
}
