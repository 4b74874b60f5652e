// Resources a CloudTrail record names: the ARNs in `resources[]`, and the well-known request
// parameters (bucketName, roleName, functionName, instanceId, ...), turned into ARNs where
// the ARN format is fixed so that the same resource merges across records. The access mode is
// inferred from the operation name.

import type { AccessMode, ResourceKind, ResourceRef } from '../../model/events';
import { isObject, str, type JsonObject } from '../values';
import { field, fieldArray, fieldObject, fieldText } from './fields';

const READ_VERBS = /^(Get|List|Describe|Head|Lookup|Search|Select|Scan|Query|BatchGet|Check|View|Download)(?=[A-Z0-9_]|$)/;
const DELETE_VERBS = /^(Delete|Remove|Terminate|Purge|Deregister|Destroy)(?=[A-Z0-9_]|$)/;
const EXECUTE_VERBS = /^(Invoke|Run|Execute|SendCommand|StartSession)(?=[A-Z0-9_]|$)/;

/**
 * Infers the access mode of an operation from its name: Get/List/Describe read, Delete deletes,
 * Invoke/Run/Execute execute, and Create/Put/Update/Attach/Stop and every other verb write,
 * unless the record marks the call read-only.
 */
export function accessFor(operation: string, readOnly?: boolean): AccessMode {
  if (READ_VERBS.test(operation)) return 'read';
  if (DELETE_VERBS.test(operation)) return 'delete';
  if (EXECUTE_VERBS.test(operation)) return 'execute';
  return readOnly === true ? 'read' : 'write';
}

/** Partition, region and account of a call, for building ARNs from bare names. */
export interface ArnContext {
  readonly partition: string;
  readonly region?: string;
  readonly account?: string;
  readonly eventSource: string;
}

/** Reads the partition (`aws`, `aws-cn`, `aws-us-gov`) from an ARN, defaulting to `aws`. */
export function partitionOf(arn: string | undefined): string {
  const match = arn ? /^arn:([^:]+):/.exec(arn) : null;
  return match?.[1] ?? 'aws';
}

const isArn = (value: string): boolean => value.startsWith('arn:');

type Builder = (value: string, context: ArnContext) => { kind: ResourceKind; value: string } | undefined;

function arnOrBuilt(build: (value: string, context: ArnContext) => string | undefined): Builder {
  return (value, context) => {
    if (isArn(value)) return { kind: 'arn', value };
    const built = build(value, context);
    return built ? { kind: 'arn', value: built } : undefined;
  };
}

const regional = (service: string, resource: (value: string) => string) =>
  arnOrBuilt((value, { partition, region, account }) =>
    region && account ? `arn:${partition}:${service}:${region}:${account}:${resource(value)}` : undefined,
  );

// NOTE: IAM role and user ARNs built from a bare name leave out the path, so a role created
// under a path (`role/aws-reserved/...`) gets a different ARN here than in `resources[]`.
const iamArn = (type: string) =>
  arnOrBuilt((value, { partition, account }) => (account ? `arn:${partition}:iam::${account}:${type}/${value}` : undefined));

const instanceArn = regional('ec2', (id) => `instance/${id}`);
const parameterArn = regional('ssm', (name) => `parameter${name.startsWith('/') ? '' : '/'}${name}`);

const secretRef: Builder = (value) => ({ kind: isArn(value) ? 'arn' : 'secret', value });

/** Request parameters that name a resource, with the services whose records use them so. */
const PARAMETERS: ReadonlyArray<{ key: string; sources?: readonly string[]; build: Builder }> = [
  { key: 'bucketName', sources: ['s3.amazonaws.com'], build: arnOrBuilt((value, { partition }) => `arn:${partition}:s3:::${value}`) },
  { key: 'roleName', sources: ['iam.amazonaws.com'], build: iamArn('role') },
  { key: 'userName', sources: ['iam.amazonaws.com'], build: iamArn('user') },
  { key: 'groupName', sources: ['iam.amazonaws.com'], build: iamArn('group') },
  { key: 'functionName', build: regional('lambda', (name) => `function:${name}`) },
  { key: 'secretId', build: secretRef },
  { key: 'name', sources: ['secretsmanager.amazonaws.com'], build: secretRef },
  { key: 'name', sources: ['cloudtrail.amazonaws.com'], build: regional('cloudtrail', (name) => `trail/${name}`) },
  { key: 'name', sources: ['ssm.amazonaws.com'], build: parameterArn },
  {
    key: 'name',
    sources: ['sts.amazonaws.com'],
    build: arnOrBuilt((value, { partition, account }) => (account ? `arn:${partition}:sts::${account}:federated-user/${value}` : undefined)),
  },
  { key: 'instanceId', build: instanceArn },
  { key: 'snapshotId', build: arnOrBuilt((id, { partition, region }) => (region ? `arn:${partition}:ec2:${region}::snapshot/${id}` : undefined)) },
  { key: 'guardrailIdentifier', build: regional('bedrock', (id) => `guardrail/${id}`) },
  {
    key: 'modelId',
    build: arnOrBuilt((id, { partition, region }) => (region ? `arn:${partition}:bedrock:${region}::foundation-model/${id}` : undefined)),
  },
  { key: 'tableName', build: regional('dynamodb', (name) => `table/${name}`) },
  { key: 'keyId', sources: ['kms.amazonaws.com'], build: regional('kms', (id) => (id.startsWith('alias/') ? id : `key/${id}`)) },
  { key: 'logGroupName', build: regional('logs', (name) => `log-group:${name}`) },
  { key: 'queueUrl', build: (value) => ({ kind: 'url', value }) },
];

/** Collects resource references without duplicates, in the order first seen. */
class ResourceList {
  private readonly items = new Map<string, ResourceRef>();

  constructor(private readonly access: AccessMode) {}

  add(reference: { kind: ResourceKind; value: string } | undefined): void {
    if (!reference || reference.value === '') return;
    const key = `${reference.kind}\u0000${reference.value}`;
    if (!this.items.has(key)) this.items.set(key, { ...reference, access: this.access });
  }

  get list(): ResourceRef[] {
    return [...this.items.values()];
  }
}

function fromParameters(parameters: JsonObject, context: ArnContext, out: ResourceList): void {
  for (const { key, sources, build } of PARAMETERS) {
    if (sources && !sources.includes(context.eventSource)) continue;
    const value = fieldText(parameters, key);
    if (value) out.add(build(value, context));
  }
  for (const id of fieldArray(parameters, 'instanceIds') ?? []) if (typeof id === 'string') out.add(instanceArn(id, context));
  for (const item of fieldArray(fieldObject(parameters, 'instancesSet'), 'items') ?? []) {
    const id = isObject(item) ? fieldText(item, 'instanceId') : undefined;
    if (id) out.add(instanceArn(id, context));
  }
  if (context.eventSource === 'ssm.amazonaws.com') {
    for (const name of fieldArray(parameters, 'names') ?? []) if (typeof name === 'string') out.add(parameterArn(name, context));
  }
  // Any other top-level parameter whose name ends in `Arn` and whose value is an ARN: roleArn, policyArn, ...
  for (const [key, value] of Object.entries(parameters)) {
    if (!/arn$/i.test(key)) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) if (typeof item === 'string' && isArn(item)) out.add({ kind: 'arn', value: item });
  }
}

/** Lists the resources a record names, each with the access mode of its operation. */
export function resourcesOf(record: JsonObject, access: AccessMode, context: ArnContext): ResourceRef[] {
  const out = new ResourceList(access);
  for (const item of fieldArray(record, 'resources') ?? []) {
    if (!isObject(item)) continue;
    const arn = str(field(item, 'ARN')) ?? str(field(item, 'ARNPrefix'));
    if (arn) out.add({ kind: 'arn', value: arn });
  }
  const parameters = fieldObject(record, 'requestParameters');
  if (parameters) fromParameters(parameters, context, out);
  return out.list;
}
