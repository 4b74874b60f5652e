// The most recently imported bundles and received case files, newest first, from the two
// databases. A bundle links to its sessions; a case file to the case view.

import { useLiveQuery } from 'dexie-react-hooks';
import { getAnalystDb } from '../analyst/db';
import { useBundles } from '../data';
import { formatTime, plural } from '../lib/format';
import { displayText } from '../lib/SecretText';

const MAX_RECENT = 8;

interface RecentItem {
  readonly key: string;
  readonly label: string;
  readonly detail: string;
  readonly at: number;
  readonly href: string;
}

export function RecentList() {
  const bundles = useBundles();
  const cases = useLiveQuery(() => getAnalystDb().received.toArray(), []);
  if (!bundles || (bundles.length === 0 && !cases?.length)) return null;
  const items: RecentItem[] = [
    ...bundles.map((bundle) => ({
      key: `bundle:${bundle.id}`,
      label: bundle.name,
      detail: `bundle, ${plural(bundle.sessions.length, 'session')}, ${bundle.status}`,
      at: bundle.finishedAt ?? bundle.startedAt,
      href: '#/sessions',
    })),
    ...(cases ?? []).map((item) => ({
      key: `case:${item.id}`,
      label: item.title,
      detail: `case file from ${item.examiner}`,
      at: item.importedAt,
      href: '#/case',
    })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, MAX_RECENT);
  return (
    <nav className="recent" aria-label="Recent bundles and cases">
      <h2>Recent</h2>
      <ol>
        {items.map((item) => (
          <li key={item.key}>
            <a href={item.href}>{displayText(item.label, false)}</a> <span className="hint">{item.detail}, {formatTime(item.at)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
