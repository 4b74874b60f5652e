// The library: imported bundles, their evidence files with hashes, formats, counts and import
// diagnostics. Empty, it is a drop zone with buttons to open a file or a folder.

import { useState } from 'react';
import { DEFAULT_LIMITS } from '../../../shared/io/limits';
import type { Diagnostic } from '../../../shared/model/diagnostics';
import { removeBundle, useBundles, useEvidence } from '../../data';
import type { BundleRow } from '../../data/types';
import { formatBytes, formatCount, formatTime, plural } from '../../lib/format';
import { displayText } from '../../lib/SecretText';

interface LibraryViewProps {
  readonly onOpenFile: () => void;
  readonly onOpenFolder: () => void;
}

export function LibraryView({ onOpenFile, onOpenFolder }: LibraryViewProps) {
  const bundles = useBundles();
  if (!bundles) return <p className="hint">Loading library…</p>;
  return (
    <section className="library" aria-label="Library">
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
        bundles.map((bundle) => <BundleCard key={bundle.id} bundle={bundle} />)
      )}
      <p className="hint limits">
        Archive limits: {formatCount(DEFAULT_LIMITS.maxEntries)} files, {formatBytes(DEFAULT_LIMITS.maxTotalBytes)} expanded, compression ratio {DEFAULT_LIMITS.maxRatio}:1, nesting depth {DEFAULT_LIMITS.maxDepth}, line length {formatBytes(DEFAULT_LIMITS.maxLineBytes)}.
      </p>
    </section>
  );
}

const STATUS_TEXT: Record<BundleRow['status'], string> = {
  importing: 'incomplete (import did not finish)',
  complete: 'complete',
  cancelled: 'cancelled (partial)',
  failed: 'failed (partial)',
};

function BundleCard({ bundle }: { readonly bundle: BundleRow }) {
  const [open, setOpen] = useState(true);
  const [removing, setRemoving] = useState(false);
  const evidence = useEvidence(open ? bundle.id : null);
  return (
    <article className={`bundle status-${bundle.status}`} aria-label={`Bundle ${bundle.name}`}>
      <header>
        <button type="button" className="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'}
        </button>
        <h2 className="mono">{displayText(bundle.name, true)}</h2>
        <span className="badge">{bundle.kind}</span>
        <span className={`badge status`}>{STATUS_TEXT[bundle.status]}</span>
        <span className="hint">
          {formatBytes(bundle.size)} · {plural(bundle.files, 'file')} · {plural(bundle.records, 'record')} · {plural(bundle.events, 'event')} stored (copies such as sub-agent messages mirrored into the parent transcript are counted once in sessions) · {plural(bundle.sessions.length, 'session')} · imported {formatTime(bundle.startedAt)}
        </span>
        <button
          type="button"
          disabled={removing}
          onClick={() => {
            setRemoving(true);
            void removeBundle(bundle.id).finally(() => setRemoving(false));
          }}
        >
          Remove
        </button>
      </header>
      <p className="mono sha">SHA-256 {bundle.sha256 ?? 'not computed (import incomplete)'}</p>
      {bundle.error && <p className="error">{bundle.error}</p>}
      {bundle.diagnostics.length > 0 && (
        <div className="bundle-diagnostics">
          Bundle diagnostics: <DiagnosticList diagnostics={bundle.diagnostics} />
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
              <tr key={file.key}>
                <td className="mono">{displayText(file.path, true)}</td>
                <td>
                  {file.format ?? 'unrecognised'}
                  {file.formatVersion ? ` ${file.formatVersion}` : ''}
                </td>
                <td className="num">{formatCount(file.records)}</td>
                <td className="num">{formatCount(file.events)}</td>
                <td className="num">{formatBytes(file.size)}</td>
                <td className="mono sha">{file.sha256}</td>
                <td>
                  <DiagnosticList diagnostics={file.diagnostics} dropped={file.diagnosticsDropped} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function DiagnosticList({ diagnostics, dropped = 0 }: { readonly diagnostics: readonly Diagnostic[]; readonly dropped?: number }) {
  if (diagnostics.length === 0) return dropped > 0 ? <span>{dropped} not listed</span> : <span className="hint">none</span>;
  return (
    <ul className="diagnostics">
      {diagnostics.map((d, index) => (
        <li key={index} className={`severity-${d.severity}`}>
          <span className="mono">{displayText(d.file, true)}</span>
          {d.line !== undefined ? ` line ${d.line}` : ''}
          {d.offset !== undefined ? ` byte ${d.offset}` : ''}: {displayText(d.reason, false)}
        </li>
      ))}
      {dropped > 0 && <li>{dropped} more not listed</li>}
    </ul>
  );
}
