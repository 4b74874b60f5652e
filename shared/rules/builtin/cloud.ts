// Rules over cloud audit records: IAM changes, audit tampering, and cloud calls made with a
// credential the agent obtained during its session.

import type { AgentEvent } from '../../model/events';
import type { EventId, SessionId } from '../../model/ids';
import { CLOCK_SKEW_MS } from '../../case/causal';
import { makeFinding, isAgentEvent, type EvidenceItem } from '../engine';
import { clip, commandOf, commandsOf, toolName } from '../facts';
import { operands } from '../shell';
import { standardsOf } from '../standards';
import type { Finding, Rule, RuleContext, Severity } from '../types';
import { defineRule } from './define';

function serviceOf(event: AgentEvent): string {
  const service = typeof event.cloud?.service === 'string' ? event.cloud.service : '';
  return service.replace(/\.amazonaws\.com$/, '').toLowerCase();
}

function operationOf(event: AgentEvent): string {
  return typeof event.cloud?.operation === 'string' ? event.cloud.operation : '';
}

function isCloudCall(event: AgentEvent): boolean {
  return (event.kind === 'cloud-call' || event.kind === 'authentication') && event.cloud !== undefined;
}

function describeCloud(event: AgentEvent): string {
  const principal = event.cloud?.principal ?? 'an unknown principal';
  const failed = event.cloud?.errorCode ? `, which failed with ${event.cloud.errorCode}` : '';
  return `${principal} called ${serviceOf(event)}:${operationOf(event)} at ${event.time?.original ?? 'an unknown time'}${failed}.`;
}

function requestParameters(event: AgentEvent): Record<string, unknown> | null {
  const input = event.input;
  if (input === null || typeof input !== 'object') return null;
  const parameters = (input as Record<string, unknown>).requestParameters;
  return parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters) ? (parameters as Record<string, unknown>) : null;
}

/** Operations that change who may do what in IAM. */
const IAM_CHANGES = new Set([
  'CreateUser', 'CreateLoginProfile', 'UpdateLoginProfile', 'CreateAccessKey', 'UpdateAccessKey',
  'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy',
  'CreateRole', 'UpdateAssumeRolePolicy', 'AddUserToGroup', 'CreatePolicyVersion', 'SetDefaultPolicyVersion',
  'CreatePolicy', 'PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary', 'DeleteRolePermissionsBoundary',
  'UpdateRole', 'CreateServiceLinkedRole', 'AddRoleToInstanceProfile', 'CreateSAMLProvider', 'CreateOpenIDConnectProvider',
]);

/** Matches an administrator policy ARN or a policy document that allows every action. */
const ADMIN_GRANT = /AdministratorAccess|IAMFullAccess|\\*"Action\\*"\s*:\s*\\*"\*\\*"/;

export const iamChange: Rule = defineRule(
  {
    id: 'iam-change',
    title: 'IAM permissions changed',
    severity: 'high',
    standards: standardsOf('ASI03', 'NHI5'),
    explanation:
      'A cloud audit record shows an IAM change: a new user, access key, login profile or role, a policy attached or written, a trust policy replaced. These are how access is widened or kept after a session ends. Grants of AdministratorAccess or of every action are critical.',
  },
  (session) => {
    const findings: Finding[] = [];
    for (const event of session.events) {
      if (!isCloudCall(event) || serviceOf(event) !== 'iam' || !IAM_CHANGES.has(operationOf(event))) continue;
      let input = '';
      try {
        input = JSON.stringify(event.input ?? null) ?? '';
      } catch {
        input = '';
      }
      const admin = ADMIN_GRANT.test(input);
      let severity: Severity = admin ? 'critical' : 'high';
      if (event.cloud?.errorCode) severity = 'medium';
      const text = `${describeCloud(event)}${admin ? ' The request grants administrator access or every action.' : ''}`;
      findings.push(makeFinding(iamChange, session.id, [{ event, text }], `iam:${operationOf(event)} by ${event.cloud?.principal ?? 'unknown principal'}${event.cloud?.errorCode ? ' (failed)' : ''}.`, severity));
    }
    return findings;
  },
);

/** Operations that stop, delete or blind an audit or detection service, by service. */
const TAMPERING: Readonly<Record<string, ReadonlySet<string>>> = {
  cloudtrail: new Set(['StopLogging', 'DeleteTrail', 'DeleteEventDataStore', 'StopEventDataStoreIngestion']),
  bedrock: new Set(['DeleteModelInvocationLoggingConfiguration', 'DeleteGuardrail']),
  guardduty: new Set(['DeleteDetector', 'DisassociateFromMasterAccount', 'DisassociateFromAdministratorAccount', 'DeleteMembers', 'StopMonitoringMembers', 'DeletePublishingDestination']),
  config: new Set(['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel']),
  logs: new Set(['DeleteLogGroup', 'DeleteLogStream']),
  securityhub: new Set(['DisableSecurityHub', 'BatchDisableStandards']),
  'access-analyzer': new Set(['DeleteAnalyzer']),
  ec2: new Set(['DeleteFlowLogs']),
};

/** The AWS CLI names of the operations above (`aws <service> <operation>`), for command lines. */
const TAMPERING_COMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  cloudtrail: new Set(['stop-logging', 'delete-trail', 'delete-event-data-store', 'stop-event-data-store-ingestion']),
  bedrock: new Set(['delete-model-invocation-logging-configuration', 'delete-guardrail']),
  guardduty: new Set(['delete-detector', 'disassociate-from-master-account', 'disassociate-from-administrator-account', 'delete-members', 'stop-monitoring-members']),
  configservice: new Set(['stop-configuration-recorder', 'delete-configuration-recorder', 'delete-delivery-channel']),
  logs: new Set(['delete-log-group', 'delete-log-stream']),
  securityhub: new Set(['disable-security-hub']),
  ec2: new Set(['delete-flow-logs']),
};

function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** Returns why an UpdateTrail, PutEventSelectors or UpdateDetector call reduces logging, or null. */
function reducesLogging(event: AgentEvent): string | null {
  const operation = operationOf(event);
  const service = serviceOf(event);
  const parameters = requestParameters(event);
  if (service === 'cloudtrail' && operation === 'UpdateTrail') {
    if (!parameters) return null;
    const off = ['isMultiRegionTrail', 'includeGlobalServiceEvents', 'enableLogFileValidation'].filter((key) => isFalse(parameters[key]));
    return off.length > 0 ? `UpdateTrail set ${off.join(', ')} to false` : null;
  }
  if (service === 'cloudtrail' && operation === 'PutEventSelectors') {
    if (!parameters) return null;
    const selectors = parameters.eventSelectors;
    const advanced = parameters.advancedEventSelectors;
    if (Array.isArray(selectors)) {
      if (selectors.length === 0) return 'PutEventSelectors removed every event selector';
      const none = selectors.every((selector) => selector !== null && typeof selector === 'object' && ((selector as Record<string, unknown>).readWriteType === 'None' || (isFalse((selector as Record<string, unknown>).includeManagementEvents) && !((selector as Record<string, unknown>).dataResources as unknown[] | undefined)?.length)));
      return none ? 'PutEventSelectors left no event selected' : null;
    }
    return Array.isArray(advanced) && advanced.length === 0 ? 'PutEventSelectors removed every advanced event selector' : null;
  }
  if (service === 'guardduty' && operation === 'UpdateDetector' && parameters && isFalse(parameters.enable)) return 'UpdateDetector disabled the detector';
  return null;
}

export const auditTampering: Rule = defineRule(
  {
    id: 'audit-tampering',
    title: 'Audit logging or guardrails disabled',
    severity: 'critical',
    standards: standardsOf('ASI10', 'NHI5'),
    explanation:
      'A cloud audit record, or a command an agent ran, stops or deletes the records that would show what happened: CloudTrail StopLogging, DeleteTrail, an UpdateTrail or PutEventSelectors that turns logging down, Bedrock model invocation logging deleted or a guardrail deleted, GuardDuty, AWS Config, Security Hub, flow logs or log groups disabled or deleted. A failed attempt is still reported, as high.',
  },
  (session) => {
    const findings: Finding[] = [];
    for (const event of session.events) {
      if (isCloudCall(event)) {
        const listed = TAMPERING[serviceOf(event)]?.has(operationOf(event)) ?? false;
        const reduced = listed ? null : reducesLogging(event);
        if (!listed && !reduced) continue;
        const text = `${describeCloud(event)}${reduced ? ` ${reduced}.` : ''}`;
        findings.push(makeFinding(auditTampering, session.id, [{ event, text }], `${serviceOf(event)}:${operationOf(event)} by ${event.cloud?.principal ?? 'unknown principal'}${event.cloud?.errorCode ? ' (failed)' : ''}.`, event.cloud?.errorCode ? 'high' : 'critical'));
      } else if (event.kind === 'tool-call' && isAgentEvent(event)) {
        for (const command of commandsOf(event)) {
          const [service, operation] = operands(command.args);
          if (command.program !== 'aws' || !service || !operation || !TAMPERING_COMMANDS[service]?.has(operation)) continue;
          findings.push(makeFinding(auditTampering, session.id, [{ event, text: `${toolName(event) || 'A tool call'} ran \`${clip(commandOf(event), 160)}\`.` }], `The agent ran aws ${service} ${operation}.`, 'high'));
          break;
        }
      }
    }
    return findings;
  },
);

export const obtainedCredentialUse: Rule = {
  id: 'obtained-credential-cloud-use',
  title: 'Cloud call with a credential the agent obtained',
  severity: 'high',
  standards: standardsOf('ASI03', 'NHI2'),
  explanation:
    "A credential first appeared in an agent's tool output or input (printed by `aws sts assume-role`, read from a file, returned by an API), and cloud audit records then show calls signed with it. The agent, or whoever read its transcript, acted with authority it picked up during the session rather than the authority it started with. Calls that change state make the finding critical.",
  origin: 'built-in',
  evaluate: (context) => evaluateObtainedCredentials(context),
};

function evaluateObtainedCredentials(context: RuleContext): Finding[] {
  const inContext = new Set<SessionId>(context.sessions.map((session) => session.id));
  const findings: Finding[] = [];
  for (const record of context.links.credentials.values()) {
    const holders = [...record.exposed, ...record.observed].filter((sighting) => sighting.time !== null).sort((a, b) => a.time! - b.time!);
    const first = holders[0];
    if (!first) continue;
    const uses = record.used.filter((use) => use.time !== null && use.time >= first.time! - CLOCK_SKEW_MS);
    if (uses.length === 0) continue;
    if (!inContext.has(first.session) && !uses.some((use) => inContext.has(use.session))) continue;
    const lookup = (session: SessionId, id: EventId) => context.sessions.find((candidate) => candidate.id === session)?.byId.get(id);
    const items: EvidenceItem[] = [{ event: { id: first.event, session: first.session, time: lookup(first.session, first.event)?.time ?? null }, text: `${record.masked} (${record.kind}) appeared in the agent's tool ${first.ref.action === 'exposed' ? 'output' : 'input'} at ${new Date(first.time!).toISOString()}.` }];
    for (const minted of record.minted) items.push({ event: { id: minted.event, session: minted.session, time: lookup(minted.session, minted.event)?.time ?? null }, text: `${minted.actor} obtained ${record.masked} from the cloud${minted.ref.issuedWith ? ` with credential ${minted.ref.issuedWith}` : ''}.` });
    let changesState = false;
    for (const use of uses) {
      const event = lookup(use.session, use.event);
      if (event?.cloud?.readOnly === false) changesState = true;
      const cause = context.links.causes.find((link) => link.cloudEvent === use.event);
      items.push({ event: event ?? { id: use.event, session: use.session, time: null }, text: event ? describeCloud(event) : `${use.actor} made a cloud call with ${record.masked}.` });
      if (cause) items.push({ event: { id: cause.toolCall, session: cause.toolSession, time: lookup(cause.toolSession, cause.toolCall)?.time ?? null }, text: `Tool call ${cause.toolCall} caused that cloud call (${cause.confidence} confidence).` });
    }
    const principals = [...new Set(uses.map((use) => use.actor))].join(', ');
    findings.push(makeFinding(obtainedCredentialUse, first.session, items, `${uses.length} cloud call(s) by ${principals} used ${record.masked}, which the agent obtained during the session.`, changesState ? 'critical' : 'high'));
  }
  return findings;
}
