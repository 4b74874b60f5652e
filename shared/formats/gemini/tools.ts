// Resources that Gemini CLI's built-in tools touch, read from their arguments, and the text of
// their results. Tool names and argument names are those of gemini-cli's core tools.

import type { ResourceRef } from '../../model/events';
import { arr, isObject, obj, str } from '../values';

const URL_PATTERN = /\bhttps?:\/\/[^\s'"<>`)]+/gi;

function hostOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@]+(?::[^/?#@]*)?@)?([^/?#:]+)/i.exec(url);
  return match?.[2]?.toLowerCase();
}

function urlResources(text: string): ResourceRef[] {
  const refs: ResourceRef[] = [];
  for (const url of text.match(URL_PATTERN) ?? []) {
    refs.push({ kind: 'url', value: url, access: 'network' });
    const host = hostOf(url);
    if (host) refs.push({ kind: 'domain', value: host, access: 'network' });
  }
  return refs;
}

function fileRef(path: string | undefined, access: ResourceRef['access']): ResourceRef[] {
  return path ? [{ kind: 'file', value: path, access }] : [];
}

function folderOf(args: Record<string, unknown>): string | undefined {
  return str(args.dir_path) ?? str(args.path) ?? str(args.directory);
}

/** Resources a tool call names, from the tool's name and arguments. */
export function toolResources(name: string, args: unknown): ResourceRef[] {
  if (!isObject(args)) return [];
  const filePath = str(args.file_path) ?? str(args.absolute_path);
  switch (name) {
    case 'run_shell_command': {
      const command = str(args.command);
      return command ? [{ kind: 'command', value: command, access: 'execute' }, ...urlResources(command)] : [];
    }
    case 'read_file':
      return fileRef(filePath, 'read');
    case 'read_many_files':
      return (arr(args.paths) ?? []).flatMap((path) => fileRef(str(path), 'read'));
    case 'write_file':
    case 'replace':
    case 'edit':
      return fileRef(filePath, 'write');
    case 'list_directory': {
      const folder = folderOf(args);
      return folder ? [{ kind: 'folder', value: folder, access: 'read' }] : [];
    }
    case 'glob':
    case 'search_file_content':
    case 'grep_search': {
      const refs: ResourceRef[] = [];
      const folder = folderOf(args);
      if (folder) refs.push({ kind: 'folder', value: folder, access: 'search' });
      if (str(args.pattern)) refs.push({ kind: 'pattern', value: str(args.pattern)!, access: 'search' });
      return refs;
    }
    case 'web_fetch':
      return urlResources(str(args.url) ?? str(args.prompt) ?? '');
    case 'google_web_search':
      return str(args.query) ? [{ kind: 'pattern', value: str(args.query)!, access: 'network' }] : [];
    default:
      return [];
  }
}

/** Describes a call in one line, from its most telling argument. */
export function describeCall(name: string, args: unknown): string {
  if (!isObject(args)) return name;
  const detail = str(args.command) ?? str(args.file_path) ?? str(args.absolute_path) ?? str(args.url) ?? str(args.pattern) ?? str(args.query) ?? folderOf(args);
  return detail ? `${name} ${detail}` : name;
}

/**
 * Text of a recorded tool result: a string, or Gemini API parts (`{text}` or
 * `{functionResponse: {response: {output | error}}}`).
 */
export function resultText(result: unknown): string {
  if (typeof result === 'string') return result;
  let parts: readonly unknown[] = [];
  if (Array.isArray(result)) parts = result;
  else if (result !== null && result !== undefined) parts = [result];
  return parts
    .map((part) => {
      const text = str(obj(part)?.text);
      if (text !== undefined) return text;
      const response = obj(obj(obj(part)?.functionResponse)?.response);
      if (!response) return '';
      return str(response.output) ?? str(response.error) ?? JSON.stringify(response);
    })
    .filter(Boolean)
    .join('\n');
}

/** Text of message content: a string, or parts with `text`. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return (arr(content) ?? [content]).map((part) => str(obj(part)?.text) ?? '').filter(Boolean).join('\n');
}
