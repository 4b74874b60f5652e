// Streaming zip reader over fflate's Unzip, which follows local file headers and so needs
// neither random access nor an intact central directory: a truncated archive still yields the
// entries before the damage. Encrypted entries and unknown compression methods are skipped with
// a diagnostic; their data is discarded as it streams, so it is never held in memory.

import { Unzip, UnzipInflate, UnzipPassThrough, type AsyncFlateStreamHandler, type UnzipDecoderConstructor } from 'fflate';
import type { Diagnostic } from '../model/diagnostics';
import { limitChunkSize } from './bytes';
import { INFLATE_FEED_BYTES } from './gzip';
import type { ArchiveEntry } from './tar';
import { FLAG_ENCRYPTED, ZipHeaderTracker } from './zip-headers';

type QueueItem =
  | { readonly type: 'file'; readonly name: string; readonly storedSize: number | null; readonly fedAtStart: number; readonly stop: () => void }
  | { readonly type: 'skipped'; readonly diagnostic: Diagnostic }
  | { readonly type: 'data'; readonly bytes: Uint8Array; readonly final: boolean }
  | { readonly type: 'error'; readonly message: string };

const STORED = 0;
const DEFLATED = 8;

/** A decoder for `method` that drops the data and reports an empty entry. */
function discardingDecoder(method: number): UnzipDecoderConstructor {
  return class Discard {
    static compression = method;
    ondata: AsyncFlateStreamHandler = () => {};
    push(_chunk: Uint8Array, final: boolean): void {
      if (final) this.ondata(null, new Uint8Array(0), true);
    }
  };
}

/**
 * fflate's inflate decoder for zip entries, which can stop: once stopped, the rest of the entry's
 * compressed data is dropped instead of inflated. An entry the reader left early (one cut by the
 * ratio limit) is skipped this way, so a zip bomb is not inflated to its end.
 */
class StoppableInflate {
  static compression = DEFLATED;
  ondata: AsyncFlateStreamHandler = () => {};
  private readonly inflate = new UnzipInflate();
  private stopped = false;

  constructor() {
    this.inflate.ondata = (error, data, final) => this.ondata(error, data, final);
  }

  push(data: Uint8Array, final: boolean): void {
    if (!this.stopped) this.inflate.push(data, final);
    else if (final) this.ondata(null, new Uint8Array(0), true);
  }

  terminate(): void {
    this.stopped = true;
  }
}

/** The reason an entry cannot be read, or null when Unzip can decompress it. */
function unreadableReason(name: string, flags: number | null, method: number): Pick<Diagnostic, 'code' | 'reason'> | null {
  if (flags !== null && (flags & FLAG_ENCRYPTED) !== 0) {
    return { code: 'unreadable-entry', reason: `Entry "${name}" is encrypted; Custody cannot read encrypted archives, so the entry was skipped.` };
  }
  if (method !== STORED && method !== DEFLATED) {
    return { code: 'unsupported-entry', reason: `Entry "${name}" uses compression method ${method}, which Custody cannot read (only stored and deflate); the entry was skipped.` };
  }
  return null;
}

export async function* zipEntries(
  chunks: AsyncIterable<Uint8Array>,
  archive: string,
  onDiagnostic: (d: Diagnostic) => void,
): AsyncGenerator<ArchiveEntry> {
  const queue: QueueItem[] = [];
  const headers = new ZipHeaderTracker();
  // False once the tracker's headers stopped matching Unzip's files; flags are then unknown.
  let headersInStep = true;
  const unzip = new Unzip((file) => {
    const header = headersInStep ? headers.take() : undefined;
    if (header?.name !== file.name) headersInStep = false;
    const flags = headersInStep && header ? header.flags : null;
    const unreadable = unreadableReason(file.name, flags, file.compression);
    if (unreadable) {
      const offset = headersInStep && header ? header.offset : fedBeforePush;
      queue.push({ type: 'skipped', diagnostic: { ...unreadable, severity: 'error', file: archive, offset } });
      // start() picks the decoder registered for the method at the time of the call.
      file.ondata = () => {};
      unzip.register(discardingDecoder(file.compression));
      file.start();
      if (file.compression === STORED) unzip.register(UnzipPassThrough);
      if (file.compression === DEFLATED) unzip.register(StoppableInflate);
      return;
    }
    queue.push({ type: 'file', name: file.name, storedSize: file.size ?? null, fedAtStart: fedBeforePush, stop: () => file.terminate() });
    file.ondata = (error, bytes, final) => {
      if (error) queue.push({ type: 'error', message: error.message });
      else queue.push({ type: 'data', bytes, final });
    };
    try {
      file.start();
    } catch (error) {
      queue.push({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
  unzip.register(StoppableInflate);
  const input = limitChunkSize(chunks, INFLATE_FEED_BYTES)[Symbol.asyncIterator]();
  let inputEnded = false;
  let fed = 0;
  // Bytes fed before the current push. An entry whose header arrives in that push starts at or after it.
  let fedBeforePush = 0;

  const pump = async (): Promise<void> => {
    const next = await input.next();
    try {
      if (next.done) {
        inputEnded = true;
        unzip.push(new Uint8Array(0), true);
      } else {
        fedBeforePush = fed;
        fed += next.value.length;
        headers.push(next.value);
        unzip.push(next.value);
      }
    } catch (error) {
      inputEnded = true;
      const message = error instanceof Error ? error.message : String(error);
      queue.push({ type: 'error', message });
    }
  };
  const nextItem = async (): Promise<QueueItem | undefined> => {
    while (queue.length === 0 && !inputEnded) await pump();
    return queue.shift();
  };
  const report = (reason: string) =>
    onDiagnostic({ code: 'corrupt-archive', severity: 'error', file: archive, offset: fed, reason });

  let failed = false;
  for (;;) {
    const item = await nextItem();
    if (item === undefined) break;
    if (item.type === 'error') {
      report(`Zip archive could not be read past byte ${fed}: ${item.message}. Entries before it were read.`);
      return;
    }
    if (item.type === 'data') continue;
    if (item.type === 'skipped') {
      onDiagnostic(item.diagnostic);
      continue;
    }
    if (item.name.endsWith('/')) continue;
    let finished = false;
    const name = item.name;
    async function* body(): AsyncGenerator<Uint8Array> {
      while (!finished) {
        const next = await nextItem();
        if (next === undefined) {
          finished = true;
          failed = true;
          report(`Zip archive ends inside entry "${name}"; the part present was read.`);
          return;
        }
        if (next.type === 'file' || next.type === 'skipped') {
          queue.unshift(next);
          finished = true;
          return;
        }
        if (next.type === 'error') {
          finished = true;
          failed = true;
          report(`Entry "${name}" could not be decompressed: ${next.message}.`);
          return;
        }
        if (next.final) finished = true;
        if (next.bytes.length > 0) yield next.bytes;
      }
    }
    const fedAtStart = item.fedAtStart;
    // Without a stated size, this counts up to one feed slice too many, so the ratio reads low.
    const storedSoFar = () => fed - fedAtStart;
    yield { name, storedSize: item.storedSize, storedSoFar, chunks: body() };
    if (!finished) {
      item.stop();
      for await (const _ of body()) void _;
    }
  }
  if (!failed) reportDirectoryDamage(headers, archive, onDiagnostic);
}

/**
 * Reports bytes that are no zip record and a missing end-of-central-directory record. Entries
 * are read from their local headers, so neither stops reading, but either means the archive was
 * altered or cut short.
 */
function reportDirectoryDamage(headers: ZipHeaderTracker, archive: string, onDiagnostic: (d: Diagnostic) => void): void {
  if (headers.strayOffset !== null) {
    onDiagnostic({
      code: 'corrupt-archive',
      severity: 'warning',
      file: archive,
      offset: headers.strayOffset,
      reason: `Zip archive holds bytes that are no zip record at byte ${headers.strayOffset} (a damaged central directory or entry); the entries were read from their local headers.`,
    });
    return;
  }
  if (!headers.sawEnd) {
    onDiagnostic({
      code: 'corrupt-archive',
      severity: 'warning',
      file: archive,
      reason: headers.sawCentralDirectory
        ? 'Zip archive has no end-of-central-directory record, so it was cut short or altered; the entries were read from their local headers.'
        : 'Zip archive has no central directory, so it was cut short after its last entry or altered; the entries present were read from their local headers.',
    });
  }
}
