// Sessions across all bundles: a sortable, filterable, virtualised table. A row opens the
// session workspace.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useSessions } from '../../data';
import type { SessionRow } from '../../data/types';
import { navigate } from '../../app/route';
import { formatTime } from '../../lib/format';
import { displayText } from '../../lib/SecretText';
import { PARTIAL_TITLE } from './PartialBadge';

type SortKey = 'start' | 'id' | 'title' | 'source' | 'toolCalls' | 'cloudCalls' | 'denied' | 'errors' | 'events';

const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'start', label: 'Start (UTC)' },
  { key: 'id', label: 'Session' },
  { key: 'title', label: 'Title or principal' },
  { key: 'source', label: 'Source' },
  { key: 'toolCalls', label: 'Tool calls' },
  { key: 'cloudCalls', label: 'Cloud calls' },
  { key: 'denied', label: 'Denied' },
  { key: 'errors', label: 'Failed' },
  { key: 'events', label: 'Events' },
];

const ROW_HEIGHT = 34;

/** For sessions without a title (cloud audit sessions): the principal that acted. */
function firstAgent(row: SessionRow): string | undefined {
  return row.principal ?? row.agents.find((agent) => agent.role === 'cloud-principal')?.id;
}

function compare(a: SessionRow, b: SessionRow, key: SortKey): number {
  const x = a[key] ?? '';
  const y = b[key] ?? '';
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

export function SessionsView() {
  const sessions = useSessions();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'start', descending: false });
  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const list = (sessions ?? []).filter((row) => !needle || [row.id, row.source, row.title ?? '', row.principal ?? '', row.cwd ?? '', ...row.permissionModes, ...row.agents.map((agent) => agent.id)].some((text) => text.toLowerCase().includes(needle)));
    list.sort((a, b) => compare(a, b, sort.key) * (sort.descending ? -1 : 1));
    return list;
  }, [sessions, query, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  if (!sessions) return <p className="hint">Loading sessions…</p>;
  if (sessions.length === 0) return <p className="hint">No sessions yet. Import a bundle from the library.</p>;
  return (
    <section className="sessions" aria-label="Sessions">
      <div className="toolbar">
        <input type="search" placeholder="Filter sessions" title="Matches id, source, title, principal, folder or mode" aria-label="Filter sessions" value={query} onChange={(change) => setQuery(change.target.value)} />
        <span className="hint">
          {rows.length} of {sessions.length} sessions
        </span>
      </div>
      <div className="table-head session-grid" role="row">
        {COLUMNS.map((column) => (
          <button key={column.key} type="button" role="columnheader" aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} onClick={() => setSort({ key: column.key, descending: sort.key === column.key ? !sort.descending : false })}>
            {column.label}
            {sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
        <span role="columnheader">Agents / modes</span>
      </div>
      <div className="table-body" ref={scroller} role="rowgroup">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <a key={row.id} role="row" className="session-grid session-row" href={`#/session/${encodeURIComponent(row.id)}`} style={{ position: 'absolute', top: item.start, height: ROW_HEIGHT, left: 0, right: 0 }} onClick={(click) => { click.preventDefault(); navigate({ view: 'session', id: row.id }); }}>
                <span>{formatTime(row.start)}</span>
                <span className="mono">
                  {displayText(row.id, false)}
                  {row.partial && (
                    <span className="badge partial" title={PARTIAL_TITLE}>
                      partial
                    </span>
                  )}
                </span>
                <span className="title" title={displayText(row.title ?? row.principal ?? '', false)}>{displayText(row.title ?? firstAgent(row) ?? '', false)}</span>
                <span>{row.source}</span>
                <span className="num">{row.toolCalls}</span>
                <span className="num">{row.cloudCalls ?? 0}</span>
                <span className="num">{row.denied}</span>
                <span className="num">{row.errors}</span>
                <span className="num">{row.events}</span>
                <span>
                  {row.agents.length} · {row.permissionModes.join(', ') || '—'}
                </span>
              </a>
            );
          })}
        </div>
      </div>
    </section>
  );
}
