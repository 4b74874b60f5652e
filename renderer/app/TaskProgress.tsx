// Progress of a long task with the time remaining, for case export and import, reports and any
// other task that reports done and total units. The estimate is the average rate so far.

import { formatDuration } from '../lib/format';

export interface TaskProgressProps {
  readonly label: string;
  readonly done: number;
  /** Null while the total is unknown; the bar then shows activity without a fraction. */
  readonly total: number | null;
  /** Date.now() when the task started. */
  readonly startedAt: number;
  /** Formats done and total for display, for example as bytes; plain numbers by default. */
  readonly format?: (units: number) => string;
  readonly onCancel?: () => void;
}

/** Milliseconds left at the average rate so far; NaN until there is a rate to go by. */
export function remainingMs(done: number, total: number | null, elapsedMs: number): number {
  if (total === null || done <= 0 || elapsedMs <= 0 || done >= total) return NaN;
  return ((total - done) / done) * elapsedMs;
}

export function TaskProgress({ label, done, total, startedAt, format = String, onCancel }: TaskProgressProps) {
  const left = remainingMs(done, total, Date.now() - startedAt);
  return (
    <div className="task-progress" role="status" aria-live="polite">
      <span>{label}</span>
      {total === null ? <progress aria-label={label} /> : <progress aria-label={label} max={Math.max(total, 1)} value={Math.min(done, total)} />}
      <span className="hint">
        {format(done)}
        {total !== null && ` of ${format(total)}`}
        {!Number.isNaN(left) && ` · ${formatDuration(left)} left`}
      </span>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
