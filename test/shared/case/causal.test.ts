import { describe, expect, it } from 'vitest';
import { awsCommandsIn, cliCommandOf } from '../../../shared/case/causal';
import { analyseBundle } from '../../../shared/ingest/memory';
import { bytesSource } from '../../../shared/io/bytes';

const SESSION = 'aaaaaaaa-1111-4222-8333-444455556666';

function line(i: number, time: string, type: string, message: object, extra: object = {}) {
  return JSON.stringify({ parentUuid: null, sessionId: SESSION, uuid: `00000000-0000-4000-8000-00000000000${i}`, timestamp: time, type, cwd: '/w', version: '2.1.40', message, ...extra });
}

function bash(i: number, time: string, id: string, command: string) {
  return line(i, time, 'assistant', { role: 'assistant', id: `msg_${i}`, model: 'm', content: [{ type: 'tool_use', id, name: 'Bash', input: { command } }] });
}

function output(i: number, time: string, id: string, text: string) {
  return line(i, time, 'user', { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: text }] });
}

function cloudRecord(time: string, eventName: string, key: string, userAgent: string) {
  return { eventVersion: '1.08', eventTime: time, eventSource: 'sts.amazonaws.com', eventName, awsRegion: 'us-east-1', eventID: `e-${eventName}`, userAgent, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/u', accountId: '1', accessKeyId: key } };
}

async function analyse(transcript: string[], records: object[]) {
  const files = [
    { path: 't.jsonl', bytes: new TextEncoder().encode(`${transcript.join('\n')}\n`) },
    { path: 'c.json', bytes: new TextEncoder().encode(JSON.stringify({ Records: records })) },
  ];
  return analyseBundle({
    kind: 'folder',
    folder: { name: 'case', files: async function* () { for (const file of files) yield { path: file.path, source: bytesSource(file.path, file.bytes) }; } },
  });
}

describe('linkCauses', () => {
  it('prefers the call that was running', async () => {
    const key = 'AKIAABCDEFGHIJKLMNOP';
    const { links } = await analyse(
      [
        bash(1, '2026-01-01T00:00:00.000Z', 'toolu_a', 'cat ~/.aws/credentials'),
        output(2, '2026-01-01T00:00:01.000Z', 'toolu_a', `aws_access_key_id = ${key}`),
        bash(3, '2026-01-01T00:00:10.000Z', 'toolu_b', 'aws sts get-federation-token --name x'),
        output(4, '2026-01-01T00:00:12.000Z', 'toolu_b', '{}'),
        bash(5, '2026-01-01T00:00:13.000Z', 'toolu_c', 'aws sts get-caller-identity'),
        output(6, '2026-01-01T00:00:14.000Z', 'toolu_c', '{}'),
      ],
      [cloudRecord('2026-01-01T00:00:14Z', 'GetCallerIdentity', key, 'aws-sdk-go-v2/1.32.3')],
    );
    expect(links.causes).toHaveLength(1);
    expect(links.causes[0]!.toolCall).toBe('00000000-0000-4000-8000-000000000005');
  });

  it('links nothing without a shared credential', async () => {
    const { links } = await analyse(
      [bash(1, '2026-01-01T00:00:00.000Z', 'toolu_a', 'aws sts get-caller-identity'), output(2, '2026-01-01T00:00:01.000Z', 'toolu_a', '{}')],
      [cloudRecord('2026-01-01T00:00:00Z', 'GetCallerIdentity', 'AKIAZZZZZZZZZZZZZZZZ', 'aws-cli/2.15 md/command#sts.get-caller-identity')],
    );
    expect(links.causes).toEqual([]);
  });
});

describe('AWS CLI command names', () => {
  it('reads the user agent and the command line', () => {
    expect(cliCommandOf('aws-cli/2.15.30 md/command#s3.ls')).toEqual({ service: 's3', operation: 'ls' });
    expect(cliCommandOf('aws-sdk-go-v2/1.32.3')).toBeNull();
    expect(awsCommandsIn('export X=1 && aws --profile p s3 rm s3://b/k')).toEqual([{ service: 's3', operation: 'rm' }]);
  });
});
