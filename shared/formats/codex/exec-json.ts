// Translates the stdout of `codex exec --json`: thread, turn and item events. This stream is a
// different schema from rollouts: its items start and complete (command_execution, file_change,
// mcp_tool_call, web_search, agent_message, reasoning, todo_list, error) and carry no times.
// The stream's first version (September 2025) named the item type `item_type` and the agent's
// reply `assistant_message`; both spellings are read.

import type { Attributes, Outcome, ResourceRef } from '../../model/events';
import type { RecordBase, SessionBuffer } from '../session-buffer';
import { arr, capValue, obj, oneLine, str, type JsonObject } from '../values';
import { commandResources, programOf, toolRef, webSearchResources } from './tools';
import { clipText } from '../../secrets/cut';

export const EXEC_EVENT_TYPES = new Set([
  'thread.started',
  'turn.started',
  'turn.completed',
  'turn.failed',
  'item.started',
  'item.updated',
  'item.completed',
  'item.plan.delta',
  'request_user_input',
  'error',
]);

const TOOL_ITEMS = new Set(['command_execution', 'file_change', 'mcp_tool_call', 'web_search', 'collab_tool_call']);

function itemType(item: JsonObject): string {
  return str(item.type) ?? str(item.item_type) ?? 'unknown';
}

function toolName(type: string, item: JsonObject): string {
  if (type === 'mcp_tool_call') return `mcp__${str(item.server) ?? '?'}__${str(item.tool) ?? '?'}`;
  if (type === 'collab_tool_call') return `collab_${str(item.tool) ?? '?'}`;
  return type;
}

function itemResources(type: string, item: JsonObject): ResourceRef[] {
  switch (type) {
    case 'command_execution':
      return str(item.command) ? commandResources(str(item.command)!) : [];
    case 'file_change':
      return (arr(item.changes) ?? []).flatMap((change) => {
        const path = str(obj(change)?.path);
        return path ? [{ kind: 'file' as const, value: path, access: str(obj(change)?.kind) === 'delete' ? ('delete' as const) : ('write' as const) }] : [];
      });
    case 'mcp_tool_call':
      return [{ kind: 'host', value: `mcp:${str(item.server) ?? '?'}`, access: 'network' }];
    case 'web_search':
      return webSearchResources(obj(item.action) ?? { query: item.query });
    default:
      return [];
  }
}

/** The input of a tool item: MCP arguments, the command, the search, or the file changes. */
function itemInput(type: string, item: JsonObject): unknown {
  if (type === 'mcp_tool_call') return item.arguments;
  if (type === 'command_execution') return { command: item.command };
  if (type === 'web_search') return { query: item.query, action: item.action };
  return { changes: item.changes };
}

/** Outcome of a completed tool item from its status, exit code and error. */
function itemOutcome(item: JsonObject): Outcome {
  const status = str(item.status);
  if (status === 'declined') return 'denied';
  if (status === 'failed' || item.error) return 'error';
  if (typeof item.exit_code === 'number' && item.exit_code !== 0) return 'error';
  if (status === 'in_progress') return 'unknown';
  return 'success';
}

function resultText(type: string, item: JsonObject): string {
  if (type === 'command_execution') return str(item.aggregated_output) ?? '';
  if (type === 'mcp_tool_call') {
    const error = str(obj(item.error)?.message);
    if (error) return error;
    const content = arr(obj(item.result)?.content) ?? [];
    return content.map((part) => str(obj(part)?.text) ?? '').join('\n');
  }
  if (type === 'file_change') return (arr(item.changes) ?? []).map((change) => `${str(obj(change)?.kind) ?? '?'} ${str(obj(change)?.path) ?? '?'}`).join('\n');
  return '';
}

export class ExecTranslator {
  private turn = 0;
  /** Tool items whose call event was emitted, by item id within the current turn. */
  private readonly started = new Set<string>();
  private readonly completed = new Set<string>();

  constructor(private readonly out: SessionBuffer) {}

  event(record: JsonObject, base: RecordBase, id: string): void {
    const type = str(record.type) ?? 'unknown';
    const error = obj(record.error);
    switch (type) {
      case 'thread.started': {
        const threadId = str(record.thread_id);
        if (threadId) this.out.name(threadId);
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`thread ${threadId ?? '?'} started`), attrs: { threadId: threadId ?? null } });
      }
      case 'turn.started':
        this.turn += 1;
        return this.out.emit(base, 0, id, { kind: 'system', summary: `turn ${this.turn} started` });
      case 'turn.completed': {
        const usage = obj(record.usage);
        const attrs: Record<string, number> = {};
        for (const key of ['input_tokens', 'cached_input_tokens', 'output_tokens']) if (typeof usage?.[key] === 'number') attrs[key] = usage[key] as number;
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`turn ${this.turn} completed (${attrs.input_tokens ?? '?'} input, ${attrs.output_tokens ?? '?'} output tokens)`), outcome: 'success', attrs });
      }
      case 'turn.failed':
      case 'error': {
        const message = str(error?.message) ?? str(record.message) ?? '';
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`${type === 'error' ? 'error' : 'turn failed'}: ${message}`), outcome: 'error', attrs: { message } });
      }
      case 'item.started':
      case 'item.updated':
      case 'item.completed':
        return this.item(type, obj(record.item) ?? {}, base, id);
      default:
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(type), attrs: { eventType: type } });
    }
  }

  private item(event: string, item: JsonObject, base: RecordBase, id: string): void {
    const type = itemType(item);
    const itemId = str(item.id);
    if (TOOL_ITEMS.has(type) && itemId) return this.toolItem(event, type, itemId, item, base, id);
    const attrs: Attributes = { itemType: type, itemId: itemId ?? null, event };
    switch (type) {
      case 'agent_message':
      case 'assistant_message':
        return this.out.emit(base, 0, id, { kind: 'message', summary: oneLine(str(item.text) ?? ''), attrs: { ...attrs, role: 'assistant' } });
      case 'reasoning':
        return this.out.emit(base, 0, id, { kind: 'message', summary: oneLine(`reasoning: ${str(item.text) ?? ''}`), attrs: { ...attrs, thinking: true } });
      case 'todo_list': {
        const items = arr(item.items) ?? [];
        const done = items.filter((todo) => obj(todo)?.completed === true).length;
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`to-do list: ${done}/${items.length} done: ${items.map((todo) => str(obj(todo)?.text) ?? '').join('; ')}`), attrs });
      }
      case 'error':
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`error: ${str(item.message) ?? ''}`), outcome: 'error', attrs });
      default:
        return this.out.emit(base, 0, id, { kind: TOOL_ITEMS.has(type) || type === 'plan' ? 'system' : 'unknown', summary: oneLine(`${event} ${type}`), attrs });
    }
  }

  /**
   * Emits a tool item. The first record of an item id in a turn is its call, and `item.completed`
   * is its result. file_change items arrive only completed, so that one record is both.
   */
  private toolItem(event: string, type: string, itemId: string, item: JsonObject, base: RecordBase, id: string): void {
    const key = `${this.turn}:${itemId}`;
    const callId = `exec:${key}`;
    const name = toolName(type, item);
    const tool = toolRef(name, callId);
    const attrs: Attributes = { itemType: type, itemId, turn: this.turn, status: str(item.status) ?? null };
    let block = 0;
    if (!this.started.has(key)) {
      this.started.add(key);
      const command = str(item.command);
      const capped = capValue(itemInput(type, item) ?? null);
      const program = command ? programOf(command) : undefined;
      this.out.emit(base, block++, `call:${callId}`, {
        kind: 'tool-call',
        summary: oneLine(`${name} ${command ?? str(item.query) ?? resultText(type, item).split('\n')[0] ?? ''}`),
        tool,
        input: capped.value,
        resources: itemResources(type, item),
        attrs: { ...attrs, ...(program ? { program } : {}), ...(capped.truncated ? { inputTruncated: true } : {}) },
      });
    }
    if (event !== 'item.completed' || this.completed.has(key)) {
      if (block === 0) this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`${event} ${name}`), attrs });
      return;
    }
    this.completed.add(key);
    const outcome = itemOutcome(item);
    const text = resultText(type, item);
    const exitCode = typeof item.exit_code === 'number' ? item.exit_code : undefined;
    this.out.emit(base, block, `output:${callId}`, {
      kind: 'tool-result',
      summary: oneLine(`${name} ${outcome === 'success' ? 'returned' : outcome}: ${text}`),
      tool,
      outcome,
      attrs: { ...attrs, output: clipText(text, 2000), outputLength: text.length, ...(exitCode !== undefined ? { exitCode } : {}) },
    });
    if (outcome === 'denied') {
      this.out.emit(base, block + 1, `decision:${callId}`, {
        kind: 'decision',
        summary: oneLine(`${name} declined: ${str(item.command) ?? ''}`),
        tool,
        decision: { verdict: 'denied', by: 'unknown', callId, reason: 'codex exec reported the item as declined; the stream does not say by whom.' },
        outcome: 'denied',
        attrs: { itemType: type, itemId },
      });
    }
  }
}
