// Turns one CloudTrail event record into one event: who called (userIdentity), with which key,
// what (eventSource and eventName), where, on which resources, with what outcome, and which
// credentials the call issued.

import type { AgentEvent, Attributes, CloudCall, CredentialRef, EventKind, IdentityRef, Outcome, RawRef } from '../../model/events';
import { asAgentId, asEventId, type EventId } from '../../model/ids';
import { parseIsoTime, type EpochMs, type Timestamp } from '../../model/time';
import { capValue, fnv1a, oneLine, type JsonObject } from '../values';
import { credentialRef, cloudSessionId, maskAccessKey, redactSecrets } from './credentials';
import { field, fieldBoolean, fieldObject, fieldText, parseJsonText } from './fields';
import { accessFor, partitionOf, resourcesOf } from './resources';

/** Size budget, in characters of JSON, of the request and response copy kept on an event. */
export const INPUT_BUDGET = 16 * 1024;

/** The caller of a record, read from `userIdentity`. */
export interface Caller {
  readonly type?: string;
  readonly arn?: string;
  readonly principalId?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly invokedBy?: string;
  readonly issuer?: string;
  readonly issuerType?: string;
  readonly sourceIdentity?: string;
  readonly mfaAuthenticated?: string;
  readonly sessionCreated?: string;
  readonly ec2RoleDelivery?: string;
  readonly onBehalfOf?: string;
}

export function readCaller(record: JsonObject): Caller {
  const identity = fieldObject(record, 'userIdentity');
  const context = fieldObject(identity, 'sessionContext');
  const issuer = fieldObject(context, 'sessionIssuer');
  const attributes = fieldObject(context, 'attributes');
  const onBehalfOf = fieldObject(identity, 'onBehalfOf');
  const mfa = field(attributes, 'mfaAuthenticated');
  const values: Record<string, string | undefined> = {
    type: fieldText(identity, 'type'),
    arn: fieldText(identity, 'arn'),
    principalId: fieldText(identity, 'principalId'),
    accountId: fieldText(identity, 'accountId'),
    accessKeyId: fieldText(identity, 'accessKeyId'),
    userName: fieldText(identity, 'userName'),
    invokedBy: fieldText(identity, 'invokedBy'),
    issuer: fieldText(issuer, 'arn'),
    issuerType: fieldText(issuer, 'type'),
    sourceIdentity: fieldText(context, 'sourceIdentity'),
    mfaAuthenticated: typeof mfa === 'boolean' || typeof mfa === 'string' ? String(mfa) : undefined,
    sessionCreated: fieldText(attributes, 'creationDate'),
    ec2RoleDelivery: fieldText(context, 'ec2RoleDelivery'),
    onBehalfOf: fieldText(onBehalfOf, 'userId'),
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Caller;
}

/** Returns the agent id of a caller: its ARN, else the calling service, principal id, user name or account. */
export function principalOf(caller: Caller): string {
  if (caller.arn) return caller.arn;
  if (caller.invokedBy) return caller.invokedBy;
  if (caller.principalId) return caller.principalId;
  if (caller.userName) return caller.userName;
  if (caller.accountId) return `${caller.type ?? 'AWSAccount'}/${caller.accountId}`;
  return 'unknown-principal';
}

/** Parses `eventTime`: ISO 8601, the Athena form `2025-03-26 17:22:33.000000000`, or epoch seconds or milliseconds. */
export function parseEventTime(value: unknown): Timestamp | null {
  if (typeof value === 'string') return parseIsoTime(value);
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value < 1e11 ? value * 1000 : value;
    return { ms: Math.round(ms) as EpochMs, original: String(value), zoneKnown: true };
  }
  return null;
}

/** Lists the temporary or new keys that a call returned, with their expiry. */
function issuedKeys(record: JsonObject): { keyId: string; expires?: string; principal?: string }[] {
  const response = fieldObject(record, 'responseElements');
  if (!response) return [];
  const out: { keyId: string; expires?: string; principal?: string }[] = [];
  // STS AssumeRole*, GetFederationToken, GetSessionToken and AssumeRoot return `credentials`.
  const credentials = fieldObject(response, 'credentials');
  const temporary = fieldText(credentials, 'accessKeyId');
  if (temporary) {
    const expires = field(credentials, 'expiration');
    const principal = fieldText(fieldObject(response, 'assumedRoleUser'), 'arn') ?? fieldText(fieldObject(response, 'federatedUser'), 'arn');
    out.push({
      keyId: temporary,
      ...(typeof expires === 'string' || typeof expires === 'number' ? { expires: String(expires) } : {}),
      ...(principal ? { principal } : {}),
    });
  }
  // IAM CreateAccessKey returns a new long-term key under `accessKey`.
  const longTerm = fieldText(fieldObject(response, 'accessKey'), 'accessKeyId');
  if (longTerm) {
    const user = fieldText(fieldObject(response, 'accessKey'), 'userName');
    out.push({ keyId: longTerm, ...(user ? { principal: user } : {}) });
  }
  return out;
}

function credentialsOf(record: JsonObject, caller: Caller): { list: CredentialRef[]; issuedPrincipal?: string } {
  const list: CredentialRef[] = [];
  const used = caller.accessKeyId ? credentialRef(caller.accessKeyId, 'used') : undefined;
  if (used) list.push(used);
  let issuedPrincipal: string | undefined;
  for (const issued of issuedKeys(record)) {
    list.push(
      credentialRef(issued.keyId, 'issued', {
        ...(used ? { issuedWith: used.fingerprint } : {}),
        ...(issued.expires ? { expires: issued.expires } : {}),
      }),
    );
    issuedPrincipal ??= issued.principal;
  }
  return issuedPrincipal ? { list, issuedPrincipal } : { list };
}

const DENIED_CODES = /AccessDenied|Unauthorized|Forbidden|NotAuthorized/i;

function outcomeOf(record: JsonObject, errorCode: string | undefined): Outcome {
  if (errorCode) return DENIED_CODES.test(errorCode) ? 'denied' : 'error';
  const login = fieldText(fieldObject(record, 'responseElements'), 'ConsoleLogin');
  if (login === 'Failure') return 'denied';
  return 'success';
}

function isSignIn(record: JsonObject, eventName: string): boolean {
  return fieldText(record, 'eventType') === 'AwsConsoleSignIn' || eventName === 'ConsoleLogin';
}

/** Request and response data for display, with secrets masked and large values cut. */
function inputOf(record: JsonObject): { input?: unknown; truncated: boolean } {
  const copy: JsonObject = {};
  for (const name of ['requestParameters', 'responseElements', 'additionalEventData']) {
    const value = field(record, name);
    if (value === undefined) continue;
    copy[name] = typeof value === 'string' ? (parseJsonText(value) ?? value) : value;
  }
  if (Object.keys(copy).length === 0) return { truncated: false };
  const capped = capValue(redactSecrets(copy), INPUT_BUDGET);
  return { input: capped.value, truncated: capped.truncated };
}

/** Attributes from defined values, with text cut to one line of at most 500 characters. */
export function scalarAttributes(values: Record<string, string | number | boolean | undefined>): Attributes {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? oneLine(value, 500) : value;
  }
  return out;
}

/** Shortens an ARN to its resource part (`user/alice`, `assumed-role/role/session`) for labels. */
export function principalLabel(principal: string): string {
  const tail = principal.startsWith('arn:') ? principal.split(':').slice(5).join(':') : '';
  return tail || principal;
}

/** One-line summary of a cloud call, e.g. `sts:AssumeRole by user/alice failed: AccessDenied`. */
export function cloudSummary(service: string, operation: string, actor: string, errorCode: string | undefined): string {
  const shortService = service.replace(/\.amazonaws\.com$/, '');
  const failure = errorCode ? ` failed: ${errorCode}` : '';
  return oneLine(`${shortService}:${operation} by ${actor}${failure}`);
}

/**
 * Names the event `<eventID>#<eventName>`: a record delivered twice (two S3 files, or an S3 file
 * and lookup-events output) keeps one id, so the session linker keeps one copy, while different
 * records that share an eventID stay apart. Anonymised exports reuse eventIDs across unrelated
 * records. A record without an eventID is named by a hash of its content.
 */
export function eventIdOf(eventId: string | undefined, operation: string, record: JsonObject): EventId {
  return asEventId(eventId ? `${eventId}#${operation}` : `cloudtrail-${fnv1a(JSON.stringify(record))}`);
}

export interface RecordPlace {
  readonly raw: RawRef;
  readonly seq: number;
}

/** Builds the cloud call of a record; fields the record lacks are left out. */
function cloudCallOf(record: JsonObject, caller: Caller, principal: string): CloudCall {
  const values: Record<string, string | boolean | undefined> = {
    region: fieldText(record, 'awsRegion'),
    account: fieldText(record, 'recipientAccountId') ?? caller.accountId,
    principalType: caller.type,
    issuer: caller.issuer,
    sourceIdentity: caller.sourceIdentity,
    sourceIp: fieldText(record, 'sourceIPAddress'),
    userAgent: fieldText(record, 'userAgent'),
    errorCode: fieldText(record, 'errorCode'),
    requestId: fieldText(record, 'requestID'),
    readOnly: fieldBoolean(record, 'readOnly'),
  };
  const present = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return {
    provider: 'aws',
    service: fieldText(record, 'eventSource') ?? 'unknown',
    operation: fieldText(record, 'eventName') ?? 'unknown',
    principal,
    ...present,
  };
}

/** Collects the scalar fields of a record that views show and search: record, caller and request. */
function attributesOf(record: JsonObject, caller: Caller, cloud: CloudCall, extra: { issuedPrincipal?: string; inputTruncated: boolean }): Attributes {
  const requestParameters = fieldObject(record, 'requestParameters');
  return scalarAttributes({
    eventId: fieldText(record, 'eventID'),
    eventSource: cloud.service,
    eventName: cloud.operation,
    eventType: fieldText(record, 'eventType'),
    eventCategory: fieldText(record, 'eventCategory'),
    eventVersion: fieldText(record, 'eventVersion'),
    awsRegion: cloud.region,
    recipientAccountId: fieldText(record, 'recipientAccountId'),
    sourceIPAddress: cloud.sourceIp,
    userAgent: cloud.userAgent,
    errorCode: cloud.errorCode,
    errorMessage: fieldText(record, 'errorMessage'),
    principalType: caller.type,
    principalId: caller.principalId,
    userName: caller.userName,
    accessKey: caller.accessKeyId ? maskAccessKey(caller.accessKeyId) : undefined,
    invokedBy: caller.invokedBy,
    sessionIssuerType: caller.issuerType,
    sourceIdentity: caller.sourceIdentity,
    mfaAuthenticated: caller.mfaAuthenticated,
    sessionCreated: caller.sessionCreated,
    ec2RoleDelivery: caller.ec2RoleDelivery,
    onBehalfOf: caller.onBehalfOf,
    roleSessionName: fieldText(requestParameters, 'roleSessionName'),
    requestedSourceIdentity: fieldText(requestParameters, 'sourceIdentity'),
    issuedPrincipal: extra.issuedPrincipal,
    model: cloud.service === 'bedrock.amazonaws.com' ? fieldText(requestParameters, 'modelId') : undefined,
    mfaUsed: fieldText(fieldObject(record, 'additionalEventData'), 'MFAUsed'),
    sharedEventID: fieldText(record, 'sharedEventID'),
    vpcEndpointId: fieldText(record, 'vpcEndpointId'),
    hostHeader: fieldText(fieldObject(record, 'tlsDetails'), 'clientProvidedHostHeader'),
    managementEvent: fieldBoolean(record, 'managementEvent'),
    inputTruncated: extra.inputTruncated || undefined,
  });
}

/** Translates one CloudTrail event record; the caller has checked eventSource and eventName. */
export function translateRecord(record: JsonObject, place: RecordPlace): AgentEvent {
  const caller = readCaller(record);
  const principal = principalOf(caller);
  const cloud = cloudCallOf(record, caller, principal);
  const kind: EventKind = isSignIn(record, cloud.operation) ? 'authentication' : 'cloud-call';

  const access = accessFor(cloud.operation, cloud.readOnly);
  const resources = resourcesOf(record, access, {
    partition: partitionOf(caller.arn),
    eventSource: cloud.service,
    ...(cloud.region ? { region: cloud.region } : {}),
    ...(cloud.account ? { account: cloud.account } : {}),
  });
  const credentials = credentialsOf(record, caller);
  const { input, truncated } = inputOf(record);

  let identity: IdentityRef | undefined;
  if (kind === 'authentication' || caller.onBehalfOf) {
    identity = { user: caller.onBehalfOf ?? caller.userName ?? principal, ...(caller.accountId ? { account: caller.accountId } : {}) };
  }
  const attrs = attributesOf(record, caller, cloud, { inputTruncated: truncated, ...(credentials.issuedPrincipal ? { issuedPrincipal: credentials.issuedPrincipal } : {}) });

  return {
    id: eventIdOf(fieldText(record, 'eventID'), cloud.operation, record),
    session: cloudSessionId('aws', caller.accessKeyId, principal),
    agent: asAgentId(principal),
    kind,
    time: parseEventTime(field(record, 'eventTime')),
    seq: place.seq,
    block: 0,
    source: 'cloudtrail',
    raw: place.raw,
    recordType: fieldText(record, 'eventType') ?? 'CloudTrailEvent',
    summary: cloudSummary(cloud.service, cloud.operation, principalLabel(principal), cloud.errorCode),
    ...(input !== undefined ? { input } : {}),
    ...(resources.length > 0 ? { resources } : {}),
    outcome: outcomeOf(record, cloud.errorCode),
    ...(credentials.list.length > 0 ? { credentials: credentials.list } : {}),
    cloud,
    ...(identity ? { identity } : {}),
    attrs,
  };
}
