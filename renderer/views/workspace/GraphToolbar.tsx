// Controls above the graph: layout, filters, search, fan-out expansion and export.

import type { ResourceKind, Verdict } from '../../../shared/model/events';
import type { GraphFilters, OutcomeFilter } from '../../graph/filters';
import type { LayoutKind } from '../../graph/layout-client';

export interface GraphControls {
  readonly filters: Omit<GraphFilters, 'timeRange'>;
  readonly search: string;
  readonly hideUnmatched: boolean;
  readonly expandAll: boolean;
  readonly layout: LayoutKind;
}

interface GraphToolbarProps {
  readonly controls: GraphControls;
  readonly onChange: (controls: GraphControls) => void;
  readonly tools: readonly string[];
  readonly resourceKinds: readonly ResourceKind[];
  readonly status: string;
  readonly onFit: () => void;
  readonly onExport: (format: 'svg' | 'png') => void;
}

const OUTCOMES: readonly OutcomeFilter[] = ['all', 'succeeded', 'failed', 'denied'];
const VERDICTS: readonly Verdict[] = ['approved', 'denied', 'not-asked'];

export function GraphToolbar({ controls, onChange, tools, resourceKinds, status, onFit, onExport }: GraphToolbarProps) {
  const set = (change: Partial<GraphControls>) => onChange({ ...controls, ...change });
  const filter = (change: Partial<GraphControls['filters']>) => set({ filters: { ...controls.filters, ...change } });
  return (
    <div className="graph-toolbar">
      <button type="button" onClick={onFit} data-command="fit-graph">
        Fit to view
      </button>
      <select aria-label="Layout" value={controls.layout} onChange={(change) => set({ layout: change.target.value as LayoutKind })}>
        <option value="layered">layered</option>
        <option value="force">force</option>
      </select>
      <select aria-label="Tool" value={controls.filters.tool ?? ''} onChange={(change) => filter({ tool: change.target.value || null })}>
        <option value="">all tools</option>
        {tools.map((tool) => (
          <option key={tool} value={tool}>
            {tool}
          </option>
        ))}
      </select>
      <select aria-label="Resource kind" value={controls.filters.resourceKind ?? ''} onChange={(change) => filter({ resourceKind: (change.target.value || null) as ResourceKind | null })}>
        <option value="">all resources</option>
        {resourceKinds.map((kind) => (
          <option key={kind} value={kind}>
            {kind}
          </option>
        ))}
      </select>
      <select aria-label="Outcome" value={controls.filters.outcome} onChange={(change) => filter({ outcome: change.target.value as OutcomeFilter })}>
        {OUTCOMES.map((outcome) => (
          <option key={outcome} value={outcome}>
            {outcome === 'all' ? 'all outcomes' : outcome}
          </option>
        ))}
      </select>
      <select aria-label="Decision" value={controls.filters.verdict ?? ''} onChange={(change) => filter({ verdict: (change.target.value || null) as Verdict | null })}>
        <option value="">all decisions</option>
        {VERDICTS.map((verdict) => (
          <option key={verdict} value={verdict}>
            {verdict}
          </option>
        ))}
      </select>
      <input type="search" aria-label="Search the graph" placeholder="Search the graph" value={controls.search} onChange={(change) => set({ search: change.target.value })} />
      <label>
        <input type="checkbox" checked={controls.hideUnmatched} onChange={() => set({ hideUnmatched: !controls.hideUnmatched })} /> hide the rest
      </label>
      <label>
        <input type="checkbox" checked={controls.expandAll} onChange={() => set({ expandAll: !controls.expandAll })} /> expand all
      </label>
      <button type="button" onClick={() => onExport('svg')}>
        Export SVG
      </button>
      <button type="button" onClick={() => onExport('png')}>
        Export PNG
      </button>
      <span className="hint" data-testid="graph-status">
        {status}
      </span>
    </div>
  );
}
