// Effective authority at the scrubbed event: the permission mode, standing approvals, credentials
// held, and what each agent inherited from the agent that delegated to it.

import type { EffectiveAuthority } from '../../../shared/session/authority';
import { displayText } from '../../lib/SecretText';
import { plural } from '../../lib/format';

interface AuthorityPanelProps {
  readonly authority: EffectiveAuthority;
  readonly reveal: boolean;
}

export function AuthorityPanel({ authority, reveal }: AuthorityPanelProps) {
  return (
    <section className="authority" aria-label="Effective authority">
      <h3>Authority at event {authority.index + 1}</h3>
      <dl>
        <dt>Permission mode</dt>
        <dd data-testid="authority-mode">{authority.mode ?? 'not recorded yet'}</dd>
        <dt>Standing approvals</dt>
        <dd>{authority.approvals.length === 0 ? 'none' : authority.approvals.map((approval) => `${approval.by}${approval.tool ? ` for ${approval.tool}` : ''}`).join(', ')}</dd>
        <dt>Credentials held</dt>
        <dd data-testid="authority-credentials">
          {authority.credentials.length === 0 ? 'none' : authority.credentials.map((credential) => `${displayText(credential.masked, reveal)} (${credential.kind}, ${credential.action} by ${credential.agent})`).join(', ')}
        </dd>
      </dl>
      <ul className="agents">
        {authority.agents.map((agent) => (
          <li key={agent.agent}>
            <strong>{agent.agent}</strong>
            {agent.parent ? ` delegated by ${agent.parent}${agent.description ? `: ${displayText(agent.description, reveal)}` : ''}` : ' started by the principal'}
            {agent.inherited.length > 0 && ` · inherits ${plural(agent.inherited.length, 'credential')}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
