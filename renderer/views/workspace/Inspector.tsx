// The inspector: what a selected graph node or edge stands for, the events that prove it, and
// for the selected event its normalised fields and the raw record exactly as stored in the
// evidence.

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthorityGraph, GraphEdge, GraphNode } from '../../../shared/graph/types';
import type { AgentEvent } from '../../../shared/model/events';
import type { EventId } from '../../../shared/model/ids';
import type { CausalLink } from '../../../shared/case/causal';
import type { LinkedSession } from '../../../shared/session/link';
import { readRaw, type CustodyDb } from '../../data';
import { formatTime } from '../../lib/format';
import { displayText } from '../../lib/SecretText';
import { decodeRaw, displayRaw, hexDump, indentRaw, invalidByteLabel, secretBytes, type DecodedRaw } from '../../lib/raw-bytes';
import { EDGE_LABELS, NODE_LABELS } from '../../graph/style';
import { AnnotationPanel, selectionTargets } from '../../analyst/AnnotationPanel';
import { LinkReview } from '../../analyst/LinkReview';

interface InspectorProps {
  /** Panels shown after the selected node's details: the custody chain, the effective authority. */
  readonly children?: ReactNode;
  /** Links from tool calls to the cloud calls they caused, across the case. */
  readonly causes: readonly CausalLink[];
  readonly eventId: EventId | null;
  /** Events of the session and of the sessions related to it, by id. */
  readonly events: ReadonlyMap<EventId, AgentEvent>;
  readonly node: GraphNode | null;
  /** The selected edge. The workspace selects a node or an edge, never both. */
  readonly edge?: GraphEdge | null;
  /** The graph that `edge` belongs to, for the labels of its end nodes. */
  readonly graph?: AuthorityGraph;
  readonly onSelectEvent: (id: EventId | null) => void;
  readonly onToggleReveal: () => void;
  readonly reveal: boolean;
  readonly session: LinkedSession;
}

const MAX_LISTED = 200;

export function Inspector({ children, causes, eventId, events, node, edge = null, graph, onSelectEvent, onToggleReveal, reveal, session }: InspectorProps) {
  const event = eventId ? events.get(eventId) ?? null : null;
  const nodeCauses = node ? causes.filter((link) => node.events.includes(link.toolCall) || node.events.includes(link.cloudEvent)) : [];
  const ends = edge ? edgeEnds(edge, graph, reveal) : null;
  const evidence = node?.events ?? edge?.events ?? [];
  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="inspector-head">
        <h2>Inspector</h2>
        <label className="reveal">
          <input type="checkbox" checked={reveal} onChange={onToggleReveal} data-command="toggle-secrets" /> Reveal secrets
        </label>
      </div>
      {node ? <NodeDetails node={node} reveal={reveal} /> : edge && ends ? <EdgeDetails edge={edge} ends={ends} reveal={reveal} /> : !event && <p className="hint">Select a node or an edge in the graph, or an event in the list.</p>}
      {children}
      {evidence.length > 0 && (
        <ol className="event-list" aria-label={node ? 'Events of the selected node' : 'Events of the selected edge'}>
          {evidence.slice(0, MAX_LISTED).map((id) => {
            const item = events.get(id);
            return (
              <li key={id}>
                <button type="button" className={id === eventId ? 'active' : ''} onClick={() => onSelectEvent(id)}>
                  <span className="kind">{item?.kind ?? 'event'}</span> {displayText(item?.summary ?? id, reveal)}
                </button>
              </li>
            );
          })}
          {evidence.length > MAX_LISTED && <li className="hint">{evidence.length - MAX_LISTED} more not listed</li>}
        </ol>
      )}
      {nodeCauses.length > 0 && <CauseList causes={nodeCauses} events={events} reveal={reveal} />}
      <AnnotationPanel session={session.id} targets={selectionTargets(node, event, edge && ends ? { id: edge.id, kind: edge.kind, label: `${ends.source} → ${ends.target}` } : null)} />
      {event && <EventDetails event={event} session={session} reveal={reveal} />}
    </aside>
  );
}

function CauseList({ causes, events, reveal }: { readonly causes: readonly CausalLink[]; readonly events: ReadonlyMap<EventId, AgentEvent>; readonly reveal: boolean }) {
  return (
    <section className="causes" aria-label="Caused cloud calls">
      <h3>Linked cloud calls</h3>
      <ul>
        {causes.map((link) => (
          <li key={link.id}>
            <strong>
              {link.confidence} confidence ({link.score})
            </strong>
            : {displayText(events.get(link.toolCall)?.summary ?? link.toolCall, reveal)} → {displayText(events.get(link.cloudEvent)?.summary ?? link.cloudEvent, reveal)}
            <ul>
              {link.evidence.map((sentence, index) => (
                <li key={index}>{displayText(sentence, reveal)}</li>
              ))}
            </ul>
            <LinkReview link={link.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function NodeDetails({ node, reveal }: { readonly node: GraphNode; readonly reveal: boolean }) {
  return (
    <dl className="node-details">
      <dt>Kind</dt>
      <dd>{NODE_LABELS[node.kind]}</dd>
      <dt>Label</dt>
      <dd className="mono">{displayText(node.label, reveal)}</dd>
      {node.count !== undefined && (
        <>
          <dt>Calls</dt>
          <dd>
            {node.count} ({node.failed ?? 0} failed, {node.denied ?? 0} denied)
          </dd>
        </>
      )}
      <dt>Evidence</dt>
      <dd>{node.events.length} event(s)</dd>
    </dl>
  );
}

/** Returns the labels of an edge's source and target nodes, or their ids when the graph lacks them. */
function edgeEnds(edge: GraphEdge, graph: AuthorityGraph | undefined, reveal: boolean): { source: string; target: string } {
  const label = (id: string) => displayText(graph?.nodes.find((item) => item.id === id)?.label ?? id, reveal);
  return { source: label(edge.source), target: label(edge.target) };
}

function EdgeDetails({ edge, ends, reveal }: { readonly edge: GraphEdge; readonly ends: { source: string; target: string }; readonly reveal: boolean }) {
  return (
    <dl className="node-details edge-details" data-edge-id={edge.id}>
      <dt>Edge</dt>
      <dd>{EDGE_LABELS[edge.kind]}</dd>
      {edge.label && (
        <>
          <dt>Label</dt>
          <dd className="mono">{displayText(edge.label, reveal)}</dd>
        </>
      )}
      <dt>From</dt>
      <dd className="mono">{ends.source}</dd>
      <dt>To</dt>
      <dd className="mono">{ends.target}</dd>
      {edge.access && (
        <>
          <dt>Access</dt>
          <dd>{edge.access}</dd>
        </>
      )}
      <dt>Evidence</dt>
      <dd>{edge.events.length} event(s)</dd>
    </dl>
  );
}

function related(event: AgentEvent, session: LinkedSession): AgentEvent[] {
  const callId = event.tool?.callId;
  const linked = callId ? session.callsById.get(callId) : undefined;
  if (!linked) return [];
  return [linked.call, linked.result, linked.decisionEvent].filter((item): item is AgentEvent => item !== undefined && item.id !== event.id);
}

function EventDetails({ event, session, reveal }: { readonly event: AgentEvent; readonly session: LinkedSession; readonly reveal: boolean }) {
  const linked = event.tool?.callId ? session.callsById.get(event.tool.callId) : undefined;
  return (
    <section className="event-details" aria-label="Selected event">
      <h3>
        {event.kind} · {formatTime(event.time?.ms)}
      </h3>
      {linked && (
        <p className="decision">
          Decision: <strong>{linked.decision.verdict}</strong> by {linked.decision.by}
          {linked.decision.reason ? ` (${displayText(linked.decision.reason, reveal).slice(0, 200)})` : ''}
          {linked.mode ? ` · mode ${linked.mode}` : ''}
        </p>
      )}
      <h4>Normalised event</h4>
      <pre className="mono" data-testid="normalised-event">
        {displayText(JSON.stringify(event, null, 2), reveal)}
      </pre>
      <RawRecord event={event} reveal={reveal} />
      {related(event, session).length > 0 && (
        <>
          <h4>Linked events</h4>
          <ul>
            {related(event, session).map((item) => (
              <li key={item.id}>
                {item.kind}: {displayText(item.summary, reveal)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface RawRecordProps {
  readonly event: AgentEvent;
  readonly reveal: boolean;
  /** The database to read from; the application's own by default. */
  readonly db?: CustodyDb;
}

/** Shows the record's stored bytes as text or as a hex dump; bytes that are not UTF-8 stay visible. */
export function RawRecord({ event, reveal, db }: RawRecordProps) {
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pretty, setPretty] = useState(false);
  const [hex, setHex] = useState(false);
  useEffect(() => {
    let live = true;
    setBytes(null);
    setError(null);
    readRaw(event.raw, db).then(
      (read) => live && setBytes(read),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [event, db]);
  const decoded = useMemo(() => (bytes ? decodeRaw(bytes) : null), [bytes]);
  const hint = `line ${event.raw.line}, bytes ${event.raw.offset}–${event.raw.offset + event.raw.length}`;
  return (
    <>
      <h4>
        Raw record <span className="hint">{hint}</span>
        <label className="pretty">
          <input type="checkbox" checked={pretty} disabled={hex} onChange={() => setPretty(!pretty)} /> indent
        </label>
        <label className="pretty">
          <input type="checkbox" checked={hex} onChange={() => setHex(!hex)} data-testid="raw-hex-toggle" /> hex
        </label>
      </h4>
      {error ? <p className="error">Raw record could not be read: {error}</p> : null}
      {bytes === null || decoded === null ? (
        <pre className="mono raw" data-testid="raw-record">
          {error ? '' : 'Reading…'}
        </pre>
      ) : hex ? (
        <RawHex bytes={bytes} decoded={decoded} offset={event.raw.offset} reveal={reveal} />
      ) : (
        <RawText decoded={decoded} pretty={pretty} reveal={reveal} />
      )}
    </>
  );
}

function RawText({ decoded, pretty, reveal }: { readonly decoded: DecodedRaw; readonly pretty: boolean; readonly reveal: boolean }) {
  const pieces = useMemo(() => {
    const source = pretty ? indentRaw(decoded.pieces) ?? decoded.pieces : decoded.pieces;
    return displayRaw(source, reveal);
  }, [decoded, pretty, reveal]);
  return (
    <>
      {decoded.invalidBytes > 0 && (
        <p className="hint" data-testid="raw-invalid-utf8">
          {decoded.invalidBytes} byte(s) of this record are not valid UTF-8; each is shown as \xNN with its value. The hex view shows every stored byte.
        </p>
      )}
      <pre className="mono raw" data-testid="raw-record">
        {pieces.map((piece, index) =>
          'text' in piece ? (
            piece.text
          ) : (
            <mark key={index} className="invalid-byte" title={`Byte 0x${invalidByteLabel(piece.invalidByte).slice(2)} is not valid UTF-8`}>
              {invalidByteLabel(piece.invalidByte)}
            </mark>
          ),
        )}
      </pre>
    </>
  );
}

function RawHex({ bytes, decoded, offset, reveal }: { readonly bytes: Uint8Array; readonly decoded: DecodedRaw; readonly offset: number; readonly reveal: boolean }) {
  const dump = useMemo(() => hexDump(bytes, offset, reveal ? null : secretBytes(bytes, decoded)), [bytes, decoded, offset, reveal]);
  return (
    <>
      <p className="hint" data-testid="raw-hex-extent">
        {dump.shown < dump.total ? `First ${dump.shown} bytes of ${dump.total} shown.` : `All ${dump.total} bytes shown.`} Offsets count from the start of the evidence file.
        {dump.masked > 0 ? ` ${dump.masked} bytes of secrets are shown as •• until you tick Reveal secrets.` : ''}
      </p>
      <pre className="mono raw" data-testid="raw-hex" style={{ whiteSpace: 'pre', overflowWrap: 'normal' }}>
        {dump.text}
      </pre>
    </>
  );
}
