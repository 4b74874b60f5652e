// Writes evidence imports to the analyst-action log, so the log shows when each bundle arrived
// and with which hash.

import type { ImportOutcome } from '../import/client';
import { logAction } from './store';

export async function logImport(result: { readonly name: string; readonly outcome: ImportOutcome | null; readonly error: string | null }): Promise<void> {
  const { name, outcome, error } = result;
  const hash = outcome && 'sha256' in outcome ? ` (SHA-256 ${outcome.sha256})` : '';
  const detail = outcome ? `Imported ${name}${hash}: ${outcome.status}. ${outcome.message}` : `Import of ${name} failed: ${error ?? 'unknown error'}`;
  try {
    await logAction('import', detail);
  } catch (failure) {
    // The import itself succeeded or failed on its own; a log write failure is reported, not raised.
    console.error('Could not write the import to the analyst log:', failure);
  }
}
