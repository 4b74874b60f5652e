// Opens a colleague's case file: shows every verified entry and who signed it, rejects a file
// whose check failed (naming the entry), and imports only after the analyst confirms.

import { useState } from 'react';
import { formatFingerprint } from '../../../shared/case-file/signature';
import { checkCaseFile, importCheckedCase, type CaseImportResult, type CheckedCase } from '../../analyst/case-import';

export function CaseImport() {
  const [checked, setChecked] = useState<CheckedCase | null>(null);
  const [fileName, setFileName] = useState('');
  const [progress, setProgress] = useState<string | null>(null);
  const [result, setResult] = useState<CaseImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async (file: File) => {
    setChecked(null);
    setResult(null);
    setError(null);
    setFileName(file.name);
    setProgress('Verifying…');
    try {
      setChecked(await checkCaseFile(file));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
    setProgress(null);
  };
  const run = () => {
    if (!checked) return;
    setProgress('Importing…');
    importCheckedCase(checked, setProgress).then(
      (done) => {
        setResult(done);
        setProgress(null);
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setProgress(null);
      },
    );
  };

  const manifest = checked?.verification.manifest;
  const checkOf = (path: string | null) => checked?.verification.entries.find((entry) => entry.path === path);
  const verified = (path: string | null) => checkOf(path)?.ok === true;
  const signature = checked?.verification.signature;
  return (
    <section aria-label="Import case file">
      <h2>Import a case file</h2>
      <input
        type="file"
        accept=".custody,application/zip"
        data-testid="case-file-input"
        aria-label="Case file"
        onChange={(change) => {
          const file = change.target.files?.[0];
          if (file) void open(file);
          change.target.value = '';
        }}
      />
      {progress && <p className="hint">{progress}</p>}
      {error && <p className="error">{error}</p>}
      {checked && (
        <div data-testid="verification" aria-label="Verification">
          {checked.error ? (
            <p className="failed" role="alert" data-testid="verification-error">
              {fileName} was rejected and nothing was imported. {checked.error}
            </p>
          ) : (
            <p className="verified" data-testid="verification-ok">
              {fileName}: all {checked.verification.entries.length} entries match the manifest's SHA-256 hashes.
              {manifest?.redacted &&
                " The evidence is redacted: each copy's own SHA-256 is verified, and each original's SHA-256 is shown as the exporter recorded it, not verified."}
            </p>
          )}
          {manifest && (
            <p>
              Case "{manifest.case.title}" exported by <strong data-testid="examiner">{manifest.examiner}</strong> on {manifest.exportedAt} with {manifest.app.name} {manifest.app.version}
              {manifest.redacted ? `; redacted (${manifest.redactedKinds.join(', ')})` : ''}.
            </p>
          )}
          <p data-testid="signature-status">
            {signature?.status === 'valid' && (
              <>
                <span className="verified">Signature valid</span> (Ed25519). Signer key SHA-256 <span className="mono">{formatFingerprint(signature.fingerprint)}</span>: compare it with the fingerprint the examiner gave you.
              </>
            )}
            {signature?.status === 'absent' && (
              <span className="warning">Not signed: the hashes show the entries agree with the manifest, not who wrote it. The examiner's name and every author in the records are unverified.</span>
            )}
            {signature?.status === 'invalid' && <span className="failed">Signature invalid: {signature.reason}.</span>}
          </p>
          <table>
            <thead>
              <tr>
                <th>Entry</th>
                <th>Bytes</th>
                <th>SHA-256</th>
                <th>Check</th>
              </tr>
            </thead>
            <tbody>
              {checked.verification.entries.map((entry) => (
                <tr key={entry.path} data-entry={entry.path}>
                  <td className="mono">{entry.path}</td>
                  <td>{entry.actualSize ?? 'missing'}</td>
                  <td className="mono">{entry.expectedSha256}</td>
                  <td className={entry.ok ? 'verified' : 'failed'}>{entry.ok ? 'verified' : 'FAILED'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {checked.contents && checked.contents.bundles.length > 0 && (
            <>
              <h3>Evidence in the case file</h3>
              <ul data-testid="case-evidence">
                {checked.contents.bundles.flatMap((bundle) =>
                  bundle.original
                    ? [
                        <li key={bundle.original.entry}>
                          {bundle.name}: original archive with {bundle.evidence.length} evidence file(s), SHA-256 <span className="mono">{bundle.original.sha256}</span>{' '}
                          <span className="verified">{verified(bundle.original.entry) ? 'verified' : ''}</span>
                        </li>,
                      ]
                    : bundle.evidence.map((item) =>
                        manifest?.redacted ? (
                          <li key={`${bundle.name}/${item.path}`} data-redacted="true">
                            {bundle.name}/{item.path}: redacted copy, SHA-256 <span className="mono">{checkOf(item.entry)?.actualSha256}</span>{' '}
                            <span className="verified">{verified(item.entry) ? 'verified' : ''}</span>; original SHA-256 <span className="mono">{item.sha256}</span>{' '}
                            <span className="warning">as recorded, not verified</span>
                          </li>
                        ) : (
                          <li key={`${bundle.name}/${item.path}`}>
                            {bundle.name}/{item.path}: original SHA-256 <span className="mono">{item.sha256}</span>{' '}
                            <span className="verified">{verified(item.entry) ? 'verified' : ''}</span>
                          </li>
                        ),
                      ),
                )}
              </ul>
            </>
          )}
          {!checked.error && !result && (
            <button type="button" onClick={run} disabled={progress !== null} data-testid="case-import-button">
              Import case
            </button>
          )}
        </div>
      )}
      {result && (
        <div role="status" data-testid="case-import-result">
          {result.failedBundles > 0 && (
            <p className="failed" role="alert" data-testid="case-import-failed">
              The case import is incomplete: {result.failedBundles} bundle(s) failed, and their evidence may differ from what the case file lists. The records were merged, but annotations on their evidence may point at events that are missing.
            </p>
          )}
          <p>
            {result.failedBundles > 0 ? 'Records' : 'Imported'}: {result.added} record(s) added, {result.unchanged} already present, {result.conflicts} conflict(s) to resolve.
          </p>
          <ul>
            {result.bundles.map((bundle) => (
              <li key={bundle.name} className={bundle.status === 'failed' ? 'failed' : undefined}>
                {bundle.name}: {bundle.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
