// Findings across every imported session, most severe first, and the rule files the analyst
// added. Sessions are loaded and linked on demand and cached per session until their stored
// summary changes; nothing new is written to IndexedDB.

import { useEffect, useMemo, useState } from 'react';
import { analyseCase } from '../../../shared/case/analyse';
import { asSessionId, type EventId } from '../../../shared/model/ids';
import { BUILTIN_RULES, compareFindings, findingsOf, SEVERITIES, type Finding, type Severity } from '../../../shared/rules';
import { linkSession, type LinkedSession } from '../../../shared/session/link';
import { loadSessionEvents, useSessions, type SessionRow } from '../../data';
import { FindingList } from './FindingList';
import { addRuleFile, removeRuleFile, useRuleSet } from './rule-files';
import { openSessionEvent } from './selection';
import { plural } from '../../lib/format';
import './findings.css';

/**
 * Linked sessions by id, with the stored summary they were built from.
 * NOTE: the cache keeps every stored session's events for the page's lifetime, so the page's heap
 * grows with the library, as in collectFindings of renderer/analyst/case-export.ts.
 */
const linkedCache = new Map<string, { key: string; session: LinkedSession }>();

function rowKey(row: SessionRow): string {
  return `${row.events}|${row.start ?? ''}|${row.end ?? ''}|${row.bundles.join(',')}`;
}

async function loadLinked(rows: readonly SessionRow[]): Promise<LinkedSession[]> {
  const out: LinkedSession[] = [];
  for (const row of rows) {
    const key = rowKey(row);
    const cached = linkedCache.get(row.id);
    if (cached && cached.key === key) {
      out.push(cached.session);
      continue;
    }
    const session = linkSession(asSessionId(row.id), await loadSessionEvents(asSessionId(row.id)));
    linkedCache.set(row.id, { key, session });
    out.push(session);
  }
  for (const id of [...linkedCache.keys()]) if (!rows.some((row) => row.id === id)) linkedCache.delete(id);
  return out;
}

export function FindingsView() {
  const rows = useSessions();
  const ruleSet = useRuleSet();
  const [sessions, setSessions] = useState<LinkedSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [minimum, setMinimum] = useState<Severity>('low');
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (!rows) return;
    let live = true;
    setError(null);
    loadLinked(rows).then(
      (loaded) => live && setSessions(loaded),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [rows]);

  const run = useMemo(() => {
    if (!sessions) return null;
    const links = analyseCase(sessions);
    return findingsOf(sessions, links, ruleSet.rules);
  }, [sessions, ruleSet]);

  const shown = useMemo(() => {
    if (!run) return [];
    const rank = SEVERITIES.indexOf(minimum);
    const needle = query.trim().toLowerCase();
    return run.findings
      .filter((finding) => SEVERITIES.indexOf(finding.severity) <= rank)
      .filter((finding: Finding) => !needle || [finding.rule, finding.title, finding.summary, finding.session].some((text) => text.toLowerCase().includes(needle)))
      .sort(compareFindings);
  }, [run, minimum, query]);

  const counts = useMemo(() => {
    const byLevel = new Map<Severity, number>();
    for (const finding of run?.findings ?? []) byLevel.set(finding.severity, (byLevel.get(finding.severity) ?? 0) + 1);
    return byLevel;
  }, [run]);

  const addFiles = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) addRuleFile({ name: file.name, text: await file.text() });
  };

  return (
    <section className="findings-view" aria-label="Findings">
      <div className="toolbar">
        <label>
          Show{' '}
          <select aria-label="Minimum severity" value={minimum} onChange={(change) => setMinimum(change.target.value as Severity)}>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity} and above
              </option>
            ))}
          </select>
        </label>
        <input type="search" placeholder="Filter by rule, title, summary or session" aria-label="Filter findings" value={query} onChange={(change) => setQuery(change.target.value)} />
        <span className="hint">
          {SEVERITIES.map((severity) => `${counts.get(severity) ?? 0} ${severity}`).join(' · ')}
        </span>
      </div>
      {error && <p className="error">Sessions could not be loaded: {error}</p>}
      {run?.diagnostics.map((item) => (
        <p key={item.rule} className="error">
          {item.message}
        </p>
      ))}
      {!rows || (!sessions && !error) ? (
        <p className="hint">Running the rules over {rows?.length ?? 0} sessions…</p>
      ) : rows.length === 0 ? (
        <p className="hint">No sessions yet. Import a bundle from the library.</p>
      ) : shown.length === 0 ? (
        <p className="hint">No findings at this severity.</p>
      ) : (
        <FindingList findings={shown} onOpenEvent={(session: string, event: EventId) => openSessionEvent(session, event)} showSession />
      )}
      <details className="rule-files">
        <summary>
          Rules: {BUILTIN_RULES.length} built in, {ruleSet.rules.length} from {plural(ruleSet.files.length, 'file')}
        </summary>
        <label className="button">
          Add rule file…
          <input type="file" accept=".json,.yaml,.yml" multiple hidden data-testid="rule-file-input" onChange={(change) => { void addFiles(change.target.files); change.target.value = ''; }} />
        </label>
        <ul>
          {ruleSet.files.map((file) => (
            <li key={file.name}>
              <span className="mono">{file.name}</span>: {plural(file.rules.length, 'rule')}{' '}
              <button type="button" onClick={() => removeRuleFile(file.name)}>
                Remove
              </button>
              {file.diagnostics.length > 0 && (
                <ul className="rule-diagnostics">
                  {file.diagnostics.map((item, index) => (
                    <li key={index} className={item.severity}>
                      {item.path ? <code>{item.path}</code> : null} {item.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        <table className="rule-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Severity</th>
              <th>Maps to</th>
            </tr>
          </thead>
          <tbody>
            {[...BUILTIN_RULES, ...ruleSet.rules].map((rule) => (
              <tr key={rule.id} title={rule.explanation}>
                <td>
                  {rule.title} <span className="mono hint">{rule.id}</span>
                </td>
                <td>{rule.severity}</td>
                <td>{rule.standards.map((standard) => `${standard.id} ${standard.name}`).join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
