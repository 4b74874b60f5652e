import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import type { AgentEvent } from '../../../shared/model/events';
import { analyseBundle, type AnalysedBundle } from '../../../shared/ingest/memory';
import { fingerprint } from '../../../shared/secrets/mask';
import { sample } from '../../helpers/samples';

type Json = Record<string, unknown>;

const API_RAW = sample('ocsf', 'cloudtrail-v1.1.0-generic_api_activity.raw.json');
const API_OCSF = sample('ocsf', 'cloudtrail-v1.1.0-OCSF_api_activity.json');
const AUTH_RAW = sample('ocsf', 'cloudtrail-v1.1.0-authentication.raw.json');
const AUTH_OCSF = sample('ocsf', 'cloudtrail-v1.1.0-OCSF_authentication.json');

async function analyse(path: string): Promise<AnalysedBundle> {
  return analyseBundle(await openBundle(path));
}

async function onlyEvent(path: string): Promise<AgentEvent> {
  const bundle = await analyse(path);
  const events = bundle.sessions.flatMap((session) => session.events);
  expect(events).toHaveLength(1);
  return events[0]!;
}

async function readJson(path: string): Promise<Json> {
  return JSON.parse(await readFile(path, 'utf8')) as Json;
}

describe('OCSF reader on the ocsf/examples samples', () => {
  it('reads both OCSF files as OCSF 1.1.0', async () => {
    const bundle = await analyse(sample('ocsf'));
    const formats = Object.fromEntries(bundle.result.evidence.map((file) => [file.path, [file.format, file.formatVersion, file.events]]));
    expect(formats).toEqual({
      'cloudtrail-v1.1.0-OCSF_api_activity.json': ['ocsf', '1.1.0', 1],
      'cloudtrail-v1.1.0-OCSF_authentication.json': ['ocsf', '1.1.0', 1],
      'cloudtrail-v1.1.0-authentication.raw.json': ['cloudtrail', '1.08', 1],
      'cloudtrail-v1.1.0-generic_api_activity.raw.json': ['cloudtrail', '1.05', 1],
    });
    expect(bundle.result.evidence.flatMap((file) => file.diagnostics)).toEqual([]);
  });

  it('maps API Activity to a cloud call', async () => {
    const event = await onlyEvent(API_OCSF);
    expect(event.kind).toBe('cloud-call');
    expect(event.source).toBe('ocsf');
    expect(event.id).toBe('71c88be9-ea5c-43c7-8c82-example#DescribeDirectConnectGateways');
    expect(event.attrs?.eventId).toBe('71c88be9-ea5c-43c7-8c82-example');
    expect(event.time?.ms).toBe(1695334972000);
    expect(event.cloud).toEqual({
      provider: 'aws',
      service: 'directconnect.amazonaws.com',
      operation: 'DescribeDirectConnectGateways',
      region: 'us-east-1',
      account: '1111111111111',
      principal: 'arn:aws:iam::1111111111111:user/Level6',
      principalType: 'IAMUser',
      sourceIp: '205.8.181.128',
      userAgent: 'Boto3/1.15.2 Python/3.8.2 Linux/5.6.3-arch1-1 Botocore/1.18.2',
      requestId: '1c8a6220-4263-4763-b526-example',
      readOnly: true,
    });
    expect(event.credentials).toEqual([{ fingerprint: fingerprint('AKIA3Z2XBVEXAMPLE'), masked: 'AKIA…MPLE', kind: 'aws-access-key', action: 'used' }]);
    expect(event.session).toBe(`aws:${fingerprint('AKIA3Z2XBVEXAMPLE')}`);
    // status_id 99 with a null status says nothing about success.
    expect(event.outcome).toBe('unknown');
  });

  // The examples replaced account ids, keys and event ids with EXAMPLE values and shifted the
  // time by three years, so only the fields they left alone can match the raw record.
  it('matches its raw CloudTrail record where the example kept the values', async () => {
    const raw = await onlyEvent(API_RAW);
    const mapped = await onlyEvent(API_OCSF);
    for (const key of ['provider', 'service', 'operation', 'region', 'principalType', 'sourceIp', 'userAgent'] as const) {
      expect(mapped.cloud?.[key], key).toBe(raw.cloud?.[key]);
    }
    expect(mapped.attrs?.userName).toBe(raw.attrs?.userName);
    expect(mapped.cloud?.principal?.replace(/::\d+:/, '::<account>:')).toBe(raw.cloud?.principal?.replace(/::\d+:/, '::<account>:'));
    expect(mapped.credentials?.[0]?.masked.slice(0, 4)).toBe(raw.credentials?.[0]?.masked.slice(0, 4));
    expect(mapped.kind).toBe(raw.kind);
  });

  it('maps the authentication pair to one principal', async () => {
    const raw = await onlyEvent(AUTH_RAW);
    const mapped = await onlyEvent(AUTH_OCSF);
    expect(mapped.kind).toBe('authentication');
    expect(raw.kind).toBe('authentication');
    expect(mapped.cloud?.principal).toBe('arn:aws:iam::111122223333:user/anaya');
    expect(mapped.cloud?.principal).toBe(raw.cloud?.principal);
    expect(mapped.agent).toBe(raw.agent);
    expect(mapped.session).toBe(raw.session);
    expect(mapped.cloud?.operation).toBe('ConsoleLogin');
    expect(mapped.cloud?.sourceIp).toBe(raw.cloud?.sourceIp);
    expect(mapped.outcome).toBe('success');
    expect(raw.outcome).toBe('success');
    // Neither record carries an access key: a console login signs in with a password.
    expect(mapped.credentials).toBeUndefined();
    expect(raw.credentials).toBeUndefined();
    expect(mapped.identity).toEqual({ user: 'anaya', account: '111122223333' });
    expect(mapped.attrs?.isMfa).toBe(true);
    expect(raw.attrs?.mfaUsed).toBe('Yes');
  });
});

describe('OCSF fixtures', () => {
  let dir: string;
  let template: Json;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'custody-ocsf-'));
    template = await readJson(API_OCSF);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fixture(name: string, records: readonly Json[]): Promise<AnalysedBundle> {
    const path = join(dir, name);
    await writeFile(path, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
    return analyse(path);
  }

  /** The API Activity example with the ids of its raw record put back, as a faithful mapping would write them. */
  async function faithfulMapping(): Promise<Json> {
    const raw = await readJson(API_RAW);
    const identity = raw.userIdentity as Json;
    const mapped = structuredClone(template);
    const actor = mapped.actor as Json;
    actor.user = { ...(actor.user as Json), uid: identity.arn, uid_alt: identity.principalId, credential_uid: identity.accessKeyId, account: { uid: identity.accountId } };
    (mapped.metadata as Json).uid = raw.eventID;
    ((mapped.api as Json).request as Json).uid = raw.requestID;
    mapped.time = Date.parse(raw.eventTime as string);
    return mapped;
  }

  it('joins a faithful mapping to its CloudTrail record', async () => {
    const raw = await onlyEvent(API_RAW);
    const bundle = await fixture('faithful.jsonl', [await faithfulMapping()]);
    const [mapped] = bundle.sessions.flatMap((session) => session.events);
    expect(mapped!.cloud?.principal).toBe(raw.cloud?.principal);
    expect(mapped!.agent).toBe(raw.agent);
    expect(mapped!.credentials?.[0]?.fingerprint).toBe(raw.credentials?.[0]?.fingerprint);
    expect(mapped!.session).toBe(raw.session);
    expect(mapped!.id).toBe(raw.id);
    expect(mapped!.time?.ms).toBe(raw.time?.ms);
  });

  it('keeps one event for a record and its mapping', async () => {
    const sub = await mkdtemp(join(dir, 'pair-'));
    await writeFile(join(sub, 'mapped.json'), JSON.stringify(await faithfulMapping()));
    await writeFile(join(sub, 'raw.json'), await readFile(API_RAW));
    const bundle = await analyse(sub);
    expect(bundle.result.evidence.map((file) => file.format).sort()).toEqual(['cloudtrail', 'ocsf']);
    expect(bundle.sessions).toHaveLength(1);
    expect(bundle.sessions[0]!.events).toHaveLength(1);
  });

  const units = [
    ['seconds', 1695334972, 'seconds'],
    ['microseconds', 1695334972000000, 'microseconds'],
    ['nanoseconds', 1695334972000000000, 'nanoseconds'],
  ] as const;

  for (const [label, time, unit] of units) {
    it(`converts a time in ${label}`, async () => {
      const bundle = await fixture(`time-${label}.jsonl`, [{ ...template, time }]);
      const [event] = bundle.sessions.flatMap((session) => session.events);
      expect(event!.time?.ms).toBe(1695334972000);
      expect(event!.time?.original).toBe(String(time));
      const diagnostics = bundle.result.evidence[0]!.diagnostics;
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]!.severity).toBe('warning');
      expect(diagnostics[0]!.code).toBe('invalid-value');
      expect(diagnostics[0]!.reason).toContain(`epoch ${unit}`);
      expect(diagnostics[0]!.reason).toContain('Record 1');
    });
  }

  it('reads time_dt when time is missing', async () => {
    const record: Json = { ...template, time_dt: '2023-09-21T22:22:52Z' };
    delete record.time;
    const bundle = await fixture('time-dt.jsonl', [record]);
    const [event] = bundle.sessions.flatMap((session) => session.events);
    expect(event!.time?.ms).toBe(1695334972000);
    expect(bundle.result.evidence[0]!.diagnostics).toEqual([]);
  });

  it('reads the 1.0.0-rc.2 user fields', async () => {
    const record: Json = {
      ...template,
      metadata: { ...(template.metadata as Json), version: '1.0.0-rc.2' },
      actor: {
        user: { uid: 'AIDADO2GQEXAMPLE', uuid: 'arn:aws:iam::1111111111111:user/Level6', name: 'Level6', type: 'IAMUser', credential_uid: 'AKIA3Z2XBVEXAMPLE' },
        session: { mfa: false, issuer: 'arn:aws:iam::1111111111111:role/issuer' },
      },
      cloud: { provider: 'AWS', region: 'us-east-1', account_uid: '1111111111111' },
    };
    const bundle = await fixture('rc2.jsonl', [record]);
    const [event] = bundle.sessions.flatMap((session) => session.events);
    expect(bundle.result.evidence[0]!.formatVersion).toBe('1.0.0-rc.2');
    expect(event!.cloud?.principal).toBe('arn:aws:iam::1111111111111:user/Level6');
    expect(event!.attrs?.principalId).toBe('AIDADO2GQEXAMPLE');
    expect(event!.attrs?.isMfa).toBe(false);
    expect(event!.cloud?.issuer).toBe('arn:aws:iam::1111111111111:role/issuer');
    expect(event!.cloud?.account).toBe('1111111111111');
  });

  it('names the AI agent that acted', async () => {
    const record: Json = {
      ...template,
      metadata: { ...(template.metadata as Json), version: '1.6.0', profiles: ['cloud', 'ai_operation'] },
      ai_agent: {
        uid: 'agent-7f3c',
        name: 'release-bot',
        type: 'Native',
        type_id: 1,
        version: '2.4.1',
        instance_uid: 'run-42',
        ai_model: { name: 'claude-sonnet-4', ai_provider: 'Anthropic', version: '2025-05-14' },
      },
      status_id: 2,
      status: 'Failure',
      api: { ...(template.api as Json), response: { error: 'AccessDenied', message: 'not authorized' } },
    };
    const bundle = await fixture('ai-agent.jsonl', [record]);
    const [event] = bundle.sessions.flatMap((session) => session.events);
    expect(event!.agent).toBe('agent-7f3c');
    expect(event!.session).toBe(`aws:${fingerprint('AKIA3Z2XBVEXAMPLE')}`);
    expect(event!.cloud?.principal).toBe('arn:aws:iam::1111111111111:user/Level6');
    expect(event!.attrs).toMatchObject({ aiAgentName: 'release-bot', aiAgentType: 'Native', aiAgentVersion: '2.4.1', aiAgentInstance: 'run-42', model: 'claude-sonnet-4', modelProvider: 'Anthropic' });
    expect(event!.summary).toBe('directconnect:DescribeDirectConnectGateways by agent-7f3c as user/Level6 failed: AccessDenied');
    expect(event!.outcome).toBe('denied');
    expect(event!.cloud?.errorCode).toBe('AccessDenied');
    expect(bundle.summaries[0]!.models).toEqual(['claude-sonnet-4']);
  });

  it('keeps a line that is not OCSF', async () => {
    const bundle = await fixture('mixed.jsonl', [template, { hello: 'world' }, { ...template, metadata: { ...(template.metadata as Json), uid: 'second' } }]);
    const file = bundle.result.evidence[0]!;
    expect(file.format).toBe('ocsf');
    expect(file.events).toBe(3);
    expect(file.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line])).toEqual([['unknown-record', 2]]);
  });

  it('reads an array of events with pointers', async () => {
    const path = join(dir, 'array.json');
    await writeFile(path, JSON.stringify([template, { ...template, metadata: { ...(template.metadata as Json), uid: 'second' } }], null, 2));
    const bundle = await analyse(path);
    const events = bundle.sessions.flatMap((session) => session.events);
    expect(events.map((event) => event.raw.pointer).sort()).toEqual(['/0', '/1']);
  });
});
