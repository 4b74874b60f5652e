// Sessions that a cancelled import may have read only in part. Agent transcripts keep one
// session per file (plus, for Claude Code, sub-agent files that sort right after it), so in
// walk order a session's records come in one run. Where the import stopped, only the session of
// the last event read can continue. Files that interleave sessions, and sources whose sessions
// spread over many files, give no such bound.

import type { AgentEvent, SourceFormat } from '../model/events';
import type { EvidenceKey, SessionId } from '../model/ids';

/** Sources that write each session to its own file. */
const FILE_PER_SESSION: ReadonlySet<SourceFormat> = new Set(['claude-code', 'codex', 'gemini-cli']);

// NOTE: a transcript session may have files that are not next to each other in walk order, such
// as sub-agent files stored apart from the main transcript in an archive. Such a session counts
// as whole once the import has moved past it, although its later files were not read.
export class OpenSessions {
  /** Sessions of sources that spread one session over many files (cloud audit logs, telemetry). */
  private readonly spread = new Set<SessionId>();
  private latest: SessionId | null = null;
  /** Evidence file of the latest events, with the sessions seen in it. */
  private file: EvidenceKey | null = null;
  private fileSessions = new Set<SessionId>();
  /** True once the latest file went back to a session after another one began. */
  private interleaved = false;

  /** Notes events in the order the pipeline reads them. */
  add(key: EvidenceKey, events: readonly AgentEvent[]): void {
    if (key !== this.file) {
      this.file = key;
      this.fileSessions = new Set();
      this.interleaved = false;
    }
    for (const event of events) {
      if (!FILE_PER_SESSION.has(event.source)) this.spread.add(event.session);
      if (event.session === this.latest) continue;
      if (this.fileSessions.has(event.session)) this.interleaved = true;
      this.fileSessions.add(event.session);
      this.latest = event.session;
    }
  }

  /**
   * Returns the sessions whose events may continue past the last event read: its own session,
   * every session of its file when that file interleaves sessions, and every session of a source
   * that spreads sessions over files.
   */
  list(): SessionId[] {
    const open = new Set(this.spread);
    if (this.latest !== null) open.add(this.latest);
    if (this.interleaved) for (const session of this.fileSessions) open.add(session);
    return [...open].sort();
  }
}
