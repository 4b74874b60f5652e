// Turns one Claude Code line into event drafts. A draft becomes an event once the session id is
// known, because some lines (file-history snapshots) come before any line that names it.

import type { AgentEvent, Attributes, EventKind } from '../../model/events';
import { asAgentId, asEventId, type AgentId, type EvidenceKey, type SessionId } from '../../model/ids';
import type { Timestamp } from '../../model/time';
import type { Line } from '../../io/lines';
import { arr, fnv1a, obj, oneLine, str, type JsonObject } from '../values';
import { translateContent, type BlockContext } from './content';

export type Draft = (session: SessionId) => AgentEvent;

/** Fields every event of one line shares. */
export interface LineBase {
  readonly agent: AgentId;
  readonly time: Timestamp | null;
  readonly seq: number;
  readonly recordType: string;
  readonly raw: AgentEvent['raw'];
  readonly uuid?: string;
  readonly parentUuid?: string;
  readonly mirrored?: boolean;
}

type EventBody = Omit<AgentEvent, 'id' | 'session' | 'agent' | 'time' | 'seq' | 'block' | 'source' | 'raw' | 'recordType'>;

/**
 * Builds one event draft. The id is the line's uuid (or a content hash) plus a suffix naming the
 * part of the line, never a running count, so the same record read from a sub-agent file and
 * from its mirror in the parent transcript gets the same id.
 */
export function makeDraft(base: LineBase, block: number, body: EventBody, idRoot: string, part = ''): Draft {
  const suffix = part === '' ? '' : `#${part}`;
  return (session) => ({
    id: asEventId(`${idRoot}${suffix}`),
    session,
    agent: base.agent,
    time: base.time,
    seq: base.seq,
    block,
    source: 'claude-code',
    raw: base.raw,
    recordType: base.recordType,
    ...(base.uuid ? { uuid: base.uuid } : {}),
    ...(base.parentUuid ? { parentUuid: base.parentUuid } : {}),
    ...(base.mirrored ? { mirrored: true } : {}),
    ...body,
  });
}

function scalarAttrs(record: JsonObject, keys: readonly string[]): Attributes {
  const out: Record<string, string | number | boolean | null> = {};
  for (const key of keys) {
    const value = record[key];
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value as string | number | boolean | null;
  }
  return out;
}

const ENVELOPE_KEYS = ['cwd', 'gitBranch', 'version', 'slug', 'userType', 'isSidechain', 'isMeta', 'requestId', 'promptId'] as const;

/** Keys per-file reader state by session, since one file may hold several sessions. */
function scopeOf(record: JsonObject): string {
  return `${str(record.sessionId) ?? ''}\u0000`;
}

export class LineTranslator {
  /** Assistant message ids already turned into a model-call event. */
  private readonly messages = new Set<string>();
  /** Sub-agents already announced by an agent_progress line. */
  private readonly announced = new Set<string>();
  /** Tool names by call id, so that a result can name the tool it answers. */
  private readonly calls = new Map<string, string>();

  constructor(private readonly evidence: EvidenceKey) {}

  translate(record: JsonObject, line: Line, agent: AgentId, time: Timestamp | null): Draft[] {
    const type = str(record.type) ?? 'unknown';
    const subtype = str(record.subtype) ?? str(obj(record.data)?.type) ?? str(record.operation);
    const base: LineBase = {
      agent,
      time,
      seq: line.number,
      recordType: subtype ? `${type}/${subtype}` : type,
      raw: { evidence: this.evidence, line: line.number, offset: line.offset, length: line.length },
      ...(str(record.uuid) ? { uuid: str(record.uuid)! } : {}),
      ...(str(record.parentUuid) ? { parentUuid: str(record.parentUuid)! } : {}),
    };
    const idRoot = str(record.uuid) ?? `line-${fnv1a(line.text)}-${line.length}`;
    const attrs = scalarAttrs(record, ENVELOPE_KEYS);
    return this.byType(type, record, base, idRoot, attrs);
  }

  private byType(type: string, record: JsonObject, base: LineBase, idRoot: string, attrs: Attributes): Draft[] {
    switch (type) {
      case 'user':
      case 'assistant':
        return this.message(record, base, idRoot, attrs);
      case 'system':
        return [this.system(record, base, idRoot, attrs)];
      case 'progress':
        return this.progress(record, base, idRoot, attrs);
      case 'file-history-snapshot':
        return [this.snapshot(record, base, idRoot)];
      case 'queue-operation':
        return [makeDraft(base, 0, { kind: 'system', summary: oneLine(`queue ${str(record.operation) ?? ''}: ${str(record.content) ?? ''}`), attrs: scalarAttrs(record, ['operation']) }, idRoot)];
      case 'summary':
        return [makeDraft(base, 0, { kind: 'system', summary: oneLine(`summary: ${str(record.summary) ?? ''}`), attrs: scalarAttrs(record, ['summary', 'leafUuid']) }, idRoot)];
      case 'permission-mode': {
        const mode = str(record.permissionMode) ?? str(record.mode) ?? 'unknown';
        return [makeDraft(base, 0, { kind: 'mode-change', mode, summary: `permission mode ${mode}`, attrs }, idRoot)];
      }
      case 'attachment':
        return [this.attachment(record, base, idRoot, attrs)];
      default:
        return [this.other(type, record, base, idRoot, attrs)];
    }
  }

  private message(record: JsonObject, base: LineBase, idRoot: string, attrs: Attributes): Draft[] {
    const message = obj(record.message);
    const context: BlockContext = { base, idRoot, attrs, record, messages: this.messages, calls: this.calls, scope: scopeOf(record) };
    return translateContent(message, context);
  }

  private system(record: JsonObject, base: LineBase, idRoot: string, attrs: Attributes): Draft {
    const subtype = str(record.subtype) ?? 'system';
    const content = str(record.content) ?? '';
    if (subtype === 'compact_boundary') {
      const meta = obj(record.compactMetadata);
      return makeDraft(base, 0, {
        kind: 'compaction',
        summary: oneLine(`conversation compacted (${str(meta?.trigger) ?? 'unknown trigger'}, ${meta?.preTokens ?? '?'} tokens before)`),
        ...(str(record.logicalParentUuid) ? { logicalParentUuid: str(record.logicalParentUuid)! } : {}),
        attrs: { ...attrs, trigger: str(meta?.trigger) ?? null },
      }, idRoot);
    }
    if (subtype === 'stop_hook_summary') {
      const hooks = (arr(record.hookInfos) ?? []).map((info) => str(obj(info)?.command) ?? '').filter(Boolean);
      return makeDraft(base, 0, {
        kind: 'hook',
        summary: oneLine(`stop hooks: ${hooks.join(', ') || 'none'}`),
        outcome: (arr(record.hookErrors)?.length ?? 0) > 0 ? 'error' : 'success',
        attrs: { ...attrs, preventedContinuation: record.preventedContinuation === true },
      }, idRoot);
    }
    const outcome = subtype === 'api_error' ? { outcome: 'error' as const } : {};
    return makeDraft(base, 0, { kind: 'system', summary: oneLine(`${subtype}: ${content}`), ...outcome, attrs }, idRoot);
  }

  private progress(record: JsonObject, base: LineBase, idRoot: string, attrs: Attributes): Draft[] {
    const data = obj(record.data) ?? {};
    const kind = str(data.type) ?? 'progress';
    const linkAttrs = { ...attrs, toolUseID: str(record.toolUseID) ?? null, parentToolUseID: str(record.parentToolUseID) ?? null };
    if (kind === 'hook_progress') {
      return [makeDraft(base, 0, {
        kind: 'hook',
        summary: oneLine(`hook ${str(data.hookName) ?? str(data.hookEvent) ?? ''}: ${str(data.command) ?? ''}`),
        attrs: { ...linkAttrs, hookEvent: str(data.hookEvent) ?? null, command: str(data.command) ?? null },
      }, idRoot)];
    }
    if (kind === 'agent_progress') return this.agentProgress(record, data, base, idRoot, linkAttrs);
    return [makeDraft(base, 0, { kind: 'system', summary: oneLine(`${kind}`), attrs: linkAttrs }, idRoot)];
  }

  /**
   * A sub-agent's message mirrored into the parent transcript. The progress line itself becomes
   * a system event; the mirrored message becomes the sub-agent's own events, marked `mirrored`
   * and carrying the sub-agent's uuid, so that the sub-agent file, when present, supersedes them.
   */
  private agentProgress(record: JsonObject, data: JsonObject, base: LineBase, idRoot: string, attrs: Attributes): Draft[] {
    const agentText = str(data.agentId);
    const drafts: Draft[] = [makeDraft(base, 0, { kind: 'system', summary: oneLine(`sub-agent ${agentText ?? '?'} progress`), attrs }, idRoot)];
    if (!agentText) return drafts;
    const child = asAgentId(agentText);
    const callId = str(record.parentToolUseID);
    const announcement = `${scopeOf(record)}${agentText}`;
    if (!this.announced.has(announcement)) {
      this.announced.add(announcement);
      drafts.push(makeDraft(base, 1, {
        kind: 'delegation',
        summary: oneLine(`delegated to sub-agent ${agentText}: ${str(data.prompt) ?? ''}`),
        delegation: { childAgent: child, ...(callId ? { callId } : {}), ...(str(data.prompt) ? { task: str(data.prompt)! } : {}) },
        attrs,
      }, idRoot, 'delegation'));
    }
    const inner = obj(data.message);
    if (inner) {
      const innerUuid = str(inner.uuid);
      const innerBase: LineBase = {
        ...base,
        agent: child,
        mirrored: true,
        ...(innerUuid ? { uuid: innerUuid } : {}),
        recordType: `${str(inner.type) ?? 'message'}`,
      };
      const context: BlockContext = {
        base: innerBase,
        idRoot: innerUuid ?? `${idRoot}-mirror`,
        attrs: { ...attrs, mirroredFrom: 'agent_progress' },
        record: inner,
        messages: this.messages,
        calls: this.calls,
        scope: scopeOf(record),
      };
      drafts.push(...translateContent(obj(inner.message), context));
    }
    return drafts;
  }

  private snapshot(record: JsonObject, base: LineBase, idRoot: string): Draft {
    const snapshot = obj(record.snapshot);
    const files = Object.keys(obj(snapshot?.trackedFileBackups) ?? {});
    return makeDraft(base, 0, {
      kind: 'system',
      summary: oneLine(`file history snapshot: ${files.length} tracked file(s)`),
      resources: files.map((value) => ({ kind: 'file', value, access: 'write' })),
      attrs: { messageId: str(record.messageId) ?? null, isSnapshotUpdate: record.isSnapshotUpdate === true },
    }, idRoot);
  }

  private attachment(record: JsonObject, base: LineBase, idRoot: string, attrs: Attributes): Draft {
    const attachment = obj(record.attachment) ?? record;
    const type = str(attachment.type) ?? 'attachment';
    if (type === 'hook_permission_decision') {
      const decision = str(attachment.decision) ?? '';
      const callId = str(attachment.toolUseID) ?? str(attachment.toolUseId);
      const verdict = /allow|approve|accept/i.test(decision) ? 'approved' : /deny|block|reject/i.test(decision) ? 'denied' : 'approved';
      return makeDraft(base, 0, {
        kind: 'decision',
        summary: oneLine(`hook ${str(attachment.hookEvent) ?? ''} decided ${decision}`),
        decision: { verdict, by: 'hook', ...(callId ? { callId } : {}), reason: decision },
        outcome: verdict === 'denied' ? 'denied' : 'success',
        attrs,
      }, idRoot);
    }
    return makeDraft(base, 0, { kind: 'system', summary: oneLine(`attachment ${type}`), attrs: { ...attrs, attachmentType: type } }, idRoot);
  }

  private other(type: string, record: JsonObject, base: LineBase, idRoot: string, attrs: Attributes): Draft {
    const titled = str(record.customTitle) ?? str(record.title) ?? str(record.aiTitle) ?? str(record.agentName);
    const kind: EventKind = KNOWN_METADATA.has(type) ? 'system' : 'unknown';
    return makeDraft(base, 0, { kind, summary: oneLine(titled ? `${type}: ${titled}` : `${type} record`), attrs }, idRoot);
  }
}

const KNOWN_METADATA = new Set(['agent-name', 'custom-title', 'last-prompt', 'pr-link', 'ai-title', 'agent-setting', 'bridge-session', 'worktree-state']);
