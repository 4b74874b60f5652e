// Translation of OTLP metric data points to system events. Each data point becomes one event that keeps the
// metric name, its value and its attributes. Points are not added up, and none becomes a decision
// or tool event, because a cumulative sum repeats earlier counts in every export and
// `claude_code.code_edit_tool.decision` counts the same decisions that `tool_decision` events name.

import { MAIN_AGENT } from '../../model/ids';
import { fnv1a, isObject, oneLine, type JsonObject } from '../values';
import { commonAttrs, fileSession, identityOf, mergeAttributes, namedSession, type RequestEmitter } from './emit';
import { decodeAttributes, decodeInt, field, fieldKey, firstTime, items, scalarAttributes, text, type OtelValue } from './otlp';

type Attrs = Readonly<Record<string, OtelValue>>;

/** The data kinds of a metric, under their lowerCamelCase names. */
const DATA_KINDS = ['sum', 'gauge', 'histogram', 'exponentialHistogram', 'summary'] as const;

/** Reads every data point of one `resourceMetrics` array. */
export function readResourceMetrics(request: JsonObject, emitter: RequestEmitter, path: string): void {
  const metricsKey = fieldKey(request, 'resourceMetrics');
  items(request, 'resourceMetrics').forEach((resourceMetrics, r) => {
    const base = `/${metricsKey}/${r}`;
    if (!isObject(resourceMetrics)) {
      emitter.diagnose('unknown-record', base, 'resourceMetrics item is not an object; it was skipped.');
      return;
    }
    const resource = decodeAttributes(items(field(resourceMetrics, 'resource') as JsonObject | undefined, 'attributes'));
    const scopesKey = fieldKey(resourceMetrics, 'scopeMetrics');
    items(resourceMetrics, 'scopeMetrics').forEach((scopeMetrics, s) => {
      if (!isObject(scopeMetrics)) {
        emitter.diagnose('unknown-record', `${base}/${scopesKey}/${s}`, 'scopeMetrics item is not an object; it was skipped.');
        return;
      }
      const listKey = fieldKey(scopeMetrics, 'metrics');
      items(scopeMetrics, 'metrics').forEach((metric, m) => {
        const pointer = `${base}/${scopesKey}/${s}/${listKey}/${m}`;
        if (!isObject(metric)) {
          emitter.diagnose('unknown-record', pointer, 'metric is not an object; it was skipped.');
          return;
        }
        readMetric(metric, resource, pointer, emitter, path);
      });
    });
  });
}

function readMetric(metric: JsonObject, resource: Attrs, pointer: string, emitter: RequestEmitter, path: string): void {
  const name = typeof metric.name === 'string' ? metric.name : 'unnamed metric';
  const unit = typeof metric.unit === 'string' ? metric.unit : undefined;
  const kind = DATA_KINDS.find((candidate) => isObject(field(metric, candidate)));
  if (!kind) {
    emitter.diagnose('unknown-record', pointer, `metric ${name} has no sum, gauge, histogram or summary data; it was skipped.`);
    return;
  }
  const data = field(metric, kind) as JsonObject;
  const pointsKey = `${pointer}/${fieldKey(metric, kind)}/${fieldKey(data, 'dataPoints')}`;
  items(data, 'dataPoints').forEach((point, index) => {
    const pointPointer = `${pointsKey}/${index}`;
    if (!isObject(point)) {
      emitter.diagnose('unknown-record', pointPointer, 'data point is not an object; it was skipped.');
      return;
    }
    const attributes = mergeAttributes(resource, decodeAttributes(items(point, 'attributes')));
    const value = pointValue(point);
    const time = firstTime(point, ['timeUnixNano', 'startTimeUnixNano']);
    const identity = identityOf(attributes);
    const traits = ['decision', 'source', 'tool_name', 'type', 'model'].flatMap((key) => (text(attributes, key) ? [`${key}=${text(attributes, key)}`] : []));
    const pointText = JSON.stringify(point);
    emitter.emit({
      idRoot: `otel-metric-${name}-${time?.nanos ?? 'untimed'}-${fnv1a(pointText)}-${pointText.length}`,
      session: namedSession(attributes) ?? fileSession(path),
      agent: MAIN_AGENT,
      time,
      pointer: pointPointer,
      body: {
        kind: 'system',
        recordType: `metric/${name}`,
        summary: oneLine(`${name} ${value.label}${unit ? ` ${unit}` : ''}${traits.length > 0 ? ` (${traits.join(', ')})` : ''}`),
        ...(identity ? { identity } : {}),
        attrs: {
          ...scalarAttributes(attributes),
          ...commonAttrs(attributes),
          metric: name,
          metricType: kind,
          ...(unit ? { unit } : {}),
          ...value.attrs,
        },
      },
    });
  });
}

/** Returns the value of a number point (`asInt` or `asDouble`), or the count and sum of a distribution point. */
function pointValue(point: JsonObject): { label: string; attrs: Record<string, string | number> } {
  const asInt = decodeInt(field(point, 'asInt'));
  if (asInt !== undefined) return { label: `= ${asInt}`, attrs: { value: asInt } };
  const asDouble = field(point, 'asDouble');
  if (typeof asDouble === 'number') return { label: `= ${asDouble}`, attrs: { value: asDouble } };
  const count = decodeInt(field(point, 'count'));
  const sum = field(point, 'sum');
  const attrs: Record<string, string | number> = {};
  if (count !== undefined) attrs.count = count;
  if (typeof sum === 'number') attrs.sum = sum;
  return { label: count !== undefined ? `count ${count}${typeof sum === 'number' ? `, sum ${sum}` : ''}` : '(no value)', attrs };
}

