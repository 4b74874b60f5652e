// Draws the timeline with d3: swimlanes per agent, tool-call bars on a canvas (sessions hold tens
// of thousands of calls), and an SVG layer on top with the lane names, the time axis, the brush
// and the scrubber's cursor. React owns the container; callers use update, select, setCursor
// and dispose.

import * as d3 from 'd3';
import type { EventId } from '../../shared/model/ids';
import { elideMiddle, maskedLabel } from '../graph/style';
import { formatAxisTick } from './axis';
import type { BarStatus, TimelineBar, TimelineModel } from './model';

export interface TimelineViewOptions {
  readonly onSelectEvent: (id: EventId) => void;
  /** A brushed time range in epoch milliseconds, or null when the brush is cleared. */
  readonly onBrush: (range: readonly [number, number] | null) => void;
}

export interface TimelineView {
  update(model: TimelineModel): void;
  /** Outlines the bars of these events. */
  select(events: ReadonlySet<string>): void;
  setCursor(time: number | null): void;
  dispose(): void;
}

export const LANE_HEIGHT = 22;
export const GUTTER = 150;
const AXIS_HEIGHT = 22;
/** Characters of a lane name that fit the gutter at 11 px. Longer names keep their start and end. */
const LANE_LABEL_CHARS = 22;
/** Width of a cloud call's mark, which has no duration. */
const MARK_WIDTH = 3;

export const STATUS_COLOURS: Record<BarStatus, string> = {
  ok: '#2e7d32',
  'not-asked': '#ef8f00',
  failed: '#e53935',
  denied: '#b71c1c',
  pending: '#90a4ae',
};

export function createTimelineView(container: HTMLElement, options: TimelineViewOptions): TimelineView {
  const root = d3.select(container).style('position', 'relative');
  const canvas = root.append('canvas').attr('class', 'timeline-bars').style('position', 'absolute').style('left', `${GUTTER}px`).style('top', `${AXIS_HEIGHT}px`).node()!;
  const svg = root.append('svg').attr('class', 'timeline-svg').attr('role', 'img').attr('aria-label', 'Timeline').style('position', 'absolute').style('left', 0).style('top', 0);
  const labels = svg.append('g').attr('class', 'lane-labels');
  const axisGroup = svg.append('g').attr('class', 'axis').attr('transform', `translate(${GUTTER},${AXIS_HEIGHT - 2})`);
  const brushGroup = svg.append('g').attr('class', 'brush').attr('transform', `translate(${GUTTER},${AXIS_HEIGHT})`);
  const cursor = svg.append('line').attr('class', 'cursor').attr('stroke', '#ff6f00').attr('stroke-width', 2).style('display', 'none');
  const ctx = canvas.getContext('2d')!;
  let model: TimelineModel = { lanes: [], bars: [], start: 0, end: 1 };
  let selected: ReadonlySet<string> = new Set();
  let cursorTime: number | null = null;
  let byLane: TimelineBar[][] = [];
  let x = d3.scaleUtc();
  let width = 0;
  const brush = d3.brushX<unknown>().on('end', (event: d3.D3BrushEvent<unknown>) => {
    if (!event.sourceEvent) return;
    const selection = event.selection as [number, number] | null;
    if (selection) {
      options.onBrush([x.invert(selection[0]).getTime(), x.invert(selection[1]).getTime()]);
      return;
    }
    options.onBrush(null);
    // A click without a drag clears the brush; it also selects the bar under the pointer.
    const [px, py] = d3.pointer(event.sourceEvent, brushGroup.node());
    const bar = barAt(px, py);
    if (bar) options.onSelectEvent(bar.event);
  });

  function barAt(px: number, py: number): TimelineBar | null {
    const lane = Math.floor(py / LANE_HEIGHT);
    const bars = byLane[lane];
    if (!bars) return null;
    const time = x.invert(px).getTime();
    const tolerance = (x.invert(px + 3).getTime() - x.invert(px).getTime()) || 1;
    let best: TimelineBar | null = null;
    let bestDistance = Infinity;
    for (const bar of bars) {
      let distance = 0;
      if (time < bar.start) distance = bar.start - time;
      else if (time > bar.end) distance = time - bar.end;
      if (distance < bestDistance) {
        best = bar;
        bestDistance = distance;
      }
    }
    return bestDistance <= tolerance ? best : null;
  }

  function layout(): void {
    width = Math.max(100, container.clientWidth - GUTTER - 10);
    const height = model.lanes.length * LANE_HEIGHT;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio;
    canvas.height = Math.max(1, height) * ratio;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    svg.attr('width', GUTTER + width + 10).attr('height', AXIS_HEIGHT + height + 4);
    root.style('height', `${AXIS_HEIGHT + height + 6}px`);
    x = d3.scaleUtc().domain([new Date(model.start), new Date(model.end)]).range([0, width]);
    axisGroup.call(d3.axisTop<Date>(x).ticks(Math.max(2, Math.floor(width / 110))).tickFormat(formatAxisTick) as never);
    labels
      .selectAll('text')
      .data(model.lanes)
      .join('text')
      .attr('x', 4)
      .attr('y', (_lane, index) => AXIS_HEIGHT + index * LANE_HEIGHT + LANE_HEIGHT / 2)
      .attr('dy', '0.35em')
      .attr('font-size', 11)
      .attr('fill', 'currentColor')
      .text((lane) => elideMiddle(maskedLabel(lane.label), LANE_LABEL_CHARS))
      // Setting the text removed the previous title, so each layout leaves one.
      .append('title')
      .text((lane) => maskedLabel(lane.label));
    brush.extent([
      [0, 0],
      [width, Math.max(1, height)],
    ]);
    brushGroup.call(brush);
    draw();
  }

  /** Keeps a mark at the first or last instant of the session wholly inside the lanes. */
  function markCentre(left: number): number {
    return Math.min(width - MARK_WIDTH / 2, Math.max(MARK_WIDTH / 2, left));
  }

  function draw(): void {
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, model.lanes.length * LANE_HEIGHT);
    for (let lane = 0; lane < model.lanes.length; lane += 1) {
      ctx.fillStyle = lane % 2 === 0 ? '#f5f7f8' : '#ffffff';
      ctx.fillRect(0, lane * LANE_HEIGHT, width, LANE_HEIGHT);
    }

    const groups = d3.group(model.bars, (bar) => bar.status);
    for (const [status, bars] of groups) {
      ctx.fillStyle = STATUS_COLOURS[status];
      ctx.beginPath();
      for (const bar of bars) {
        const left = x(bar.start);
        if (bar.kind === 'cloud-call') ctx.rect(markCentre(left) - MARK_WIDTH / 2, bar.lane * LANE_HEIGHT + 3, MARK_WIDTH, LANE_HEIGHT - 6);
        else ctx.rect(left, bar.lane * LANE_HEIGHT + 5, Math.max(2, x(bar.end) - left), LANE_HEIGHT - 10);
      }
      ctx.fill();
    }

    // Explicit decisions get a mark above their bar.
    ctx.fillStyle = '#263238';
    ctx.beginPath();
    for (const bar of model.bars) {
      if (!bar.decided) continue;
      const left = x(bar.start);
      ctx.moveTo(left - 4, bar.lane * LANE_HEIGHT + 1);
      ctx.lineTo(left + 4, bar.lane * LANE_HEIGHT + 1);
      ctx.lineTo(left, bar.lane * LANE_HEIGHT + 6);
    }
    ctx.fill();

    if (selected.size > 0) {
      ctx.strokeStyle = '#ff6f00';
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (const bar of model.bars) {
        if (!selected.has(bar.event)) continue;
        const left = x(bar.start);
        if (bar.kind === 'cloud-call') ctx.rect(markCentre(left) - MARK_WIDTH / 2 - 1.5, bar.lane * LANE_HEIGHT + 1.5, MARK_WIDTH + 3, LANE_HEIGHT - 3);
        else ctx.rect(left - 1, bar.lane * LANE_HEIGHT + 3, Math.max(4, x(bar.end) - left + 2), LANE_HEIGHT - 6);
      }
      ctx.stroke();
    }
    const cursorX = cursorTime === null ? null : x(cursorTime);
    cursor
      .style('display', cursorX === null ? 'none' : '')
      .attr('x1', GUTTER + (cursorX ?? 0))
      .attr('x2', GUTTER + (cursorX ?? 0))
      .attr('y1', AXIS_HEIGHT - 4)
      .attr('y2', AXIS_HEIGHT + model.lanes.length * LANE_HEIGHT);
  }

  const observer = new ResizeObserver(() => layout());
  observer.observe(container);

  return {
    update(next) {
      model = next;
      byLane = model.lanes.map(() => []);
      for (const bar of model.bars) byLane[bar.lane]!.push(bar);
      layout();
    },
    select(events) {
      selected = events;
      draw();
    },
    setCursor(time) {
      cursorTime = time;
      draw();
    },
    dispose() {
      observer.disconnect();
      svg.remove();
      canvas.remove();
    },
  };
}
