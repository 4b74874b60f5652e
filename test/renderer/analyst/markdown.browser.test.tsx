import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../renderer/analyst/markdown';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function render(source: string): Promise<HTMLElement> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () => root.render(<Markdown source={source} />));
  return host;
}

describe('Markdown emphasis', () => {
  it('keeps underscores in names', async () => {
    const literal = ['snake_case_name', '__init__', 'calls __init__ and __main__.', 'a __init__.py file', 'window.__pwned=1"><script>window.__pwned2=1', '2 * 3 * 4'];
    for (const source of literal) {
      const host = await render(source);
      expect(host.textContent, source).toBe(source);
      expect(host.querySelector('em, strong'), source).toBeNull();
    }
  });

  it('renders real emphasis', async () => {
    const cases: [string, string, string][] = [
      ['_emphasis_ here', 'em', 'emphasis'],
      ['some __strong text__ here', 'strong', 'strong text'],
      ['**bold** word', 'strong', 'bold'],
      ['an *emphasised* word', 'em', 'emphasised'],
      ['x_y _a_b c_ z', 'em', 'a_b c'],
    ];
    for (const [source, tag, text] of cases) {
      const host = await render(source);
      expect(host.querySelector(tag)?.textContent, source).toBe(text);
    }
  });
});
