// Compares the evidence files an imported archive yields with the list `bundles.json` carries
// for that bundle. The archive's SHA-256 matching the manifest shows only that the archive is
// the one listed. This check shows that its files are the ones in the sender's library.

import type { CaseBundle } from './content';

/** One evidence file as an import of the archive recorded it. */
export interface ImportedFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * Returns one sentence per difference between `imported` and the evidence list of `bundle`,
 * each naming the bundle and the file. The list is empty when they match path for path.
 */
export function archiveMismatches(bundle: CaseBundle, imported: readonly ImportedFile[]): string[] {
  const name = JSON.stringify(bundle.name);
  const expected = new Map<string, CaseBundle['evidence'][number][]>();
  for (const item of bundle.evidence) expected.set(item.path, [...(expected.get(item.path) ?? []), item]);
  const problems: string[] = [];
  for (const file of imported) {
    const listed = expected.get(file.path);
    const index = listed?.findIndex((item) => item.sha256 === file.sha256 && item.size === file.size) ?? -1;
    // A file cut short by damage or a limit matches when the sender's import cut it at the same byte.
    if (listed && index >= 0) {
      listed.splice(index, 1);
      continue;
    }
    const path = JSON.stringify(file.path);
    if (listed?.length) {
      const item = listed.shift()!;
      problems.push(`bundle ${name}: the archive's file ${path} has SHA-256 ${file.sha256} (${file.size} bytes), but bundles.json lists ${item.sha256} (${item.size} bytes)`);
    } else problems.push(`bundle ${name}: the archive holds the file ${path}, which bundles.json does not list`);
  }
  for (const [path, left] of expected) {
    for (let count = 0; count < left.length; count++) problems.push(`bundle ${name}: bundles.json lists the file ${JSON.stringify(path)}, which the archive does not yield`);
  }
  return problems;
}
