// The findings of one session, in its workspace. Computed on demand from the linked session the
// workspace already holds, and cached per session object and rule set.
// NOTE: findings are recomputed on every open. Computing them at import end in the worker would
// spare that work, but storing them needs a findings table in the data layer.

import { useEffect, useMemo } from 'react';
import type { CaseLinks } from '../../../shared/case/analyse';
import type { EventId } from '../../../shared/model/ids';
import { findingsOf, type Finding } from '../../../shared/rules';
import type { LinkedSession } from '../../../shared/session/link';
import { FindingList } from './FindingList';
import { useRuleSet } from './rule-files';
import { openSessionEvent, takePendingEvent } from './selection';
import './findings.css';

const cache = new WeakMap<LinkedSession, { version: number; links: CaseLinks; findings: Finding[] }>();

interface FindingsPanelProps {
  readonly session: LinkedSession;
  readonly links: CaseLinks;
  readonly onSelectEvent: (id: EventId) => void;
  readonly reveal?: boolean;
}

export function FindingsPanel({ session, links, onSelectEvent, reveal = false }: FindingsPanelProps) {
  const ruleSet = useRuleSet();
  const findings = useMemo(() => {
    const cached = cache.get(session);
    if (cached && cached.version === ruleSet.version && cached.links === links) return cached.findings;
    const own = findingsOf([session], links, ruleSet.rules).findings.filter((finding) => finding.session === session.id || finding.evidence.some((item) => item.session === session.id));
    cache.set(session, { version: ruleSet.version, links, findings: own });
    return own;
  }, [session, links, ruleSet]);

  useEffect(() => {
    const pending = takePendingEvent(session.id);
    if (pending) onSelectEvent(pending as EventId);
    // Runs once per session: the pending event was set by a finding opened in another view.
  }, [session.id, onSelectEvent]);

  const open = (target: string, event: EventId) => {
    if (target === session.id) onSelectEvent(event);
    else openSessionEvent(target, event);
  };
  return (
    <section className="findings-panel" aria-label="Findings">
      <h2>
        Findings <span className="hint">({findings.length})</span>
      </h2>
      {findings.length === 0 ? <p className="hint">No rule flagged this session.</p> : <FindingList findings={findings} onOpenEvent={open} reveal={reveal} />}
    </section>
  );
}
