// The application's database. Tests and benchmarks open their own CustodyDb under a fresh name
// and pass it to the data functions instead.

import { CustodyDb } from './db';

export const DEFAULT_DB_NAME = 'custody';

let instance: CustodyDb | null = null;

/** Returns the shared database, creating the Dexie instance on first use. */
export function getDatabase(): CustodyDb {
  instance ??= new CustodyDb(DEFAULT_DB_NAME);
  return instance;
}
