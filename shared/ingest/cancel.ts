/** Thrown inside the pipeline when the caller cancels; the pipeline turns it into a result. */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
  constructor() {
    super('Import cancelled');
  }
}
