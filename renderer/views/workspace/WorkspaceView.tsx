// The session workspace: the authority graph in the centre, the inspector beside it and the
// session's events below.

import { Splitter } from '../../app/Splitter';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { analyseCase } from '../../../shared/case/analyse';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import { ChainIndex, custodyChain } from '../../../shared/graph/chain';
import type { GraphEdge, GraphNode } from '../../../shared/graph/types';
import { asSessionId, type EventId } from '../../../shared/model/ids';
import { effectiveAuthority } from '../../../shared/session/authority';
import { linkSession } from '../../../shared/session/link';
import { summarizeSession } from '../../../shared/session/summary';
import type { AgentEvent } from '../../../shared/model/events';
import { loadSessionEvents, useRelatedSessionIds, useSessionVersion } from '../../data';
import { formatTime } from '../../lib/format';
import { displayText } from '../../lib/SecretText';
import { ChainTools } from '../../analyst/ChainTools';
import { chainGraphIds } from '../../analyst/highlight';
import { AuthorityPanel } from './AuthorityPanel';
import { ChainView } from './ChainView';
import { FindingsPanel } from '../findings/FindingsPanel';
import { EventTable } from './EventTable';
import { GraphPanel } from './GraphPanel';
import { Inspector } from './Inspector';
import { Legend } from './Legend';
import { Timeline } from './Timeline';
import { PartialBadge } from '../sessions/PartialBadge';
import { sessionFacts } from '../sessions/session-facts';

function errorText(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

interface WorkspaceViewProps {
  readonly sessionId: string;
}

export function WorkspaceView({ sessionId }: WorkspaceViewProps) {
  const [events, setEvents] = useState<AgentEvent[] | null>(null);
  const [related, setRelated] = useState<AgentEvent[][]>([]);
  const [error, setError] = useState<string | null>(null);
  const [node, setNode] = useState<GraphNode | null>(null);
  const [edge, setEdge] = useState<GraphEdge | null>(null);
  const [eventId, setEventId] = useState<EventId | null>(null);
  const [reveal, setReveal] = useState(false);
  const [scrubIndex, setScrubIndex] = useState<number | null>(null);
  const [timeRange, setTimeRange] = useState<readonly [number, number] | null>(null);
  // The events of the chain that the chain tools highlight.
  const [analystEvents, setAnalystEvents] = useState<readonly string[]>([]);
  // The panels below the graph render after its first drawing, so a large session shows its graph
  // without waiting for the findings rules and the event list.
  const [graphReady, setGraphReady] = useState(false);

  const id = useMemo(() => asSessionId(sessionId), [sessionId]);
  // Both values follow the database, so a session opened while an import still runs is reloaded
  // when its own events or a session sharing one of its credentials are stored.
  const version = useSessionVersion(id);
  const relatedIds = useRelatedSessionIds(id);

  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    setError(null);
    setGraphReady(false);
    loadSessionEvents(id).then(
      (loaded) => {
        performance.mark('custody-events-loaded');
        if (live) setEvents(loaded);
      },
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  useEffect(() => {
    setRelated([]);
    if (!relatedIds || relatedIds.length === 0) return;
    let live = true;
    Promise.all(relatedIds.map((other) => loadSessionEvents(other))).then(
      (loaded) => live && setRelated(loaded),
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [relatedIds]);

  const model = useMemo(() => {
    if (!events) return null;
    const session = linkSession(asSessionId(sessionId), events);
    const summary = summarizeSession(session);
    const others = related.filter((list) => list.length > 0).map((list) => linkSession(list[0]!.session, list));
    const links = analyseCase([session, ...others]);
    const byId = new Map(others.flatMap((other) => [...other.byId]));
    for (const [id, event] of session.byId) byId.set(id, event);
    const graph = buildAuthorityGraph(session, summary, { links, events: byId });
    performance.mark('custody-model-built');
    // The chain index is built on the first selection, so opening a large session does not wait for it.
    let chains: ChainIndex | null = null;
    const chainIndex = () => (chains ??= new ChainIndex(graph));
    return { session, summary, links, byId, graph, chainIndex, callNodes: callNodeIndex(graph.nodes) };
  }, [events, related, sessionId]);
  const byId = model?.byId;
  const eventTime = useCallback((id: string) => byId?.get(id as EventId)?.time?.ms ?? null, [byId]);
  const chain = useMemo(() => (model && node ? custodyChain(model.graph, model.session, node.id, model.chainIndex()) : null), [model, node]);
  const authority = useMemo(() => (model && scrubIndex !== null ? effectiveAuthority(model.session, scrubIndex) : null), [model, scrubIndex]);
  const selectedEvents = useMemo<ReadonlySet<string>>(() => {
    if (node) return new Set(node.events);
    if (edge) return new Set(edge.events);
    return new Set(eventId ? [eventId] : []);
  }, [node, edge, eventId]);
  const chainIds = useMemo<ReadonlySet<string>>(() => new Set(chain ? [...chain.nodes, ...chain.edges] : []), [chain]);
  const highlightAnalystChain = useCallback((next: readonly string[]) => setAnalystEvents((current) => (current.join('|') === next.join('|') ? current : next)), []);
  const analystChainIds = useMemo<ReadonlySet<string>>(() => {
    if (!model || analystEvents.length === 0) return new Set();
    const ids = chainGraphIds(model.graph, analystEvents);
    return new Set([...ids.nodes, ...ids.edges]);
  }, [model, analystEvents]);

  if (error) return <p className="error">Session {sessionId} could not be loaded: {error}</p>;
  if (!model) return <p className="hint">Loading session {sessionId}…</p>;
  const { session, summary, graph, links, callNodes } = model;
  const selectNode = (selected: GraphNode | null) => {
    setNode(selected);
    setEdge(null);
    setEventId(selected?.events[0] ?? null);
  };
  const selectEdge = (selected: GraphEdge) => {
    setNode(null);
    setEdge(selected);
    setEventId(selected.events[0] ?? null);
  };
  const selectCall = (id: EventId) => {
    setNode(callNodes.get(id) ?? null);
    setEdge(null);
    setEventId(id);
  };
  const selectEvent = (id: EventId) => {
    setNode(null);
    setEdge(null);
    setEventId(id);
  };
  const scrubTime = scrubIndex === null ? null : session.events[scrubIndex]?.time?.ms ?? null;
  return (
    <div className="workspace">
      <header className="workspace-head">
        <h1 className="mono">
          {displayText(summary.id, true)} <PartialBadge sessionId={summary.id} />
        </h1>
        <p data-testid="session-facts">
          {[summary.source, `${formatTime(summary.start)} to ${formatTime(summary.end)}`, ...sessionFacts(summary)].join(' · ')}
        </p>
        <Legend />
      </header>
      <div className="workspace-main">
        <GraphPanel graph={graph} eventTime={eventTime} onSelect={selectNode} onSelectEdge={selectEdge} selectedId={node?.id ?? edge?.id ?? null} chain={chainIds} analystChain={analystChainIds} scrubTime={scrubTime} timeRange={timeRange} exportName={`custody-${summary.id}`} onDrawn={() => setGraphReady(true)} />
        <Splitter name="inspector-width" label="Resize inspector" orientation="vertical" direction={-1} />
        <Inspector causes={links.causes} eventId={eventId} events={model.byId} node={node} edge={edge} graph={graph} onSelectEvent={setEventId} onToggleReveal={() => setReveal(!reveal)} reveal={reveal} session={session}>
          {authority && <AuthorityPanel authority={authority} reveal={reveal} />}
          {chain && <ChainView chain={chain} events={model.byId} onSelectEvent={setEventId} reveal={reveal} />}
        </Inspector>
      </div>
      {graphReady && (
        <>
          <Timeline session={session} selectedEvents={selectedEvents} onSelectEvent={selectCall} onBrush={setTimeRange} scrubIndex={scrubIndex} onScrub={setScrubIndex} reveal={reveal} />
          <ChainTools session={session.id} events={model.byId} eventId={eventId} onSelectEvent={setEventId} onHighlight={highlightAnalystChain} />
          <FindingsPanel session={session} links={links} onSelectEvent={selectEvent} reveal={reveal} />
          <Splitter name="events-height" label="Resize event list" orientation="horizontal" direction={-1} />
          <EventTable events={session.events} onSelect={selectEvent} reveal={reveal} selectedId={eventId} />
        </>
      )}
    </div>
  );
}

/** Maps every tool call to its call-group node, so that a bar on the timeline selects its node in the graph. */
function callNodeIndex(nodes: readonly GraphNode[]): Map<EventId, GraphNode> {
  const index = new Map<EventId, GraphNode>();
  for (const node of nodes) if (node.kind === 'tool-group') for (const id of node.events) if (!index.has(id)) index.set(id, node);
  return index;
}
