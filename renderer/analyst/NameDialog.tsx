// Asks for the analyst's name once, before the first note is saved. Every record and log entry
// carries this name as its author; it can be changed later in the case settings. The dialog is
// opened from inside editor forms, so it uses no form of its own: a nested form would submit
// the editor too.

import { useState } from 'react';
import { createPortal } from 'react-dom';
import { setAnalystName } from './store';

interface NameDialogProps {
  readonly onDone: (saved: boolean) => void;
}

export function NameDialog({ onDone }: NameDialogProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    setAnalystName(name).then(
      () => onDone(true),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  return createPortal(
    <div className="analyst-dialog" role="dialog" aria-modal="true" aria-label="Analyst name">
      <div className="analyst-dialog-box">
        <h3>Who is annotating?</h3>
        <p className="hint">Your name is stored with every note, chain and review, and in case files you export.</p>
        <label>
          Analyst name{' '}
          <input
            autoFocus
            value={name}
            onChange={(change) => setName(change.target.value)}
            onKeyDown={(key) => {
              if (key.key !== 'Enter') return;
              key.preventDefault();
              save();
            }}
            aria-label="Analyst name"
          />
        </label>
        {error && <p className="error">{error}</p>}
        <p>
          <button type="button" onClick={save}>
            Save name
          </button>{' '}
          <button type="button" onClick={() => onDone(false)}>
            Cancel
          </button>
        </p>
      </div>
    </div>,
    document.body,
  );
}
