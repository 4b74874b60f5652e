// Settings: the analyst name stamped on every record, the case title, and the signing key.

import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatFingerprint } from '../../../shared/case-file/signature';
import { getAnalystDb } from '../../analyst/db';
import { useAnalystName } from '../../analyst/hooks';
import { ensureSigningKey, getSigningKey, keyFingerprint } from '../../analyst/keys';
import { getCase, readCase, setAnalystName, setCase } from '../../analyst/store';

export function CaseSettings() {
  const savedName = useAnalystName();
  const info = useLiveQuery(() => readCase(getAnalystDb()), []);
  const fingerprint = useLiveQuery(async () => {
    const key = await getSigningKey();
    return key ? keyFingerprint(key) : null;
  }, []);
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void getCase();
  }, []);
  useEffect(() => setName(savedName ?? ''), [savedName]);
  useEffect(() => setTitle(info?.title ?? ''), [info?.title]);
  const fail = (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure));

  return (
    <section aria-label="Case settings">
      <h2>Case settings</h2>
      <form
        onSubmit={(submit) => {
          submit.preventDefault();
          setError(null);
          const work = [setAnalystName(name)];
          if (info && title.trim() && title.trim() !== info.title) work.push(setCase({ ...info, title: title.trim() }));
          Promise.all(work).catch(fail);
        }}
      >
        <label>
          Analyst name <input value={name} onChange={(change) => setName(change.target.value)} aria-label="Analyst name setting" />
        </label>{' '}
        <label>
          Case title <input id="case-title" value={title} onChange={(change) => setTitle(change.target.value)} aria-label="Case title" />
        </label>{' '}
        <button type="submit">Save settings</button>
      </form>
      <p className="hint">Case id <span className="mono">{info?.id}</span></p>
      <p>
        Signing key:{' '}
        {fingerprint ? (
          <span className="mono" data-testid="key-fingerprint">
            SHA-256 {formatFingerprint(fingerprint)}
          </span>
        ) : (
          <button type="button" onClick={() => ensureSigningKey().catch(fail)}>
            Create signing key
          </button>
        )}
      </p>
      <p className="hint">Give colleagues this fingerprint through another channel, so they can check who signed a case file.</p>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
