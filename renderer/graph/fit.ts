// The drawing's bounding box, labels included, and the transform that fits it into the panel.
// Both renderers fit with it, and the exports frame their image with the same box.

import type { GraphNode } from '../../shared/graph/types';
import type { Layout } from './layout';
import { DECISION_LABEL_WIDTH, DECISION_LABEL_X, NODE_HEIGHT, NODE_WIDTH, labelOutside } from './style';
import { LABEL_MIN_SCALE, type Transform } from './paint';

export interface Bounds {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Returns the box, in layout coordinates, around every node's shape and the label beside it. */
export function drawingBounds(nodes: readonly GraphNode[], layout: Layout): Bounds {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const at = layout.positions.get(node.id);
    if (!at) continue;
    left = Math.min(left, at.x - NODE_WIDTH / 2);
    right = Math.max(right, at.x + (labelOutside(node.kind) ? DECISION_LABEL_X + DECISION_LABEL_WIDTH : NODE_WIDTH / 2));
    top = Math.min(top, at.y - NODE_HEIGHT / 2);
    bottom = Math.max(bottom, at.y + NODE_HEIGHT / 2);
  }
  if (left === Infinity) return { left: 0, top: 0, right: 1, bottom: 1 };
  return { left, top, right, bottom };
}

/** Space kept free around the fitted drawing, in CSS pixels. */
const PADDING = 12;
const MAX_SCALE = 1.2;
const MIN_SCALE = 0.02;
/**
 * Scale below which labels are too small to read, where the canvas renderer stops drawing them.
 * A graph of up to READABLE_NODE_LIMIT nodes that would fit only below it is shown at this scale
 * from its left edge (the principal), and the rest is reached by panning.
 */
export const MIN_READABLE_SCALE = LABEL_MIN_SCALE;
const READABLE_NODE_LIMIT = 300;

/** Returns the transform that shows all of `bounds` centred in a `width` × `height` panel, unless MIN_READABLE_SCALE applies. */
export function fitTransform(bounds: Bounds, width: number, height: number, nodeCount: number): Transform {
  const drawingWidth = Math.max(1, bounds.right - bounds.left);
  const drawingHeight = Math.max(1, bounds.bottom - bounds.top);
  const fits = Math.min((width - 2 * PADDING) / drawingWidth, (height - 2 * PADDING) / drawingHeight);
  const whole = Math.min(MAX_SCALE, Math.max(MIN_SCALE, fits));
  const k = nodeCount <= READABLE_NODE_LIMIT ? Math.max(whole, MIN_READABLE_SCALE) : whole;
  const x = k > whole ? PADDING - bounds.left * k : (width - (bounds.left + bounds.right) * k) / 2;
  const y = (height - (bounds.top + bounds.bottom) * k) / 2;
  return { x, y, k };
}
