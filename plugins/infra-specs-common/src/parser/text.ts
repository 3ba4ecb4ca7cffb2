/*
 * Small text helpers shared by the parser: key normalisation and inline markdown to plain text.
 */
import { Lexer, type Token, type Tokens } from 'marked';

const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower-case words separated by single spaces; emoji, punctuation and markup dropped. */
export function toWords(text: string): string {
  return text.toLowerCase().replace(NON_WORD, ' ').trim();
}

/** A metadata key, table header or section title reduced to comparable words (`**Last Updated:**` -> `last updated`). */
export function normalizeKey(text: string): string {
  return toWords(text);
}

/** Section titles often carry numbering (`6. Acceptance Criteria`, `A.1 Costs`): drop it before comparing. */
export function normalizeTitle(text: string): string {
  const words = toWords(text);
  let start = 0;
  // Skip leading numbering tokens such as "6", "2 1" or "a 1" (from "A.1").
  const parts = words.split(' ');
  while (
    start < parts.length - 1 &&
    (/^\d{1,3}$/.test(parts[start]) ||
      (parts[start].length === 1 && /^\d/.test(parts[start + 1] ?? '')))
  ) {
    start++;
  }
  return parts.slice(start).join(' ');
}

function flatten(tokens: Token[], out: string[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'html':
        break; // tags and comments carry no text
      case 'br':
        out.push(' ');
        break;
      case 'codespan':
      case 'escape':
        out.push((token as Tokens.Codespan).text);
        break;
      case 'image':
        out.push((token as Tokens.Image).text);
        break;
      case 'checkbox':
        break;
      default: {
        const children = (token as { tokens?: Token[] }).tokens;
        if (children && children.length > 0) {
          flatten(children, out);
        } else if ('text' in token && typeof token.text === 'string') {
          out.push(token.text);
        }
      }
    }
  }
}

/** Inline tokens of one isolated value (a cell, a metadata value, a title). */
export function lexInline(markdown: string): Token[] {
  return new Lexer({ gfm: true }).inlineTokens(markdown);
}

/** Plain text of inline markdown: emphasis, code marks, links and HTML removed, whitespace collapsed. */
export function inlineToText(markdown: string): string {
  if (markdown === '') return '';
  // Fast path: nothing that inline markdown would change.
  if (!/[*_`[\]<>\\~!&]|https?:|www\./.test(markdown)) {
    return markdown.replace(/\s+/g, ' ').trim();
  }
  const out: string[] = [];
  flatten(lexInline(markdown), out);
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** The first link target of inline markdown (explicit link or autolink), or null. */
export function firstLink(markdown: string): string | null {
  const stack: Token[] = [...lexInline(markdown)];
  while (stack.length > 0) {
    const token = stack.shift()!;
    if (token.type === 'link') return (token as Tokens.Link).href;
    const children = (token as { tokens?: Token[] }).tokens;
    if (children) stack.unshift(...children);
  }
  return null;
}

/** Cut text at a word boundary so cards and search results stay short. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Removes `<!-- ... -->` comments (linear scan; unterminated comments run to the end). */
export function stripHtmlComments(text: string): string {
  let start = text.indexOf('<!--');
  if (start < 0) return text;
  let out = '';
  let from = 0;
  while (start >= 0) {
    out += text.slice(from, start);
    const end = text.indexOf('-->', start + 4);
    if (end < 0) return out;
    from = end + 3;
    start = text.indexOf('<!--', from);
  }
  return out + text.slice(from);
}

/** Counts `\n` in a string (used for line bookkeeping; avoids split allocations). */
export function countNewlines(text: string): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i >= 0) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}
