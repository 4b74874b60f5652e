// Every event of the session in order, virtualised so that sessions with many thousands of
// events scroll smoothly. Filtering by kind and text narrows the list.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { AgentEvent, EventKind } from '../../../shared/model/events';
import type { EventId } from '../../../shared/model/ids';
import { formatTime } from '../../lib/format';
import { displayText } from '../../lib/SecretText';

interface EventTableProps {
  readonly events: readonly AgentEvent[];
  readonly onSelect: (id: EventId) => void;
  readonly reveal: boolean;
  readonly selectedId: EventId | null;
}

const ROW_HEIGHT = 26;

export function EventTable({ events, onSelect, reveal, selectedId }: EventTableProps) {
  const [kind, setKind] = useState<EventKind | 'all'>('all');
  const [query, setQuery] = useState('');
  const kinds = useMemo(() => [...new Set(events.map((event) => event.kind))].sort(), [events]);
  const filtered = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return events.filter((event) => (kind === 'all' || event.kind === kind) && (!needle || event.summary.toLowerCase().includes(needle) || (event.tool?.name ?? '').toLowerCase().includes(needle)));
  }, [events, kind, query]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: filtered.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <section className="event-table" aria-label="Events">
      <div className="event-filters">
        <label>
          Kind{' '}
          <select value={kind} onChange={(change) => setKind(change.target.value as EventKind | 'all')}>
            <option value="all">all ({events.length})</option>
            {kinds.map((item) => (
              <option key={item} value={item}>
                {item}
              </option>
            ))}
          </select>
        </label>
        <input type="search" placeholder="Filter events" aria-label="Filter events" value={query} onChange={(change) => setQuery(change.target.value)} />
        <span className="hint">{filtered.length} shown</span>
      </div>
      <div className="event-rows" ref={scroller} role="listbox" aria-label="Event list" tabIndex={0}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((row) => {
            const event = filtered[row.index]!;
            return (
              <div
                key={event.id}
                role="option"
                aria-selected={event.id === selectedId}
                className={`event-row${event.id === selectedId ? ' active' : ''} outcome-${event.outcome ?? 'none'}`}
                style={{ position: 'absolute', top: row.start, height: ROW_HEIGHT, left: 0, right: 0 }}
                onClick={() => onSelect(event.id)}
              >
                <span className="time">{formatTime(event.time?.ms)}</span>
                <span className="agent" title={event.agent}>{event.agent}</span>
                <span className="kind">{event.kind}</span>
                <span className="summary">{displayText(event.summary, reveal)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
