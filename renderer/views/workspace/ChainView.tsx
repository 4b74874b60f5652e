// The custody chain of the selected node: each path of grants from the principal, with the
// events that prove each grant. Selecting an event shows it in the inspector.

import type { CustodyChain, GrantKind } from '../../../shared/graph/chain';
import type { AgentEvent } from '../../../shared/model/events';
import type { EventId } from '../../../shared/model/ids';
import { displayText } from '../../lib/SecretText';

interface ChainViewProps {
  readonly chain: CustodyChain;
  readonly events: ReadonlyMap<EventId, AgentEvent>;
  readonly onSelectEvent: (id: EventId) => void;
  readonly reveal: boolean;
}

const GRANT_NAMES: Record<GrantKind, string> = {
  principal: 'principal',
  'permission-mode': 'permission mode',
  agent: 'agent',
  delegation: 'delegation',
  decision: 'decision',
  'standing-approval': 'standing approval',
  'tool-call': 'tool call',
  access: 'access',
  'credential-obtained': 'credential obtained',
  'credential-used': 'credential used',
  minted: 'minted',
  'acted-as': 'acted as',
  caused: 'caused',
  'cloud-call': 'cloud call',
};

const EVIDENCE_LISTED = 3;

export function ChainView({ chain, events, onSelectEvent, reveal }: ChainViewProps) {
  if (chain.paths.length === 0) return null;
  return (
    <section className="chain" aria-label="Custody chain">
      <h3>
        Custody chain{chain.paths.length > 1 ? ` (${chain.paths.length} paths${chain.truncated ? ', more not listed' : ''})` : ''}
      </h3>
      {chain.paths.map((path, index) => (
        <ol key={index} className="chain-path">
          {path.grants.map((grant, step) => (
            <li key={step} className={`grant grant-${grant.kind}`} data-grant={grant.kind}>
              <span className="grant-kind">{GRANT_NAMES[grant.kind]}</span> <span className="mono">{displayText(grant.label, reveal)}</span>
              {grant.detail && <pre className="grant-detail">{displayText(grant.detail.slice(0, 600), reveal)}</pre>}
              <span className="grant-events">
                {grant.events.slice(0, EVIDENCE_LISTED).map((id) => (
                  <button key={id} type="button" onClick={() => onSelectEvent(id)} title={displayText(events.get(id)?.summary ?? id, reveal)}>
                    {events.get(id)?.kind ?? 'event'}
                  </button>
                ))}
                {grant.events.length > EVIDENCE_LISTED && <span className="hint"> +{grant.events.length - EVIDENCE_LISTED}</span>}
              </span>
            </li>
          ))}
        </ol>
      ))}
    </section>
  );
}
