// What Claude Code's built-in tools touch, read from their inputs, and how a tool result says
// that a call was denied.

import type { ResourceRef, ToolRef } from '../../model/events';
import { isObject, str } from '../values';

/** Tools that spawn a sub-agent: `Task` before CLI 2.1.63, `Agent` after. */
export const DELEGATING_TOOLS = new Set(['Task', 'Agent']);

/** Splits `mcp__<server>__<tool>` into its parts; other names pass through. */
export function toolRef(name: string, callId: string | undefined): ToolRef {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  const base = callId ? { name, callId } : { name };
  return match ? { ...base, mcpServer: match[1]!, mcpTool: match[2]! } : base;
}

function hostOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@]+(?::[^/?#@]*)?@)?([^/?#:]+)/i.exec(url);
  return match?.[2]?.toLowerCase();
}

function fileRef(value: unknown, access: ResourceRef['access']): ResourceRef[] {
  const path = str(value);
  return path ? [{ kind: 'file', value: path, access }] : [];
}

const URL_PATTERN = /\bhttps?:\/\/[^\s'"<>`)]+/gi;

/** Resources a Bash command names: the command itself and any URLs in it. */
function commandResources(command: string): ResourceRef[] {
  const refs: ResourceRef[] = [{ kind: 'command', value: command, access: 'execute' }];
  for (const url of command.match(URL_PATTERN) ?? []) {
    refs.push({ kind: 'url', value: url, access: 'network' });
    const host = hostOf(url);
    if (host) refs.push({ kind: 'domain', value: host, access: 'network' });
  }
  return refs;
}

export function toolResources(name: string, input: unknown): ResourceRef[] {
  if (!isObject(input)) return [];
  switch (name) {
    case 'Read':
      return fileRef(input.file_path, 'read');
    case 'Write':
    case 'Edit':
    case 'MultiEdit':
      return fileRef(input.file_path, 'write');
    case 'NotebookEdit':
      return fileRef(input.notebook_path, 'write');
    case 'NotebookRead':
      return fileRef(input.notebook_path, 'read');
    case 'LS':
      return str(input.path) ? [{ kind: 'folder', value: str(input.path)!, access: 'read' }] : [];
    case 'Glob':
    case 'Grep': {
      const refs: ResourceRef[] = [];
      if (str(input.path)) refs.push({ kind: 'folder', value: str(input.path)!, access: 'search' });
      if (str(input.pattern)) refs.push({ kind: 'pattern', value: str(input.pattern)!, access: 'search' });
      return refs;
    }
    case 'Bash':
    case 'BashOutput':
      return str(input.command) ? commandResources(str(input.command)!) : [];
    case 'WebFetch': {
      const url = str(input.url);
      if (!url) return [];
      const host = hostOf(url);
      return host ? [{ kind: 'url', value: url, access: 'network' }, { kind: 'domain', value: host, access: 'network' }] : [{ kind: 'url', value: url, access: 'network' }];
    }
    case 'WebSearch':
      return str(input.query) ? [{ kind: 'pattern', value: str(input.query)!, access: 'network' }] : [];
    default:
      return mcpResources(name);
  }
}

function mcpResources(name: string): ResourceRef[] {
  const match = /^mcp__(.+?)__/.exec(name);
  return match ? [{ kind: 'host', value: `mcp:${match[1]}`, access: 'network' }] : [];
}

/** A one-line description of a tool call, from its most telling input. */
export function describeCall(name: string, input: unknown): string {
  if (!isObject(input)) return name;
  const detail =
    str(input.command) ??
    str(input.file_path) ??
    str(input.notebook_path) ??
    str(input.url) ??
    str(input.pattern) ??
    str(input.query) ??
    str(input.description) ??
    str(input.path);
  return detail ? `${name} ${detail}` : name;
}

export type Denial = { readonly by: 'user-reject' | 'policy'; readonly reason: string };

const USER_REJECTION = /doesn't want to proceed with this tool use|User rejected tool use|tool use was rejected/i;
const POLICY_DENIAL = /Permission to use \S+ has been denied|permission.{0,40}denied by (?:policy|rule|settings)/i;

/** Recognises the texts with which Claude Code reports a rejected or policy-denied call. */
export function detectDenial(text: string, structured: unknown): Denial | undefined {
  const structuredText = typeof structured === 'string' ? structured : '';
  for (const candidate of [structuredText, text]) {
    if (USER_REJECTION.test(candidate)) return { by: 'user-reject', reason: candidate };
    if (POLICY_DENIAL.test(candidate)) return { by: 'policy', reason: candidate };
  }
  return undefined;
}
