/*
 * Markdown to plain text, the one home of it: inline markdown (the values the parser reads) and
 * whole documents (the search collator's index text). Linear-time scans on purpose: marked's
 * inline lexer takes quadratic time on emphasis-heavy input (`*a_*a_…`), which a hostile file
 * could use, so only marked's block lexer runs here, after the parser's own input guards.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { limitNesting, normalizeNewlines, truncateInput } from './guards';
import { stripHtmlComments } from './text';

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

/**
 * Where a code span closes: the next run of exactly as many backticks. The runs are listed once
 * and each length's list is read forward only, because searching the rest of the text for every
 * unclosed run (``` `a``a```a… ```) would be quadratic.
 */
class BacktickRuns {
  readonly #starts = new Map<number, number[]>();
  readonly #cursor = new Map<number, number>();

  constructor(src: string) {
    let i = src.indexOf('`');
    while (i >= 0) {
      let end = i + 1;
      while (src[end] === '`') end++;
      const list = this.#starts.get(end - i);
      if (list) list.push(i);
      else this.#starts.set(end - i, [i]);
      i = src.indexOf('`', end);
    }
  }

  /** Start of the first run of exactly `length` backticks at or after `from`, or -1. Calls must not go back. */
  next(length: number, from: number): number {
    const starts = this.#starts.get(length);
    if (!starts) return -1;
    let k = this.#cursor.get(length) ?? 0;
    while (k < starts.length && starts[k] < from) k++;
    this.#cursor.set(length, k);
    return k < starts.length ? starts[k] : -1;
  }
}

function isBlank(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n';
}

function isAlphanumeric(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** The inline scan, on the whole of `src`. */
function inlineText(src: string): string {
  if (src === '') return '';
  // Fast path: nothing that inline markdown would change.
  if (!/[*_`[\]<>\\~!]/.test(src)) return src.replace(/\s+/g, ' ').trim();
  const squares = src.includes('[') ? matchBrackets(src, '[', ']') : null;
  const parens =
    squares && src.includes('](') ? matchBrackets(src, '(', ')') : null;
  const backticks = src.includes('`') ? new BacktickRuns(src) : null;
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
    } else if (c === '`' && backticks) {
      let run = 1;
      while (src[i + run] === '`') run++;
      const close = backticks.next(run, i + run);
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

/**
 * Plain text of inline markdown: emphasis, code marks, links (their text kept), images (alt
 * kept), HTML tags and comments removed, whitespace collapsed. Reads at most the first
 * 20,000 characters (the parser's values are short).
 */
export function inlineToText(markdown: string): string {
  return inlineText(
    markdown.length > MAX_INLINE_CHARS
      ? markdown.slice(0, MAX_INLINE_CHARS)
      : markdown,
  );
}

/** The text of an HTML block: comments dropped, tags replaced by a space. */
function htmlToText(html: string): string {
  // `[^<>]*` stops at the next `<`, so a run of unclosed `<` stays linear.
  return stripHtmlComments(html)
    .replace(/<[^<>]*>/g, ' ')
    .replace(/\s+/g, ' ');
}

function blocks(tokens: Token[], out: string[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
      case 'checkbox':
        break;
      case 'html':
        out.push(htmlToText((token as Tokens.HTML).text));
        break;
      case 'code':
        out.push((token as Tokens.Code).text);
        break;
      case 'blockquote':
        blocks((token as Tokens.Blockquote).tokens, out);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) {
          blocks(item.tokens, out);
        }
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          out.push(
            row
              .map(cell => inlineText(cell.text))
              .filter(Boolean)
              .join(' '),
          );
        }
        break;
      }
      default:
        // heading, paragraph, and the text of tight list items: inline markdown
        if ('text' in token && typeof token.text === 'string') {
          out.push(inlineText(token.text));
        }
    }
  }
}

/**
 * The text of a markdown document, one line per block (headings, paragraphs, list items,
 * table rows, code), without the syntax around the words (`**`, `|`, `#`, link targets, HTML
 * tags and comments). Empty lines are dropped. Time is linear in the input: the same guards as
 * `parseSpec` (size, nesting depth) run first, then marked's block lexer and the inline scan.
 *
 * @public
 */
export function markdownToPlainText(markdown: string): string {
  const input = normalizeNewlines(truncateInput(markdown).text);
  const tokens = new Lexer({ gfm: true }).blockTokens(
    limitNesting(input).text,
    [],
  );
  const out: string[] = [];
  blocks(tokens, out);
  return out
    .map(line => line.trim())
    .filter(Boolean)
    .join('\n');
}
