// Opening a finding's event in another session: the event is kept here while the route changes,
// and the findings panel of that session selects it once the session has loaded.

import { navigate } from '../../app/route';

let pending: { session: string; event: string } | null = null;

export function openSessionEvent(session: string, event: string): void {
  pending = { session, event };
  navigate({ view: 'session', id: session });
}

/** Returns and clears the event waiting to be selected in a session, if any. */
export function takePendingEvent(session: string): string | null {
  if (!pending || pending.session !== session) return null;
  const event = pending.event;
  pending = null;
  return event;
}
