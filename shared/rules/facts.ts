// Facts the rules read off normalised events: the command line of a call, the text a tool
// returned, the kind of tool, the paths and hosts it touched. Every helper accepts any event
// and returns an empty value when a field is missing or has an unexpected type.

import type { AgentEvent } from '../model/events';
import { parseCommandLine, type SimpleCommand } from './shell';

/** Tools that write or edit files: Claude Code, Codex and Gemini CLI names. */
const WRITE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'apply_patch', 'write_file', 'replace', 'edit_file', 'create_file']);
/** Tools that run a command: Claude Code, Codex and Gemini CLI names. */
const COMMAND_TOOLS = new Set(['Bash', 'exec_command', 'shell', 'local_shell', 'container.exec', 'run_shell_command', 'write_stdin', 'unified_exec']);
/** Tools that fetch from or search the web. */
const NETWORK_TOOLS = new Set(['WebFetch', 'WebSearch', 'web_fetch', 'web_search', 'google_web_search', 'fetch']);

export function toolName(event: AgentEvent): string {
  return typeof event.tool?.name === 'string' ? event.tool.name : '';
}

export function isWriteTool(name: string): boolean {
  return WRITE_TOOLS.has(name);
}

export function isCommandTool(name: string): boolean {
  return COMMAND_TOOLS.has(name);
}

export function isNetworkTool(name: string): boolean {
  return NETWORK_TOOLS.has(name);
}

export function isMcpTool(event: AgentEvent): boolean {
  return Boolean(event.tool?.mcpServer) || toolName(event).startsWith('mcp__');
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value.join(' ');
  return '';
}

/**
 * Returns the command line a tool call ran: `input.command` (a string, or an argv array as Codex
 * `shell` writes it), `input.cmd`, or the call's `command` resource. Empty for other calls.
 */
export function commandOf(event: AgentEvent): string {
  const input = event.input;
  const direct = stringOf(field(input, 'command')) || stringOf(field(input, 'cmd')) || stringOf(field(input, 'chars'));
  if (direct) return direct;
  for (const resource of event.resources ?? []) if (resource?.kind === 'command' && typeof resource.value === 'string') return resource.value;
  return '';
}

const parsedCommands = new WeakMap<AgentEvent, readonly SimpleCommand[]>();

/** Returns the simple commands of a tool call's command line, parsed once per event. */
export function commandsOf(event: AgentEvent): readonly SimpleCommand[] {
  let commands = parsedCommands.get(event);
  if (!commands) {
    commands = parseCommandLine(commandOf(event));
    parsedCommands.set(event, commands);
  }
  return commands;
}

/** Returns the output text a tool result kept (`attrs.output`, cut by the readers to a prefix). */
export function outputOf(event: AgentEvent): string {
  const output = event.attrs?.output;
  return typeof output === 'string' ? output : '';
}

/** Returns every string inside a tool input, for rules that search the whole input. */
export function inputText(event: AgentEvent, limit = 20_000): string {
  const parts: string[] = [];
  let size = 0;
  const walk = (value: unknown, depth: number) => {
    if (size > limit || depth > 6) return;
    if (typeof value === 'string') {
      parts.push(value);
      size += value.length;
    } else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) walk(item, depth + 1);
  };
  walk(event.input, 0);
  return parts.join('\n').slice(0, limit);
}

export function attrText(event: AgentEvent, key: string): string | undefined {
  const value = event.attrs?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Paths of the file and folder resources of an event, with their access. */
export function pathsOf(event: AgentEvent): { path: string; access: string }[] {
  const out: { path: string; access: string }[] = [];
  for (const resource of event.resources ?? []) {
    if (!resource || typeof resource.value !== 'string') continue;
    if (resource.kind === 'file' || resource.kind === 'folder') out.push({ path: resource.value, access: String(resource.access) });
  }
  return out;
}

/** Collapses `.` and `..` segments and repeated slashes of an absolute POSIX or Windows path. */
export function normalisePath(path: string): string {
  const unified = path.replace(/\\/g, '/');
  const parts: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const drive = /^[A-Za-z]:$/.test(parts[0] ?? '');
  return drive ? parts.join('/') : `/${parts.join('/')}`;
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('~');
}

/** True when `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  const child = normalisePath(path);
  const parent = normalisePath(folder);
  return child === parent || child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);
}

/** Shortens text for a sentence in a finding, on one line. */
export function clip(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function describeCall(event: AgentEvent): string {
  const name = toolName(event) || event.kind;
  const command = commandOf(event);
  if (command) return `${name} ran \`${clip(command, 100)}\``;
  const paths = pathsOf(event);
  if (paths.length > 0) return `${name} on ${clip(paths[0]!.path, 100)}`;
  return `${name}: ${clip(event.summary ?? '', 100)}`;
}

/** Host names in the URLs of a text, lower-cased, without port or credentials. */
export function hostsInText(text: string): string[] {
  const hosts: string[] = [];
  for (const match of text.matchAll(/\b(?:https?|wss?|ftp):\/\/(?:[^\s/@'"`]*@)?([a-z0-9.-]+|\[[0-9a-f:]+\])(?::\d+)?/gi)) {
    const host = match[1]!.toLowerCase().replace(/\.$/, '');
    if (host.includes('.') || host.startsWith('[') || host === 'localhost') hosts.push(host);
  }
  return hosts;
}

export function hostOfUrl(value: string): string | null {
  return hostsInText(value)[0] ?? (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value) ? value.toLowerCase() : null);
}

/** Loopback and link-local hosts, which are not egress. */
export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]' || host === '0.0.0.0' || /^169\.254\./.test(host);
}

export function timeOf(event: AgentEvent | undefined): number | null {
  const ms = event?.time?.ms;
  return typeof ms === 'number' ? ms : null;
}
