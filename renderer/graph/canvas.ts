// Draws the authority graph on a canvas, for graphs too large for SVG. Interactions match the
// SVG renderer: click and Enter select, hover shows the full label, wheel and drag zoom and pan,
// arrow keys move the focus along edges. Hit testing uses a quadtree of node centres.

import * as d3 from 'd3';
import { plural } from '../lib/format';
import type { AuthorityGraph, GraphEdge, GraphNode } from '../../shared/graph/types';
import type { Layout } from './layout';
import { findEdgeAt } from './edge-hit';
import { drawingBounds, fitTransform, type Bounds } from './fit';
import { GraphNavigator, NAVIGATION_KEYS } from './navigate';
import { buildScene, EXPORT_PALETTE, paintScene, type Palette, type Scene, type SceneNode } from './paint';
import { ACCENT, NODE_HEIGHT, NODE_WIDTH, maskedLabel } from './style';
import { Snapshot } from './snapshot';
import { NO_EMPHASIS, type Emphasis, type GraphView, type GraphViewOptions } from './view';

/** Pause in a pan or zoom gesture after which the canvas is drawn in full again. */
const IDLE_REDRAW_MS = 150;
/** Max distance from an edge's curve, in CSS pixels, at which a click selects the edge. */
const EDGE_HIT_PIXELS = 6;

export function createCanvasGraphView(container: HTMLElement, options: GraphViewOptions): GraphView {
  const canvas = d3.select(container).append('canvas').attr('class', 'graph-canvas-2d').attr('tabindex', 0).attr('role', 'img').attr('aria-label', 'Authority graph').node()!;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let scene: Scene = { nodes: [], edges: [], width: 0, height: 0 };
  let tree = d3.quadtree<SceneNode>();
  let navigator: GraphNavigator | null = null;
  let emphasis: Emphasis = NO_EMPHASIS;
  let transform = d3.zoomIdentity;
  let focused: string | null = null;
  let frame = 0;
  let idle = 0;
  const snapshot = new Snapshot();
  let size = { width: 0, height: 0 };
  let palette: Palette = EXPORT_PALETTE;
  let bounds: Bounds = { left: 0, top: 0, right: 1, bottom: 1 };

  function resize(): void {
    const box = container.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    size = { width: Math.max(1, Math.floor(box.width)), height: Math.max(1, Math.floor(box.height)) };
    snapshot.invalidate();
    canvas.width = size.width * ratio;
    canvas.height = size.height * ratio;
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    draw();
  }

  /** Reads the theme's panel and text colours, which the stylesheet sets on the root element. */
  function themePalette(): Palette {
    const style = getComputedStyle(container);
    const background = style.getPropertyValue('--panel').trim();
    const text = style.getPropertyValue('--text').trim();
    return { background: background || EXPORT_PALETTE.background, text: text || EXPORT_PALETTE.text };
  }

  function draw(): void {
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    palette = themePalette();
    paintScene(ctx, scene, transform, size.width, size.height, emphasis, palette);
    const ring = focused ? scene.nodes.find((item) => item.node.id === focused) : undefined;
    if (ring) {
      ctx.save();
      ctx.translate(transform.x, transform.y);
      ctx.scale(transform.k, transform.k);
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = ACCENT;
      ctx.lineWidth = 2 / transform.k;
      ctx.strokeRect(ring.x - NODE_WIDTH / 2 - 4, ring.y - NODE_HEIGHT / 2 - 4, NODE_WIDTH + 8, NODE_HEIGHT + 8);
      ctx.restore();
    }
    snapshot.capture(canvas, transform);
  }

  /** Schedules a full drawing on the next frame. */
  function schedule(): void {
    snapshot.invalidate();
    if (frame) cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  }

  /** Schedules a pan or zoom frame from the snapshot, and a full drawing once the gesture pauses. */
  function scheduleMove(): void {
    clearTimeout(idle);
    idle = window.setTimeout(schedule, IDLE_REDRAW_MS);
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!snapshot.draw(ctx, transform, window.devicePixelRatio || 1, size.width, size.height, palette.background)) draw();
    });
  }

  /** Finds the node under a point given in CSS pixels relative to the canvas. */
  function hit(x: number, y: number): GraphNode | null {
    const [gx, gy] = transform.invert([x, y]);
    const item = tree.find(gx, gy, NODE_WIDTH / 2);
    if (!item) return null;
    return Math.abs(gx - item.x) <= NODE_WIDTH / 2 && Math.abs(gy - item.y) <= NODE_HEIGHT / 2 ? item.node : null;
  }

  /** Finds the edge under a point given in CSS pixels, by a linear scan run only on clicks. */
  function hitEdge(x: number, y: number): GraphEdge | null {
    const [gx, gy] = transform.invert([x, y]);
    return findEdgeAt(scene.edges, gx, gy, EDGE_HIT_PIXELS / transform.k)?.edge ?? null;
  }

  const zoom = d3.zoom<HTMLCanvasElement, unknown>().scaleExtent([0.02, 4]).on('zoom', (event: d3.D3ZoomEvent<HTMLCanvasElement, unknown>) => {
    transform = event.transform;
    scheduleMove();
  });
  const selection = d3.select(canvas);
  selection.call(zoom).on('dblclick.zoom', null);
  selection.on('click', (event: MouseEvent) => {
    const [x, y] = d3.pointer(event, canvas);
    const node = hit(x, y);
    const edge = !node && options.onSelectEdge ? hitEdge(x, y) : null;
    if (edge) {
      // NOTE: the canvas paints no mark on the selected edge; the inspector shows which it is.
      options.onSelectEdge!(edge);
      return;
    }
    focused = node?.id ?? focused;
    options.onSelect(node);
  });
  selection.on('pointermove', (event: PointerEvent) => {
    const [x, y] = d3.pointer(event, canvas);
    const node = hit(x, y);
    canvas.style.cursor = node ? 'pointer' : 'grab';
    canvas.title = node ? `${maskedLabel(node.label)}\n${plural(node.events.length, 'event')}` : '';
  });
  selection.on('keydown', (event: KeyboardEvent) => {
    if (NAVIGATION_KEYS.has(event.key) && navigator) {
      event.preventDefault();
      focused = navigator.move(focused, event.key);
      reveal(focused);
      schedule();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const node = scene.nodes.find((item) => item.node.id === focused)?.node ?? null;
      if (node) options.onSelect(node);
    } else if (event.key === 'Escape') {
      focused = null;
      options.onSelect(null);
      schedule();
    }
  });

  /** Pans so that the node is inside the visible area. */
  function reveal(id: string | null): void {
    const item = id ? scene.nodes.find((entry) => entry.node.id === id) : undefined;
    if (!item) return;
    const [x, y] = transform.apply([item.x, item.y]);
    if (x > NODE_WIDTH && x < size.width - NODE_WIDTH && y > NODE_HEIGHT && y < size.height - NODE_HEIGHT) return;
    selection.call(zoom.translateTo, item.x, item.y);
  }

  const observer = new ResizeObserver(() => resize());
  observer.observe(container);
  // A theme chosen in the app sets data-theme on the root element, and the system theme is a media query.
  const themeObserver = new MutationObserver(() => schedule());
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const systemTheme = window.matchMedia('(prefers-color-scheme: dark)');
  systemTheme.addEventListener('change', schedule);
  resize();

  return {
    renderer: 'canvas',
    update(graph: AuthorityGraph, layout: Layout) {
      scene = buildScene(graph, layout);
      bounds = drawingBounds(graph.nodes, layout);
      tree = d3.quadtree<SceneNode>().x((item) => item.x).y((item) => item.y).addAll([...scene.nodes]);
      navigator = new GraphNavigator(graph, layout);
      if (focused && !layout.positions.has(focused)) focused = null;
      canvas.dataset.nodeCount = String(scene.nodes.length);
      schedule();
    },
    emphasise(next: Emphasis) {
      emphasis = next;
      if (next.selected) focused = next.selected;
      schedule();
    },
    fit() {
      const { x, y, k } = fitTransform(bounds, size.width, size.height, scene.nodes.length);
      selection.call(zoom.transform, d3.zoomIdentity.translate(x, y).scale(k));
    },
    dispose() {
      observer.disconnect();
      themeObserver.disconnect();
      systemTheme.removeEventListener('change', schedule);
      if (frame) cancelAnimationFrame(frame);
      clearTimeout(idle);
      selection.on('.zoom', null);
      canvas.remove();
    },
  };
}
