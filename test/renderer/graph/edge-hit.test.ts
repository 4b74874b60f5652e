import { describe, expect, it } from 'vitest';
import { curveDistance, findEdgeAt } from '../../../renderer/graph/edge-hit';

const FLAT = { x1: 0, y1: 0, x2: 100, y2: 0 };
const STEP = { x1: 0, y1: 0, x2: 100, y2: 100 };

describe('edge hit testing', () => {
  it('measures distance to a flat edge', () => {
    expect(curveDistance(FLAT, 50, 0)).toBeCloseTo(0, 6);
    expect(curveDistance(FLAT, 50, 7)).toBeCloseTo(7, 6);
    expect(curveDistance(FLAT, -3, 4)).toBeCloseTo(5, 6);
  });

  it('follows the curve, not the chord', () => {
    // The curve passes through its midpoint (50, 50) but runs flat near its ends.
    expect(curveDistance(STEP, 50, 50)).toBeLessThan(0.5);
    expect(curveDistance(STEP, 10, 1)).toBeLessThan(1);
    expect(curveDistance(STEP, 10, 10)).toBeGreaterThan(5);
  });

  it('picks the nearest edge within tolerance', () => {
    const edges = [{ ...FLAT, id: 'flat' }, { ...STEP, id: 'step' }];
    expect(findEdgeAt(edges, 50, 2, 5)?.id).toBe('flat');
    expect(findEdgeAt(edges, 50, 49, 5)?.id).toBe('step');
    expect(findEdgeAt(edges, 50, 20, 5)).toBeNull();
    expect(findEdgeAt(edges, 200, 0, 5)).toBeNull();
  });
});
