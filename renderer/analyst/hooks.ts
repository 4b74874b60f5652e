// Live queries over the analyst database: views re-render when a record changes.

import { useLiveQuery } from 'dexie-react-hooks';
import { getAnalystDb } from './db';
import { getAnalystName } from './store';

export function useAnalystName(): string | null | undefined {
  return useLiveQuery(() => getAnalystName(getAnalystDb()), []);
}

export function useAnnotationsFor(targets: readonly { readonly kind: string; readonly id: string }[]) {
  const key = targets.map((target) => `${target.kind}:${target.id}`).join('|');
  return useLiveQuery(
    () =>
      getAnalystDb()
        .annotations.where('[targetKind+targetId]')
        .anyOf(targets.map((target) => [target.kind, target.id]))
        .toArray(),
    [key],
  );
}

export function useReviews(link: string) {
  return useLiveQuery(() => getAnalystDb().reviews.where('link').equals(link).toArray(), [link]);
}

export function useChains(session: string) {
  return useLiveQuery(() => getAnalystDb().chains.where('session').equals(session).toArray(), [session]);
}

export function useAllRecords() {
  return useLiveQuery(async () => {
    const db = getAnalystDb();
    const [annotations, chains, reviews, log, received] = await Promise.all([db.annotations.toArray(), db.chains.toArray(), db.reviews.toArray(), db.log.toArray(), db.received.toArray()]);
    return { annotations, chains, reviews, log: log.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1)), received };
  }, []);
}
