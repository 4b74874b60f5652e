import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { ChainTools } from '../../../renderer/analyst/ChainTools';
import { getAnalystDb } from '../../../renderer/analyst/db';
import { saveChain, setAnalystName } from '../../../renderer/analyst/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('chain cards', () => {
  it('count events in singular and plural', async () => {
    // ChainTools reads the app's own analyst database, so each run uses a session id of its own.
    const session = `chain-tools-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    await setAnalystName('Ann');
    await saveChain({ session, title: 'One step', narrative: '', events: ['e1'] });
    await saveChain({ session, title: 'Two steps', narrative: '', events: ['e1', 'e2'] });
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => root.render(<ChainTools session={session} events={new Map()} eventId={null} onSelectEvent={() => {}} onHighlight={() => {}} />));
    await expect.poll(() => host.querySelectorAll('.chain-card').length).toBe(2);
    const headings = Array.from(host.querySelectorAll('.chain-card h4')).map((heading) => heading.textContent ?? '');
    expect(headings).toContain('One step by Ann, 1 event');
    expect(headings).toContain('Two steps by Ann, 2 events');
    for (const heading of headings) expect(heading).not.toContain('(s)');
    const log = await getAnalystDb().log.toArray();
    expect(log.some((entry) => entry.detail === 'Created chain "One step" with 1 event.')).toBe(true);
    await act(async () => root.unmount());
    host.remove();
  });
});
