// Marks a session whose events come only from bundles whose import did not finish.

import type { SessionId } from '../../../shared/model/ids';
import { useSession } from '../../data';

export const PARTIAL_TITLE = 'Partial: every bundle with events of this session was cancelled, failed or interrupted, so events may be missing. Resume the import in the library.';

export function PartialBadge({ sessionId }: { readonly sessionId: SessionId }) {
  const row = useSession(sessionId);
  if (!row?.partial) return null;
  return (
    <span className="badge partial" title={PARTIAL_TITLE}>
      partial
    </span>
  );
}
