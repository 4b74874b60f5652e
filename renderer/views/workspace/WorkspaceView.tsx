// The session workspace: the authority graph in the centre, the inspector beside it and the
// session's events below.

import { useEffect, useMemo, useState } from 'react';
import { analyseCase } from '../../../shared/case/analyse';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import type { GraphNode } from '../../../shared/graph/types';
import { asSessionId, type EventId } from '../../../shared/model/ids';
import { linkSession } from '../../../shared/session/link';
import { summarizeSession } from '../../../shared/session/summary';
import type { AgentEvent } from '../../../shared/model/events';
import { loadSessionEvents, relatedSessionIds } from '../../data';
import { formatTime } from '../../lib/format';
import { displayText } from '../../lib/SecretText';
import { EventTable } from './EventTable';
import { GraphPanel } from './GraphPanel';
import { Inspector } from './Inspector';
import { Legend } from './Legend';

interface WorkspaceViewProps {
  readonly sessionId: string;
}

export function WorkspaceView({ sessionId }: WorkspaceViewProps) {
  const [events, setEvents] = useState<AgentEvent[] | null>(null);
  const [related, setRelated] = useState<AgentEvent[][]>([]);
  const [error, setError] = useState<string | null>(null);
  const [node, setNode] = useState<GraphNode | null>(null);
  const [eventId, setEventId] = useState<EventId | null>(null);
  const [reveal, setReveal] = useState(false);

  useEffect(() => {
    let live = true;
    setEvents(null);
    setError(null);
    setRelated([]);
    const id = asSessionId(sessionId);
    const fail = (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure));
    loadSessionEvents(id).then((loaded) => live && setEvents(loaded), fail);
    relatedSessionIds(id)
      .then((ids) => Promise.all(ids.map((other) => loadSessionEvents(other))))
      .then((loaded) => live && setRelated(loaded), fail);
    return () => {
      live = false;
    };
  }, [sessionId]);

  const model = useMemo(() => {
    if (!events) return null;
    const session = linkSession(asSessionId(sessionId), events);
    const summary = summarizeSession(session);
    const others = related.filter((list) => list.length > 0).map((list) => linkSession(list[0]!.session, list));
    const links = analyseCase([session, ...others]);
    const byId = new Map(others.flatMap((other) => [...other.byId]));
    for (const [id, event] of session.byId) byId.set(id, event);
    return { session, summary, links, byId, graph: buildAuthorityGraph(session, summary, { links, events: byId }) };
  }, [events, related, sessionId]);

  if (error) return <p className="error">Session {sessionId} could not be loaded: {error}</p>;
  if (!model) return <p className="hint">Loading session {sessionId}…</p>;
  const { session, summary, graph, links, byId } = model;
  const selectNode = (selected: GraphNode | null) => {
    setNode(selected);
    setEventId(selected?.events[0] ?? null);
  };
  return (
    <div className="workspace">
      <header className="workspace-head">
        <h1 className="mono">{displayText(summary.id, true)}</h1>
        <p>
          {summary.source} · {formatTime(summary.start)} to {formatTime(summary.end)} · {summary.toolCalls} tool calls ({summary.denied} denied, {summary.errors} failed) · {summary.agents.length} agent(s) · mode {summary.permissionModes.join(', ') || 'not recorded'}
        </p>
        <Legend />
      </header>
      <div className="workspace-main">
        <GraphPanel graph={graph} onSelect={selectNode} selectedId={node?.id ?? null} />
        <Inspector causes={links.causes} eventId={eventId} events={byId} node={node} onSelectEvent={setEventId} onToggleReveal={() => setReveal(!reveal)} reveal={reveal} session={session} />
      </div>
      <EventTable events={session.events} onSelect={(id) => { setNode(null); setEventId(id); }} reveal={reveal} selectedId={eventId} />
    </div>
  );
}
