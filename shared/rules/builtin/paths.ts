// File access outside the session's working directory, and access to credential stores.

import type { AgentEvent } from '../../model/events';
import type { LinkedSession } from '../../session/link';
import { makeFinding, isAgentEvent, type EvidenceItem } from '../engine';
import { attrText, commandsOf, isAbsolutePath, isInside, normalisePath, pathsOf, toolName } from '../facts';
import { standardsOf } from '../standards';
import type { Rule } from '../types';
import { defineRule } from './define';

/** Folders every program uses for scratch files; access there is not flagged as outside. */
const SCRATCH = ['/tmp', '/private/tmp', '/var/tmp', '/var/folders', '/dev'];

interface CredentialStore {
  readonly name: string;
  readonly pattern: RegExp;
  readonly except?: RegExp;
}

/** Files and folders that hold credentials. Patterns match normalised paths with `/` separators. */
export const CREDENTIAL_STORES: readonly CredentialStore[] = [
  { name: 'SSH key or SSH folder', pattern: /(^|\/)\.ssh(\/[^/]+)?\/?$/, except: /(\.pub|\/known_hosts(\.old)?)$/ },
  { name: 'AWS credentials or config', pattern: /(^|\/)\.aws(\/(credentials|config|sso\/cache|cli\/cache)(\/.*)?)?\/?$/ },
  { name: '.env file', pattern: /(^|\/)\.env(\.[A-Za-z0-9_-]+)*$/, except: /\.(example|sample|template|dist|defaults?|schema)$/i },
  { name: 'keychain', pattern: /(\/Library\/Keychains(\/|$)|\.keychain(-db)?$|\/\.local\/share\/keyrings(\/|$)|\/\.gnupg\/private-keys)/ },
  { name: 'gcloud credentials', pattern: /(^|\/)\.config\/gcloud\/(credentials\.db|access_tokens\.db|application_default_credentials\.json|legacy_credentials)/ },
  { name: 'Azure CLI credentials', pattern: /(^|\/)\.azure\/(accessTokens\.json|msal_token_cache[^/]*|azureProfile\.json|service_principal_entries[^/]*)$/ },
  { name: '.netrc', pattern: /(^|\/)[._]netrc$/ },
  { name: 'kube config', pattern: /(^|\/)\.kube\/config$/ },
  { name: 'Docker registry credentials', pattern: /(^|\/)\.docker\/config\.json$/ },
  { name: 'git or PyPI credentials', pattern: /(^|\/)(\.git-credentials|\.pypirc)$/ },
];

/** Commands that read a credential store without naming its file. */
const CREDENTIAL_COMMANDS: readonly { name: string; test: (program: string, args: readonly string[]) => boolean }[] = [
  { name: 'keychain', test: (program, args) => program === 'security' && /^(find-generic-password|find-internet-password|dump-keychain|export)$/.test(args[0] ?? '') },
  { name: 'keychain', test: (program, args) => program === 'secret-tool' && args[0] === 'lookup' },
  { name: 'gcloud credentials', test: (program, args) => program === 'gcloud' && args.includes('auth') && args.some((arg) => /^print-(access|identity)-token$/.test(arg)) },
  { name: 'Azure CLI credentials', test: (program, args) => program === 'az' && args[0] === 'account' && args[1] === 'get-access-token' },
  { name: 'kube config', test: (program, args) => program === 'kubectl' && args[0] === 'config' && args[1] === 'view' && args.includes('--raw') },
  { name: 'AWS credentials or config', test: (program, args) => program === 'aws' && args[0] === 'configure' && (args[1] === 'get' || args[1] === 'export-credentials') },
];

/** Expands `~` and `$HOME` with the home folder guessed from the working directory. */
function expandHome(path: string, cwd: string | undefined): string {
  const home = /^(\/home\/[^/]+|\/Users\/[^/]+|\/root)(\/|$)/.exec(cwd ?? '')?.[1] ?? '/home/~';
  return path.replace(/^(~|\$HOME|\$\{HOME\})(?=\/|$)/, home);
}

export function credentialStoreOf(path: string): string | null {
  const normal = path.replace(/\\/g, '/');
  for (const store of CREDENTIAL_STORES) {
    if (store.pattern.test(normal) && !(store.except && store.except.test(normal))) return store.name;
  }
  return null;
}

function candidatePaths(event: AgentEvent): string[] {
  const out = pathsOf(event).map((item) => item.path);
  for (const resource of event.resources ?? []) if (resource?.kind === 'pattern' && typeof resource.value === 'string') out.push(resource.value);
  for (const command of commandsOf(event)) {
    for (const arg of [...command.args, ...command.writes]) if (arg.includes('/') || arg.startsWith('.') || arg.startsWith('~')) out.push(arg.replace(/^[A-Za-z]+=/, ''));
  }
  return out;
}

function storesTouched(event: AgentEvent): { store: string; what: string }[] {
  const found: { store: string; what: string }[] = [];
  const seen = new Set<string>();
  for (const path of candidatePaths(event)) {
    const store = credentialStoreOf(path);
    if (store && !seen.has(path)) {
      seen.add(path);
      found.push({ store, what: path });
    }
  }
  for (const command of commandsOf(event)) {
    for (const known of CREDENTIAL_COMMANDS) {
      if (known.test(command.program, command.args)) found.push({ store: known.name, what: `${command.program} ${command.args.slice(0, 3).join(' ')}` });
    }
  }
  return found;
}

export const credentialStoreAccess: Rule = defineRule(
  {
    id: 'credential-store-access',
    title: 'Access to a credential store',
    severity: 'high',
    standards: standardsOf('ASI03', 'NHI2'),
    explanation:
      'A tool call read, listed, copied or wrote a file or keystore that holds credentials: SSH keys, AWS credentials and config, .env files, keychains, gcloud or Azure CLI tokens, .netrc, kube config, Docker or git credentials. Whatever the agent reads enters its context and can leave through any later tool call, so each such access deserves a look at what followed.',
  },
  (session) => {
    const findings = [];
    for (const linked of session.calls) {
      const call = linked.call;
      if (!isAgentEvent(call)) continue;
      const touched = storesTouched(call);
      if (touched.length === 0) continue;
      const names = [...new Set(touched.map((item) => item.store))].join(', ');
      const items: EvidenceItem[] = [{ event: call, text: `${toolName(call) || 'The tool call'} touched ${touched.map((item) => `${item.what} (${item.store})`).join(', ')}.` }];
      if (linked.result) items.push({ event: linked.result, text: `The call returned ${linked.result.outcome ?? 'an unknown outcome'}.` });
      findings.push(makeFinding(credentialStoreAccess, session.id, items, `${toolName(call) || 'A tool call'} accessed ${names}.`));
    }
    return findings;
  },
);

function outsideOf(event: AgentEvent, cwd: string): { path: string; access: string }[] {
  const out: { path: string; access: string }[] = [];
  for (const { path, access } of pathsOf(event)) {
    if (!isAbsolutePath(path)) {
      if (/(^|\/)\.\.(\/|$)/.test(path) && !isInside(`${cwd}/${path}`, cwd)) out.push({ path, access });
      continue;
    }
    const absolute = normalisePath(expandHome(path, cwd));
    if (isInside(absolute, cwd) || SCRATCH.some((folder) => isInside(absolute, folder)) || credentialStoreOf(absolute)) continue;
    out.push({ path, access });
  }
  return out;
}

const WRITE_ACCESS = new Set(['write', 'delete', 'execute']);

export const outsideWorkingDirectory: Rule = defineRule(
  {
    id: 'outside-working-directory',
    title: 'File access outside the working directory',
    severity: 'medium',
    standards: standardsOf('ASI02'),
    explanation:
      "A tool call named a file or folder outside the session's working directory (the `cwd` the transcript records for the call). Writes and deletes there change things the user did not open the agent on; reads there pull unrelated data into the agent's context. Scratch folders such as /tmp are not counted, and credential stores have their own rule.",
  },
  (session: LinkedSession) => {
    const writes: EvidenceItem[] = [];
    const reads: EvidenceItem[] = [];
    let cwd: string | undefined;
    for (const event of session.events) {
      cwd = attrText(event, 'cwd') ?? cwd;
      if (event.kind !== 'tool-call' || !cwd || !isAgentEvent(event) || !cwd.startsWith('/')) continue;
      for (const { path, access } of outsideOf(event, cwd)) {
        const item = { event, text: `${toolName(event) || 'A tool call'} ${access === 'search' ? 'searched' : access === 'read' ? 'read' : `used (${access})`} ${path}, outside ${cwd}.` };
        (WRITE_ACCESS.has(access) ? writes : reads).push(item);
        break;
      }
    }
    const findings = [];
    if (writes.length > 0) findings.push(makeFinding(outsideWorkingDirectory, session.id, writes, `${writes.length} tool call(s) wrote or deleted outside the working directory.`));
    if (reads.length > 0) findings.push(makeFinding(outsideWorkingDirectory, session.id, reads, `${reads.length} tool call(s) read outside the working directory.`, 'low'));
    return findings;
  },
);
