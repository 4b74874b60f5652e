// Hit testing of edges for the canvas renderer. Both renderers draw an edge as the cubic curve
// M x1,y1 C mid,y1 mid,y2 x2,y2, with mid halfway between x1 and x2. That curve stays inside the
// box spanned by its end points, so a box test skips most edges before any curve is sampled.

/** An edge's end points in graph coordinates. */
export interface EdgeCurve {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Straight segments per curve when measuring the distance to it. */
const CURVE_SAMPLES = 16;

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Returns the distance from a point to the edge's curve, in graph units. */
export function curveDistance(curve: EdgeCurve, x: number, y: number): number {
  const mid = (curve.x1 + curve.x2) / 2;
  let best = Infinity;
  let previousX = curve.x1;
  let previousY = curve.y1;
  for (let step = 1; step <= CURVE_SAMPLES; step += 1) {
    const t = step / CURVE_SAMPLES;
    const u = 1 - t;
    // Cubic Bézier with control points (mid, y1) and (mid, y2).
    const pointX = u * u * u * curve.x1 + 3 * u * u * t * mid + 3 * u * t * t * mid + t * t * t * curve.x2;
    const pointY = u * u * u * curve.y1 + 3 * u * u * t * curve.y1 + 3 * u * t * t * curve.y2 + t * t * t * curve.y2;
    best = Math.min(best, segmentDistance(x, y, previousX, previousY, pointX, pointY));
    previousX = pointX;
    previousY = pointY;
  }
  return best;
}

/** Finds the edge nearest to a point whose curve passes within `tolerance` of it, or null. */
export function findEdgeAt<T extends EdgeCurve>(edges: readonly T[], x: number, y: number, tolerance: number): T | null {
  let found: T | null = null;
  let nearest = tolerance;
  for (const edge of edges) {
    if (x < Math.min(edge.x1, edge.x2) - tolerance || x > Math.max(edge.x1, edge.x2) + tolerance) continue;
    if (y < Math.min(edge.y1, edge.y2) - tolerance || y > Math.max(edge.y1, edge.y2) + tolerance) continue;
    const distance = curveDistance(edge, x, y);
    if (distance <= nearest) {
      found = edge;
      nearest = distance;
    }
  }
  return found;
}
