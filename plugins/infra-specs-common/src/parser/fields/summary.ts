/*
 * Summary: plain text of the Summary / Overview section, else a `Summary:` or `Problem Statement:`
 * line, else the Problem / Context / Scope section; trimmed for cards and search.
 */
import type { SpecDocumentContext } from '../context';
import type { MdSection } from '../document';
import { MAX_SUMMARY_CHARS } from '../limits';
import { findPlaceholder } from '../placeholders';
import { inlineToText } from '../plainText';
import { stripHtmlComments, truncateText } from '../text';

export const SUMMARY_SECTIONS = [
  'summary',
  'overview',
  'abstract',
  'tl dr',
  'tldr',
  'executive summary',
];
export const FALLBACK_SECTIONS = [
  'problem statement',
  'problem',
  'context',
  'description',
  'purpose',
  'motivation',
  'scope',
];
const SUMMARY_KEYS = ['summary', 'overview', 'problem statement', 'problem'];

function sectionText(
  ctx: SpecDocumentContext,
  names: string[],
): { text: string; line: number } | null {
  const section = ctx.section(...names);
  if (!section) return null;
  const parts: string[] = [];
  let length = 0;
  let line = section.line;
  let from: MdSection | null = null;
  for (const paragraph of ctx.paragraphsIn(section)) {
    if (paragraph.item) continue;
    // Only the first (sub)section with text: `Scope > Included`, not `Scope > Excluded` too.
    if (from && paragraph.section !== from) break;
    const text = inlineToText(stripHtmlComments(paragraph.text));
    if (text === '') continue;
    if (parts.length === 0) {
      line = paragraph.line;
      from = paragraph.section;
    }
    parts.push(text);
    length += text.length + 1;
    if (length >= MAX_SUMMARY_CHARS) break;
  }
  return parts.length > 0 ? { text: parts.join(' '), line } : null;
}

export function readSummary(
  ctx: SpecDocumentContext,
  sections: string[] = SUMMARY_SECTIONS,
): string | null {
  let found = sectionText(ctx, sections);
  if (!found) {
    const entry = ctx.field(SUMMARY_KEYS);
    if (entry)
      found = {
        text: inlineToText(stripHtmlComments(entry.value)),
        line: entry.line,
      };
  }
  found = found ?? sectionText(ctx, FALLBACK_SECTIONS);
  if (!found || found.text === '') return null;
  const placeholder = findPlaceholder(found.text);
  if (placeholder && found.text.replace(/\[[^\]]*\]/g, '').trim().length < 3) {
    ctx.report(
      'warning',
      found.line,
      'placeholder',
      `Summary still holds the template placeholder '${placeholder}'`,
    );
    return null;
  }
  return truncateText(found.text, MAX_SUMMARY_CHARS);
}
