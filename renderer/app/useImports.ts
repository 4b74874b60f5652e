// Runs imports one after another in the import worker and exposes their progress to the UI.

import { useCallback, useEffect, useRef, useState } from 'react';
import { recoverInterruptedImports } from '../data';
import type { ImportInput } from '../input/collect';
import { startImport, type ImportOutcome, type ImportProgress } from '../import/client';
import { logImport } from '../analyst/log-import';

export interface ActiveImport {
  readonly name: string;
  readonly progress: ImportProgress | null;
  readonly startedAt: number;
}

export interface FinishedImport {
  readonly name: string;
  readonly outcome: ImportOutcome | null;
  readonly error: string | null;
}

export interface Imports {
  readonly active: ActiveImport | null;
  readonly queued: number;
  readonly finished: readonly FinishedImport[];
  enqueue(inputs: readonly ImportInput[]): void;
  /** Queues an import that continues the stored bundle `bundleId` with the same file or folder. */
  resume(bundleId: string, input: ImportInput): void;
  /** Records a failure that happened before an import could start (a file that could not be read). */
  report(name: string, error: string): void;
  cancel(): void;
  dismiss(): void;
}

interface QueuedImport {
  readonly input: ImportInput;
  readonly resumeBundleId?: string;
}

function inputName(input: ImportInput): string {
  return input.kind === 'file' ? input.file.name : input.name;
}

export function useImports(): Imports {
  const [active, setActive] = useState<ActiveImport | null>(null);
  const [queued, setQueued] = useState(0);
  const [finished, setFinished] = useState<FinishedImport[]>([]);
  const queue = useRef<QueuedImport[]>([]);
  const running = useRef<{ cancel(): void } | null>(null);

  const runNext = useCallback(async () => {
    if (running.current) return;
    const next = queue.current.shift();
    setQueued(queue.current.length);
    if (!next) return;
    const { input, resumeBundleId } = next;
    const name = inputName(input);
    setActive({ name, progress: null, startedAt: Date.now() });
    const handle = startImport(input, {
      onProgress: (progress) => setActive({ name, progress, startedAt: Date.now() }),
      ...(resumeBundleId ? { resumeBundleId } : {}),
    });
    running.current = handle;
    let result: FinishedImport;
    try {
      result = { name, outcome: await handle.done, error: null };
    } catch (failure) {
      result = { name, outcome: null, error: failure instanceof Error ? failure.message : String(failure) };
    }
    running.current = null;
    void logImport(result);
    setActive(null);
    setFinished((list) => [result, ...list].slice(0, 10));
    void runNext();
  }, []);

  const enqueue = useCallback(
    (inputs: readonly ImportInput[]) => {
      queue.current.push(...inputs.map((input) => ({ input })));
      setQueued(queue.current.length);
      void runNext();
    },
    [runNext],
  );

  const resume = useCallback(
    (resumeBundleId: string, input: ImportInput) => {
      queue.current.push({ input, resumeBundleId });
      setQueued(queue.current.length);
      void runNext();
    },
    [runNext],
  );

  // Bundles left importing by a page that was closed or reloaded are marked interrupted once,
  // when the application starts, with their counts and sessions rebuilt from what was stored.
  useEffect(() => {
    recoverInterruptedImports().catch((error: unknown) => console.error(`Could not recover interrupted imports: ${error instanceof Error ? error.message : String(error)}`));
  }, []);

  const report = useCallback((name: string, error: string) => setFinished((list) => [{ name, outcome: null, error }, ...list].slice(0, 10)), []);
  const cancel = useCallback(() => running.current?.cancel(), []);
  const dismiss = useCallback(() => setFinished([]), []);
  return { active, queued, finished, enqueue, resume, report, cancel, dismiss };
}
