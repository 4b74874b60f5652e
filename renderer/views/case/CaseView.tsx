// The case: every annotation, chain and review with merge conflicts to resolve, the settings,
// export of a case file or an HTML report, import of a colleague's case file after verifying
// it, and the analyst-action log.

import { useState } from 'react';
import { PERSONAL_KINDS, type PersonalKind } from '../../../shared/case-file/redact';
import { formatFingerprint } from '../../../shared/case-file/signature';
import { versionsOf } from '../../../shared/case-file/merge';
import { AnnotationItem } from '../../analyst/AnnotationPanel';
import { buildCaseReport } from '../../analyst/case-report';
import { downloadBlob, downloadBytes, exportCase } from '../../analyst/case-export';
import { useAllRecords } from '../../analyst/hooks';
import { getCase, logAction } from '../../analyst/store';
import { desktopBridge } from '../../bridge/desktop';
import { formatTime } from '../../lib/format';
import { CaseImport } from './CaseImport';
import { CaseSettings } from './CaseSettings';
import '../../analyst/analyst.css';

const errorText = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

export function CaseView() {
  const records = useAllRecords();
  if (!records) return <p className="hint">Loading case…</p>;
  const conflicts = [...records.annotations, ...records.chains, ...records.reviews].filter((record) => (record.conflicts?.length ?? 0) > 0).length;
  return (
    <div className="case-view" aria-label="Case">
      <CaseSettings />
      <ExportPanel />
      <CaseImport />
      <section aria-label="Case annotations">
        <h2>
          Annotations ({records.annotations.length}){conflicts > 0 && <span className="failed"> · {conflicts} conflict(s) to resolve</span>}
        </h2>
        <ul className="annotation-list">
          {records.annotations.map((annotation) => (
            <li key={annotation.id} data-annotation-id={annotation.id}>
              <AnnotationItem annotation={annotation} />
              {annotation.session && (
                <a href={`#/session/${encodeURIComponent(annotation.session)}`} className="hint">
                  open session
                </a>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Case chains">
        <h2>Chains ({records.chains.length})</h2>
        <ul className="annotation-list">
          {records.chains.map((chain) => (
            <li key={chain.id} data-chain-id={chain.id}>
              {versionsOf(chain).map((version, index) => (
                <div key={index} className={chain.conflicts ? 'conflict-version' : undefined}>
                  <strong>{version.title}</strong> <span className="hint">by {version.author}, {version.events.length} event(s), {formatTime(version.updatedAt)}</span>
                  <ol className="mono chain-event-ids">
                    {version.events.map((id, at) => (
                      <li key={`${id}-${at}`}>{id}</li>
                    ))}
                  </ol>
                </div>
              ))}
              <a href={`#/session/${encodeURIComponent(chain.session)}`} className="hint">
                open session
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Case reviews">
        <h2>Reviews of causal links ({records.reviews.length})</h2>
        <ul>
          {records.reviews.flatMap((review) =>
            versionsOf(review).map((version, index) => (
              <li key={`${review.id}-${index}`}>
                <strong>{version.verdict}</strong> <span className="mono">{version.link}</span> by {version.author}
                {version.note ? `: ${version.note}` : ''}
              </li>
            )),
          )}
        </ul>
      </section>
      <section aria-label="Received case files">
        <h2>Received case files ({records.received.length})</h2>
        <ul>
          {records.received.map((row) => (
            <li key={row.id}>
              "{row.title}" from {row.examiner}, exported {row.exportedAt}, {row.signer ? <>signed by key <span className="mono">{formatFingerprint(row.signer)}</span></> : 'unsigned'}; {row.findings ? `${row.findings.length} finding(s)` : 'no findings'}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Analyst log">
        <h2>Analyst log ({records.log.length})</h2>
        <table>
          <tbody>
            {records.log.map((entry) => (
              <tr key={entry.id}>
                <td>{formatTime(entry.time)}</td>
                <td>{entry.author}</td>
                <td>{entry.action}</td>
                <td>{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function ExportPanel() {
  const [includeEvidence, setIncludeEvidence] = useState(true);
  const [sign, setSign] = useState(true);
  const [redact, setRedact] = useState(false);
  const [kinds, setKinds] = useState<Set<PersonalKind>>(new Set(['email', 'user-name', 'home-path', 'ip']));
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const run = (label: string, work: () => Promise<string>) => {
    setBusy(label);
    setMessage(null);
    work().then(
      (done) => {
        setBusy(null);
        setMessage(done);
      },
      (failure: unknown) => {
        setBusy(null);
        setMessage(`${label} failed: ${errorText(failure)}`);
      },
    );
  };
  const exportFile = () =>
    run('Export', async () => {
      const title = (document.getElementById('case-title') as HTMLInputElement | null)?.value ?? '';
      const result = await exportCase({ title, includeEvidence, sign, redaction: redact ? { kinds: ['secrets', ...kinds] } : undefined });
      downloadBlob(result.blob, result.fileName);
      return `Exported ${result.fileName} (${result.blob.size} bytes).`;
    });
  const report = () =>
    run('Report', async () => {
      const result = await buildCaseReport();
      downloadBytes(new TextEncoder().encode(result.html), result.fileName, 'text/html');
      return `Saved ${result.fileName}.`;
    });
  // Printing to PDF needs Electron's printToPDF in main, so the button exists only in the desktop app.
  const bridge = desktopBridge();
  const pdf = () =>
    run('PDF', async () => {
      const result = await buildCaseReport(undefined, { record: false });
      const saved = await bridge!.printReportToPdf({ html: result.html, fileName: result.fileName });
      if (!saved.ok) throw new Error(saved.error.message);
      if (saved.value.canceled) return 'Saving the PDF was canceled.';
      await logAction('export', `Saved the PDF report of case "${(await getCase()).title}" to ${saved.value.path}.`);
      return `Saved ${saved.value.path}.`;
    });

  return (
    <section aria-label="Export">
      <h2>Export</h2>
      <label>
        <input type="checkbox" checked={includeEvidence} onChange={() => setIncludeEvidence(!includeEvidence)} /> Include the original evidence
      </label>{' '}
      <label>
        <input type="checkbox" checked={sign} onChange={() => setSign(!sign)} /> Sign with my Ed25519 key
      </label>{' '}
      <label>
        <input type="checkbox" checked={redact} onChange={() => setRedact(!redact)} /> Redact secrets and personal data
      </label>
      {redact && (
        <fieldset>
          <legend>Also replace (secrets are always replaced in a redacted export)</legend>
          {PERSONAL_KINDS.map((item) => (
            <label key={item.kind}>
              <input
                type="checkbox"
                checked={kinds.has(item.kind)}
                onChange={() => {
                  const next = new Set(kinds);
                  if (next.has(item.kind)) next.delete(item.kind);
                  else next.add(item.kind);
                  setKinds(next);
                }}
              />{' '}
              {item.label}
            </label>
          ))}
        </fieldset>
      )}
      <p>
        <button type="button" disabled={busy !== null} onClick={exportFile} data-command="export-case">
          Export case file…
        </button>{' '}
        <button type="button" disabled={busy !== null} onClick={report}>
          Save HTML report…
        </button>
        {bridge && (
          <>
            {' '}
            <button type="button" disabled={busy !== null} onClick={pdf}>
              Save as PDF…
            </button>
          </>
        )}
        {busy && <span className="hint"> {busy} in progress…</span>}
      </p>
      {message && (
        <p role="status" data-testid="export-status">
          {message}
        </p>
      )}
    </section>
  );
}
