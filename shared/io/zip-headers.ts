// Follows a zip archive's records (local file headers, data descriptors, central directory) over
// the same bytes that fflate's Unzip reads, because Unzip does not expose a local header's
// general-purpose flags. It skips entry data the way Unzip does: by the stated compressed size,
// or, for entries whose sizes follow in a data descriptor (flag bit 3), by scanning for the next
// record signature. The headers it finds are therefore those Unzip reports, in the same order.

export const LOCAL_HEADER = 0x04034b50;
export const DATA_DESCRIPTOR = 0x08074b50;
export const CENTRAL_HEADER = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DIGITAL_SIGNATURE = 0x05054b50;

/** General-purpose flag bit 0: the entry's data is encrypted. */
export const FLAG_ENCRYPTED = 0x0001;
/** General-purpose flag bit 3: sizes and CRC follow the data in a data descriptor. */
export const FLAG_DATA_DESCRIPTOR = 0x0008;
/** General-purpose flag bit 11: the name is UTF-8, otherwise it is read as Latin-1, as fflate does. */
const FLAG_UTF8 = 0x0800;

export interface LocalHeader {
  /** Byte offset of the header's signature in the archive. */
  readonly offset: number;
  readonly flags: number;
  readonly method: number;
  /** The name decoded as fflate decodes it, so it can be matched with Unzip's file name. */
  readonly name: string;
}

type Mode =
  | { readonly type: 'record' }
  | { readonly type: 'skip'; left: number }
  /** Inside an entry with a data descriptor: scanning for the record that ends it. */
  | { readonly type: 'descriptor'; readonly zip64: boolean }
  /** Past bytes that are no zip record: scanning for the next local header, as Unzip does. */
  | { readonly type: 'resync' }
  | { readonly type: 'end' };

const utf8 = new TextDecoder('utf-8');

export function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

export function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32;
}

export function decodeName(bytes: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) return utf8.decode(bytes);
  let name = '';
  for (let i = 0; i < bytes.length; i++) name += String.fromCharCode(bytes[i]!);
  return name;
}

/** The compressed size from a zip64 extra field (id 1), read the way fflate reads it. */
function zip64CompressedSize(extra: Uint8Array, compressed: number, uncompressed: number): { size: number; zip64: boolean } {
  const compressedMissing = compressed === 0xffffffff;
  const uncompressedMissing = uncompressed === 0xffffffff;
  if (!compressedMissing && !uncompressedMissing) return { size: compressed, zip64: false };
  for (let at = 0; at + 4 < extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== 1) continue;
    const size = compressedMissing ? u64(extra, at + 4 + 8 * (uncompressedMissing ? 1 : 0)) : compressed;
    return { size, zip64: true };
  }
  return { size: compressed, zip64: false };
}

export class ZipHeaderTracker {
  /** Local headers found and not yet taken by take(). */
  private readonly found: LocalHeader[] = [];
  private buffer: Uint8Array = new Uint8Array(0);
  /** Archive offset of buffer[0]. */
  private base = 0;
  private mode: Mode = { type: 'record' };
  /** Offset of the first bytes that were no zip record, if any. */
  strayOffset: number | null = null;
  /** True once the end-of-central-directory record was read. */
  sawEnd = false;
  /** True once a central directory header was read. */
  sawCentralDirectory = false;

  /** Reads the next bytes of the archive. Call it before handing the same bytes to Unzip. */
  push(chunk: Uint8Array): void {
    if (this.mode.type === 'end' || chunk.length === 0) return;
    if (this.buffer.length === 0) this.buffer = chunk;
    else {
      const joined = new Uint8Array(this.buffer.length + chunk.length);
      joined.set(this.buffer);
      joined.set(chunk, this.buffer.length);
      this.buffer = joined;
    }
    let at = 0;
    while (at < this.buffer.length) {
      const used = this.step(at);
      if (used === 0) break;
      at += used;
    }
    this.base += at;
    // Copy the rest, so the caller's chunk is not kept alive.
    this.buffer = at === this.buffer.length ? new Uint8Array(0) : this.buffer.slice(at);
  }

  /** Removes and returns the oldest header not yet taken. */
  take(): LocalHeader | undefined {
    return this.found.shift();
  }

  /** Consumes bytes from `at`; returns how many, or 0 when more input is needed. */
  private step(at: number): number {
    const bytes = this.buffer;
    const left = bytes.length - at;
    const mode = this.mode;
    if (mode.type === 'end') return left;
    if (mode.type === 'skip') {
      const used = Math.min(mode.left, left);
      mode.left -= used;
      if (mode.left === 0) this.mode = { type: 'record' };
      return used;
    }
    if (mode.type === 'descriptor' || mode.type === 'resync') return this.scan(at, mode);
    if (left < 4) return 0;
    const signature = u32(bytes, at);
    if (signature === LOCAL_HEADER) return this.localHeader(at);
    if (signature === CENTRAL_HEADER) {
      if (left < 46) return 0;
      this.sawCentralDirectory = true;
      return this.skipRecord(at, 46, u16(bytes, at + 28) + u16(bytes, at + 30) + u16(bytes, at + 32));
    }
    if (signature === END_OF_CENTRAL_DIRECTORY) {
      if (left < 22) return 0;
      this.sawEnd = true;
      this.mode = { type: 'end' };
      return left;
    }
    if (signature === ZIP64_END) {
      if (left < 12) return 0;
      return this.skipRecord(at, 12, u64(bytes, at + 4));
    }
    if (signature === ZIP64_LOCATOR) return this.skipRecord(at, 20, 0);
    if (signature === DIGITAL_SIGNATURE) {
      if (left < 6) return 0;
      return this.skipRecord(at, 6, u16(bytes, at + 4));
    }
    this.strayOffset ??= this.base + at;
    this.mode = { type: 'resync' };
    return 1;
  }

  private skipRecord(at: number, fixed: number, variable: number): number {
    const total = fixed + variable;
    const left = this.buffer.length - at;
    if (total <= left) return total;
    this.mode = { type: 'skip', left: total - left };
    return left;
  }

  private localHeader(at: number): number {
    const bytes = this.buffer;
    if (bytes.length - at < 30) return 0;
    const nameLength = u16(bytes, at + 26);
    const extraLength = u16(bytes, at + 28);
    const headerLength = 30 + nameLength + extraLength;
    if (bytes.length - at < headerLength) return 0;
    const flags = u16(bytes, at + 6);
    const method = u16(bytes, at + 8);
    const name = decodeName(bytes.subarray(at + 30, at + 30 + nameLength), flags);
    const extra = bytes.subarray(at + 30 + nameLength, at + headerLength);
    const { size, zip64 } = zip64CompressedSize(extra, u32(bytes, at + 18), u32(bytes, at + 22));
    this.found.push({ offset: this.base + at, flags, method, name });
    if (flags & FLAG_DATA_DESCRIPTOR) this.mode = { type: 'descriptor', zip64 };
    else if (size > 0) this.mode = { type: 'skip', left: size };
    return headerLength;
  }

  /**
   * Scans for the record that follows entry data of unknown length, or for the next local header
   * after stray bytes. Keeps the last three bytes, which may start a signature.
   */
  private scan(at: number, mode: Extract<Mode, { type: 'descriptor' | 'resync' }>): number {
    const bytes = this.buffer;
    // indexOf runs natively, so entry data is not walked byte by byte in JavaScript.
    for (let i = bytes.indexOf(0x50, at); i !== -1 && i + 4 <= bytes.length; i = bytes.indexOf(0x50, i + 1)) {
      if (bytes[i + 1] !== 0x4b) continue;
      const signature = u32(bytes, i);
      if (signature === LOCAL_HEADER || (mode.type === 'descriptor' && signature === CENTRAL_HEADER)) {
        this.mode = { type: 'record' };
        return i - at;
      }
      if (mode.type === 'descriptor' && signature === DATA_DESCRIPTOR) {
        this.mode = { type: 'skip', left: mode.zip64 ? 24 : 16 };
        return i - at;
      }
    }
    return Math.max(0, bytes.length - 3 - at);
  }
}
