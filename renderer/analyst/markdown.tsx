// A small Markdown renderer for analysts' notes that builds React elements and never HTML:
// paragraphs, headings, lists, block quotes, fenced code, inline code, emphasis and strong text.
// Links are shown as their text followed by the address in brackets, never as anchors, so a
// note cannot navigate away or load anything. Raw HTML in a note stays visible as text.

import { Fragment, type ReactNode } from 'react';

type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: string[] }
  | { readonly kind: 'quote'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string };

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (/^\s*(```|~~~)/.test(line)) {
      const fence = line.trim().slice(0, 3);
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]! });
      i++;
      continue;
    }
    const listItem = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;
    const first = listItem.exec(line);
    if (first) {
      const ordered = first[2] !== undefined;
      const items: string[] = [];
      let match: RegExpExecArray | null;
      while (i < lines.length && (match = listItem.exec(lines[i]!)) && (match[2] !== undefined) === ordered) {
        items.push(match[3]!);
        i++;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) body.push(lines[i++]!.replace(/^\s*>\s?/, ''));
      blocks.push({ kind: 'quote', text: body.join('\n') });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|\s*(```|~~~)|\s*>)/.test(lines[i]!)) body.push(lines[i++]!);
    blocks.push({ kind: 'paragraph', text: body.join('\n') });
  }
  return blocks;
}

// Inline syntax, first match wins: code spans, links, strong, emphasis. As in CommonMark, a
// delimiter opens only before text and closes only after it (`2 * 3 * 4` has no emphasis), and
// underscores inside a word are literal (`snake_case_name`). Unlike CommonMark, a double-underscore
// pair around one identifier, such as `__init__`, stays as written, because notes quote code names
// far more often than they use `__word__` for strong text.
const INLINE = new RegExp(
  [
    '`([^`]+)`',
    '\\[([^\\]]*)\\]\\(([^)\\s]*)(?:\\s+"[^"]*")?\\)',
    '<(https?://[^>\\s]+)>',
    '\\*\\*(?!\\s)([^*]+?)(?<!\\s)\\*\\*',
    '(?<![\\p{L}\\p{N}_])__(?![\\p{L}\\p{N}_]+__(?![\\p{L}\\p{N}_]))(?![\\s_])(.+?)(?<![\\s_])__(?![\\p{L}\\p{N}_])',
    '\\*(?![\\s*])([^*]+?)(?<!\\s)\\*',
    '(?<![\\p{L}\\p{N}_])_(?![\\s_])(.+?)(?<![\\s_])_(?![\\p{L}\\p{N}_])',
  ].join('|'),
  'gu',
);

export function renderInline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  let key = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > at) out.push(text.slice(at, index));
    const [, code, linkText, linkUrl, autolink, strong1, strong2, em1, em2] = match;
    if (code !== undefined) out.push(<code key={key++}>{code}</code>);
    else if (linkUrl !== undefined)
      out.push(
        <span key={key++} className="md-link" title="Links in notes are not opened">
          {renderInline(linkText ?? '')} [{linkUrl}]
        </span>,
      );
    else if (autolink !== undefined)
      out.push(
        <span key={key++} className="md-link">
          {autolink}
        </span>,
      );
    else if (strong1 !== undefined || strong2 !== undefined) out.push(<strong key={key++}>{renderInline(strong1 ?? strong2 ?? '')}</strong>);
    else out.push(<em key={key++}>{renderInline(em1 ?? em2 ?? '')}</em>);
    at = index + match[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function withBreaks(text: string): ReactNode[] {
  return text.split('\n').map((line, index) => (
    <Fragment key={index}>
      {index > 0 && <br />}
      {renderInline(line)}
    </Fragment>
  ));
}

export function Markdown({ source }: { readonly source: string }) {
  return (
    <div className="markdown">
      {parseBlocks(source).map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const Tag = `h${Math.min(6, block.level + 3)}` as 'h4' | 'h5' | 'h6';
            return <Tag key={index}>{renderInline(block.text)}</Tag>;
          }
          case 'paragraph':
            return <p key={index}>{withBreaks(block.text)}</p>;
          case 'quote':
            return <blockquote key={index}>{withBreaks(block.text)}</blockquote>;
          case 'code':
            return (
              <pre key={index} className="mono">
                {block.text}
              </pre>
            );
          case 'list': {
            const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item)}</li>);
            return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
          }
        }
      })}
    </div>
  );
}
