/*
 * Checks that run before any markdown parsing, so that hostile or accidental input (binary data,
 * a 50 MB file, thousands of nesting levels) costs bounded time and never reaches the lexer as is.
 */
import {
  MAX_INDENT_COLUMNS,
  MAX_LINE_MARKERS,
  MAX_PARSE_CHARS,
} from './limits';

/** NUL bytes, or many control / replacement characters in the first 8 KB: not text. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  if (sample.includes('\0')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd)
      odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.1;
}

/** Keeps at most MAX_PARSE_CHARS, cut at a line end when there is one. */
export function truncateInput(text: string): {
  text: string;
  truncated: boolean;
} {
  if (text.length <= MAX_PARSE_CHARS) return { text, truncated: false };
  const cut = text.lastIndexOf('\n', MAX_PARSE_CHARS);
  return {
    text: text.slice(0, cut > 0 ? cut : MAX_PARSE_CHARS),
    truncated: true,
  };
}

/** CRLF and CR to LF, byte order mark dropped. */
export function normalizeNewlines(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
}

/**
 * The leading whitespace and container markers of a line, rebuilt with at most MAX_INDENT_COLUMNS
 * columns of whitespace and MAX_LINE_MARKERS markers; null when the line is within both limits.
 */
function compactLinePrefix(
  line: string,
): { end: number; prefix: string } | null {
  let columns = 0;
  let markers = 0;
  let over = false;
  let out = '';
  let i = 0;
  const isBlank = (ch: string) => ch === ' ' || ch === '\t';
  while (i < line.length) {
    const ch = line[i];
    if (isBlank(ch)) {
      const width = ch === '\t' ? 4 - (columns % 4) : 1;
      if (columns + width > MAX_INDENT_COLUMNS) over = true;
      else out += ' '.repeat(width);
      columns += width;
      i++;
      continue;
    }
    let marker = '';
    if (ch === '>') marker = '>';
    else if (
      (ch === '-' || ch === '*' || ch === '+') &&
      isBlank(line.charAt(i + 1))
    )
      marker = `${ch} `;
    else if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < line.length && j - i < 9 && line[j] >= '0' && line[j] <= '9')
        j++;
      if ((line[j] === '.' || line[j] === ')') && isBlank(line.charAt(j + 1)))
        marker = `${line.slice(i, j + 1)} `;
    }
    if (!marker) break;
    markers++;
    if (markers > MAX_LINE_MARKERS) over = true;
    else out += marker;
    i += marker.length;
  }
  if (!over) return null;
  return { end: i, prefix: out.endsWith(' ') ? out : `${out} ` };
}

/**
 * Lines that would nest deeper than the limits are flattened: marked recurses once per nesting
 * level (`>>>>…`, `- - - …`, deeper and deeper indentation), so thousands of levels would exhaust
 * the stack or take quadratic time. Returns the first changed line (1-based) or null.
 */
export function limitNesting(text: string): {
  text: string;
  firstChangedLine: number | null;
} {
  const replacements: Array<{ start: number; end: number; prefix: string }> =
    [];
  let firstChangedLine: number | null = null;
  let start = 0;
  let lineNo = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Only lines that start with a blank or a marker character can nest.
    const c = text.charCodeAt(start);
    if (
      c === 32 ||
      c === 9 ||
      c === 62 ||
      c === 45 ||
      c === 42 ||
      c === 43 ||
      (c >= 48 && c <= 57)
    ) {
      const compact = compactLinePrefix(text.slice(start, end));
      if (compact) {
        firstChangedLine = firstChangedLine ?? lineNo;
        replacements.push({
          start,
          end: start + compact.end,
          prefix: compact.prefix,
        });
      }
    }
    start = end + 1;
    lineNo++;
  }
  if (replacements.length === 0) return { text, firstChangedLine: null };
  const parts: string[] = [];
  let from = 0;
  for (const r of replacements) {
    parts.push(text.slice(from, r.start), r.prefix);
    from = r.end;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), firstChangedLine };
}
