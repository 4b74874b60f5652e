// React wrapper around the graph modules. React owns the container and the controls. The panel
// derives the visible graph (filters, search, collapsed fan-outs) and lays it out in a worker.
// The SVG renderer draws it, or the canvas renderer past CANVAS_THRESHOLD nodes.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { AuthorityGraph, GraphEdge, GraphNode } from '../../../shared/graph/types';
import type { ResourceKind } from '../../../shared/model/events';
import { createCanvasGraphView } from '../../graph/canvas';
import { collapseFanOuts, isCollapsedNode } from '../../graph/collapse';
import { graphToPng, graphToSvg, saveBlob } from '../../graph/export';
import { filterGraph, NO_FILTERS, onlyMatches, searchGraph } from '../../graph/filters';
import type { Layout } from '../../graph/layout';
import { createLayoutClient, LayoutCancelled, type LayoutClient } from '../../graph/layout-client';
import { firstSeen, notYetLive } from '../../graph/live';
import { createGraphView } from '../../graph/render';
import { CANVAS_THRESHOLD, type Emphasis, type GraphView } from '../../graph/view';
import { GraphToolbar, type GraphControls } from './GraphToolbar';

interface GraphPanelProps {
  readonly graph: AuthorityGraph;
  readonly eventTime: (id: string) => number | null;
  readonly onSelect: (node: GraphNode | null) => void;
  readonly onSelectEdge?: (edge: GraphEdge) => void;
  /** Id of the selected node or edge. */
  readonly selectedId: string | null;
  /** Node and edge ids of the selected node's custody chain. */
  readonly chain: ReadonlySet<string>;
  /** Node and edge ids of the chain highlighted in the chain tools. */
  readonly analystChain: ReadonlySet<string>;
  /** The scrubber's time: later nodes and edges are dimmed. */
  readonly scrubTime: number | null;
  /** The timeline brush: only call groups active in this range stay. */
  readonly timeRange: readonly [number, number] | null;
  /** File names of exports start with this. */
  readonly exportName: string;
  /** Called once the graph is on screen, or its layout failed. */
  readonly onDrawn?: () => void;
}

const INITIAL_CONTROLS: GraphControls = { filters: { tool: null, resourceKind: null, outcome: 'all', verdict: null }, search: '', hideUnmatched: false, expandAll: false, layout: 'layered' };

export function GraphPanel({ graph, eventTime, onSelect, onSelectEdge, selectedId, chain, analystChain, scrubTime, timeRange, exportName, onDrawn }: GraphPanelProps) {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<GraphView | null>(null);
  const client = useRef<LayoutClient | null>(null);
  const selectRef = useRef(onSelect);
  const selectEdgeRef = useRef(onSelectEdge);
  selectEdgeRef.current = onSelectEdge;
  const drawnRef = useRef(onDrawn);
  drawnRef.current = onDrawn;
  const [controls, setControls] = useState(INITIAL_CONTROLS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [drawn, setDrawn] = useState<{ graph: AuthorityGraph; layout: Layout } | null>(null);
  const [status, setStatus] = useState('');

  selectRef.current = (node) => {
    if (node && isCollapsedNode(node)) setExpanded((current) => new Set([...current, node.expands]));
    else onSelect(node);
  };

  const visible = useMemo(() => {
    const filtered = filterGraph(graph, { ...NO_FILTERS, ...controls.filters, timeRange }, eventTime);
    const matches = searchGraph(filtered, controls.search);
    const searched = controls.hideUnmatched && controls.search.trim() ? onlyMatches(filtered, matches) : filtered;
    return { graph: controls.expandAll ? searched : collapseFanOuts(searched, expanded), matches };
  }, [graph, controls, timeRange, eventTime, expanded]);

  // First-seen times are needed only while the scrubber is in use.
  const scrubbing = scrubTime !== null;
  const seen = useMemo(() => (scrubbing ? firstSeen(graph, eventTime) : new Map<string, number>()), [graph, eventTime, scrubbing]);
  const tools = useMemo(() => [...new Set(graph.nodes.map((node) => node.tool).filter((tool): tool is string => !!tool))].sort(), [graph]);
  const resourceKinds = useMemo(() => [...new Set(graph.nodes.map((node) => node.resourceKind).filter((kind): kind is ResourceKind => !!kind))].sort(), [graph]);

  useEffect(() => {
    client.current = createLayoutClient();
    // The panels below the graph appear after its first drawing and shrink it, so a resize refits.
    const observer = new ResizeObserver(() => view.current?.fit());
    observer.observe(container.current!);
    return () => {
      observer.disconnect();
      client.current?.dispose();
      view.current?.dispose();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const started = performance.now();
    setStatus('laying out…');
    client.current!.run(visible.graph, controls.layout).then(
      (layout) => {
        setDrawn({ graph: visible.graph, layout });
        setStatus(`${visible.graph.nodes.length} nodes · layout ${Math.round(performance.now() - started)} ms`);
      },
      (error: unknown) => {
        if (error instanceof LayoutCancelled) return;
        setStatus(error instanceof Error ? error.message : String(error));
        drawnRef.current?.();
      },
    );
  }, [visible, controls.layout]);

  const emphasis = useMemo<Emphasis>(
    () => ({ selected: selectedId, matched: visible.matches, chain, analystChain, dimmed: scrubTime === null || !drawn ? new Set() : notYetLive(drawn.graph, seen, scrubTime) }),
    [selectedId, visible.matches, chain, analystChain, scrubTime, drawn, seen],
  );

  useEffect(() => {
    if (!drawn) return;
    const renderer = drawn.graph.nodes.length > CANVAS_THRESHOLD ? 'canvas' : 'svg';
    const fresh = !view.current || view.current.renderer !== renderer;
    if (fresh) {
      view.current?.dispose();
      const options = { onSelect: (node: GraphNode | null) => selectRef.current(node), onSelectEdge: (edge: GraphEdge) => selectEdgeRef.current?.(edge) };
      view.current = renderer === 'canvas' ? createCanvasGraphView(container.current!, options) : createGraphView(container.current!, options);
    }
    view.current!.update(drawn.graph, drawn.layout);
    view.current!.fit();
    container.current!.dataset.renderer = renderer;
    container.current!.dataset.drawnNodes = String(drawn.graph.nodes.length);
    // The benchmark reads these marks: the drawing, then the start of the frame that paints it.
    performance.mark('custody-graph-drawn');
    requestAnimationFrame(() => {
      performance.mark('custody-graph-frame');
      // After this frame, so that the drawing reaches the screen before other panels render.
      setTimeout(() => drawnRef.current?.(), 0);
    });
    // The emphasis effect below runs too, because its `drawn` dependency changed.
  }, [drawn]);

  useEffect(() => {
    view.current?.emphasise(emphasis);
  }, [emphasis]);

  const exportView = (format: 'svg' | 'png') => {
    if (!drawn) return;
    if (format === 'svg') saveBlob(new Blob([graphToSvg(drawn.graph, drawn.layout, emphasis)], { type: 'image/svg+xml' }), `${exportName}.svg`);
    else graphToPng(drawn.graph, drawn.layout, emphasis).then((blob) => saveBlob(blob, `${exportName}.png`), (error: unknown) => setStatus(error instanceof Error ? error.message : String(error)));
  };

  return (
    <div className="graph-panel">
      <GraphToolbar controls={controls} onChange={setControls} tools={tools} resourceKinds={resourceKinds} status={status} onFit={() => view.current?.fit()} onExport={exportView} />
      <div className="graph-canvas" ref={container} data-testid="authority-graph" />
    </div>
  );
}
