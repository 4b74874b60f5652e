import { describe, expect, it } from 'vitest';
import type { AuthorityGraph } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { graphToPng, graphToSvg } from '../../../renderer/graph/export';
import { layeredLayout } from '../../../renderer/graph/layout';

const eventId = (id: string) => id as EventId;
const SECRETS = ['AKIAFIXTURE0LONGTERM', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'];

// Labels as hostile evidence could write them: a key in a file name, a token in a command, markup.
const GRAPH: AuthorityGraph = {
  nodes: [
    { id: 'principal', kind: 'principal', label: 'user', layer: 0, events: [eventId('e1')] },
    { id: 'agent:main', kind: 'agent', label: 'main agent', layer: 1, events: [eventId('e1')] },
    { id: 'tools:main:Bash:curl', kind: 'tool-group', label: `Bash curl -H "Authorization: token ${SECRETS[1]}"`, layer: 2, events: [eventId('e2')], tool: 'Bash', count: 2, failed: 1, denied: 0 },
    { id: 'resource:file:x', kind: 'resource', label: `/tmp/${SECRETS[0]}/<script>alert("x")</script>&amp;`, layer: 4, events: [eventId('e2')], resourceKind: 'file' },
  ],
  edges: [
    { id: 'started', kind: 'started', source: 'principal', target: 'agent:main', label: 'mode default', time: null, events: [eventId('e1')] },
    { id: 'invoked', kind: 'invoked', source: 'agent:main', target: 'tools:main:Bash:curl', time: null, events: [eventId('e2')] },
    { id: 'accessed', kind: 'accessed', source: 'tools:main:Bash:curl', target: 'resource:file:x', access: 'read', label: `read ${SECRETS[0]}`, time: null, events: [eventId('e2')] },
  ],
};

describe('graph export', () => {
  it('writes well-formed SVG without secrets', () => {
    const svg = graphToSvg(GRAPH, layeredLayout(GRAPH));
    for (const secret of SECRETS) expect(svg).not.toContain(secret);
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(parsed.querySelector('parsererror')).toBeNull();
    expect(parsed.querySelector('script')).toBeNull();
    expect(parsed.querySelectorAll('g.node')).toHaveLength(4);
    expect(parsed.querySelectorAll('path.edge')).toHaveLength(3);
    const resource = parsed.querySelector('g.node-resource title')!.textContent!;
    expect(resource).toContain('<script>alert("x")</script>&amp;');
    expect(resource).toContain('aws-access-key');
  });

  it('draws a PNG of the whole drawing', async () => {
    const layout = layeredLayout(GRAPH);
    const blob = await graphToPng(GRAPH, layout);
    expect(blob.type).toBe('image/png');
    const bitmap = await createImageBitmap(blob);
    expect(bitmap.width).toBeGreaterThan(layout.width);
    expect(bitmap.height).toBeGreaterThan(layout.height);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 100 && pixels[i + 1]! < 100) dark += 1;
    // The principal and agent nodes are dark fills; an empty export would have none.
    expect(dark).toBeGreaterThan(1000);
  });
});
