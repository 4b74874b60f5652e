// React wrapper around the d3 graph module: React owns the container, the module owns the SVG.

import { useEffect, useRef } from 'react';
import type { AuthorityGraph, GraphNode } from '../../../shared/graph/types';
import { layeredLayout } from '../../graph/layout';
import { createGraphView, type GraphView } from '../../graph/render';

interface GraphPanelProps {
  readonly graph: AuthorityGraph;
  readonly onSelect: (node: GraphNode | null) => void;
  readonly selectedId: string | null;
}

export function GraphPanel({ graph, onSelect, selectedId }: GraphPanelProps) {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<GraphView | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    const created = createGraphView(container.current!, { onSelect: (node) => selectRef.current(node) });
    view.current = created;
    return () => {
      created.dispose();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.update(graph, layeredLayout(graph));
    view.current?.fit();
  }, [graph]);

  useEffect(() => {
    view.current?.select(selectedId);
  }, [selectedId]);

  return (
    <div className="graph-panel">
      <div className="graph-toolbar">
        <button type="button" onClick={() => view.current?.fit()}>
          Fit to view
        </button>
      </div>
      <div className="graph-canvas" ref={container} data-testid="authority-graph" />
    </div>
  );
}
