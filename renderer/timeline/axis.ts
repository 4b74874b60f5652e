// Tick labels of the timeline's time axis, in UTC and on a 24-hour clock like every other time
// the app shows. d3's default multi-scale format uses local time and a 12-hour clock.

import * as d3 from 'd3';

const MILLISECOND = d3.utcFormat('.%L');
const SECOND = d3.utcFormat('%H:%M:%S');
const MINUTE = d3.utcFormat('%H:%M');
const DAY = d3.utcFormat('%b %d');
const MONTH = d3.utcFormat('%B');
const YEAR = d3.utcFormat('%Y');

/** Formats a tick by the coarsest unit it falls on: `.250`, `16:30:05`, `16:30`, `Jul 31`, `July`, `2024`. */
export function formatAxisTick(date: Date): string {
  if (d3.utcSecond(date) < date) return MILLISECOND(date);
  if (d3.utcMinute(date) < date) return SECOND(date);
  if (d3.utcDay(date) < date) return MINUTE(date);
  if (d3.utcMonth(date) < date) return DAY(date);
  if (d3.utcYear(date) < date) return MONTH(date);
  return YEAR(date);
}
