// Analysts' reviews of one causal link, shown beside the link in the inspector, with buttons to
// confirm or reject it.

import { useState } from 'react';
import { versionsOf } from '../../shared/case-file/merge';
import { formatTime } from '../lib/format';
import { useAnalystName, useReviews } from './hooks';
import { NameDialog } from './NameDialog';
import { resolveConflict, saveReview } from './store';
import type { ReviewVerdict } from '../../shared/case-file/types';
import './analyst.css';

export function LinkReview({ link }: { readonly link: string }) {
  const reviews = useReviews(link);
  const name = useAnalystName();
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<ReviewVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const record = (verdict: ReviewVerdict) =>
    saveReview(link, verdict, note).then(
      () => setNote(''),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  const review = (verdict: ReviewVerdict) => {
    if (name) void record(verdict);
    else setPending(verdict);
  };
  return (
    <div className="link-review" aria-label="Link review" role="group">
      <ul>
        {reviews?.map((item) =>
          versionsOf(item).map((version, index, all) => (
            <li key={`${item.id}-${index}`} className={`review review-${version.verdict}`}>
              <strong>{version.verdict}</strong> by {version.author} · {formatTime(version.updatedAt)}
              {version.note ? `: ${version.note}` : ''}
              {all.length > 1 && (
                <button type="button" onClick={() => void resolveConflict('reviews', item.id, index)}>
                  Keep this version
                </button>
              )}
            </li>
          )),
        )}
      </ul>
      <input value={note} onChange={(change) => setNote(change.target.value)} placeholder="Review note (optional)" aria-label="Review note" />{' '}
      <button type="button" onClick={() => review('confirmed')}>
        Confirm link
      </button>{' '}
      <button type="button" onClick={() => review('rejected')}>
        Reject link
      </button>
      {error && <p className="error">{error}</p>}
      {pending && (
        <NameDialog
          onDone={(saved) => {
            const verdict = pending;
            setPending(null);
            if (saved) void record(verdict);
          }}
        />
      )}
    </div>
  );
}
