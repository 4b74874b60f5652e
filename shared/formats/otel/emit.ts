// Parts shared by every OpenTelemetry event: the raw reference with a JSON pointer into the
// export request, ids that stay unique within a file, the session and the human identity that
// the attributes name.

import type { AgentEvent, IdentityRef } from '../../model/events';
import { asEventId, asSessionId, type AgentId, type SessionId } from '../../model/ids';
import type { Timestamp } from '../../model/time';
import type { DiagnosticCode } from '../../model/diagnostics';
import type { ParsedLine, ReaderContext } from '../types';
import { text, type OtelValue } from './otlp';

type Attrs = Readonly<Record<string, OtelValue>>;

/** Fields of an event that the translation of a record decides. */
export type EventContent = Omit<AgentEvent, 'id' | 'session' | 'agent' | 'time' | 'seq' | 'block' | 'source' | 'raw' | 'recordType'>;

/** Fields of an event that the record decides, with its type name. */
export type EventBody = EventContent & { readonly recordType: string };

export interface EventDraft {
  /** Stable id root: a span id, or a hash of the record when it has none. */
  readonly idRoot: string;
  readonly part?: string;
  readonly session: SessionId;
  readonly agent: AgentId;
  readonly time: Timestamp | null;
  readonly pointer: string;
  readonly body: EventBody;
}

/** Emits the events of one export request (one line, or one whole-file document). */
export class RequestEmitter {
  /** Blocks already used on this line, so events of one request keep their document order. */
  private block = 0;

  constructor(
    private readonly context: ReaderContext,
    private readonly parsed: ParsedLine,
    private readonly usedIds: Map<string, number>,
  ) {}

  emit(draft: EventDraft): void {
    const { line } = this.parsed;
    const root = draft.part ? `${draft.idRoot}#${draft.part}` : draft.idRoot;
    // A second identical record in one file is a separate record, so it gets its own id.
    const seen = this.usedIds.get(root) ?? 0;
    this.usedIds.set(root, seen + 1);
    const id = seen === 0 ? root : `${root}~${seen}`;
    this.context.emit({
      id: asEventId(id),
      session: draft.session,
      agent: draft.agent,
      time: draft.time,
      seq: line.number,
      block: this.block++,
      source: 'opentelemetry',
      raw: { evidence: this.context.evidence, line: line.number, offset: line.offset, length: line.length, pointer: draft.pointer },
      ...draft.body,
    });
  }

  diagnose(code: DiagnosticCode, pointer: string, reason: string): void {
    const { line } = this.parsed;
    const where = pointer ? ` at ${pointer}` : '';
    this.context.diagnose({
      code,
      severity: 'warning',
      file: this.context.path,
      line: line.number,
      offset: line.offset,
      length: line.length,
      reason: `Record ${line.number}${where}: ${reason}`,
    });
  }
}

/** Reads the human identity that Claude Code puts on every record (`user.email`, `organization.id`, ...). */
export function identityOf(attributes: Attrs): IdentityRef | undefined {
  const user = text(attributes, 'user.id') ?? text(attributes, 'enduser.id');
  const email = text(attributes, 'user.email');
  const account = text(attributes, 'user.account_uuid') ?? text(attributes, 'user.account_id');
  const organization = text(attributes, 'organization.id');
  if (!user && !email && !account && !organization) return undefined;
  return {
    ...(user ? { user } : {}),
    ...(email ? { email } : {}),
    ...(account ? { account } : {}),
    ...(organization ? { organization } : {}),
  };
}

/** Returns the session a record names: Claude Code's `session.id`, else the GenAI conversation id. */
export function namedSession(attributes: Attrs): SessionId | undefined {
  const named = text(attributes, 'session.id') ?? text(attributes, 'gen_ai.conversation.id');
  return named ? asSessionId(named) : undefined;
}

/** The session for records that name none and carry no trace id. */
export function fileSession(path: string): SessionId {
  return asSessionId(`opentelemetry:${path}`);
}

/** Resource attributes first, record attributes over them, as the record's own values win. */
export function mergeAttributes(resource: Attrs, record: Attrs): Record<string, OtelValue> {
  return { ...resource, ...record };
}

/** Attributes that the summaries and views read under fixed names. */
export function commonAttrs(attributes: Attrs): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  const version = text(attributes, 'service.version');
  const model = text(attributes, 'model') ?? text(attributes, 'gen_ai.response.model') ?? text(attributes, 'gen_ai.request.model');
  const requestId = text(attributes, 'request_id');
  const promptId = text(attributes, 'prompt.id');
  if (version) out.version = version;
  if (model) out.model = model;
  if (requestId) out.requestId = requestId;
  if (promptId) out.promptId = promptId;
  return out;
}
