// Loads the subset of Sigma (https://sigmahq.io/docs/basics/rules.html) whose fields map onto
// our events, by translating a rule into a Custody condition.
//
// Supported:
//   - logsource product `aws` with service `cloudtrail`: the CloudTrail fields in CLOUDTRAIL_FIELDS;
//     logsource category `process_creation`: CommandLine, Image and CurrentDirectory, read from
//     the command lines of agent tool calls;
//   - detection selections as maps (fields ANDed, a list of values ORed) or lists of maps (ORed);
//   - value modifiers contains, startswith, endswith, re (with i, m, s), all, cased, exists,
//     gt, gte, lt and lte;
//   - `*` and `?` wildcards in plain values, and null for a missing field;
//   - conditions with and, or, not, parentheses, `1 of <pattern>`, `all of <pattern>`, `them`.
// Not supported, reported as errors naming the construct: other log sources, keyword lists
// (values without a field), the modifiers base64, base64offset, utf16le, utf16be, utf16, wide,
// windash, cidr, expand and fieldref, aggregations after `|` in a condition (count() by …,
// near), timeframe, and correlation rules.

import { compileCondition, type Condition, type LeafCondition } from './conditions';
import { predicateRule, type Problems } from './predicate';
import type { Rule, Severity } from './types';

const CLOUDTRAIL_FIELDS: Readonly<Record<string, string>> = {
  eventSource: 'attrs.eventSource',
  eventName: 'cloud.operation',
  eventType: 'attrs.eventType',
  eventCategory: 'attrs.eventCategory',
  awsRegion: 'cloud.region',
  sourceIPAddress: 'cloud.sourceIp',
  userAgent: 'cloud.userAgent',
  errorCode: 'cloud.errorCode',
  errorMessage: 'attrs.errorMessage',
  recipientAccountId: 'cloud.account',
  readOnly: 'cloud.readOnly',
  'userIdentity.type': 'cloud.principalType',
  'userIdentity.arn': 'cloud.principal',
  'userIdentity.principalId': 'attrs.principalId',
  'userIdentity.userName': 'attrs.userName',
  'userIdentity.invokedBy': 'attrs.invokedBy',
  'userIdentity.sessionContext.sessionIssuer.arn': 'cloud.issuer',
  'userIdentity.sessionContext.sessionIssuer.type': 'attrs.sessionIssuerType',
  'userIdentity.sessionContext.attributes.mfaAuthenticated': 'attrs.mfaAuthenticated',
  'additionalEventData.MFAUsed': 'attrs.mfaUsed',
};
/** CloudTrail field prefixes kept as they are, under the event's input. */
const CLOUDTRAIL_PREFIXES = ['requestParameters.', 'responseElements.', 'additionalEventData.'];

const PROCESS_FIELDS: Readonly<Record<string, string>> = {
  CommandLine: 'command',
  Image: 'command',
  CurrentDirectory: 'attrs.cwd',
};

const UNSUPPORTED_MODIFIERS = new Set(['base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash', 'cidr', 'expand', 'fieldref']);
const LEVELS: Readonly<Record<string, Severity>> = { informational: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

type Logsource = 'cloudtrail' | 'process';

export function isSigmaDocument(document: unknown): boolean {
  return document !== null && typeof document === 'object' && !Array.isArray(document) && 'detection' in document && 'logsource' in document;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Translates a Sigma plain value with `*` and `?` wildcards (`\*` escapes) into a regex source. */
function wildcardSource(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && (value[i + 1] === '*' || value[i + 1] === '?' || value[i + 1] === '\\')) {
      out += escapeRegex(value[i + 1]!);
      i++;
    } else if (char === '*') out += '[\\s\\S]*';
    else if (char === '?') out += '[\\s\\S]';
    else out += escapeRegex(char);
  }
  return out;
}

function mapField(name: string, logsource: Logsource): string | null {
  if (logsource === 'process') return PROCESS_FIELDS[name] ?? null;
  if (CLOUDTRAIL_FIELDS[name]) return CLOUDTRAIL_FIELDS[name]!;
  return CLOUDTRAIL_PREFIXES.some((prefix) => name.startsWith(prefix)) ? `input.${name}` : null;
}

function valueLeaf(field: string, value: unknown, modifiers: readonly string[], path: string, problems: Problems): Condition | null {
  const cased = modifiers.includes('cased');
  const flags = (cased ? '' : 'i') + (modifiers.includes('m') ? 'm' : '') + (modifiers.includes('s') ? 's' : '');
  if (value === null) return { not: { field, operator: 'exists', value: true } };
  if (modifiers.includes('exists')) {
    if (typeof value !== 'boolean') return fail(problems, path, `the exists modifier needs true or false, found ${JSON.stringify(value)}`);
    return { field, operator: 'exists', value };
  }
  const numeric = modifiers.find((modifier) => modifier === 'gt' || modifier === 'gte' || modifier === 'lt' || modifier === 'lte');
  if (numeric) {
    if (typeof value !== 'number') return fail(problems, path, `the ${numeric} modifier needs a number, found ${JSON.stringify(value)}`);
    return { field, operator: numeric, value } as LeafCondition;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return fail(problems, path, `expected a string, number, boolean or null, found ${Array.isArray(value) ? 'a nested list' : typeof value}`);
  const text = String(value);
  let source: string;
  if (modifiers.includes('re')) {
    source = text;
  } else {
    const body = wildcardSource(text);
    if (modifiers.includes('contains')) source = body;
    else if (modifiers.includes('startswith')) source = `^${body}`;
    else if (modifiers.includes('endswith')) source = `${body}$`;
    else source = `^${body}$`;
  }
  try {
    return { field, operator: 'matches', value: new RegExp(source, flags) };
  } catch (error) {
    return fail(problems, path, `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fail(problems: Problems, path: string, message: string): null {
  problems.error(path, message);
  return null;
}

function selectionMap(map: Record<string, unknown>, path: string, logsource: Logsource, problems: Problems): Condition | null {
  const parts: Condition[] = [];
  for (const [key, raw] of Object.entries(map)) {
    const [name, ...modifiers] = key.split('|');
    const where = `${path}.${key}`;
    const unsupported = modifiers.filter((modifier) => UNSUPPORTED_MODIFIERS.has(modifier));
    if (unsupported.length > 0) return fail(problems, where, `unsupported Sigma modifier ${unsupported.join(', ')}`);
    const unknown = modifiers.filter((modifier) => !['contains', 'startswith', 'endswith', 're', 'all', 'cased', 'exists', 'gt', 'gte', 'lt', 'lte', 'i', 'm', 's'].includes(modifier));
    if (unknown.length > 0) return fail(problems, where, `unknown Sigma modifier ${unknown.join(', ')}`);
    const field = mapField(name!, logsource);
    if (!field) return fail(problems, where, `field ${name} has no counterpart in Custody events for this log source`);
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) return fail(problems, where, 'expected at least one value');
    const leaves = values.map((value, index) => valueLeaf(field, value, modifiers, Array.isArray(raw) ? `${where}[${index}]` : where, problems));
    if (leaves.some((leaf) => leaf === null)) return null;
    const list = leaves as Condition[];
    parts.push(list.length === 1 ? list[0]! : modifiers.includes('all') ? { all: list } : { any: list });
  }
  if (parts.length === 0) return fail(problems, path, 'the selection is empty');
  return parts.length === 1 ? parts[0]! : { all: parts };
}

function selection(value: unknown, path: string, logsource: Logsource, problems: Problems): Condition | null {
  if (Array.isArray(value)) {
    if (value.some((item) => typeof item !== 'object' || item === null)) return fail(problems, path, 'keyword lists (values without a field) are not supported; name the field each value belongs to');
    const parts = value.map((item, index) => selectionMap(item as Record<string, unknown>, `${path}[${index}]`, logsource, problems));
    if (parts.some((part) => part === null)) return null;
    return parts.length === 1 ? parts[0]! : { any: parts as Condition[] };
  }
  if (value !== null && typeof value === 'object') return selectionMap(value as Record<string, unknown>, path, logsource, problems);
  return fail(problems, path, 'keyword searches (values without a field) are not supported; name the field each value belongs to');
}

/** Parses a Sigma condition expression by recursive descent, with not binding tightest, then and, then or. */
function parseExpression(text: string, selections: ReadonlyMap<string, Condition>, path: string, problems: Problems): Condition | null {
  if (text.includes('|')) return fail(problems, path, 'aggregation conditions after "|" (count() by, near) are not supported');
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const error = (message: string): never => {
    throw new SyntaxError(message);
  };
  const names = (pattern: string): Condition[] => {
    const source = pattern === 'them' ? '.*' : pattern.split('*').map(escapeRegex).join('.*');
    const regex = new RegExp(`^${source}$`);
    const matched = [...selections].filter(([name]) => regex.test(name) && !(pattern === 'them' && name.startsWith('_'))).map(([, condition]) => condition);
    if (matched.length === 0) error(`no selection matches "${pattern}"`);
    return matched;
  };
  const primary = (): Condition => {
    const token = tokens[at++];
    if (token === undefined) return error('the condition ends early');
    if (token === '(') {
      const inner = orExpression();
      if (tokens[at++] !== ')') error('a "(" has no matching ")"');
      return inner;
    }
    if (token === 'not') return { not: primary() };
    if (token === '1' || token === 'all' || token === 'any') {
      if (tokens[at] !== 'of') error(`expected "of" after "${token}"`);
      at++;
      const pattern = tokens[at++];
      if (!pattern) return error(`expected a selection name after "${token} of"`);
      const matched = names(pattern);
      return token === 'all' ? { all: matched } : { any: matched };
    }
    if (token === 'and' || token === 'or' || token === ')') return error(`unexpected "${token}"`);
    const found = selections.get(token);
    if (!found) return error(`unknown selection "${token}"`);
    return found;
  };
  const andExpression = (): Condition => {
    const parts = [primary()];
    while (tokens[at] === 'and') {
      at++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0]! : { all: parts };
  };
  const orExpression = (): Condition => {
    const parts = [andExpression()];
    while (tokens[at] === 'or') {
      at++;
      parts.push(andExpression());
    }
    return parts.length === 1 ? parts[0]! : { any: parts };
  };
  try {
    const condition = orExpression();
    if (at < tokens.length) error(`unexpected "${tokens[at]}"`);
    return condition;
  } catch (caught) {
    return fail(problems, path, `invalid condition: ${caught instanceof Error ? caught.message : String(caught)}`);
  }
}

function logsourceOf(value: unknown, path: string, problems: Problems): Logsource | null {
  const source = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const product = String(source.product ?? '').toLowerCase();
  const service = String(source.service ?? '').toLowerCase();
  const category = String(source.category ?? '').toLowerCase();
  if (product === 'aws' && (service === 'cloudtrail' || service === '')) return 'cloudtrail';
  if (category === 'process_creation') return 'process';
  return fail(problems, path, `unsupported log source ${JSON.stringify(source)}; supported are product aws with service cloudtrail, and category process_creation`);
}

/** Translates one Sigma rule document into a rule, or returns null after recording why. */
export function sigmaToRule(document: Record<string, unknown>, at: (path: string) => string, problems: Problems, file: string, ids: Set<string>): Rule | null {
  const before = problems.errors;
  if ('correlation' in document) return fail(problems, at('correlation'), 'Sigma correlation rules are not supported');
  const logsource = logsourceOf(document.logsource, at('logsource'), problems);
  const detection = document.detection;
  if (detection === null || typeof detection !== 'object' || Array.isArray(detection)) return fail(problems, at('detection'), 'expected a map of selections and a condition');
  const entries = Object.entries(detection as Record<string, unknown>);
  if ('timeframe' in (detection as object)) problems.error(at('detection.timeframe'), 'timeframe is not supported');
  const selections = new Map<string, Condition>();
  for (const [name, value] of entries) {
    if (name === 'condition' || name === 'timeframe' || !logsource) continue;
    const compiled = selection(value, at(`detection.${name}`), logsource, problems);
    if (compiled) selections.set(name, compiled);
  }
  const conditionText = (detection as Record<string, unknown>).condition;
  const texts = Array.isArray(conditionText) ? conditionText : [conditionText];
  if (texts.some((text) => typeof text !== 'string' || text.trim() === '')) problems.error(at('detection.condition'), 'missing; give a condition such as "selection and not filter"');

  const title = typeof document.title === 'string' && document.title.trim() ? document.title.trim() : null;
  if (!title) problems.error(at('title'), 'missing; a Sigma rule needs a title');
  const level = typeof document.level === 'string' ? LEVELS[document.level.toLowerCase()] : undefined;
  if (document.level !== undefined && !level) problems.error(at('level'), `invalid level ${JSON.stringify(document.level)}; use informational, low, medium, high or critical`);
  if (problems.errors > before || !logsource) return null;

  const conditions = texts.map((text, index) => parseExpression((text as string).trim(), selections, at(Array.isArray(conditionText) ? `detection.condition[${index}]` : 'detection.condition'), problems));
  if (conditions.some((condition) => condition === null)) return null;
  const detected: Condition = conditions.length === 1 ? conditions[0]! : { any: conditions as Condition[] };
  const scope: Condition =
    logsource === 'cloudtrail'
      ? { field: 'kind', operator: 'in', value: ['cloud-call', 'authentication'] }
      : { all: [{ field: 'kind', operator: 'equals', value: 'tool-call' }, { field: 'command', operator: 'exists', value: true }] };
  const rawId = typeof document.id === 'string' ? document.id : title!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const id = `sigma.${rawId}`.slice(0, 128);
  if (ids.has(id)) return fail(problems, at('id'), `duplicate id "${rawId}"`);
  ids.add(id);
  const description = typeof document.description === 'string' ? document.description.trim() : '';
  return predicateRule({
    id,
    title: title!,
    severity: level ?? 'medium',
    standards: [],
    explanation: description || title!,
    group: 'event',
    match: compileCondition({ all: [scope, detected] }),
    origin: file,
  });
}
