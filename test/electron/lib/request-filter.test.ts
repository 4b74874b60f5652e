import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppFileUrl, isInsideFolder, isRequestAllowed } from '../../../electron/lib/request-filter';

const distDir = '/opt/Custody/resources/app.asar/dist';
const production = { distDir, dev: false };
const dev = { distDir, dev: true };

describe('isRequestAllowed', () => {
  it('allows the app page and its assets', () => {
    expect(isRequestAllowed(pathToFileURL(`${distDir}/index.html`).href, production)).toBe(true);
    expect(isRequestAllowed(pathToFileURL(`${distDir}/assets/worker-abc.js`).href, production)).toBe(true);
    expect(isRequestAllowed('file://localhost/opt/Custody/resources/app.asar/dist/index.html', production)).toBe(true);
  });

  it('allows in-memory blob and data URLs', () => {
    expect(isRequestAllowed('blob:null/6f1c8e9a-1b2c-4d5e-8f90-123456789abc', production)).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,iVBORw0KGgo=', production)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:5173/',
    'https://example.com/font.woff2',
    'HTTPS://EXAMPLE.COM/',
    'ws://127.0.0.1:5173/',
    'wss://example.com/socket',
    'ftp://example.com/file',
    'chrome-extension://abc/page.html',
    'javascript:alert(1)',
    'custom-scheme://x',
    'not a url',
    '',
  ])('cancels %s', (url) => {
    expect(isRequestAllowed(url, production)).toBe(false);
    expect(isRequestAllowed(url, dev)).toBe(false);
  });

  it.each([
    pathToFileURL('/etc/passwd').href,
    pathToFileURL('/opt/Custody/resources/app.asar/dist-electron/main.cjs').href,
    pathToFileURL('/opt/Custody/resources/app.asar/distance/x.js').href,
    'file:///opt/Custody/resources/app.asar/dist/../../secret.txt',
    'file:///opt/Custody/resources/app.asar/dist/%2e%2e/%2e%2e/secret.txt',
    'file:///opt/Custody/resources/app.asar/dist/..%2F..%2Fsecret.txt',
    'file://fileserver/opt/Custody/resources/app.asar/dist/index.html',
  ])('cancels file URL outside dist %s', (url) => {
    expect(isRequestAllowed(url, production)).toBe(false);
  });

  it('allows devtools only in dev', () => {
    expect(isRequestAllowed('devtools://devtools/bundled/devtools_app.html', production)).toBe(false);
    expect(isRequestAllowed('devtools://devtools/bundled/devtools_app.html', dev)).toBe(true);
  });
});

describe('isAppFileUrl', () => {
  it('rejects other schemes', () => {
    expect(isAppFileUrl(`https://x${distDir}/index.html`, distDir)).toBe(false);
  });
});

describe('isInsideFolder', () => {
  it('accepts the folder and its children', () => {
    expect(isInsideFolder('/a/dist', '/a/dist')).toBe(true);
    expect(isInsideFolder('/a/dist/x/y.js', '/a/dist')).toBe(true);
  });

  it('rejects siblings and parents', () => {
    expect(isInsideFolder('/a/dist2/x.js', '/a/dist')).toBe(false);
    expect(isInsideFolder('/a', '/a/dist')).toBe(false);
    expect(isInsideFolder('/a/dist/../x.js', '/a/dist')).toBe(false);
  });
});
