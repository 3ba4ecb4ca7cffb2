/*
 * Small text helpers shared by the parser: key normalisation, link targets, truncation.
 * Markdown to plain text is in plainText.ts.
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
