import { describe, expect, it } from 'vitest';
import { findSecrets, fingerprint, maskSecrets, mayHoldSecret } from '../../../shared/secrets/mask';

describe('findSecrets', () => {
  it('finds AWS keys in CLI output', () => {
    const text = '{"Credentials": {"AccessKeyId": "ASIAXAMPLE1234567890", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}';
    const kinds = findSecrets(text).map((match) => match.kind);
    expect(kinds).toEqual(['aws-access-key', 'aws-secret-key']);
  });

  it('finds tokens and private keys', () => {
    const text = 'Authorization: Bearer abcdefghijklmnop1234\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nghp_' + 'a'.repeat(36);
    expect(findSecrets(text).map((match) => match.kind)).toEqual(['bearer-token', 'private-key', 'github-token']);
  });

  it('finds a bare secret key after its key id', () => {
    const csv = 'Access key ID,Secret access key\nAKIA2E0A8F3B244C9986,Zx9Q2mP7vL4kR8tN1bW6yH3jD5fG0aC2eS7uV9iO\n';
    expect(findSecrets(csv).map((match) => match.kind)).toEqual(['aws-access-key', 'aws-secret-key']);
    expect(maskSecrets(csv)).not.toContain('Zx9Q2mP7vL4kR8tN1bW6yH3jD5fG0aC2eS7uV9iO');
  });

  it('finds a bare secret key after a JSON escape', () => {
    const json = '{"stdout":"AKIA2E0A8F3B244C9986\\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}';
    expect(maskSecrets(json)).not.toContain('wJalrXUtnFEMI');
  });

  it('finds a bare key one character long', () => {
    expect(maskSecrets('AKIA2E0A8F3B244C9986\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY')).not.toContain('wJalrXUtnFEMI');
  });

  it('keeps digests beside a key id', () => {
    const text = 'AKIA2E0A8F3B244C9986 commit 3f786850e387550fdab836ed7e6dc881de23001b';
    expect(findSecrets(text).map((match) => match.kind)).toEqual(['aws-access-key']);
  });

  it('keeps bare tokens far from any key id', () => {
    expect(findSecrets(`id Zx9Q2mP7vL4kR8tN1bW6yH3jD5fG0aC2eS7uV9iO ${'x'.repeat(400)} AKIA2E0A8F3B244C9986`).map((match) => match.kind)).toEqual(['aws-access-key']);
  });

  it('leaves ordinary text alone', () => {
    expect(findSecrets('git push origin main && mix test --cover')).toEqual([]);
  });
});

describe('maskSecrets', () => {
  it('replaces the value and keeps the rest', () => {
    const masked = maskSecrets('key AKIAIOSFODNN7EXAMPLE used');
    expect(masked).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(masked).toMatch(/^key \[aws-access-key …MPLE fp:[0-9a-f]{16}\] used$/);
  });
});

describe('fingerprint', () => {
  it('is stable and distinguishes values', () => {
    expect(fingerprint('AKIAIOSFODNN7EXAMPLE')).toBe(fingerprint('AKIAIOSFODNN7EXAMPLE'));
    expect(fingerprint('AKIAIOSFODNN7EXAMPLE')).not.toBe(fingerprint('AKIAIOSFODNN7EXAMPLF'));
  });

  it('matches FNV-1a 64 of a known input', () => {
    // FNV-1a 64 of "a" is af63dc4c8601ec8c.
    expect(fingerprint('a')).toBe('fp:af63dc4c8601ec8c');
  });
});

describe('maskSecrets on escaped JSON', () => {
  it('masks values inside a JSON-encoded string', () => {
    const inner = '{"AccessKeyId": "ASIAXAMPLE1234567890", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "password": "hunter22"}';
    const outer = JSON.stringify({ output: inner });
    const masked = maskSecrets(outer);
    expect(masked).not.toContain('ASIAXAMPLE1234567890');
    expect(masked).not.toContain('wJalrXUtnFEMI');
    expect(masked).not.toContain('hunter22');
  });
});

describe('secret access key lengths', () => {
  it('masks a labelled key of unusual length', () => {
    const masked = maskSecrets('"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFIXTURE01"');
    expect(masked).not.toContain('wJalrXUtnFEMI');
  });
});

describe('secrets inside JSON text', () => {
  it('masks a key after an escaped newline or tab', () => {
    const json = JSON.stringify({ output: 'env:\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n\tAKIAJJJJKKKKLLLLMMMM' });
    const masked = maskSecrets(json);
    expect(masked).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(masked).not.toContain('AKIAJJJJKKKKLLLLMMMM');
  });

  it('masks a session token cut short after its label', () => {
    expect(maskSecrets('"SessionToken": "IQoJb3JpZ2luX2VjEOH//////////wEaCXVz…')).not.toContain('IQoJb3JpZ2luX2Vj');
  });

  it('fingerprints a private key alike escaped or not', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----';
    const plain = maskSecrets(key);
    const escaped = maskSecrets(JSON.stringify(key));
    expect(escaped).toContain(plain);
  });

  it.each([
    ['postgres://admin:S3cretPassw0rd!@db.internal:5432/app', 'S3cretPassw0rd!'],
    ['key=AIzaSyA1234567890abcdefghijklmnopqrstuv', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    ['stripe sk_live_51H8abcdefghijklmnop', 'sk_live_51H8abcdefghijklmnop'],
    ['npm_abcdefghijklmnopqrstuvwxyz0123456789', 'npm_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['glpat-abcdefghijklmnopqrst', 'glpat-abcdefghijklmnopqrst'],
  ])('masks %s', (text, secret) => {
    expect(maskSecrets(text)).not.toContain(secret);
  });
});

describe('mayHoldSecret', () => {
  it.each([
    '-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----',
    'AKIAIOSFODNN7EXAMPLE',
    'ASIAXAMPLE1234567890',
    'SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'x-amz-security-token: FwoGZXIvYXdzEFIXTURETOKEN',
    `ghp_${'a'.repeat(36)}`,
    `github_pat_${'a'.repeat(22)}`,
    'glpat-abcdefghijklmnopqrst',
    'npm_abcdefghijklmnopqrstuvwxyz0123456789',
    'xoxb-1234567890-abcdef',
    'AIzaSyA1234567890abcdefghijklmnopqrstuv',
    'rk_test_51H8abcdefghijklmnop',
    'sk-ant-api03-abcdefghijklmnopqrstuvwxyz',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz',
    'Authorization: Bearer abcdefghijklmnop1234',
    'postgres://admin:S3cretPassw0rd!@db.internal:5432/app',
    'PWD=hunter2hunter2',
  ])('lets %s through to the patterns', (text) => {
    expect(findSecrets(text).length).toBeGreaterThan(0);
    expect(mayHoldSecret(text)).toBe(true);
  });

  it('rules out plain code', () => {
    expect(mayHoldSecret('function add(a, b) { return a + b; }')).toBe(false);
  });
});
