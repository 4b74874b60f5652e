// The library: imported bundles, their evidence files with hashes, formats, counts and import
// diagnostics. Empty, it is a drop zone with buttons to open a file or a folder. A bundle whose
// import did not finish can be resumed or removed.

import { useState } from 'react';
import { DEFAULT_LIMITS } from '../../../shared/io/limits';
import type { Diagnostic } from '../../../shared/model/diagnostics';
import { removeBundle, useBundles, useEvidence, type CustodyDb } from '../../data';
import type { BundleRow, EvidenceRow } from '../../data/types';
import { formatBytes, formatCount, formatTime, plural } from '../../lib/format';
import { displayText } from '../../lib/SecretText';
import { RecentList } from '../../app/RecentList';

interface LibraryViewProps {
  readonly onOpenFile: () => void;
  readonly onOpenFolder: () => void;
  /** Asks for the bundle's file or folder again and continues its import. */
  readonly onResume: (bundle: BundleRow) => void;
  /** The database to show; the application's own by default. */
  readonly db?: CustodyDb;
}

export function LibraryView({ onOpenFile, onOpenFolder, onResume, db }: LibraryViewProps) {
  const bundles = useBundles(db);
  // File names come from the evidence and may hold a key, so they are masked like evidence text.
  const [reveal, setReveal] = useState(false);
  if (!bundles) return <p className="hint">Loading library…</p>;
  return (
    <section className="library" aria-label="Library">
      <RecentList />
      {bundles.length > 0 && (
        <label className="reveal-names">
          <input type="checkbox" checked={reveal} onChange={() => setReveal(!reveal)} /> Reveal secrets in file names and diagnostics
        </label>
      )}
      {bundles.length === 0 ? (
        <div className="empty-drop">
          <h1>Drop an audit bundle here</h1>
          <p>Folders, .zip, .tar, .tar.gz, .gz, .jsonl and .json files. Evidence stays on this machine.</p>
          <p>
            <button type="button" onClick={onOpenFile}>
              Open file…
            </button>{' '}
            <button type="button" onClick={onOpenFolder}>
              Open folder…
            </button>
          </p>
        </div>
      ) : (
        bundles.map((bundle) => <BundleCard key={bundle.id} bundle={bundle} reveal={reveal} onResume={onResume} db={db} />)
      )}
      <p className="hint limits">
        Archive limits: {formatCount(DEFAULT_LIMITS.maxEntries)} files, {formatBytes(DEFAULT_LIMITS.maxTotalBytes)} expanded, compression ratio {DEFAULT_LIMITS.maxRatio}:1, nesting depth {DEFAULT_LIMITS.maxDepth}, line length {formatBytes(DEFAULT_LIMITS.maxLineBytes)}.
      </p>
    </section>
  );
}

const STATUS_TEXT: Record<BundleRow['status'], string> = {
  importing: 'importing',
  complete: 'complete',
  cancelled: 'cancelled (partial)',
  failed: 'failed (partial)',
  interrupted: 'interrupted (partial)',
};

function bundleSha256(bundle: BundleRow): string {
  if (bundle.sha256) return bundle.sha256;
  if (bundle.kind === 'folder') return 'not computed (computed from the file hashes once the whole folder is imported)';
  return 'not computed yet';
}

interface BundleCardProps {
  readonly bundle: BundleRow;
  readonly reveal: boolean;
  readonly onResume: (bundle: BundleRow) => void;
  readonly db?: CustodyDb | undefined;
}

function BundleCard({ bundle, reveal, onResume, db }: BundleCardProps) {
  const [open, setOpen] = useState(true);
  const [removing, setRemoving] = useState(false);
  const evidence = useEvidence(open ? bundle.id : null, db);
  const partlyRead = evidence?.filter((file) => !file.complete).length ?? 0;
  const cutShort = evidence?.filter((file) => file.complete && file.cutShort).length ?? 0;
  const resumable = bundle.status === 'cancelled' || bundle.status === 'failed' || bundle.status === 'interrupted';
  return (
    <article className={`bundle status-${bundle.status}`} aria-label={`Bundle ${displayText(bundle.name, reveal)}`}>
      <header>
        <button type="button" className="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'}
        </button>
        <h2 className="mono">{displayText(bundle.name, reveal)}</h2>
        <span className="badge">{bundle.kind}</span>
        <span className={`badge status`}>{STATUS_TEXT[bundle.status]}</span>
        <span className="hint">
          {formatBytes(bundle.size)} · {plural(bundle.files, 'file')}{partlyRead > 0 ? ` and ${partlyRead} partly read` : ''}{cutShort > 0 ? ` (${cutShort} cut short by damage or a limit; see the diagnostics)` : ''} · {plural(bundle.records, 'record')} · {plural(bundle.events, 'event')} stored (copies such as sub-agent messages mirrored into the parent transcript are counted once in sessions) · {plural(bundle.sessions.length, 'session')} · imported {formatTime(bundle.startedAt)}
        </span>
        {resumable && (
          <button type="button" disabled={removing} title="Pick the same file or folder again. It is checked against the stored name, size and SHA-256 before the import continues." onClick={() => onResume(bundle)}>
            Resume
          </button>
        )}
        <button
          type="button"
          disabled={removing}
          onClick={() => {
            setRemoving(true);
            void removeBundle(bundle.id, db).finally(() => setRemoving(false));
          }}
        >
          Remove
        </button>
      </header>
      <p className="mono sha">SHA-256 {bundleSha256(bundle)}</p>
      {bundle.error && <p className="error">{bundle.error}</p>}
      {bundle.diagnostics.length > 0 && (
        <div className="bundle-diagnostics">
          Bundle diagnostics: <DiagnosticList diagnostics={bundle.diagnostics} reveal={reveal} />
        </div>
      )}
      {open && evidence && (
        <table className="evidence">
          <thead>
            <tr>
              <th>File</th>
              <th>Format</th>
              <th>Records</th>
              <th>Events</th>
              <th>Size</th>
              <th>SHA-256</th>
              <th>Diagnostics</th>
            </tr>
          </thead>
          <tbody>
            {evidence.map((file) => (
              <tr key={file.key} className={file.complete ? undefined : 'partial'}>
                <td className="mono">{displayText(file.path, reveal)}</td>
                <td>
                  {file.format ?? (file.complete ? 'unrecognised' : 'not detected')}
                  {file.formatVersion ? ` ${file.formatVersion}` : ''}
                  {file.complete && !file.cutShort ? '' : ' · partial'}
                </td>
                <td className="num">{formatCount(file.records)}</td>
                <td className="num">{formatCount(file.events)}</td>
                <td className="num">{formatBytes(file.size)}</td>
                <td className="mono sha">{evidenceSha256(file)}</td>
                <td>
                  <DiagnosticList diagnostics={file.diagnostics} dropped={file.diagnosticsDropped} reveal={reveal} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function evidenceSha256(file: EvidenceRow): string {
  if (file.complete && file.cutShort) return `${file.sha256} (partial: of the first ${formatBytes(file.size)}, where reading stopped; see the diagnostics)`;
  if (file.complete) return file.sha256;
  if (file.sha256) return `${file.sha256} (of the ${formatBytes(file.size)} read before the import stopped)`;
  return 'not computed (file partly read)';
}

function DiagnosticList({ diagnostics, dropped = 0, reveal }: { readonly diagnostics: readonly Diagnostic[]; readonly dropped?: number; readonly reveal: boolean }) {
  if (diagnostics.length === 0) return dropped > 0 ? <span>{dropped} not listed</span> : <span className="hint">none</span>;
  return (
    <ul className="diagnostics">
      {diagnostics.map((d, index) => (
        <li key={index} className={`severity-${d.severity}`}>
          <span className="mono">{displayText(d.file, reveal)}</span>
          {d.line !== undefined ? ` line ${d.line}` : ''}
          {d.offset !== undefined ? ` byte ${d.offset}` : ''}: {displayText(d.reason, reveal)}
        </li>
      ))}
      {dropped > 0 && <li>{dropped} more not listed</li>}
    </ul>
  );
}
