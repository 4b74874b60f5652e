// Builds events for readers whose session id arrives in a record of its own (a metadata line, a
// stream's init event). Events read before that record are held and emitted once it is known.

import type { AgentEvent, RawRef, SourceFormat } from '../model/events';
import { asEventId, asSessionId, MAIN_AGENT, type AgentId, type SessionId } from '../model/ids';
import type { Timestamp } from '../model/time';
import type { ReaderContext } from './types';

/** Fields that every event built from one record shares. */
export interface RecordBase {
  readonly time: Timestamp | null;
  readonly seq: number;
  readonly recordType: string;
  readonly raw: RawRef;
  readonly agent?: AgentId;
}

/** The fields of an event that depend on what the record says. */
export type EventBody = Omit<AgentEvent, 'id' | 'session' | 'agent' | 'time' | 'seq' | 'block' | 'source' | 'raw' | 'recordType'>;

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

export class SessionBuffer {
  private session: SessionId | null = null;
  private pending: Omit<AgentEvent, 'session'>[] = [];

  constructor(
    private readonly context: ReaderContext,
    private readonly source: SourceFormat,
  ) {}

  get known(): boolean {
    return this.session !== null;
  }

  /** Sets the session id once; later calls are ignored and return false. */
  name(id: string): boolean {
    if (this.session !== null) return false;
    this.session = asSessionId(id);
    for (const event of this.pending) this.context.emit({ ...event, session: this.session });
    this.pending = [];
    return true;
  }

  emit(base: RecordBase, block: number, id: string, body: EventBody): void {
    const event: Omit<AgentEvent, 'session'> = {
      id: asEventId(id),
      agent: base.agent ?? MAIN_AGENT,
      time: base.time,
      seq: base.seq,
      block,
      source: this.source,
      raw: base.raw,
      recordType: base.recordType,
      ...body,
    };
    if (this.session) this.context.emit({ ...event, session: this.session });
    else this.pending.push(event);
  }

  /**
   * Emits held events when no record named the session: the session is named after the UUID in
   * the file name, else after the path, and a warning says so.
   */
  finish(missingWhat: string): void {
    if (this.pending.length === 0) return;
    const fallback = UUID.exec(this.context.path)?.[1] ?? this.context.path;
    this.context.diagnose({
      code: 'missing-field',
      severity: 'warning',
      file: this.context.path,
      reason: `No record names ${missingWhat}; the events were filed under session "${fallback}".`,
    });
    this.name(fallback);
  }
}
