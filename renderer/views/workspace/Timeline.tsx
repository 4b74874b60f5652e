// The timeline below the graph: swimlanes per agent with tool calls as bars, a brush that
// filters the graph to a time range, and a scrubber that replays the session event by event.

import { useEffect, useMemo, useRef } from 'react';
import type { EventId } from '../../../shared/model/ids';
import type { LinkedSession } from '../../../shared/session/link';
import { formatTime, plural } from '../../lib/format';
import { displayText } from '../../lib/SecretText';
import { timelineModel } from '../../timeline/model';
import { createTimelineView, type TimelineView } from '../../timeline/view';

interface TimelineProps {
  readonly session: LinkedSession;
  readonly selectedEvents: ReadonlySet<string>;
  readonly onSelectEvent: (id: EventId) => void;
  readonly onBrush: (range: readonly [number, number] | null) => void;
  /** Index of the scrubbed event in `session.events`, or null when the whole session is shown. */
  readonly scrubIndex: number | null;
  readonly onScrub: (index: number | null) => void;
  readonly reveal: boolean;
}

export function Timeline({ session, selectedEvents, onSelectEvent, onBrush, scrubIndex, onScrub, reveal }: TimelineProps) {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<TimelineView | null>(null);
  const handlers = useRef({ onSelectEvent, onBrush });
  handlers.current = { onSelectEvent, onBrush };
  const model = useMemo(() => timelineModel(session), [session]);

  useEffect(() => {
    const created = createTimelineView(container.current!, {
      onSelectEvent: (id) => handlers.current.onSelectEvent(id),
      onBrush: (range) => handlers.current.onBrush(range),
    });
    view.current = created;
    return () => {
      created.dispose();
      view.current = null;
    };
  }, []);

  useEffect(() => view.current?.update(model), [model]);
  useEffect(() => view.current?.select(selectedEvents), [selectedEvents]);
  const scrubbed = scrubIndex === null ? null : session.events[scrubIndex] ?? null;
  useEffect(() => view.current?.setCursor(scrubbed?.time?.ms ?? null), [scrubbed]);

  const last = Math.max(0, session.events.length - 1);
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-controls">
        <label>
          Replay{' '}
          <input
            type="range"
            aria-label="Replay to event"
            min={0}
            max={last}
            value={scrubIndex ?? last}
            onChange={(change) => onScrub(Number(change.target.value))}
          />
        </label>
        <span className="hint" data-testid="scrub-position">
          {scrubbed ? `event ${scrubIndex! + 1} of ${session.events.length} · ${formatTime(scrubbed.time?.ms)} · ${displayText(scrubbed.summary, reveal).slice(0, 80)}` : `all ${plural(session.events.length, 'event')}`}
        </span>
        {scrubIndex !== null && (
          <button type="button" onClick={() => onScrub(null)}>
            Show all
          </button>
        )}
        <span className="hint">Drag across the lanes to filter the graph to a time range; click to clear.</span>
      </div>
      <div className="timeline-lanes" ref={container} data-testid="timeline" />
    </section>
  );
}
