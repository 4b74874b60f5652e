// The content security policy of the app page. Every source is the page itself or an in-memory
// URL (blob:, data:), so the page can load nothing from the network even if a request filter
// failed.

const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  // hash-wasm compiles WebAssembly, which needs 'wasm-unsafe-eval'; JavaScript eval stays blocked.
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self' blob:"],
  // React writes style attributes, which count as inline styles.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['connect-src', "'self' blob: data:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

function joinDirectives(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy that main sends as the Content-Security-Policy response header. */
export const CONTENT_SECURITY_POLICY = joinDirectives(DIRECTIVES);

/**
 * The same policy for the `<meta http-equiv>` tag in renderer/index.html. Browsers ignore
 * frame-ancestors in a meta tag and log a warning for it, so it is left out there.
 */
export const CONTENT_SECURITY_POLICY_META = joinDirectives(
  DIRECTIVES.filter(([name]) => name !== 'frame-ancestors'),
);

/** Response headers with any policy the response carried replaced by ours. */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string[]>> | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}
