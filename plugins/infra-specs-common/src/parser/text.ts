/*
 * Small text helpers shared by the parser: key normalisation and inline markdown to plain text.
 */

const NON_WORD = /[^\p{L}\p{N}]+/gu;
const NON_WORD_ASCII = /[^a-z0-9]+/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** Lower-case words separated by single spaces; emoji, punctuation and markup dropped. */
export function toWords(text: string): string {
  const lower = text.toLowerCase();
  // The Unicode-aware pattern is several times slower; most keys and titles are ASCII.
  return (
    ASCII.test(lower)
      ? lower.replace(NON_WORD_ASCII, ' ')
      : lower.replace(NON_WORD, ' ')
  ).trim();
}

/** A metadata key, table header or section title reduced to comparable words (`**Last Updated:**` -> `last updated`). */
export function normalizeKey(text: string): string {
  return toWords(text);
}

/** Section titles often carry numbering (`6. Acceptance Criteria`, `A.1 Costs`): drop it before comparing. */
export function normalizeTitle(text: string): string {
  const words = toWords(text);
  // Most titles carry no numbering: a digit, or a single letter, first.
  if (!/^(\d|\p{L}( |$))/u.test(words)) return words;
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

/** Inline text longer than this is cut before conversion (values and summaries are short). */
const MAX_INLINE_CHARS = 20000;
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,500})?\/?>/y;
const AUTOLINK = /<((?:https?|mailto):[^\s<>]{1,2000})>/iy;

/** Index of the closing bracket of every opening one (-1 when unmatched), in one pass. */
function matchBrackets(src: string, open: string, close: string): Int32Array {
  const match = new Int32Array(src.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === open) stack.push(i);
    else if (c === close && stack.length > 0) match[stack.pop()!] = i;
  }
  return match;
}

function isBlank(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n';
}

function isAlphanumeric(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/**
 * Plain text of inline markdown: emphasis, code marks, links (their text kept), images (alt
 * kept), HTML tags and comments removed, whitespace collapsed. A linear scan: marked's inline
 * lexer takes quadratic time on emphasis-heavy input (`*a_*a_…`), which a hostile file could use.
 */
export function inlineToText(markdown: string): string {
  if (markdown === '') return '';
  const src =
    markdown.length > MAX_INLINE_CHARS
      ? markdown.slice(0, MAX_INLINE_CHARS)
      : markdown;
  // Fast path: nothing that inline markdown would change.
  if (!/[*_`[\]<>\\~!]/.test(src)) return src.replace(/\s+/g, ' ').trim();
  const squares = src.includes('[') ? matchBrackets(src, '[', ']') : null;
  const parens =
    squares && src.includes('](') ? matchBrackets(src, '(', ')') : null;
  // Where a link's text ends, the scan jumps over its destination: `](url)` or `][ref]`.
  const jumps = new Map<number, number>();
  const out: string[] = [];
  let text = 0; // start of pending plain text
  let i = 0;
  const flush = (to: number) => {
    if (to > text) out.push(src.slice(text, to));
  };
  while (i < src.length) {
    const jump = jumps.get(i);
    if (jump !== undefined) {
      flush(i);
      i = text = jump;
      continue;
    }
    const c = src[i];
    if (c === '\\' && PUNCTUATION.test(src.charAt(i + 1))) {
      flush(i);
      text = i + 1; // keep the escaped character
      i += 2;
    } else if (c === '`') {
      let run = 1;
      while (src[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      let close = src.indexOf(fence, i + run);
      while (close >= 0 && src[close + run] === '`') {
        let end = close;
        while (src[end] === '`') end++;
        close = src.indexOf(fence, end);
      }
      flush(i);
      if (close < 0) {
        text = i;
        i += run;
      } else {
        let code = src.slice(i + run, close).replace(/\n/g, ' ');
        if (
          code.length > 1 &&
          code.startsWith(' ') &&
          code.endsWith(' ') &&
          code.trim() !== ''
        )
          code = code.slice(1, -1);
        out.push(code);
        i = text = close + run;
      }
    } else if (c === '<') {
      flush(i);
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        i = text = end < 0 ? src.length : end + 3;
        continue;
      }
      AUTOLINK.lastIndex = i;
      const auto = AUTOLINK.exec(src);
      if (auto) {
        out.push(auto[1]);
        i = text = AUTOLINK.lastIndex;
        continue;
      }
      TAG.lastIndex = i;
      if (TAG.exec(src)) i = text = TAG.lastIndex;
      else {
        text = i;
        i++;
      }
    } else if ((c === '[' || (c === '!' && src[i + 1] === '[')) && squares) {
      const at = c === '!' ? i + 1 : i;
      const close = squares[at];
      const after = close >= 0 ? src[close + 1] : undefined;
      let end = -1;
      if (after === '(' && parens) end = parens[close + 1];
      else if (after === '[') end = squares[close + 1];
      if (end > close) {
        flush(i);
        jumps.set(close, end + 1);
        i = text = at + 1;
      } else i++;
    } else if (c === '*' || c === '~' || c === '_') {
      let run = 1;
      while (src[i + run] === c) run++;
      const before = src[i - 1];
      const next = src[i + run];
      // Not a delimiter: `a * b`, `snake_case`, a `~` between words.
      const literal =
        (isBlank(before) && isBlank(next)) ||
        (c !== '*' && isAlphanumeric(before) && isAlphanumeric(next));
      if (!literal) {
        flush(i);
        text = i + run;
      }
      i += run;
    } else i++;
  }
  flush(src.length);
  return out.join('').replace(/\s+/g, ' ').trim();
}

const LINK_TARGET = /\]\(\s*<?(https?:\/\/[^\s)>]{1,2000})/i;
const AUTOLINK_ANYWHERE =
  /<(https?:\/\/[^\s<>]{1,2000})>|(https?:\/\/[^\s<>()\]]{1,2000})/i;

/** The first link target of inline markdown (`[#12](https://…)`, `<https://…>` or a bare URL), or null. */
export function firstLink(markdown: string): string | null {
  const src = markdown.slice(0, 4000);
  const link = LINK_TARGET.exec(src);
  if (link) return link[1];
  const bare = AUTOLINK_ANYWHERE.exec(src);
  return bare ? bare[1] ?? bare[2] : null;
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
