// Checks the built web page (dist/, written by `npm run build`, which `npm test` runs first) and
// the project's dependencies for anything that could reach the network: a weak content security
// policy, remote scripts, styles or fonts, beacons, sockets, service workers, auto-update or
// telemetry packages.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_META } from '../../electron/lib/csp';
import { REPO_ROOT } from '../helpers/samples';

const DIST = join(REPO_ROOT, 'dist');
const ASSETS = join(DIST, 'assets');

/**
 * Hosts of absolute URLs that the bundle contains as plain strings: XML namespaces (d3, React
 * DOM), links in error messages (React, hash-wasm, Dexie) and package.json's homepage under the
 * reserved .invalid domain. None of them is requested. A new host here needs a look at where it
 * is used.
 */
const KNOWN_URL_HOSTS = new Set(['www.w3.org', 'react.dev', 'www.npmjs.com', 'bit.ly', 'tinyurl.com', 'custody.invalid']);

function builtHtml(): string {
  return readFileSync(join(DIST, 'index.html'), 'utf8');
}

function assets(extension: string): { name: string; text: string }[] {
  return readdirSync(ASSETS)
    .filter((name) => name.endsWith(extension))
    .map((name) => ({ name, text: readFileSync(join(ASSETS, name), 'utf8') }));
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('built page', () => {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(builtHtml());

  it('carries the content security policy', () => {
    expect(meta).not.toBeNull();
    expect(meta![1]).toBe(CONTENT_SECURITY_POLICY_META);
  });

  it('allows no eval and no remote source', () => {
    const policy = directives(meta![1]!);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, name).not.toBe("'unsafe-eval'");
        expect(source, name).not.toMatch(/^(https?|wss?|ftp):|^\*|^[a-z0-9.-]+\.[a-z]{2,}/i);
      }
    }
  });

  it('loads only its own assets', () => {
    const html = builtHtml();
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(1);
    for (const reference of references) expect(reference, reference).toMatch(/^(\.\/assets\/|data:)/);
  });

  it('uses no remote fonts or style imports', () => {
    for (const { name, text } of assets('.css')) {
      expect(text, name).not.toMatch(/@import|@font-face/);
      for (const match of text.matchAll(/url\(\s*['"]?([^'")]*)/g)) expect(match[1], name).toMatch(/^data:/);
    }
  });

  it('contains no beacons, sockets or service workers', () => {
    for (const { name, text } of assets('.js')) {
      expect(text, name).not.toMatch(/sendBeacon|new WebSocket|new EventSource|serviceWorker\.register|importScripts\(/);
    }
  });

  it('names only known hosts in strings', () => {
    const hosts = new Set<string>();
    for (const { text } of assets('.js')) for (const match of text.matchAll(/\b(?:https?|wss?):\/\/([a-z0-9.-]+)/gi)) hosts.add(match[1]!.toLowerCase());
    expect([...hosts].filter((host) => !KNOWN_URL_HOSTS.has(host))).toEqual([]);
  });
});

describe('project', () => {
  it('depends on no updater or telemetry package', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies });
    expect(names.filter((name) => /updat|telemetry|analytics|sentry|segment|posthog|mixpanel|bugsnag|datadog/i.test(name))).toEqual([]);
  });

  it('uses no auto-updater or crash reporter', () => {
    const sources = readdirSync(join(REPO_ROOT, 'electron'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(0);
    for (const name of sources) {
      const text = readFileSync(join(REPO_ROOT, 'electron', name), 'utf8');
      expect(text, name).not.toMatch(/autoUpdater|crashReporter|netLog|electron-updater/);
    }
  });
});
