// Items of the two OWASP risk lists that the built-in rules map to, with ids and names as listed
// by these pages:
//   - OWASP Top 10 for Agentic Applications 2026 (ASI01–ASI10), December 2025: the tables at
//     https://www.promptfoo.dev/docs/red-team/owasp-agentic-ai and
//     https://docs.modulos.ai/frameworks/owasp-top-10-agentic/
//   - OWASP Top 10 Non-Human Identities Risks 2025 (NHI1–NHI10):
//     https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025

import type { StandardRef } from './types';

const AGENTIC = 'OWASP Top 10 for Agentic Applications 2026';
const NHI = 'OWASP Top 10 Non-Human Identities Risks 2025';

export const STANDARDS = {
  ASI01: { id: 'ASI01', name: 'Agent Goal Hijack', list: AGENTIC },
  ASI02: { id: 'ASI02', name: 'Tool Misuse and Exploitation', list: AGENTIC },
  ASI03: { id: 'ASI03', name: 'Identity and Privilege Abuse', list: AGENTIC },
  ASI04: { id: 'ASI04', name: 'Agentic Supply Chain Vulnerabilities', list: AGENTIC },
  ASI05: { id: 'ASI05', name: 'Unexpected Code Execution', list: AGENTIC },
  ASI06: { id: 'ASI06', name: 'Memory and Context Poisoning', list: AGENTIC },
  ASI07: { id: 'ASI07', name: 'Insecure Inter-Agent Communication', list: AGENTIC },
  ASI08: { id: 'ASI08', name: 'Cascading Failures', list: AGENTIC },
  ASI09: { id: 'ASI09', name: 'Human-Agent Trust Exploitation', list: AGENTIC },
  ASI10: { id: 'ASI10', name: 'Rogue Agents', list: AGENTIC },
  NHI1: { id: 'NHI1', name: 'Improper Offboarding', list: NHI },
  NHI2: { id: 'NHI2', name: 'Secret Leakage', list: NHI },
  NHI3: { id: 'NHI3', name: 'Vulnerable Third-Party NHI', list: NHI },
  NHI4: { id: 'NHI4', name: 'Insecure Authentication', list: NHI },
  NHI5: { id: 'NHI5', name: 'Overprivileged NHI', list: NHI },
  NHI6: { id: 'NHI6', name: 'Insecure Cloud Deployment Configurations', list: NHI },
  NHI7: { id: 'NHI7', name: 'Long-Lived Secrets', list: NHI },
  NHI8: { id: 'NHI8', name: 'Environment Isolation', list: NHI },
  NHI9: { id: 'NHI9', name: 'NHI Reuse', list: NHI },
  NHI10: { id: 'NHI10', name: 'Human Use of NHI', list: NHI },
} as const satisfies Record<string, StandardRef>;

export type StandardId = keyof typeof STANDARDS;

export function standardsOf(...ids: StandardId[]): StandardRef[] {
  return ids.map((id) => STANDARDS[id]);
}

/** Looks up a standard by id, case-insensitively; rule files name standards this way. */
export function findStandard(id: string): StandardRef | undefined {
  const key = id.trim().toUpperCase().replace(/^ASI-?0?(\d)$/, 'ASI0$1').replace(/^ASI-(\d\d)$/, 'ASI$1');
  return (STANDARDS as Record<string, StandardRef>)[key];
}
