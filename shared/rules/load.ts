// Reads rule files: Custody rules in JSON or YAML, and Sigma rules whose fields map onto our
// events. Problems come back as diagnostics naming the path in the file and what is wrong. A rule
// with an error is left out, and the file's other rules still load.
//
// A Custody rule file holds one rule or `rules: [...]`:
//
//   id: s3-object-deleted          # letters, digits, `.`, `_`, `-`
//   title: S3 object deleted
//   severity: high                 # critical | high | medium | low | info
//   standards: [ASI02, NHI5]       # optional, ids of the OWASP lists in standards.ts
//   explanation: Why it matters.   # optional, defaults to the title
//   group: event                   # optional: event (a finding per event) or session (one per session)
//   match:                         # a condition, see conditions.ts
//     all:
//       - { field: kind, equals: cloud-call }
//       - { field: cloud.operation, in: [DeleteObject, DeleteObjects] }

import { parseAllDocuments } from 'yaml';
import { compileCondition, OPERATORS, type Condition, type LeafCondition, type Operator } from './conditions';
import { predicateRule, Problems, type LoadedRules } from './predicate';
import { isSigmaDocument, sigmaToRule } from './sigma';
import { findStandard } from './standards';
import { SEVERITIES, type Rule, type Severity, type StandardRef } from './types';

export type { LoadedRules, RuleDiagnostic } from './predicate';

/** Custody rules need no more nesting than this; deeper trees are rejected, not walked. */
const MAX_DEPTH = 32;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function parseCondition(value: unknown, path: string, problems: Problems, depth = 0): Condition | null {
  if (depth > MAX_DEPTH) {
    problems.error(path, `conditions are nested more than ${MAX_DEPTH} levels deep`);
    return null;
  }
  if (!isRecord(value)) {
    problems.error(path, `expected a condition object (all, any, not, or field with an operator), found ${describe(value)}`);
    return null;
  }
  const groups = ['all', 'any', 'not'].filter((key) => key in value);
  if (groups.length > 1 || (groups.length === 1 && 'field' in value)) {
    problems.error(path, `combines ${[...groups, ...('field' in value ? ['field'] : [])].join(' and ')}; a condition is exactly one of all, any, not or a field test`);
    return null;
  }
  if (groups[0] === 'all' || groups[0] === 'any') {
    const key = groups[0];
    const list = value[key];
    if (!Array.isArray(list) || list.length === 0) {
      problems.error(`${path}.${key}`, `expected a non-empty list of conditions, found ${describe(list)}`);
      return null;
    }
    const parts = list.map((item, index) => parseCondition(item, `${path}.${key}[${index}]`, problems, depth + 1));
    if (parts.some((part) => part === null)) return null;
    return key === 'all' ? { all: parts as Condition[] } : { any: parts as Condition[] };
  }
  if (groups[0] === 'not') {
    const inner = parseCondition(value.not, `${path}.not`, problems, depth + 1);
    return inner ? { not: inner } : null;
  }
  return parseLeaf(value, path, problems);
}

function parseLeaf(value: Record<string, unknown>, path: string, problems: Problems): LeafCondition | null {
  const field = value.field;
  if (typeof field !== 'string' || !/^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*$/.test(field)) {
    problems.error(`${path}.field`, field === undefined ? 'missing; name the event field to test, e.g. tool.name or cloud.operation' : `invalid field path ${describe(field)}; use dotted names such as resources.*.value`);
    return null;
  }
  const operators = OPERATORS.filter((operator) => operator in value);
  const unknown = Object.keys(value).filter((key) => key !== 'field' && key !== 'ignoreCase' && key !== 'every' && !(OPERATORS as readonly string[]).includes(key));
  for (const key of unknown) problems.error(`${path}.${key}`, `unknown key; operators are ${OPERATORS.join(', ')}, options are ignoreCase and every`);
  if (operators.length !== 1) {
    problems.error(path, operators.length === 0 ? `no operator for field ${field}; use one of ${OPERATORS.join(', ')}` : `has ${operators.join(' and ')}; use one operator per condition and combine them with all or any`);
    return null;
  }
  if (unknown.length > 0) return null;

  const operator = operators[0] as Operator;
  const operand = value[operator];
  const where = `${path}.${operator}`;
  const ignoreCase = value.ignoreCase === true;
  if (value.ignoreCase !== undefined && typeof value.ignoreCase !== 'boolean') problems.error(`${path}.ignoreCase`, `expected true or false, found ${describe(value.ignoreCase)}`);
  if (value.every !== undefined && typeof value.every !== 'boolean') problems.error(`${path}.every`, `expected true or false, found ${describe(value.every)}`);

  const scalar = (item: unknown) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean';
  switch (operator) {
    case 'equals':
      if (!scalar(operand)) return fail(problems, where, `expected a string, number or boolean, found ${describe(operand)}`);
      break;
    case 'in':
      if (!Array.isArray(operand) || operand.length === 0 || !operand.every(scalar)) return fail(problems, where, `expected a non-empty list of strings, numbers or booleans, found ${describe(operand)}`);
      break;
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      if (typeof operand !== 'string' || operand === '') return fail(problems, where, `expected a non-empty string, found ${describe(operand)}`);
      break;
    case 'matches': {
      // NOTE: patterns run as written, so a pattern with nested quantifiers can take exponential
      // time on a long field. Rule files are trusted as much as the analyst who adds them.
      if (typeof operand !== 'string') return fail(problems, where, `expected a regular expression as a string, found ${describe(operand)}`);
      try {
        return { field, operator, value: new RegExp(operand, ignoreCase ? 'i' : ''), ignoreCase, every: value.every === true };
      } catch (error) {
        return fail(problems, where, `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    case 'exists':
      if (typeof operand !== 'boolean') return fail(problems, where, `expected true or false, found ${describe(operand)}`);
      break;
    default:
      if (typeof operand !== 'number' || !Number.isFinite(operand)) return fail(problems, where, `expected a number, found ${describe(operand)}`);
  }
  return { field, operator, value: operand, ignoreCase, every: value.every === true };
}

function fail(problems: Problems, path: string, message: string): null {
  problems.error(path, message);
  return null;
}

function parseRule(value: unknown, path: string, problems: Problems, file: string, ids: Set<string>): Rule | null {
  if (!isRecord(value)) return fail(problems, path, `expected a rule object, found ${describe(value)}`);
  const before = problems.errors;
  const known = new Set(['id', 'title', 'severity', 'standards', 'explanation', 'group', 'match', 'description']);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.error(`${path}.${key}`, `unknown key; a rule has ${[...known].join(', ')}`);
  const id = value.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) problems.error(`${path}.id`, id === undefined ? 'missing; give the rule a short id such as s3-object-deleted' : `invalid id ${describe(id)}; use letters, digits, ".", "_" and "-"`);
  else if (ids.has(id)) problems.error(`${path}.id`, `duplicate id "${id}"; every rule needs its own id`);
  const title = value.title;
  if (typeof title !== 'string' || title.trim() === '') problems.error(`${path}.title`, title === undefined ? 'missing; give the rule a one-line title' : `expected a non-empty string, found ${describe(title)}`);
  const severity = value.severity;
  if (!SEVERITIES.includes(severity as Severity)) problems.error(`${path}.severity`, severity === undefined ? `missing; use one of ${SEVERITIES.join(', ')}` : `invalid severity ${describe(severity)}; use one of ${SEVERITIES.join(', ')}`);
  const standards: StandardRef[] = [];
  if (value.standards !== undefined) {
    if (!Array.isArray(value.standards)) problems.error(`${path}.standards`, `expected a list of ids such as [ASI02, NHI2], found ${describe(value.standards)}`);
    else
      value.standards.forEach((item, index) => {
        const found = typeof item === 'string' ? findStandard(item) : undefined;
        if (found) standards.push(found);
        else problems.error(`${path}.standards[${index}]`, `unknown standard ${describe(item)}; use ASI01–ASI10 or NHI1–NHI10`);
      });
  }

  const explanation = value.explanation ?? value.description;
  if (explanation !== undefined && typeof explanation !== 'string') problems.error(`${path}.explanation`, `expected a string, found ${describe(explanation)}`);
  const group = value.group ?? 'event';
  if (group !== 'event' && group !== 'session') problems.error(`${path}.group`, `invalid group ${describe(group)}; use event or session`);
  if (value.match === undefined) problems.error(`${path}.match`, 'missing; give the condition events must meet');
  const condition = value.match === undefined ? null : parseCondition(value.match, `${path}.match`, problems);
  if (problems.errors > before || !condition) return null;

  ids.add(id as string);
  return predicateRule({
    id: id as string,
    title: (title as string).trim(),
    severity: severity as Severity,
    standards,
    explanation: typeof explanation === 'string' && explanation.trim() !== '' ? explanation.trim() : (title as string).trim(),
    group: group as 'event' | 'session',
    match: compileCondition(condition),
    origin: file,
  });
}

/**
 * Parses a rule file (JSON or YAML; several YAML documents are allowed). Never throws: syntax
 * errors and invalid rules come back as diagnostics.
 */
export function loadRuleFile(text: string, file: string): LoadedRules {
  const problems = new Problems(file);
  const rules: Rule[] = [];
  if (typeof text !== 'string' || text.trim() === '') {
    problems.error('', 'the file is empty; it should hold a rule, a list under "rules", or a Sigma rule');
    return { rules, diagnostics: problems.list };
  }
  let documents: unknown[];
  try {
    const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
    const list = Array.isArray(parsed) ? parsed : [parsed];
    documents = [];
    for (const [index, document] of list.entries()) {
      for (const error of document.errors) problems.error(list.length > 1 ? `document ${index + 1}` : '', `syntax error at line ${error.linePos?.[0]?.line ?? '?'}: ${error.message.split('\n')[0]}`);
      if (document.errors.length === 0) documents.push(document.toJS({ maxAliasCount: 100 }));
    }
  } catch (error) {
    problems.error('', `the file could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
    return { rules, diagnostics: problems.list };
  }
  const ids = new Set<string>();
  documents.forEach((document, index) => {
    const prefix = documents.length > 1 ? `document ${index + 1}` : '';
    const at = (path: string) => (prefix && path ? `${prefix}: ${path}` : prefix || path);
    if (document === null || document === undefined) return;
    if (isSigmaDocument(document)) {
      const rule = sigmaToRule(document as Record<string, unknown>, at, problems, file, ids);
      if (rule) rules.push(rule);
      return;
    }
    if (isRecord(document) && 'rules' in document) {
      if (!Array.isArray(document.rules)) {
        problems.error(at('rules'), `expected a list of rules, found ${describe(document.rules)}`);
        return;
      }
      for (const key of Object.keys(document)) if (key !== 'rules') problems.warning(at(key), 'ignored; a rule file with "rules" holds nothing else');
      document.rules.forEach((item, position) => {
        const rule = parseRule(item, at(`rules[${position}]`), problems, file, ids);
        if (rule) rules.push(rule);
      });
      return;
    }
    const rule = parseRule(document, at('') || 'rule', problems, file, ids);
    if (rule) rules.push(rule);
  });
  return { rules, diagnostics: problems.list };
}
