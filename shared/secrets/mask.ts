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
  | 'password'
  | 'gitlab-token'
  | 'npm-token'
  | 'google-api-key'
  | 'stripe-key'
  | 'url-password';

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

// A secret may follow a JSON escape such as `\n` or `\t`, where the escape's letter would defeat
// a plain word boundary, so patterns start after a non-word character or after such an escape.
const START = String.raw`(?:(?<![A-Za-z0-9_])|(?<=\\[nrtbf]))`;
const END = String.raw`(?![A-Za-z0-9_])`;

function pattern(kind: SecretKind, source: string, flags = 'g', group = 1): Pattern {
  return { kind, regex: new RegExp(source, flags), group };
}

const PATTERNS: readonly Pattern[] = [
  pattern('private-key', String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)`, 'g', 0),
  pattern('aws-access-key', `${START}((?:AKIA|ASIA|AROA|AIDA|ABIA|ACCA)[A-Z0-9]{16})${END}`),
  pattern('aws-secret-key', String.raw`(?:secret_?access_?key|SecretAccessKey|aws_secret_access_key)["'\\\s:=]+([A-Za-z0-9/+=]{30,64})(?![A-Za-z0-9/+=])`, 'gi'),
  // A session token after its label is masked even when a summary has cut it short.
  pattern('aws-session-token', String.raw`(?:session_?token|SessionToken|aws_session_token|x-amz-security-token)["'\\\s:=]+([A-Za-z0-9/+=]{16,})`, 'gi'),
  pattern('github-token', `${START}(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})${END}`),
  pattern('gitlab-token', `${START}(glpat-[A-Za-z0-9_-]{20,})${END}`),
  pattern('npm-token', `${START}(npm_[A-Za-z0-9]{36})${END}`),
  pattern('slack-token', `${START}(xox[abposr]-[A-Za-z0-9-]{10,})${END}`),
  pattern('google-api-key', `${START}(AIza[0-9A-Za-z_-]{35})${END}`),
  pattern('stripe-key', `${START}((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,})${END}`),
  pattern('api-key', `${START}(sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,})${END}`),
  pattern('jwt', `${START}(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})${END}`),
  pattern('bearer-token', String.raw`\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)`),
  // user:password@ in a URL; the user name stays visible.
  // The scheme must start a word, so a long run of letters is scanned once, not once per letter.
  pattern('url-password', String.raw`(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}://[^\s:/@'"]{1,256}:([^\s@/'"]{3,256})@`, 'gi'),
  pattern('password', String.raw`\b(?:password|passwd|pwd|secret|token|api_?key)\\?["']?\s*[:=]\s*\\?["']?([^\s"',;]{6,})`, 'gi'),
];

/**
 * A secret access key without a label, as in a credentials CSV file. Issued keys have 40
 * characters, and 36 to 44 are accepted so that a key copied with a slip is still masked.
 */
const BARE_SECRET_KEY = /(?:(?<![A-Za-z0-9/+=])|(?<=\\[nrtbf]))([A-Za-z0-9/+]{36,44})(?![A-Za-z0-9/+=])/g;
/** Characters around an access key id searched for its bare secret key. */
const BARE_SECRET_WINDOW = 300;

/** Returns true for a run that mixes cases, which a hex digest never does. */
function looksLikeSecretKey(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9/+]/.test(value);
}

/** Finds bare secret access keys near the access key ids already found. */
function bareSecretKeys(text: string, found: readonly SecretMatch[]): SecretMatch[] {
  const keys: SecretMatch[] = [];
  let searchedTo = 0;
  for (const key of found) {
    if (key.kind !== 'aws-access-key') continue;
    const from = Math.max(searchedTo, key.start - BARE_SECRET_WINDOW);
    const to = Math.min(text.length, key.end + BARE_SECRET_WINDOW);
    if (from >= to) continue;
    BARE_SECRET_KEY.lastIndex = 0;
    for (const match of text.slice(from, to).matchAll(BARE_SECRET_KEY)) {
      const value = match[1]!;
      if (!looksLikeSecretKey(value)) continue;
      const start = from + match.index + match[0].indexOf(value);
      keys.push({ kind: 'aws-secret-key', start, end: start + value.length });
    }
    searchedTo = to;
  }
  return keys;
}

/**
 * Literal parts that every pattern above needs, so text without any of them contains no secret.
 * One test of this pattern costs far less than running every pattern.
 */
const SECRET_HINT = /-----BEGIN|A(?:KIA|SIA|ROA|IDA|BIA|CCA)|secret|session_?token|security-token|gh[pousr]_|github_pat_|glpat-|npm_|xox[abposr]-|AIza|[sr]k_(?:live|test)_|sk-|eyJ|Bearer|:\/\/|passw|pwd|token|api_?key/i;

/** Returns false when text cannot hold a secret that findSecrets would report. */
export function mayHoldSecret(text: string): boolean {
  return SECRET_HINT.test(text);
}

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
  found.push(...bareSecretKeys(text, found));
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretMatch[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

/** Returns a short, stable, non-reversible name for a secret value: FNV-1a 64 over its UTF-16 code units. */
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

/** Returns the masked form of a secret: its kind, the last four characters of an access key id, and its fingerprint. */
export function maskSecret(value: string, kind: SecretKind): string {
  const tail = value.length >= 16 && kind === 'aws-access-key' ? value.slice(-4) : '';
  return `[${kind}${tail ? ` …${tail}` : ''} ${fingerprint(value)}]`;
}

/** Undoes JSON string escapes, so a secret gets the same fingerprint inside and outside JSON text. */
function unescapeJson(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(["\\/bfnrt])/g, (_all, char: string) => ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' })[char] ?? char);
}

/** Replaces every secret in text with its masked form. */
export function maskSecrets(text: string): string {
  const matches = findSecrets(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += text.slice(at, match.start) + maskSecret(unescapeJson(text.slice(match.start, match.end)), match.kind);
    at = match.end;
  }
  return out + text.slice(at);
}
