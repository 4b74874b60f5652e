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

type SortKey = 'start' | 'id' | 'title' | 'source' | 'toolCalls' | 'denied' | 'errors' | 'cloudCalls' | 'cloudErrors' | 'events';

const COLUMNS: readonly { key: SortKey; label: string; title?: string }[] = [
  { key: 'start', label: 'Start (UTC)' },
  { key: 'id', label: 'Session' },
  { key: 'title', label: 'Title or principal' },
  { key: 'source', label: 'Source' },
  { key: 'toolCalls', label: 'Tool calls', title: 'Tool calls the agents made' },
  { key: 'denied', label: 'Denied', title: 'Tool calls denied by a user, a rule, a hook or a policy' },
  { key: 'errors', label: 'Failed', title: 'Tool calls whose result reported a failure' },
  { key: 'cloudCalls', label: 'Cloud calls', title: 'Cloud API calls and authentications' },
  { key: 'cloudErrors', label: 'Cloud errors', title: 'Cloud calls that returned an error code, such as AccessDenied' },
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

/** Shows a count of denied or failed calls, in the error colour when it is above zero. */
function Count({ value }: { readonly value: number }) {
  return <span className={value > 0 ? 'num failed-count' : 'num'}>{value}</span>;
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
      {/* The header sits inside the scrolling element, sticky at its top, so that a narrow window
          (or 200% zoom) scrolls the header sideways together with the rows. */}
      <div className="table-body" ref={scroller} role="table" aria-label="Sessions table">
        <div className="table-head session-grid" role="row">
          {COLUMNS.map((column) => (
            <button key={column.key} type="button" role="columnheader" title={column.title} aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} onClick={() => setSort({ key: column.key, descending: sort.key === column.key ? !sort.descending : false })}>
              {column.label}
              {sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
            </button>
          ))}
          <span role="columnheader">Agents / modes</span>
        </div>
        <div className="session-rows" role="rowgroup" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <a key={row.id} role="row" className="session-grid session-row" href={`#/session/${encodeURIComponent(row.id)}`} style={{ top: item.start, height: ROW_HEIGHT }} onClick={(click) => { click.preventDefault(); navigate({ view: 'session', id: row.id }); }}>
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
                <Count value={row.denied} />
                <Count value={row.errors} />
                <span className="num">{row.cloudCalls ?? 0}</span>
                <Count value={row.cloudErrors ?? 0} />
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
