// Archive member names that would write outside an extraction folder if a tool used them as
// paths. Custody never does, but an analyst should know the archive contains such names.

import type { Diagnostic } from '../model/diagnostics';
import { escapeForLabel } from '../text/escape';

/** Returns what makes a member name unsafe as a path, or an empty list when nothing does. */
export function unsafeNameReasons(name: string): string[] {
  const reasons: string[] = [];
  if (name.startsWith('/') || name.startsWith('\\')) reasons.push('is an absolute path');
  if (/^[A-Za-z]:/.test(name)) reasons.push('starts with a drive letter');
  if (name.split(/[/\\]/).includes('..')) reasons.push('climbs to a parent folder with ".."');
  return reasons;
}

/** Returns a warning for a member name that is unsafe as a path, or null for a safe one. */
export function checkMemberName(name: string, memberPath: string): Diagnostic | null {
  const reasons = unsafeNameReasons(name);
  if (reasons.length === 0) return null;
  return {
    code: 'unsafe-name',
    severity: 'warning',
    file: memberPath,
    reason: `Archive member name "${escapeForLabel(name)}" ${reasons.join(' and ')}. Custody never writes archive members to disk, so the name is shown only as text; the member's content was read.`,
  };
}
