import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import { formatAxisTick } from '../../../renderer/timeline/axis';

const at = (iso: string) => new Date(iso);

describe('timeline axis ticks', () => {
  // A zone west of UTC with daylight saving, so a tick drawn in local time would read differently.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('use a 24-hour clock', () => {
    expect(formatAxisTick(at('2024-07-31T16:30:00Z'))).toBe('16:30');
    expect(formatAxisTick(at('2024-07-31T17:00:00Z'))).toBe('17:00');
    expect(formatAxisTick(at('2024-07-31T04:30:00Z'))).toBe('04:30');
  });

  it('read in UTC whatever the local zone', () => {
    expect(new Date('2024-07-31T23:45:00Z').getHours()).toBe(19);
    expect(formatAxisTick(at('2024-07-31T23:45:00Z'))).toBe('23:45');
  });

  it('show seconds and milliseconds', () => {
    expect(formatAxisTick(at('2024-07-31T19:52:35Z'))).toBe('19:52:35');
    expect(formatAxisTick(at('2024-07-31T19:52:35.500Z'))).toBe('.500');
  });

  it('name days, months and years', () => {
    expect(formatAxisTick(at('2024-08-01T00:00:00Z'))).toBe('August');
    expect(formatAxisTick(at('2024-07-31T00:00:00Z'))).toBe('Jul 31');
    expect(formatAxisTick(at('2024-01-01T00:00:00Z'))).toBe('2024');
  });

  it('label every tick of an afternoon without AM or PM', () => {
    const scale = d3.scaleUtc().domain([at('2024-07-31T16:30:00Z'), at('2024-07-31T17:30:00Z')]);
    const labels = scale.ticks(6).map(formatAxisTick);
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label).toMatch(/^(1[67]):[0-5]\d$/);
  });
});
