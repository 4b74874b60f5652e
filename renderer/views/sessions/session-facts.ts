// A session's counts in words, for the workspace header: tool calls for an agent session, cloud
// calls for a cloud audit session, both for a session that has both.

import type { SessionSummary } from '../../../shared/model/session';
import { formatCount, plural } from '../../lib/format';

type Counted = Pick<SessionSummary, 'toolCalls' | 'denied' | 'errors' | 'cloudCalls' | 'cloudErrors' | 'agents' | 'permissionModes'>;

/** Returns the header's facts in order: call counts, then agents or cloud principals, then the permission mode of an agent session. */
export function sessionFacts(summary: Counted): string[] {
  // Rows stored before cloud counts existed lack them.
  const cloudCalls = summary.cloudCalls ?? 0;
  const cloudErrors = summary.cloudErrors ?? 0;
  const principals = summary.agents.filter((agent) => agent.role === 'cloud-principal').length;
  const agents = summary.agents.length - principals;
  const facts: string[] = [];
  if (summary.toolCalls > 0 || cloudCalls === 0) facts.push(`${plural(summary.toolCalls, 'tool call')} (${formatCount(summary.denied)} denied, ${formatCount(summary.errors)} failed)`);
  if (cloudCalls > 0) facts.push(`${plural(cloudCalls, 'cloud call')} (${formatCount(cloudErrors)} failed)`);
  if (agents > 0 || principals === 0) facts.push(plural(agents, 'agent'));
  if (principals > 0) facts.push(plural(principals, 'cloud principal'));
  if (agents > 0 || principals === 0) facts.push(`mode ${summary.permissionModes.join(', ') || 'not recorded'}`);
  return facts;
}
