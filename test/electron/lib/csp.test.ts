import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  withContentSecurityPolicy,
} from '../../../electron/lib/csp';
import { REPO_ROOT } from '../../helpers/samples';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

const LOCAL_SOURCES = new Set(["'self'", "'none'", "'unsafe-inline'", "'wasm-unsafe-eval'", 'blob:', 'data:']);

describe('CONTENT_SECURITY_POLICY', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('names only local sources', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) expect(LOCAL_SOURCES.has(source), `${name} ${source}`).toBe(true);
    }
  });

  it('blocks plugins, base changes, forms and framing', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows no JavaScript eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});

describe('CONTENT_SECURITY_POLICY_META', () => {
  it('matches the meta tag in renderer/index.html', () => {
    const html = readFileSync(join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(match).not.toBeNull();
    expect(match![1]).toBe(CONTENT_SECURITY_POLICY_META);
  });

  it('is the header policy without frame-ancestors', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(CONTENT_SECURITY_POLICY_META)).toEqual(header);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces a policy the response carried', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('adds the policy when there were no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
