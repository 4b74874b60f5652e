// The analyst database, separate from the evidence database so that notes survive removing and
// re-importing evidence, and so the two schemas change independently. Versions only move
// forward: a schema change adds version(2) with an upgrade function.

import { Dexie, type EntityTable } from 'dexie';
import type { Annotation, Chain, LogEntry, Review, Versioned } from '../../shared/case-file/types';

export const ANALYST_DB_NAME = 'custody-analyst';

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

/** The local Ed25519 key pair; the private key is not extractable and never leaves this profile. */
export interface KeyRow {
  readonly id: string;
  readonly pair: CryptoKeyPair;
  /** Raw 32-byte public key. */
  readonly publicKey: Uint8Array;
  readonly createdAt: number;
}

/** A case file this profile imported, kept to show where merged records came from. */
export interface ReceivedCaseRow {
  /** Id of the import: the SHA-256 of the case file's manifest. */
  readonly id: string;
  readonly caseId: string;
  readonly title: string;
  readonly examiner: string;
  readonly exportedAt: string;
  readonly signer: string | null;
  readonly importedAt: number;
  /** Findings the case file carried, as they were stored in it. */
  readonly findings: readonly unknown[] | null;
}

export class AnalystDb extends Dexie {
  annotations!: EntityTable<Versioned<Annotation>, 'id'>;
  chains!: EntityTable<Versioned<Chain>, 'id'>;
  reviews!: EntityTable<Versioned<Review>, 'id'>;
  log!: EntityTable<LogEntry, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  keys!: EntityTable<KeyRow, 'id'>;
  received!: EntityTable<ReceivedCaseRow, 'id'>;

  constructor(name: string = ANALYST_DB_NAME) {
    super(name);
    this.version(1).stores({
      annotations: 'id, [targetKind+targetId], session',
      chains: 'id, session',
      reviews: 'id, link',
      log: 'id',
      settings: 'key',
      keys: 'id',
      received: 'id',
    });
  }
}

let instance: AnalystDb | null = null;

export function getAnalystDb(): AnalystDb {
  instance ??= new AnalystDb();
  return instance;
}
