import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseVersion, mergeRecords, versionHasher, versionsOf, type VersionHash } from '../../../shared/case-file/merge';
import { findRedactions, Redactor } from '../../../shared/case-file/redact';
import { readCaseContents } from '../../../shared/case-file/verify';
import { writeCaseFileBytes } from '../../../shared/case-file/write';
import { sha256Hex } from '../../../shared/io/hash';
import type { Annotation } from '../../../shared/case-file/types';
import { ANNOTATION, entryBytes, fixtureBytes, sampleCase, sampleCaseWithArchive, verifyBytes } from './helpers';
import { bytesContent } from '../../../shared/case-file/write';
import { sample } from '../../helpers/samples';

const other: Annotation = { ...ANNOTATION, id: '0mabc0009-00000000', note: 'Another event.' };

describe('mergeRecords', () => {
  let hash: VersionHash;
  beforeAll(async () => {
    hash = await versionHasher();
  });

  it('adds new records and skips identical ones', () => {
    const result = mergeRecords([ANNOTATION], [ANNOTATION, other], hash);
    expect(result.added).toBe(1);
    expect(result.unchanged).toBe(1);
    expect(result.conflicts).toBe(0);
    expect(result.changed).toEqual([other]);
  });

  it('keeps both versions of a conflict', () => {
    const edited = { ...ANNOTATION, label: 'benign', author: 'Bob', updatedAt: ANNOTATION.updatedAt + 1 };
    const result = mergeRecords([ANNOTATION], [edited], hash);
    expect(result.conflicts).toBe(1);
    expect(result.changed).toHaveLength(1);
    expect(versionsOf(result.changed[0]!)).toEqual([ANNOTATION, edited]);
  });

  it('merges a third analyst into an existing conflict once', () => {
    const bob = { ...ANNOTATION, label: 'benign', author: 'Bob' };
    const carol = { ...ANNOTATION, label: 'needs review', author: 'Carol' };
    const first = mergeRecords([ANNOTATION], [bob], hash).changed[0]!;
    const second = mergeRecords([first], [carol, bob], hash);
    expect(second.conflicts).toBe(1);
    expect(second.unchanged).toBe(1);
    expect(versionsOf(second.changed[0]!).map((item) => item.author)).toEqual(['Ann', 'Bob', 'Carol']);
    expect(mergeRecords(second.changed, [{ ...ANNOTATION, conflicts: [bob, carol] }], hash).unchanged).toBe(1);
  });

  it('resolves a conflict to the chosen version', () => {
    const bob = { ...ANNOTATION, label: 'benign', author: 'Bob' };
    const merged = mergeRecords([ANNOTATION], [bob], hash).changed[0]!;
    expect(chooseVersion(merged, 1, hash)).toEqual({ ...bob, rejected: [hash(ANNOTATION)] });
    expect(() => chooseVersion(merged, 2, hash)).toThrow(RangeError);
  });
});

describe('redaction', () => {
  it('finds personal data of each chosen kind', () => {
    const text = '{"user":"alice","cwd":"/home/alice/work","ip":"10.1.2.3","mail":"alice@example.com","v6":"fe80::1:2"} at 12:30:45';
    const kinds = findRedactions(text, { kinds: ['email', 'ip', 'home-path', 'user-name'] }).map((span) => `${span.kind}=${text.slice(span.start, span.end)}`);
    expect(kinds).toEqual(['user-name=alice', 'home-path=/home/alice', 'ip=10.1.2.3', 'email=alice@example.com', 'ip=fe80::1:2']);
  });

  it('keeps shared account names', () => {
    const text = '{"user":"root","login":"alice"} root cause found by alice under /home/runner/work';
    const found = findRedactions(text, { kinds: ['user-name'] }).map((span) => text.slice(span.start, span.end));
    expect(found).toEqual(['alice', 'alice']);
  });

  it('finds IPv4 with leading zeros', async () => {
    const files = { 'aws.defense-evasion.cloudtrail-delete.json': '08.1.250.216', 'aws.persistence.iam-create-admin-user.json': '075.050.255.67' };
    for (const [file, zeroPadded] of Object.entries(files)) {
      const original = new Uint8Array(readFileSync(sample('cloudtrail', file)));
      const text = new TextDecoder().decode(original);
      const addresses = [...text.matchAll(/"sourceIPAddress": ?"([^"]+)"/g)].map((match) => match[1]!);
      expect(addresses).toContain(zeroPadded);
      const redactor = new Redactor({ kinds: ['ip'] });
      const redacted = new TextDecoder().decode(await redactor.bytes(original, 'e', 'p'));
      for (const address of new Set(addresses)) expect(redacted, file).not.toContain(`"${address}"`);
      for (const item of redactor.redactions) expect(item.sha256).toBe(await sha256Hex(original.subarray(item.offset, item.offset + item.length)));
    }
  });

  it('finds IPv6 forms and skips look-alikes', () => {
    const cases: [string, string | null][] = [
      ['host 2001:db8::8a2e:370:7334 up', '2001:db8::8a2e:370:7334'],
      ['from ::ffff:192.0.2.1 now', '::ffff:192.0.2.1'],
      ['nat64 64:ff9b::192.0.2.33,', '64:ff9b::192.0.2.33'],
      ['link fe80::1%eth0 up', 'fe80::1%eth0'],
      ['url [2001:db8::1]:443', '2001:db8::1'],
      ['loopback ::1.', '::1'],
      ['full 2001:0db8:0000:0000:0000:ff00:0042:8329', '2001:0db8:0000:0000:0000:ff00:0042:8329'],
      ['mapped 0:0:0:0:0:ffff:10.0.0.1', '0:0:0:0:0:ffff:10.0.0.1'],
      ['ip 010.001.002.003 end', '010.001.002.003'],
      ['at 12:30:45', null],
      ['std::vector<int>', null],
      ['version 1.2.3.4.5', null],
    ];
    for (const [text, expected] of cases) {
      const found = findRedactions(text, { kinds: ['ip'] }).map((span) => text.slice(span.start, span.end));
      expect(found, text).toEqual(expected === null ? [] : [expected]);
    }
  });

  it('finds values written with JSON escapes', async () => {
    const line = String.raw`{"gitBranch":"\u0041KIAZXCVBNMASDFGHJKL","user":"bob\u0073mith","note":"ghp\u005f1234567890abcdefghijklmnopqrstuvwxyzAB mail bob\u0040corp.example.org\nAKIAQWERTYUIOPASDFGH","cwd":"C:\\Users\\carol\\app"}`;
    const original = new TextEncoder().encode(`${line}\n`);
    const redactor = new Redactor({ kinds: ['secrets', 'email', 'user-name'] });
    const redacted = new TextDecoder().decode(await redactor.bytes(original, 'e', 'p'));
    const removed = redactor.redactions.map((item) => `${item.kind}=${new TextDecoder().decode(original.subarray(item.offset, item.offset + item.length))}`);
    expect(removed).toEqual([
      String.raw`aws-access-key=\u0041KIAZXCVBNMASDFGHJKL`,
      String.raw`user-name=bob\u0073mith`,
      String.raw`github-token=ghp\u005f1234567890abcdefghijklmnopqrstuvwxyzAB`,
      String.raw`email=bob\u0040corp.example.org`,
      'aws-access-key=AKIAQWERTYUIOPASDFGH',
      'user-name=carol',
    ]);
    for (const item of redactor.redactions) expect(item.sha256).toBe(await sha256Hex(original.subarray(item.offset, item.offset + item.length)));
    // The redacted line is still JSON, and no value decodes to what was removed.
    const decoded = JSON.stringify(JSON.parse(redacted));
    for (const value of ['AKIAZXCVBNMASDFGHJKL', 'bobsmith', 'ghp_', 'bob@corp', 'AKIAQWERTYUIOPASDFGH', 'carol']) expect(decoded).not.toContain(value);
  });

  it('keeps offsets and hashes of removed bytes', async () => {
    const original = new TextEncoder().encode('héllo AKIAABCDEFGHIJKLMNOP and ünïcode AKIAABCDEFGHIJKLMNOQ\n');
    const redactor = new Redactor({ kinds: ['secrets'] });
    const redacted = new TextDecoder().decode(await redactor.bytes(original, 'e', 'p'));
    const out = redactor.redactions;
    expect(redacted).toBe('héllo [REDACTED aws-access-key 1] and ünïcode [REDACTED aws-access-key 2]\n');
    expect(out).toHaveLength(2);
    for (const item of out) {
      const span = original.subarray(item.offset, item.offset + item.length);
      expect(new TextDecoder().decode(span)).toMatch(/^AKIA/);
      expect(item.sha256).toBe(await sha256Hex(span));
    }
  });

  it('copies bytes that are not UTF-8 unchanged', async () => {
    const original = new Uint8Array([0xff, 0xfe, ...new TextEncoder().encode(' 10.0.0.1 '), 0x80]);
    const redactor = new Redactor({ kinds: ['ip'] });
    const redacted = await redactor.bytes(original, 'e', 'p');
    const out = redactor.redactions;
    expect(out[0]!.offset).toBe(3);
    expect(redacted.subarray(0, 3)).toEqual(original.subarray(0, 3));
    expect(redacted.at(-1)).toBe(0x80);
  });

  it('marks the manifest and lists every removed span', async () => {
    const input = await sampleCase();
    const bytes = await writeCaseFileBytes(input, { redaction: { kinds: ['secrets', 'email', 'home-path'] } });
    const verification = await verifyBytes(bytes);
    expect(verification.ok).toBe(true);
    expect(verification.manifest?.redacted).toBe(true);
    expect(verification.manifest?.redactedKinds).toEqual(['secrets', 'email', 'home-path']);
    const contents = readCaseContents(verification);
    const transcript = new TextDecoder().decode(await entryBytes(bytes, verification, 'bundles/001/00001.jsonl'));
    expect(transcript).not.toContain('/home/analyst');
    expect(transcript).toContain('[REDACTED home-path');
    expect(contents.annotations[0]!.note).not.toContain('alice@example.com');
    // Spans point into the original bytes.
    const originalBytes = fixtureBytes('transcript.jsonl');
    const spans = contents.redactions.filter((item) => item.entry === 'bundles/001/00001.jsonl');
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) expect(span.sha256).toBe(await sha256Hex(originalBytes.subarray(span.offset, span.offset + span.length)));
    expect(contents.bundles[0]!.evidence[0]!.sha256).toBe(input.bundles![0]!.evidence[0]!.sha256);
  });

  it('leaves original archives out', async () => {
    const verification = await verifyBytes(await writeCaseFileBytes(await sampleCaseWithArchive(), { redaction: { kinds: ['secrets'] } }));
    expect(verification.ok).toBe(true);
    expect(verification.manifest?.includesOriginals).toBe(false);
    expect(verification.entries.some((entry) => entry.role === 'original')).toBe(false);
    const archive = readCaseContents(verification).bundles[1]!;
    expect(archive.original).toBeNull();
    expect(archive.originalOmitted).toBe('redacted');
    expect(archive.evidence.length).toBeGreaterThan(0);
    for (const item of archive.evidence) expect(verification.entries.find((entry) => entry.path === item.entry)?.role).toBe('evidence');
  });

  it('redacts every text of the case file', async () => {
    const base = await sampleCase();
    const secretPath = 'Users/alice.smith/.claude/projects/-Users-alice-smith-proj/alice.smith@corp.example.org-AKIAQWERTYUIOPASDFGH.jsonl';
    const cloudtrail = new TextEncoder().encode('{"Records":[{"userIdentity":{"userName":"christophe"},"sourceIPAddress":"10.9.8.7"}]}\n');
    const bundles = [
      ...base.bundles!,
      {
        name: 'alice.smith-logs',
        kind: 'folder' as const,
        sha256: 'e'.repeat(64),
        original: null,
        evidence: [
          { ...base.bundles![0]!.evidence[0]!, path: secretPath },
          { path: 'ct.json', sha256: await sha256Hex(cloudtrail), size: cloudtrail.length, format: null, content: bytesContent(cloudtrail) },
        ],
      },
    ];
    const analyst = 'Rita alice.smith@corp.example.org';
    const finding = {
      id: 'rule|s|e',
      rule: 'rule',
      title: 'christophe deleted a trail',
      summary: 'arn:aws:iam::847129010505:user/christophe called cloudtrail:DeleteTrail',
      evidence: [{ session: 's', event: 'e', text: 'christophe from 10.9.8.7' }],
    };
    const input = {
      ...base,
      title: 'Case of alice.smith@corp.example.org',
      examiner: analyst,
      annotations: [{ ...ANNOTATION, author: analyst, conflicts: [{ ...ANNOTATION, author: 'Bob bob@corp.example.org' }] }],
      chains: base.chains.map((chain) => ({ ...chain, author: analyst })),
      reviews: base.reviews.map((review) => ({ ...review, author: analyst })),
      log: base.log.map((entry) => ({ ...entry, author: analyst })),
      findings: [finding],
      bundles,
    };
    const bytes = await writeCaseFileBytes(input, { redaction: { kinds: ['secrets', 'email', 'user-name', 'home-path', 'ip'] } });
    const verification = await verifyBytes(bytes);
    expect(verification.ok).toBe(true);
    const leaks = ['alice.smith', 'alice-smith', 'corp.example.org', 'AKIAQWERTYUIOPASDFGH', 'christophe', '10.9.8.7', '/home/analyst'];
    for (const entry of verification.entries) {
      const text = new TextDecoder().decode(await entryBytes(bytes, verification, entry.path));
      for (const leak of leaks) expect(text.includes(leak), `${entry.path} contains ${leak}`).toBe(false);
    }
    const manifest = verification.manifest!;
    expect(manifest.examiner).toMatch(/^Rita \[REDACTED email \d+\]$/);
    const contents = readCaseContents(verification);
    expect(contents.bundles[1]!.evidence[0]!.path).toMatch(/^\[REDACTED home-path \d+\]\/.claude\//);
    expect(contents.annotations[0]!.conflicts![0]!.author).toMatch(/^Bob \[REDACTED email/);
    expect((contents.findings![0] as typeof finding).id).toBe(finding.id);
    // Every span outside the evidence hashes to the bytes removed from the original text.
    const originals: Record<string, string> = {
      'manifest.json:/examiner': analyst,
      'manifest.json:/case/title': input.title,
      'bundles.json:/1/name': 'alice.smith-logs',
      'bundles.json:/1/evidence/0/path': secretPath,
      'findings.json:rule|s|e/summary': finding.summary,
      'findings.json:rule|s|e/evidence/0/text': finding.evidence[0]!.text,
      [`annotations.json:${ANNOTATION.id}/conflicts/0/author`]: 'Bob bob@corp.example.org',
    };
    for (const [key, text] of Object.entries(originals)) {
      const [entry, location] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const spans = contents.redactions.filter((item) => item.entry === entry && item.location === location);
      expect(spans.length, key).toBeGreaterThan(0);
      const original = new TextEncoder().encode(text);
      for (const span of spans) expect(span.sha256).toBe(await sha256Hex(original.subarray(span.offset, span.offset + span.length)));
    }
    // Evidence spans name the evidence by its redacted path.
    expect(contents.redactions.filter((item) => item.entry === 'bundles/002/00001.jsonl').every((item) => item.location === contents.bundles[1]!.evidence[0]!.path)).toBe(true);
  });
});
