// The built-in rules, in the order they are listed to the user.

import type { Rule } from '../types';
import { unapprovedExecution } from './approval';
import { auditTampering, iamChange, obtainedCredentialUse } from './cloud';
import { destructiveCommand, privilegeRaisingCommand } from './commands';
import { subagentBeyondTask } from './delegation';
import { deniedThenRetried } from './denial';
import { newEgressHost } from './egress';
import { instructionsInContent } from './injection';
import { credentialStoreAccess, outsideWorkingDirectory } from './paths';
import { secretExposed } from './secrets';

export const BUILTIN_RULES: readonly Rule[] = [
  auditTampering,
  obtainedCredentialUse,
  iamChange,
  secretExposed,
  credentialStoreAccess,
  instructionsInContent,
  destructiveCommand,
  privilegeRaisingCommand,
  deniedThenRetried,
  subagentBeyondTask,
  unapprovedExecution,
  outsideWorkingDirectory,
  newEgressHost,
];
