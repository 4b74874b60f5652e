// Runs imports one after another in the import worker and exposes their progress to the UI.

import { useCallback, useRef, useState } from 'react';
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
  /** Records a failure that happened before an import could start (a file that could not be read). */
  report(name: string, error: string): void;
  cancel(): void;
  dismiss(): void;
}

function inputName(input: ImportInput): string {
  return input.kind === 'file' ? input.file.name : input.name;
}

export function useImports(): Imports {
  const [active, setActive] = useState<ActiveImport | null>(null);
  const [queued, setQueued] = useState(0);
  const [finished, setFinished] = useState<FinishedImport[]>([]);
  const queue = useRef<ImportInput[]>([]);
  const running = useRef<{ cancel(): void } | null>(null);

  const runNext = useCallback(async () => {
    if (running.current) return;
    const input = queue.current.shift();
    setQueued(queue.current.length);
    if (!input) return;
    const name = inputName(input);
    setActive({ name, progress: null, startedAt: Date.now() });
    const handle = startImport(input, { onProgress: (progress) => setActive({ name, progress, startedAt: Date.now() }) });
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
      queue.current.push(...inputs);
      setQueued(queue.current.length);
      void runNext();
    },
    [runNext],
  );

  const report = useCallback((name: string, error: string) => setFinished((list) => [{ name, outcome: null, error }, ...list].slice(0, 10)), []);
  const cancel = useCallback(() => running.current?.cancel(), []);
  const dismiss = useCallback(() => setFinished([]), []);
  return { active, queued, finished, enqueue, report, cancel, dismiss };
}
