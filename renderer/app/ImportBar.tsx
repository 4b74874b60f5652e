// Progress of the running import: bytes, records, rate, time remaining, and a cancel button.

import type { Imports } from './useImports';
import { formatBytes, formatCount, formatDuration } from '../lib/format';
import { displayText } from '../lib/SecretText';

export function ImportBar({ imports }: { readonly imports: Imports }) {
  const { active, queued, finished } = imports;
  if (!active && finished.length === 0) return null;
  return (
    <div className="import-bar" role="status" aria-live="polite">
      {active && <ActiveProgress imports={imports} />}
      {queued > 0 && <span className="hint">{queued} more queued</span>}
      {!active && finished.length > 0 && (
        <div className="import-results">
          <ul>
            {finished.map((item, index) => (
              <li key={index} className={item.error ? 'error' : ''}>
                {displayText(item.name, false)}: {item.error ?? describeOutcome(item.outcome)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={imports.dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

function ActiveProgress({ imports }: { readonly imports: Imports }) {
  const active = imports.active!;
  const progress = active.progress;
  const total = progress?.totalBytes ?? 0;
  const done = progress?.bytesRead ?? 0;
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const rate = progress?.bytesPerSecond ?? 0;
  const remaining = rate > 0 && total > done ? ((total - done) / rate) * 1000 : NaN;
  return (
    <div className="import-active">
      <span>Importing {displayText(active.name, false)}</span>
      <progress max={1} value={fraction} aria-label="Import progress" />
      <span className="hint" data-testid="import-progress">
        {formatBytes(done)} of {formatBytes(total)} · {formatCount(progress?.records ?? 0)} records · {formatCount(progress?.events ?? 0)} events · {(rate / 1024 / 1024).toFixed(1)} MB/s · {formatCount(Math.round(progress?.recordsPerSecond ?? 0))} records/s · {Number.isNaN(remaining) ? '' : `${formatDuration(remaining)} left`}
      </span>
      {progress?.currentFile && <span className="hint mono">{displayText(progress.currentFile, false)}</span>}
      {total > 0 && done >= total && <span className="hint">All bytes read; storing the last events and summarising the sessions…</span>}
      <button type="button" onClick={imports.cancel}>
        Cancel
      </button>
    </div>
  );
}

function describeOutcome(outcome: unknown): string {
  if (!outcome || typeof outcome !== 'object') return 'finished';
  const record = outcome as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message;
  if (typeof record.status === 'string') return record.status;
  return 'finished';
}
