// What Codex tool calls touch and what their outputs say: shell commands, apply_patch file
// headers, web searches and MCP tools, and the exit codes inside outputs.

import type { Outcome, ResourceRef, ToolRef } from '../../model/events';
import { arr, isObject, obj, str, type JsonObject } from '../values';

/** Tool arguments as parsed, or the raw text when they are not JSON (sanitised rollouts). */
export interface ParsedArguments {
  readonly value: unknown;
  readonly json: boolean;
}

/** Parses `function_call.arguments`, a JSON document inside a string. */
export function parseArguments(raw: unknown): ParsedArguments {
  if (typeof raw !== 'string') return { value: raw, json: isObject(raw) };
  try {
    return { value: JSON.parse(raw) as unknown, json: true };
  } catch {
    return { value: raw, json: false };
  }
}

/**
 * Splits MCP tool names. Codex 0.104 names them `mcp__<server>__<tool>`; exec --json items carry
 * `server` and `tool` as separate fields and are given the same form.
 */
export function toolRef(name: string, callId: string | undefined): ToolRef {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  const base = callId ? { name, callId } : { name };
  return match ? { ...base, mcpServer: match[1]!, mcpTool: match[2]! } : base;
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'fish', 'pwsh', 'powershell', 'cmd']);

/**
 * Returns the command line of a shell call: `cmd` (exec_command) or `command` as a string or an argv
 * array. A `["bash", "-lc", script]` argv yields the script.
 */
export function commandText(args: unknown): string | undefined {
  if (!isObject(args)) return undefined;
  const text = str(args.cmd) ?? str(args.command);
  if (text !== undefined) return text;
  const argv = (arr(args.command) ?? []).filter((part): part is string => typeof part === 'string');
  if (argv.length === 0) return undefined;
  const shell = argv[0]!.split('/').pop()!;
  if (argv.length === 3 && SHELLS.has(shell) && /^-\w*c$|^\/c$|^-Command$/i.test(argv[1]!)) return argv[2];
  return argv.map((part) => (/[\s"']/.test(part) ? JSON.stringify(part) : part)).join(' ');
}

/** Returns the program a command line starts, skipping `VAR=value` assignments: `git` for `FOO=1 git push`. */
export function programOf(command: string): string | undefined {
  for (const token of command.trim().split(/\s+/)) {
    if (token === '' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(token)) continue;
    return token.replace(/^["']|["']$/g, '').split('/').pop() || undefined;
  }
  return undefined;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s'"<>`)]+/gi;

function hostOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@]+(?::[^/?#@]*)?@)?([^/?#:]+)/i.exec(url);
  return match?.[2]?.toLowerCase();
}

export function urlResources(text: string): ResourceRef[] {
  const refs: ResourceRef[] = [];
  for (const url of text.match(URL_PATTERN) ?? []) {
    refs.push({ kind: 'url', value: url, access: 'network' });
    const host = hostOf(url);
    if (host) refs.push({ kind: 'domain', value: host, access: 'network' });
  }
  return refs;
}

export function commandResources(command: string): ResourceRef[] {
  return [{ kind: 'command', value: command, access: 'execute' }, ...urlResources(command)];
}

const PATCH_HEADER = /^\*\*\* (Add File|Update File|Delete File|Move to): (.+?)\s*$/gm;

/** Files named by the headers of an apply_patch envelope (`*** Update File: src/a.ts`). */
export function patchResources(patch: string): ResourceRef[] {
  const refs: ResourceRef[] = [];
  for (const match of patch.matchAll(PATCH_HEADER)) {
    refs.push({ kind: 'file', value: match[2]!, access: match[1] === 'Delete File' ? 'delete' : 'write' });
  }
  return refs;
}

/** Returns the patch text of an apply_patch call: custom tool input, `{input}` arguments or an argv. */
export function patchText(name: string, args: unknown): string | undefined {
  if (typeof args === 'string') return name === 'apply_patch' ? args : undefined;
  if (!isObject(args)) return undefined;
  if (name === 'apply_patch') return str(args.input) ?? str(args.patch);
  const argv = arr(args.command);
  if (argv && argv[0] === 'apply_patch') return str(argv[1]);
  return undefined;
}

/** Resources of a web search action: the query, or the page opened or searched. */
export function webSearchResources(action: JsonObject | undefined): ResourceRef[] {
  if (!action) return [];
  const refs: ResourceRef[] = [];
  const query = str(action.query);
  if (query) refs.push({ kind: 'pattern', value: query, access: 'network' });
  const url = str(action.url);
  if (url) {
    const found = urlResources(url);
    refs.push(...(found.length > 0 ? found : [{ kind: 'url' as const, value: url, access: 'network' as const }]));
  }
  return refs;
}

/** Resources of a function or custom tool call, from its name and parsed arguments. */
export function callResources(name: string, args: unknown): ResourceRef[] {
  const patch = patchText(name, args);
  if (patch !== undefined) return patchResources(patch);
  const mcp = /^mcp__(.+?)__/.exec(name);
  if (mcp) return [{ kind: 'host', value: `mcp:${mcp[1]}`, access: 'network' }];
  const command = commandText(args);
  if (command !== undefined && name !== 'write_stdin') return commandResources(command);
  if (name === 'view_image' && isObject(args) && str(args.path)) return [{ kind: 'file', value: str(args.path)!, access: 'read' }];
  return [];
}

/** A call's request to run outside the sandbox, read from its arguments. */
export interface Escalation {
  readonly justification?: string;
  readonly prefixRule?: string;
}

/**
 * Reads an escalation request: `sandbox_permissions: "require_escalated"` (0.5x and later) or
 * `with_escalated_permissions: true` (earlier shell tool).
 */
export function escalationOf(args: unknown): Escalation | undefined {
  if (!isObject(args)) return undefined;
  if (args.sandbox_permissions !== 'require_escalated' && args.with_escalated_permissions !== true) return undefined;
  const rule = args.prefix_rule;
  return {
    ...(str(args.justification) ? { justification: str(args.justification)! } : {}),
    ...(rule !== undefined ? { prefixRule: typeof rule === 'string' ? rule : JSON.stringify(rule) } : {}),
  };
}

/** What a tool output says about how the call went. */
export interface OutputReading {
  readonly text: string;
  readonly outcome: Outcome;
  readonly exitCode?: number;
  /** Text of a rejection by the user, when the output is one. */
  readonly rejection?: string;
}

// Texts Codex returns to the model when the user declines an approval request
// (`exec command rejected by user`, `patch rejected by user`), and the output it writes for calls
// cut off by an interrupt (`aborted`).
const REJECTION = /\b(?:exec command|command|patch|request) (?:was )?rejected by (?:the )?user\b|^rejected by user/i;
const ABORTED = /^aborted(?: by user)?\.?$/i;
const EXIT_LINE = /^(?:Exit code|Process exited with code):?\s+(-?\d+)/m;

/** Reads the text, exit code and error flag of a JSON output (`{output, metadata}` or an MCP result). */
function readStructured(value: JsonObject): { text: string; exitCode?: number; failed: boolean } {
  const metadata = obj(value.metadata);
  let exitCode: number | undefined;
  if (typeof metadata?.exit_code === 'number') exitCode = metadata.exit_code;
  else if (typeof value.exit_code === 'number') exitCode = value.exit_code;
  const content = arr(value.content);
  const text =
    str(value.output) ??
    str(value.content) ??
    (content ? content.map((part) => str(obj(part)?.text) ?? '').join('\n') : JSON.stringify(value));
  const failed = value.isError === true || value.is_error === true || value.success === false || (exitCode !== undefined && exitCode !== 0);
  return { text, ...(exitCode !== undefined ? { exitCode } : {}), failed };
}

function parseJsonText(text: string): JsonObject | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    return obj(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Reads a `function_call_output` or `custom_tool_call_output`. The output is plain text, a JSON
 * document inside a string (`{"output": ..., "metadata": {"exit_code": 1}}`, MCP `{content,
 * isError}`), or an object (`{content, success}`). A non-zero exit or an error flag is an error,
 * a user rejection is a denial, `aborted` is a cancellation, and anything else counts as success.
 */
export function readOutput(output: unknown): OutputReading {
  let structured: JsonObject | undefined;
  if (isObject(output)) structured = output;
  else if (typeof output === 'string') structured = parseJsonText(output);
  const reading: { text: string; exitCode?: number; failed: boolean } = structured
    ? readStructured(structured)
    : { text: typeof output === 'string' ? output : JSON.stringify(output ?? null), failed: false };
  const text = reading.text;
  const exitText = EXIT_LINE.exec(text)?.[1];
  let exitCode = reading.exitCode;
  if (exitCode === undefined && exitText !== undefined) exitCode = Number(exitText);
  const exit = exitCode !== undefined ? { exitCode } : {};
  const rejection = REJECTION.exec(text);
  if (rejection) return { text, outcome: 'denied', ...exit, rejection: text.trim().split('\n')[0]! };
  if (ABORTED.test(text.trim())) return { text, outcome: 'cancelled', ...exit };
  const failed = reading.failed || (exitCode !== undefined && exitCode !== 0);
  return { text, outcome: failed ? 'error' : 'success', ...exit };
}
