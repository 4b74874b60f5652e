// Findings for case files. The rule engine lives elsewhere; when it is present it registers a
// source here, and exports include what that source returns. Without one, an export carries
// the findings of the case files this profile received.

type FindingsSource = () => Promise<readonly unknown[]>;

let source: FindingsSource | null = null;

export function registerFindingsSource(next: FindingsSource | null): void {
  source = next;
}

export function findingsSource(): FindingsSource | null {
  return source;
}
