// Finds secrets in evidence text so the UI can show them masked by default. A fingerprint names
// each secret without revealing it, so the same credential can be followed across sources.

export type SecretKind =
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'aws-session-token'
  | 'private-key'
  | 'github-token'
  | 'slack-token'
  | 'api-key'
  | 'bearer-token'
  | 'jwt'
  | 'password';

export interface SecretMatch {
  readonly kind: SecretKind;
  /** Start and end (exclusive) of the secret value in the text, in UTF-16 code units. */
  readonly start: number;
  readonly end: number;
}

interface Pattern {
  readonly kind: SecretKind;
  readonly regex: RegExp;
  /** Index of the capture group holding the secret; 0 for the whole match. */
  readonly group: number;
}

const PATTERNS: readonly Pattern[] = [
  { kind: 'private-key', regex: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, group: 0 },
  { kind: 'aws-access-key', regex: /\b((?:AKIA|ASIA|AROA|AIDA|ABIA|ACCA)[A-Z0-9]{16})\b/g, group: 1 },
  { kind: 'aws-secret-key', regex: /(?:secret_?access_?key|SecretAccessKey|aws_secret_access_key)["'\\\s:=]+([A-Za-z0-9/+=]{30,64})(?![A-Za-z0-9/+=])/gi, group: 1 },
  { kind: 'aws-session-token', regex: /(?:session_?token|SessionToken|aws_session_token)["'\\\s:=]+([A-Za-z0-9/+=]{100,})/gi, group: 1 },
  { kind: 'github-token', regex: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, group: 1 },
  { kind: 'slack-token', regex: /\b(xox[abposr]-[A-Za-z0-9-]{10,})\b/g, group: 1 },
  { kind: 'api-key', regex: /\b(sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,})\b/g, group: 1 },
  { kind: 'jwt', regex: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})\b/g, group: 1 },
  { kind: 'bearer-token', regex: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g, group: 1 },
  { kind: 'password', regex: /\b(?:password|passwd|pwd|secret|token|api_?key)\\?["']?\s*[:=]\s*\\?["']?([^\s"',;]{6,})/gi, group: 1 },
];

/** Finds secrets in text; overlapping matches keep the earliest, longest one. */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const value = match[pattern.group];
      if (!value || match.index === undefined) continue;
      const start = match.index + match[0].indexOf(value);
      found.push({ kind: pattern.kind, start, end: start + value.length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretMatch[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

/** A short, stable, non-reversible name for a secret value: FNV-1a 64 over its UTF-16 code units. */
export function fingerprint(value: string): string {
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < value.length; i++) {
    hash ^= BigInt(value.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return `fp:${hash.toString(16).padStart(16, '0')}`;
}

/** The masked form of a secret: its kind, its last four characters when long enough, and its fingerprint. */
export function maskSecret(value: string, kind: SecretKind): string {
  const tail = value.length >= 16 && kind === 'aws-access-key' ? value.slice(-4) : '';
  return `[${kind}${tail ? ` …${tail}` : ''} ${fingerprint(value)}]`;
}

/** Replaces every secret in text with its masked form. */
export function maskSecrets(text: string): string {
  const matches = findSecrets(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += text.slice(at, match.start) + maskSecret(text.slice(match.start, match.end), match.kind);
    at = match.end;
  }
  return out + text.slice(at);
}
