// Turns one OCSF event into one event. API Activity (class 6003) becomes a cloud call and
// Authentication (3002) an authentication; other classes are kept as unknown events with the
// fields they share. Field names differ between OCSF versions:
// - 1.0.0-rc.2 maps an AWS principalId to `actor.user.uid` and the ARN to `actor.user.uuid`;
//   1.1.0 and later put the ARN in `uid` and the principalId in `uid_alt`.
// - `actor.session.mfa` became `is_mfa`; `actor.invoked_by` was deprecated in 1.2.0 for `app_name`.
// - `cloud.account_uid` became `cloud.account.uid`.
// The AI operation profile adds `ai_agent{uid, name, type, version, ai_model}` and `ai_model`,
// which name the agent that acted; without them the acting agent is the principal.

import type { AccessMode, AgentEvent, Attributes, CloudCall, EventKind, IdentityRef, Outcome, RawRef, ResourceRef } from '../../model/events';
import { asAgentId, asSessionId, type SessionId } from '../../model/ids';
import { parseIsoTime, type Timestamp } from '../../model/time';
import { capValue, isObject, obj, str, type JsonObject } from '../values';
import { credentialRef, cloudSessionId, maskAccessKey, redactSecrets } from '../cloudtrail/credentials';
import { accessFor } from '../cloudtrail/resources';
import { cloudSummary, eventIdOf, INPUT_BUDGET, principalLabel, scalarAttributes } from '../cloudtrail/translate';
import { readEpoch, UNIT_NAMES } from './time';

export const API_ACTIVITY = 6003;
export const AUTHENTICATION = 3002;

/** Problems found while translating, reported by the reader with the record's place. */
export interface Finding {
  readonly code: 'missing-field' | 'invalid-value' | 'unknown-record';
  readonly severity: 'warning' | 'info';
  readonly reason: string;
}

export interface OcsfPlace {
  readonly raw: RawRef;
  readonly seq: number;
  /** Path of the evidence file, naming the session of records with no principal. */
  readonly path: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Reads `class_uid`, also when written as a numeric string. */
export function classUid(record: JsonObject): number | undefined {
  const value = record.class_uid;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Reads the event time: `time` in epoch milliseconds (other units converted), else `time_dt`. */
export function readTime(record: JsonObject, findings: Finding[]): Timestamp | null {
  const raw = record.time;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
  if (value !== undefined && value > 0) {
    const reading = readEpoch(value);
    if (reading.implausible) {
      findings.push({ code: 'invalid-value', severity: 'warning', reason: `time ${value} is not a plausible epoch time in any unit; it was read as milliseconds.` });
    } else if (reading.unit !== 'ms') {
      findings.push({
        code: 'invalid-value',
        severity: 'warning',
        reason: `time ${value} looks like epoch ${UNIT_NAMES[reading.unit]}, not milliseconds as OCSF defines it; it was converted.`,
      });
    }
    return { ms: reading.ms, original: String(raw), zoneKnown: true };
  }
  const iso = text(record.time_dt);
  if (iso) return parseIsoTime(iso);
  findings.push({ code: 'missing-field', severity: 'warning', reason: 'time and time_dt are missing; the event has no time.' });
  return null;
}

/** Picks the principal of an OCSF user object: whichever id is an ARN, else its uid or name. */
function principalOf(user: JsonObject | undefined): { principal?: string; principalId?: string } {
  if (!user) return {};
  const ids = [text(user.uid), text(user.uuid), text(user.uid_alt)];
  const arn = ids.find((id) => id?.startsWith('arn:'));
  const principal = arn ?? ids[0] ?? text(user.name);
  const principalId = ids.find((id) => id !== undefined && id !== principal);
  return { ...(principal ? { principal } : {}), ...(principalId ? { principalId } : {}) };
}

/**
 * Merges the user of an Authentication event: `user` names who logged on and `actor.user` who
 * acted, which may be someone else. When both name the same user, or `user` has no uid, the actor's fields
 * (name, type, account) fill what `user` leaves out, as the CloudTrail 1.1.0 mapping writes them.
 */
function loggedOnUser(user: JsonObject | undefined, actorUser: JsonObject | undefined): JsonObject | undefined {
  if (!user) return actorUser;
  if (!actorUser) return user;
  const sameUser = user.uid === undefined || actorUser.uid === undefined || user.uid === actorUser.uid;
  return sameUser ? { ...actorUser, ...user } : user;
}

function modelName(model: JsonObject | undefined): string | undefined {
  return text(model?.name) ?? text(model?.model_name);
}

function outcomeOf(record: JsonObject, uid: number | undefined, errorCode: string | undefined): Outcome {
  const status = record.status_id;
  const failure: Outcome = uid === AUTHENTICATION ? 'denied' : 'error';
  if (errorCode) return /AccessDenied|Unauthorized|Forbidden|NotAuthorized/i.test(errorCode) ? 'denied' : 'error';
  if (status === 1) return 'success';
  if (status === 2) return failure;
  // With status_id 99 (Other) or 0 (Unknown), the `status` caption may still name the outcome.
  const caption = text(record.status)?.toLowerCase();
  if (caption === 'success') return 'success';
  if (caption === 'failure') return failure;
  return 'unknown';
}

/** Access of an API Activity by its activity: 1 Create, 2 Read, 3 Update, 4 Delete. */
function accessOf(activity: unknown, operation: string): AccessMode {
  if (activity === 1 || activity === 3) return 'write';
  if (activity === 2) return 'read';
  if (activity === 4) return 'delete';
  return accessFor(operation);
}

function resourcesOf(record: JsonObject, access: AccessMode): ResourceRef[] {
  const out = new Map<string, ResourceRef>();
  const items = Array.isArray(record.resources) ? record.resources : [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const arn = [text(item.uid), text(item.name)].find((value) => value?.startsWith('arn:'));
    if (arn && !out.has(arn)) out.set(arn, { kind: 'arn', value: arn, access });
  }
  return [...out.values()];
}

function inputOf(api: JsonObject | undefined): { input?: unknown; truncated: boolean } {
  const request = obj(api?.request)?.data;
  const response = obj(api?.response)?.data;
  if (request === undefined && response === undefined) return { truncated: false };
  const capped = capValue(redactSecrets({ request: request ?? null, response: response ?? null }), INPUT_BUDGET);
  return { input: capped.value, truncated: capped.truncated };
}

function sessionOf(provider: string | undefined, credential: string | undefined, principal: string | undefined, sessionUid: string | undefined, path: string): SessionId {
  const prefix = provider ?? 'ocsf';
  if (credential || principal) return cloudSessionId(prefix, credential, principal ?? '');
  if (sessionUid) return asSessionId(`${prefix}:session/${sessionUid}`);
  return asSessionId(`ocsf:${path}`);
}

/** The objects of an OCSF event that name who acted, read once and shared by the builders below. */
interface Actors {
  readonly uid: number | undefined;
  readonly actor: JsonObject | undefined;
  readonly actorSession: JsonObject | undefined;
  /** The user who acted: `actor.user`, or for Authentication the user who logged on. */
  readonly subject: JsonObject | undefined;
  readonly principal?: string;
  readonly principalId?: string;
  readonly credential: string | undefined;
  readonly provider: string | undefined;
  readonly aiAgent: JsonObject | undefined;
  readonly aiModel: JsonObject | undefined;
  /** The AI agent's uid, else its name. */
  readonly agentName: string | undefined;
}

function readActors(record: JsonObject): Actors {
  const uid = classUid(record);
  const actor = obj(record.actor);
  const actorUser = obj(actor?.user);
  const actorSession = obj(actor?.session);
  const subject = uid === AUTHENTICATION ? loggedOnUser(obj(record.user), actorUser) : actorUser;
  const aiAgent = obj(record.ai_agent) ?? obj(actor?.ai_agent);
  return {
    uid,
    actor,
    actorSession,
    subject,
    ...principalOf(subject),
    credential: text(subject?.credential_uid) ?? text(actorUser?.credential_uid) ?? text(actorSession?.credential_uid),
    provider: text(obj(record.cloud)?.provider)?.toLowerCase(),
    aiAgent,
    aiModel: obj(record.ai_model) ?? obj(aiAgent?.ai_model),
    agentName: text(aiAgent?.uid) ?? text(aiAgent?.name),
  };
}

/** Reads whether an API Activity only read: activity 2 (Read) did, 1, 3 and 4 did not. */
function readOnlyOf(record: JsonObject, uid: number | undefined): boolean | undefined {
  const activity = record.activity_id;
  if (uid !== API_ACTIVITY || typeof activity !== 'number' || activity < 1 || activity > 4) return undefined;
  return activity === 2;
}

/** Builds the cloud call of an event; fields the event lacks are left out. */
function cloudCallOf(record: JsonObject, actors: Actors): CloudCall {
  const api = obj(record.api);
  const cloud = obj(record.cloud);
  const metadata = obj(record.metadata);
  const values: Record<string, string | boolean | undefined> = {
    region: text(cloud?.region),
    account: text(obj(cloud?.account)?.uid) ?? text(cloud?.account_uid) ?? text(obj(actors.subject?.account)?.uid),
    principal: actors.principal,
    principalType: text(actors.subject?.type),
    issuer: text(actors.actorSession?.issuer),
    sourceIp: text(obj(record.src_endpoint)?.ip),
    userAgent: text(obj(record.http_request)?.user_agent),
    errorCode: text(obj(api?.response)?.error),
    requestId: text(obj(api?.request)?.uid),
    readOnly: readOnlyOf(record, actors.uid),
  };
  const present = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return {
    provider: actors.provider ?? 'unknown',
    service: text(obj(api?.service)?.name) ?? text(obj(record.service)?.name) ?? text(obj(metadata?.product)?.name) ?? 'unknown',
    operation: text(api?.operation) ?? text(record.activity_name) ?? 'unknown',
    ...present,
  };
}

/** Collects the scalar fields of an event that views show and search. */
function attributesOf(record: JsonObject, actors: Actors, cloud: CloudCall, inputTruncated: boolean): Attributes {
  const metadata = obj(record.metadata);
  const product = obj(metadata?.product);
  const { actor, actorSession, aiAgent, aiModel, credential } = actors;
  const mfa = actorSession?.is_mfa ?? actorSession?.mfa ?? record.is_mfa;
  return scalarAttributes({
    eventId: text(metadata?.uid),
    classUid: actors.uid,
    className: text(record.class_name),
    activityName: text(record.activity_name),
    typeUid: typeof record.type_uid === 'number' ? record.type_uid : undefined,
    ocsfVersion: text(metadata?.version),
    product: text(product?.name),
    vendor: text(product?.vendor_name),
    productVersion: text(product?.version),
    logName: text(metadata?.log_name) ?? text(metadata?.event_code),
    status: text(record.status),
    statusDetail: text(record.status_detail),
    principalType: cloud.principalType,
    principalId: actors.principalId,
    userName: text(actors.subject?.name),
    accessKey: credential ? maskAccessKey(credential) : undefined,
    isMfa: typeof mfa === 'boolean' ? mfa : undefined,
    invokedBy: text(actor?.invoked_by) ?? text(actor?.app_name),
    sessionUid: text(actorSession?.uid),
    aiAgentUid: text(aiAgent?.uid),
    aiAgentName: text(aiAgent?.name),
    aiAgentType: text(aiAgent?.type),
    aiAgentVersion: text(aiAgent?.version),
    aiAgentInstance: text(aiAgent?.instance_uid),
    model: modelName(aiModel),
    modelProvider: text(aiModel?.ai_provider),
    sourceIPAddress: cloud.sourceIp,
    userAgent: cloud.userAgent,
    errorCode: cloud.errorCode,
    errorMessage: text(obj(obj(record.api)?.response)?.message),
    inputTruncated: inputTruncated || undefined,
  });
}

function kindOf(uid: number | undefined): EventKind {
  if (uid === API_ACTIVITY) return 'cloud-call';
  if (uid === AUTHENTICATION) return 'authentication';
  return 'unknown';
}

/** Translates one OCSF event; `findings` receives what was wrong with it. */
export function translateOcsf(record: JsonObject, place: OcsfPlace, findings: Finding[]): AgentEvent {
  const actors = readActors(record);
  const { uid, principal, agentName, credential } = actors;
  if (!principal && !agentName) findings.push({ code: 'missing-field', severity: 'warning', reason: 'No actor.user, user or ai_agent names who acted.' });
  const cloud = cloudCallOf(record, actors);
  const kind = kindOf(uid);

  const access = accessOf(uid === API_ACTIVITY ? record.activity_id : undefined, cloud.operation);
  const resources = resourcesOf(record, access);
  const { input, truncated } = inputOf(obj(record.api));
  const attrs = attributesOf(record, actors, cloud, truncated);

  let identity: IdentityRef | undefined;
  if (kind === 'authentication') identity = { user: text(actors.subject?.name) ?? principal ?? 'unknown', ...(cloud.account ? { account: cloud.account } : {}) };
  const agent = agentName ?? principal ?? 'unknown-principal';
  const actorLabel = agentName && principal ? `${agentName} as ${principalLabel(principal)}` : principalLabel(agent);
  const isAws = actors.provider === 'aws' || /^(AKIA|ASIA)/.test(credential ?? '');
  const recordType = text(record.type_name) ?? text(record.class_name) ?? (uid !== undefined ? `class ${uid}` : 'ocsf');

  return {
    id: eventIdOf(text(obj(record.metadata)?.uid), cloud.operation, record),
    session: sessionOf(actors.provider, credential, principal, text(actors.actorSession?.uid), place.path),
    agent: asAgentId(agent),
    kind,
    time: readTime(record, findings),
    seq: place.seq,
    block: 0,
    source: 'ocsf',
    raw: place.raw,
    recordType,
    summary: cloudSummary(cloud.service, cloud.operation, actorLabel, cloud.errorCode),
    ...(input !== undefined ? { input } : {}),
    ...(resources.length > 0 ? { resources } : {}),
    outcome: outcomeOf(record, uid, cloud.errorCode),
    ...(credential ? { credentials: [credentialRef(credential, 'used', isAws ? {} : { kind: 'credential' })] } : {}),
    cloud,
    ...(identity ? { identity } : {}),
    attrs,
  };
}

/** Tests whether a value is an OCSF event: a numeric class_uid with OCSF metadata or a type_uid. */
export function isOcsfEvent(value: unknown): value is JsonObject {
  if (!isObject(value) || classUid(value) === undefined) return false;
  const metadata = obj(value.metadata);
  return (metadata !== undefined && (str(metadata.version) !== undefined || isObject(metadata.product))) || typeof value.type_uid === 'number';
}
