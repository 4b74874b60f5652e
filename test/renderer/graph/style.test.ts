import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import type { GraphNode } from '../../../shared/graph/types';
import { analyseBundle } from '../../../shared/ingest/memory';
import { elideMiddle, shortLabel } from '../../../renderer/graph/style';
import { sample } from '../../helpers/samples';

describe('middle elision', () => {
  it('keeps short text whole', () => {
    expect(elideMiddle('arn:aws:s3:::b', 20)).toBe('arn:aws:s3:::b');
  });

  it('keeps the start and the end', () => {
    const text = elideMiddle('arn:aws:ec2:apiso-westcentral-3r:instance/i-0123456789abcdef0', 21);
    expect(Array.from(text)).toHaveLength(21);
    expect(text.startsWith('arn:aws:ec')).toBe(true);
    expect(text.endsWith('789abcdef0')).toBe(true);
    expect(text).toContain('…');
  });
});

describe('resource labels of a CloudTrail session', () => {
  let resources: GraphNode[];
  beforeAll(async () => {
    const bundle = await analyseBundle(await openBundle(sample('cloudtrail')));
    const index = bundle.sessions.findIndex((session) => session.id === 'aws:fp:c2c7020138adc00d');
    resources = buildAuthorityGraph(bundle.sessions[index]!, bundle.summaries[index]!).nodes.filter((node) => node.kind === 'resource');
  });

  it('tell the 15 instances apart', () => {
    expect(resources).toHaveLength(15);
    const labels = resources.map((node) => shortLabel(node));
    expect(new Set(labels).size).toBe(15);
    for (const [index, label] of labels.entries()) {
      expect(label.startsWith('arn:aws:ec2:')).toBe(true);
      expect(resources[index]!.label.endsWith(label.split('…').pop()!)).toBe(true);
    }
  });
});
