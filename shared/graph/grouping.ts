// How tool calls are grouped into one graph node: by agent, tool and the resource they act on.
// Shell commands group by the program they run, so `git status` and `git diff` share a node.

import type { AgentEvent, ResourceRef } from '../model/events';

const GROUPED_RESOURCE_KINDS = new Set(['file', 'folder', 'url', 'domain', 'host', 'arn', 'repository', 'secret']);

/** Resources that become their own nodes; commands and search patterns stay inside the group. */
export function graphResources(call: AgentEvent): readonly ResourceRef[] {
  return (call.resources ?? []).filter((ref) => GROUPED_RESOURCE_KINDS.has(ref.kind));
}

/** The program a shell command runs: its first word after environment assignments and `cd x &&`. */
export function commandProgram(command: string): string {
  const segments = command.split(/&&|\|\||;|\|/).map((part) => part.trim()).filter(Boolean);
  const meaningful = segments.find((part) => !/^cd\s/.test(part)) ?? segments[0] ?? command;
  const words = meaningful.split(/\s+/).filter((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  const first = words[0] ?? '';
  return first.replace(/^.*\//, '') || command.slice(0, 40);
}

/** The text that names a call's group after its tool name. */
export function groupTarget(call: AgentEvent): string {
  const refs = call.resources ?? [];
  const command = refs.find((ref) => ref.kind === 'command');
  if (command) return commandProgram(command.value);
  const primary = refs.find((ref) => GROUPED_RESOURCE_KINDS.has(ref.kind));
  return primary ? primary.value : '';
}
