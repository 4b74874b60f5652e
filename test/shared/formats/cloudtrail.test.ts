import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import type { AgentEvent } from '../../../shared/model/events';
import { analyseBundle, type AnalysedBundle } from '../../../shared/ingest/memory';
import { fingerprint } from '../../../shared/secrets/mask';
import { sample } from '../../helpers/samples';

type Json = Record<string, unknown>;

const CLOUDTRAIL = sample('cloudtrail');

/** Counts the records of a CloudTrail sample with JSON.parse alone: an array, a `Records` object or one record. */
function countRecords(text: string): number {
  const value = JSON.parse(text) as unknown;
  if (Array.isArray(value)) return value.length;
  const records = (value as Json).Records;
  return Array.isArray(records) ? records.length : 1;
}

function recordsOf(text: string): Json[] {
  const value = JSON.parse(text) as unknown;
  if (Array.isArray(value)) return value as Json[];
  const records = (value as Json).Records;
  return Array.isArray(records) ? (records as Json[]) : [value as Json];
}

function allEvents(bundle: AnalysedBundle): AgentEvent[] {
  return bundle.sessions.flatMap((session) => session.events);
}

function eventNamed(bundle: AnalysedBundle, eventName: string): AgentEvent {
  const found = allEvents(bundle).filter((event) => event.cloud?.operation === eventName);
  expect(found, `events named ${eventName}`).toHaveLength(1);
  return found[0]!;
}

async function analyse(path: string): Promise<AnalysedBundle> {
  return analyseBundle(await openBundle(path));
}

describe('CloudTrail reader on the Stratus Red Team samples', () => {
  let files: string[];
  let folder: AnalysedBundle;

  beforeAll(async () => {
    files = (await readdir(CLOUDTRAIL)).filter((name) => name.endsWith('.json')).sort();
    folder = await analyse(CLOUDTRAIL);
  });

  it('finds 18 files with 163 records', async () => {
    expect(files).toHaveLength(18);
    let total = 0;
    for (const name of files) total += countRecords(await readFile(join(CLOUDTRAIL, name), 'utf8'));
    expect(total).toBe(163);
  });

  it('makes one event per record in every file', async () => {
    for (const name of files) {
      const expected = countRecords(await readFile(join(CLOUDTRAIL, name), 'utf8'));
      const evidence = folder.result.evidence.find((file) => file.path === name);
      expect(evidence?.format, name).toBe('cloudtrail');
      expect(evidence?.events, name).toBe(expected);
      expect(evidence?.diagnostics, name).toEqual([]);
    }
  });

  it('keeps all 163 events after linking', () => {
    const kinds = allEvents(folder).map((event) => event.kind);
    expect(kinds).toHaveLength(163);
    expect(folder.summaries.reduce((sum, summary) => sum + summary.events, 0)).toBe(163);
    expect(kinds.filter((kind) => kind === 'authentication')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'cloud-call')).toHaveLength(162);
  });

  it('reads the same 163 records from cloudtrail.tar.gz', async () => {
    const bundle = await analyse(sample('bundles', 'cloudtrail.tar.gz'));
    expect(bundle.result.evidence).toHaveLength(18);
    expect(bundle.result.evidence.every((file) => file.format === 'cloudtrail')).toBe(true);
    expect(bundle.result.evidence.reduce((sum, file) => sum + file.events, 0)).toBe(163);
    expect(allEvents(bundle)).toHaveLength(163);
    expect(bundle.result.diagnostics).toEqual([]);
  });

  it('points each array item at its record', () => {
    const evidence = folder.result.evidence.find((file) => file.path === 'aws.persistence.iam-create-admin-user.json')!;
    const events = allEvents(folder).filter((event) => event.raw.evidence === evidence.key);
    expect(events.map((event) => event.raw.pointer).sort()).toEqual(['/0', '/1', '/2']);
    expect(events.every((event) => event.raw.offset === 0 && event.raw.length === evidence.size)).toBe(true);
  });

  it('names events, sessions and agents from userIdentity', async () => {
    const text = await readFile(join(CLOUDTRAIL, 'aws.defense-evasion.cloudtrail-stop.json'), 'utf8');
    const record = recordsOf(text)[0]!;
    const identity = record.userIdentity as Json;
    const event = eventNamed(folder, 'StopLogging');
    expect(event.id).toBe(`${String(record.eventID)}#StopLogging`);
    expect(event.attrs?.eventId).toBe(record.eventID);
    expect(event.session).toBe(`aws:${fingerprint(String(identity.accessKeyId))}`);
    expect(event.agent).toBe(identity.arn);
    expect(event.source).toBe('cloudtrail');
    expect(event.raw.pointer).toBe('/0');
  });
});

describe('CloudTrail federation token chain', () => {
  let bundle: AnalysedBundle;
  let records: Json[];

  beforeAll(async () => {
    const path = sample('cloudtrail', 'aws.persistence.sts-federation-token.json');
    bundle = await analyse(path);
    records = recordsOf(await readFile(path, 'utf8'));
  });

  it('issues the ASIA key with the AKIA key', () => {
    const caller = (records[0]!.userIdentity as Json).accessKeyId as string;
    const issued = ((records[0]!.responseElements as Json).credentials as Json).accessKeyId as string;
    expect(caller.startsWith('AKIA')).toBe(true);
    expect(issued.startsWith('ASIA')).toBe(true);
    const mint = eventNamed(bundle, 'GetFederationToken');
    expect(mint.session).toBe(`aws:${fingerprint(caller)}`);
    expect(mint.cloud?.principalType).toBe('IAMUser');
    expect(mint.credentials).toEqual([
      { fingerprint: fingerprint(caller), masked: `AKIA…${caller.slice(-4)}`, kind: 'aws-access-key', action: 'used' },
      {
        fingerprint: fingerprint(issued),
        masked: `ASIA…${issued.slice(-4)}`,
        kind: 'aws-access-key',
        action: 'issued',
        issuedWith: fingerprint(caller),
        expires: 'Nov 30, 2024, 8:43:17 PM',
      },
    ]);
    expect(mint.attrs?.issuedPrincipal).toBe('arn:aws:sts::742491224508:federated-user/stratus_red_team');
  });

  it('uses the ASIA key as the federated user', () => {
    const issued = ((records[0]!.responseElements as Json).credentials as Json).accessKeyId as string;
    const use = eventNamed(bundle, 'GetCallerIdentity');
    expect(use.session).toBe(`aws:${fingerprint(issued)}`);
    expect(use.agent).toBe('arn:aws:sts::742491224508:federated-user/stratus_red_team');
    expect(use.cloud?.principalType).toBe('FederatedUser');
    expect(use.cloud?.issuer).toBe('arn:aws:iam::742491224508:user/stratus-red-team-user-federation-user');
    expect(use.credentials).toEqual([{ fingerprint: fingerprint(issued), masked: `ASIA…${issued.slice(-4)}`, kind: 'aws-access-key', action: 'used' }]);
  });

  it('keeps the session token out of events', () => {
    const token = ((records[0]!.responseElements as Json).credentials as Json).sessionToken as string;
    const stored = JSON.stringify(allEvents(bundle));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(0, 40));
    expect(stored).toContain(`[aws-session-token ${fingerprint(token)}]`);
  });
});

describe('CloudTrail tampering samples', () => {
  const cases = [
    ['aws.defense-evasion.cloudtrail-stop.json', 'StopLogging'],
    ['aws.defense-evasion.cloudtrail-delete.json', 'DeleteTrail'],
    ['aws.defense-evasion.bedrock-guardrail-delete.json', 'DeleteGuardrail'],
    ['aws.defense-evasion.bedrock-model-invocation-logging-delete.json', 'DeleteModelInvocationLoggingConfiguration'],
  ] as const;

  for (const [name, eventName] of cases) {
    it(`reads ${eventName}`, async () => {
      const record = recordsOf(await readFile(join(CLOUDTRAIL, name), 'utf8'))[0]!;
      const bundle = await analyse(join(CLOUDTRAIL, name));
      const event = eventNamed(bundle, eventName);
      expect(record.eventName).toBe(eventName);
      expect(event.cloud?.errorCode).toBe(record.errorCode);
      expect(event.outcome).toBe(record.errorCode ? 'error' : 'success');
      expect(event.cloud?.service).toBe(record.eventSource);
      expect(bundle.result.evidence[0]!.diagnostics).toEqual([]);
    });
  }

  it('marks the trail as deleted', async () => {
    const bundle = await analyse(join(CLOUDTRAIL, 'aws.defense-evasion.cloudtrail-delete.json'));
    const event = eventNamed(bundle, 'DeleteTrail');
    expect(event.resources).toHaveLength(1);
    expect(event.resources![0]!.access).toBe('delete');
    expect(event.resources![0]!.value).toMatch(/^arn:aws:cloudtrail:.+:\d+:trail\/stratus-red-team-/);
  });

  it('reads the Athena timestamp without a zone', async () => {
    const bundle = await analyse(join(CLOUDTRAIL, 'aws.defense-evasion.bedrock-model-invocation-logging-delete.json'));
    const event = eventNamed(bundle, 'DeleteModelInvocationLoggingConfiguration');
    expect(event.time?.original).toBe('2025-03-26 17:22:33.000000000');
    expect(event.time?.zoneKnown).toBe(false);
    expect(event.time?.ms).toBe(Date.UTC(2025, 2, 26, 17, 22, 33));
    expect(event.raw.pointer).toBeUndefined();
  });

  it('keeps records that share an anonymised eventID apart', async () => {
    const bundle = await analyse(CLOUDTRAIL);
    const shared = allEvents(bundle).filter((event) => event.attrs?.eventId === 'ee73c230-44bc-4492-8542-cfb189eae287');
    expect(shared.map((event) => event.cloud?.operation).sort()).toEqual(['DeleteGuardrail', 'DeleteModelInvocationLoggingConfiguration', 'DeleteTrail']);
  });
});

describe('CloudTrail fields on the samples', () => {
  let bundle: AnalysedBundle;

  beforeAll(async () => {
    bundle = await analyse(CLOUDTRAIL);
  });

  it('marks the console login as authentication', () => {
    const login = eventNamed(bundle, 'ConsoleLogin');
    expect(login.kind).toBe('authentication');
    expect(login.credentials).toBeUndefined();
    expect(login.session).toBe('aws:arn:aws:iam::562283505220:user/stratus-red-team-nmfalu-jfzdtsvchl');
    expect(login.identity).toEqual({ user: 'stratus-red-team-nmfalu-jfzdtsvchl', account: '562283505220' });
  });

  it('keeps invalid anonymised values as written', () => {
    const mint = eventNamed(bundle, 'GetFederationToken');
    expect(mint.cloud?.region).toBe('ap-isob-east-1r');
    expect(mint.cloud?.sourceIp).toBe('255.090.254.5');
  });

  it('infers access from the operation', () => {
    const access = (name: string) => allEvents(bundle).find((event) => event.cloud?.operation === name)?.resources?.map((resource) => resource.access);
    expect(access('GetSecretValue')).toEqual(['read']);
    expect(access('CreateUser')).toEqual(['write']);
    expect(access('StopInstances')).toEqual(['write']);
    expect(access('SendCommand')).toEqual(['execute']);
  });

  it('names resources from resources[] and parameters', () => {
    const attach = eventNamed(bundle, 'AttachUserPolicy');
    expect(attach.resources?.map((resource) => resource.value)).toEqual([
      'arn:aws:iam::229654561268:user/malicious-iam-user',
      'arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
    const parameters = allEvents(bundle).filter((event) => event.cloud?.operation === 'GetParameters');
    expect(parameters.flatMap((event) => event.resources ?? [])).toHaveLength(42);
  });

  it('records the key minted by CreateAccessKey', () => {
    const create = eventNamed(bundle, 'CreateAccessKey');
    const [used, issued] = create.credentials!;
    expect(used!.action).toBe('used');
    expect(issued!.action).toBe('issued');
    expect(issued!.issuedWith).toBe(used!.fingerprint);
    expect(issued!.masked).toBe('AKIA…682H');
  });

  it('marks denied calls', () => {
    const denied = allEvents(bundle).filter((event) => event.cloud?.errorCode === 'AccessDenied');
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((event) => event.outcome === 'denied')).toBe(true);
  });
});

// Fixtures for container shapes and edge cases that the samples do not contain.

const FEDERATION = sample('cloudtrail', 'aws.persistence.sts-federation-token.json');

function baseRecord(overrides: Json = {}): Json {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSER00001',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLEKEY000001',
      userName: 'alice',
    },
    eventTime: '2025-01-02T03:04:05Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: 'REQ1',
    eventID: '00000000-0000-4000-8000-000000000001',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    ...overrides,
  };
}

describe('CloudTrail container shapes and edge cases', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'custody-cloudtrail-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fixture(name: string, content: string | Uint8Array): Promise<AnalysedBundle> {
    const path = join(dir, name);
    await writeFile(path, content);
    return analyse(path);
  }

  it('skips a digest file with an info diagnostic', async () => {
    const digest = {
      awsAccountId: '111122223333',
      digestStartTime: '2025-01-02T03:00:00Z',
      digestEndTime: '2025-01-02T04:00:00Z',
      digestS3Bucket: 'trail-bucket',
      digestS3Object: 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2025/01/02/digest.json.gz',
      digestPublicKeyFingerprint: '0123456789abcdef',
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: '2025-01-02T03:59:00Z',
      oldestEventTime: '2025-01-02T03:00:05Z',
      previousDigestS3Bucket: 'trail-bucket',
      previousDigestS3Object: 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2025/01/02/previous.json.gz',
      previousDigestHashValue: 'abcd',
      previousDigestHashAlgorithm: 'SHA-256',
      previousDigestSignature: 'ef01',
      logFiles: [{ s3Bucket: 'trail-bucket', s3Object: 'log.json.gz', hashValue: '00ff', hashAlgorithm: 'SHA-256' }],
    };
    const bundle = await fixture('digest.json.gz', gzipSync(JSON.stringify(digest)));
    const file = bundle.result.evidence[0]!;
    expect(file.format).toBe('cloudtrail');
    expect(file.events).toBe(0);
    expect(file.diagnostics).toHaveLength(1);
    expect(file.diagnostics[0]!.severity).toBe('info');
    expect(file.diagnostics[0]!.reason).toMatch(/^CloudTrail digest file, not event records/);
    expect(bundle.sessions).toHaveLength(0);
  });

  it('reads lookup-events output', async () => {
    const records = [baseRecord(), baseRecord({ eventID: '00000000-0000-4000-8000-000000000002', eventName: 'GetBucketAcl' })];
    const output = {
      Events: records.map((record) => ({
        EventId: record.eventID,
        EventName: record.eventName,
        ReadOnly: 'true',
        AccessKeyId: 'AKIAEXAMPLEKEY000001',
        EventTime: '2025-01-02T03:04:05+00:00',
        EventSource: 's3.amazonaws.com',
        Username: 'alice',
        Resources: [],
        CloudTrailEvent: JSON.stringify(record),
      })),
    };
    const bundle = await fixture('lookup.json', JSON.stringify(output, null, 2));
    const events = allEvents(bundle);
    expect(bundle.result.evidence[0]!.format).toBe('cloudtrail');
    expect(events.map((event) => event.raw.pointer)).toEqual(['/Events/0/CloudTrailEvent', '/Events/1/CloudTrailEvent']);
    expect(events.map((event) => event.cloud?.operation)).toEqual(['ListBuckets', 'GetBucketAcl']);
    expect(events[0]!.session).toBe(`aws:${fingerprint('AKIAEXAMPLEKEY000001')}`);
    expect(bundle.result.evidence[0]!.diagnostics).toEqual([]);
  });

  it('reads a gzip Records file', async () => {
    const records = [
      baseRecord(),
      baseRecord({ eventID: '00000000-0000-4000-8000-000000000002', eventName: 'GetObject', requestParameters: { bucketName: 'reports', key: 'q1.csv' } }),
      baseRecord({ eventID: '00000000-0000-4000-8000-000000000003', eventName: 'DeleteBucket', requestParameters: { bucketName: 'reports' }, readOnly: false }),
    ];
    const bundle = await fixture('111122223333_CloudTrail_eu-west-1_20250102T0305Z_abc.json.gz', gzipSync(JSON.stringify({ Records: records })));
    const file = bundle.result.evidence[0]!;
    expect(file.format).toBe('cloudtrail');
    // The file is one JSON document, but the evidence counts the CloudTrail records inside it.
    expect(file.records).toBe(3);
    expect(file.events).toBe(3);
    const events = allEvents(bundle);
    expect(events.map((event) => event.raw.pointer)).toEqual(['/Records/0', '/Records/1', '/Records/2']);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events[2]!.resources).toEqual([{ kind: 'arn', value: 'arn:aws:s3:::reports', access: 'delete' }]);
  });

  it('reads one record per line', async () => {
    const lines = [baseRecord(), baseRecord({ eventID: '00000000-0000-4000-8000-000000000002', eventTime: '2025-01-02T03:04:06Z' })];
    const bundle = await fixture('records.jsonl', lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    const events = allEvents(bundle);
    expect(bundle.result.evidence[0]!.format).toBe('cloudtrail');
    expect(events.map((event) => event.raw.line)).toEqual([1, 2]);
    expect(events.every((event) => event.raw.pointer === undefined)).toBe(true);
  });

  it('reads null and absent request data', async () => {
    const absent = baseRecord({ eventID: '00000000-0000-4000-8000-000000000002' });
    delete absent.requestParameters;
    delete absent.responseElements;
    const bundle = await fixture('nulls.json', JSON.stringify([baseRecord(), absent], null, 1));
    const events = allEvents(bundle);
    expect(events).toHaveLength(2);
    expect(events[0]!.input).toEqual({ requestParameters: null, responseElements: null });
    expect(events[1]!.input).toBeUndefined();
    expect(events.every((event) => event.outcome === 'success')).toBe(true);
  });

  it('caps a 5 MB responseElements', async () => {
    const items = Array.from({ length: 5 * 1024 }, (_, index) => ({ id: index, blob: 'x'.repeat(1024) }));
    const record = baseRecord({ eventName: 'ListObjects', responseElements: { contents: items, huge: 'y'.repeat(512 * 1024) } });
    const text = JSON.stringify({ Records: [record] });
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const bundle = await fixture('huge.json', text);
    const [event] = allEvents(bundle);
    expect(event!.attrs?.inputTruncated).toBe(true);
    expect(JSON.stringify(event!.input).length).toBeLessThan(64 * 1024);
    expect(event!.raw.length).toBe(text.length);
    expect(bundle.result.evidence[0]!.diagnostics).toEqual([]);
  });

  it('follows an AssumeRole chain with sourceIdentity', async () => {
    const userKey = 'AKIAEXAMPLEKEY000001';
    const firstKey = 'ASIAEXAMPLEROLE00001';
    const secondKey = 'ASIAEXAMPLEROLE00002';
    const roleSession = (role: string, key: string) => ({
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE${role.toUpperCase()}:agent-run`,
      arn: `arn:aws:sts::111122223333:assumed-role/${role}/agent-run`,
      accountId: '111122223333',
      accessKeyId: key,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: `AROAEXAMPLE${role.toUpperCase()}`, arn: `arn:aws:iam::111122223333:role/${role}`, accountId: '111122223333', userName: role },
        attributes: { creationDate: '2025-01-02T03:04:05Z', mfaAuthenticated: 'false' },
        sourceIdentity: 'alice@example.com',
      },
    });

    const assume = (id: string, caller: Json, role: string, issued: string) =>
      baseRecord({
        eventID: id,
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRole',
        readOnly: false,
        userIdentity: caller,
        requestParameters: { roleArn: `arn:aws:iam::111122223333:role/${role}`, roleSessionName: 'agent-run', sourceIdentity: 'alice@example.com' },
        responseElements: {
          credentials: { accessKeyId: issued, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN'.repeat(8), expiration: 'Jan 2, 2025, 4:04:05 AM' },
          assumedRoleUser: { assumedRoleId: `AROAEXAMPLE:agent-run`, arn: `arn:aws:sts::111122223333:assumed-role/${role}/agent-run` },
          sourceIdentity: 'alice@example.com',
        },
        resources: [{ ARN: `arn:aws:iam::111122223333:role/${role}`, accountId: '111122223333', type: 'AWS::IAM::Role' }],
      });

    const records = [
      assume('10000000-0000-4000-8000-000000000001', baseRecord().userIdentity as Json, 'deployer', firstKey),
      assume('10000000-0000-4000-8000-000000000002', roleSession('deployer', firstKey), 'admin', secondKey),
      baseRecord({ eventID: '10000000-0000-4000-8000-000000000003', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', readOnly: false, userIdentity: roleSession('admin', secondKey), requestParameters: { userName: 'backdoor' } }),
    ];
    const bundle = await fixture('chain.json', JSON.stringify(records, null, 2));
    const events = allEvents(bundle);

    const [first, second, create] = [0, 1, 2].map((index) => events.find((event) => event.raw.pointer === `/${index}`)!);
    expect(first!.credentials?.map((credential) => [credential.action, credential.fingerprint, credential.issuedWith])).toEqual([
      ['used', fingerprint(userKey), undefined],
      ['issued', fingerprint(firstKey), fingerprint(userKey)],
    ]);
    expect(first!.attrs?.requestedSourceIdentity).toBe('alice@example.com');

    expect(second!.session).toBe(`aws:${fingerprint(firstKey)}`);
    expect(second!.cloud?.sourceIdentity).toBe('alice@example.com');
    expect(second!.cloud?.issuer).toBe('arn:aws:iam::111122223333:role/deployer');
    expect(second!.credentials?.[1]).toMatchObject({ action: 'issued', fingerprint: fingerprint(secondKey), issuedWith: fingerprint(firstKey), expires: 'Jan 2, 2025, 4:04:05 AM' });

    expect(create!.session).toBe(`aws:${fingerprint(secondKey)}`);
    expect(create!.agent).toBe('arn:aws:sts::111122223333:assumed-role/admin/agent-run');
    expect(create!.cloud?.sourceIdentity).toBe('alice@example.com');
    expect(create!.resources).toEqual([{ kind: 'arn', value: 'arn:aws:iam::111122223333:user/backdoor', access: 'write' }]);
    expect(bundle.sessions).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain('FwoGZXIvYXdzEXAMPLETOKEN');
  });

  it('reads lower-cased Athena columns', async () => {
    const row = {
      eventversion: '1.09',
      useridentity: JSON.stringify({ type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountid: '111122223333', accesskeyid: 'AKIAEXAMPLEKEY000001' }),
      eventtime: '2025-03-26 17:22:33.000000000',
      eventsource: 'secretsmanager.amazonaws.com',
      eventname: 'GetSecretValue',
      awsregion: 'eu-west-1',
      requestparameters: '{"secretId":"prod/db"}',
      readonly: 'true',
      eventid: '20000000-0000-4000-8000-000000000001',
    };
    const bundle = await fixture('athena.jsonl', JSON.stringify(row) + '\n');
    const [event] = allEvents(bundle);
    expect(bundle.result.evidence[0]!.format).toBe('cloudtrail');
    expect(event!.cloud?.operation).toBe('GetSecretValue');
    expect(event!.agent).toBe('arn:aws:iam::111122223333:user/alice');
    expect(event!.session).toBe(`aws:${fingerprint('AKIAEXAMPLEKEY000001')}`);
    expect(event!.cloud?.readOnly).toBe(true);
    expect(event!.time?.zoneKnown).toBe(false);
    expect(event!.resources).toEqual([{ kind: 'secret', value: 'prod/db', access: 'read' }]);
  });

  it('keeps a bad record and reports its index', async () => {
    const bundle = await fixture('mixed.json', JSON.stringify({ Records: [baseRecord(), { note: 'not an event' }, baseRecord({ eventID: '00000000-0000-4000-8000-000000000009' })] }));
    const file = bundle.result.evidence[0]!;
    expect(file.events).toBe(3);
    expect(file.diagnostics).toHaveLength(1);
    expect(file.diagnostics[0]!.severity).toBe('warning');
    expect(file.diagnostics[0]!.reason).toContain('Record 2 (/Records/1)');
    expect(allEvents(bundle).filter((event) => event.kind === 'unknown')).toHaveLength(1);
  });

  it('reports a repeated eventID once', async () => {
    const bundle = await fixture('repeat.jsonl', [baseRecord(), baseRecord()].map((record) => JSON.stringify(record)).join('\n'));
    expect(bundle.result.evidence[0]!.events).toBe(2);
    expect(bundle.result.evidence[0]!.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['duplicate-record']);
    expect(allEvents(bundle)).toHaveLength(1);
    expect(bundle.sessions[0]!.duplicates.resumed).toBe(1);
  });

  it('reads the same record from two containers as one event', async () => {
    const record = recordsOf(await readFile(FEDERATION, 'utf8'))[1]!;
    const sub = await mkdtemp(join(dir, 'twice-'));
    await writeFile(join(sub, 'a.json'), JSON.stringify({ Records: [record] }));
    await writeFile(join(sub, 'b.jsonl'), JSON.stringify(record) + '\n');
    const bundle = await analyse(sub);
    expect(bundle.result.evidence.map((file) => file.events)).toEqual([1, 1]);
    expect(allEvents(bundle)).toHaveLength(1);
  });
});
