// Streaming zip reader over fflate's Unzip, which follows local file headers and so needs
// neither random access nor an intact central directory: a truncated archive still yields the
// entries before the damage.

import { Unzip, UnzipInflate } from 'fflate';
import type { Diagnostic } from '../model/diagnostics';
import { limitChunkSize } from './bytes';
import type { ArchiveEntry } from './tar';

type QueueItem =
  | { readonly type: 'file'; readonly name: string; readonly storedSize: number | null; readonly fedAtStart: number }
  | { readonly type: 'data'; readonly bytes: Uint8Array; readonly final: boolean }
  | { readonly type: 'error'; readonly message: string };

// Input is fed in slices this large: inflate expands at most about 1,032 times, so one slice
// can produce at most about 66 MB before the ratio check sees it.
const FEED_BYTES = 64 * 1024;

export async function* zipEntries(
  chunks: AsyncIterable<Uint8Array>,
  archive: string,
  onDiagnostic: (d: Diagnostic) => void,
): AsyncGenerator<ArchiveEntry> {
  const queue: QueueItem[] = [];
  const unzip = new Unzip((file) => {
    queue.push({ type: 'file', name: file.name, storedSize: file.size ?? null, fedAtStart: fedBeforePush });
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
  unzip.register(UnzipInflate);
  const input = limitChunkSize(chunks, FEED_BYTES)[Symbol.asyncIterator]();
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

  for (;;) {
    const item = await nextItem();
    if (item === undefined) return;
    if (item.type === 'error') {
      report(`Zip archive could not be read past byte ${fed}: ${item.message}. Entries before it were read.`);
      return;
    }
    if (item.type === 'data') continue;
    if (item.name.endsWith('/')) continue;
    let finished = false;
    const name = item.name;
    async function* body(): AsyncGenerator<Uint8Array> {
      while (!finished) {
        const next = await nextItem();
        if (next === undefined) {
          finished = true;
          report(`Zip archive ends inside entry "${name}"; the part present was read.`);
          return;
        }
        if (next.type === 'file') {
          queue.unshift(next);
          finished = true;
          return;
        }
        if (next.type === 'error') {
          finished = true;
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
    if (!finished) for await (const _ of body()) void _;
  }
}
