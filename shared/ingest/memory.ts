// Imports a bundle into memory and links its sessions: what the command line and the tests use.
// The browser stores to IndexedDB instead and links one session at a time when it is opened.

import type { AgentEvent } from '../model/events';
import type { SessionId } from '../model/ids';
import type { SessionSummary } from '../model/session';
import type { BundleInput } from '../io/bytes';
import { analyseCase, type CaseLinks } from '../case/analyse';
import { linkSession, type LinkedSession } from '../session/link';
import { summarizeSession } from '../session/summary';
import { ingestBundle } from './pipeline';
import type { IngestOptions, IngestResult, IngestSink } from './types';

export interface AnalysedBundle {
  readonly result: IngestResult;
  readonly sessions: readonly LinkedSession[];
  readonly summaries: readonly SessionSummary[];
  readonly links: CaseLinks;
}

export function groupBySession(events: Iterable<AgentEvent>): Map<SessionId, AgentEvent[]> {
  const groups = new Map<SessionId, AgentEvent[]>();
  for (const event of events) {
    let list = groups.get(event.session);
    if (!list) groups.set(event.session, (list = []));
    list.push(event);
  }
  return groups;
}

export async function analyseBundle(input: BundleInput, options: Partial<IngestOptions> = {}): Promise<AnalysedBundle> {
  const events: AgentEvent[] = [];
  const sink: IngestSink = {
    beginEvidence: () => {},
    content: () => {},
    events: (_key, batch) => {
      for (const event of batch) events.push(event);
    },
    endEvidence: () => {},
  };
  const result = await ingestBundle(input, sink, { importId: 'memory', ...options });
  const sessions = [...groupBySession(events)].map(([id, list]) => linkSession(id, list));
  sessions.sort((a, b) => (a.events[0]?.time?.ms ?? 0) - (b.events[0]?.time?.ms ?? 0));
  return { result, sessions, summaries: sessions.map(summarizeSession), links: analyseCase(sessions) };
}
