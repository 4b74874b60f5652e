// A built-in rule is its metadata and a function over one linked session at a time.

import type { LinkedSession } from '../../session/link';
import type { RuleInfo } from '../engine';
import type { Finding, Rule, RuleContext } from '../types';

export type SessionCheck = (session: LinkedSession, context: RuleContext) => Finding[];

export function defineRule(info: RuleInfo, check: SessionCheck): Rule {
  return {
    ...info,
    origin: 'built-in',
    evaluate: (context) => context.sessions.flatMap((session) => check(session, context)),
  };
}
