import type { EvidenceFile } from '../model/evidence';

/**
 * Thrown inside the pipeline when the caller cancels; the pipeline turns it into a result.
 * `partial` is the evidence file that was being read, with what was read of it.
 */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
  constructor(readonly partial: EvidenceFile | null = null) {
    super('Import cancelled');
  }
}
