/*
 * Reading one metadata value: plain text, placeholder and "not applicable" checks with a
 * diagnostic at the value's line.
 */
import type { SpecDocumentContext, SpecMetadataEntry } from '../context';
import { MAX_FIELD_CHARS } from '../limits';
import { findPlaceholder, isNotApplicable } from '../placeholders';
import { inlineToText } from '../plainText';
import { stripHtmlComments, truncateText } from '../text';

export interface ReadValue {
  /** Plain text of the value; null when empty, a placeholder or explicitly not applicable. */
  text: string | null;
  /** Raw markdown of the value (HTML comments removed). */
  raw: string;
  line: number;
  placeholder: boolean;
}

/** Plain text of a metadata entry, with a `placeholder` warning when it still holds one. */
export function readValue(
  ctx: SpecDocumentContext,
  label: string,
  entry: SpecMetadataEntry | undefined,
  options: {
    /** What counts as an explicit "not applicable" in this field; isNotApplicable by default. */
    notApplicable?: (text: string) => boolean;
  } = {},
): ReadValue | null {
  if (!entry) return null;
  const raw = stripHtmlComments(entry.value).trim();
  const placeholder = findPlaceholder(raw);
  if (placeholder) {
    ctx.report(
      'warning',
      entry.line,
      'placeholder',
      `${label} still holds the template placeholder '${placeholder}'`,
    );
    return { text: null, raw, line: entry.line, placeholder: true };
  }
  // A front matter value is a YAML string, not markdown: `a_.b` keeps its underscore.
  const plain =
    entry.source === 'front-matter'
      ? raw.replace(/\s+/g, ' ')
      : inlineToText(raw);
  const text = truncateText(plain, MAX_FIELD_CHARS);
  const notApplicable = options.notApplicable ?? isNotApplicable;
  if (text === '' || notApplicable(text)) {
    return { text: null, raw, line: entry.line, placeholder: false };
  }
  return { text, raw, line: entry.line, placeholder: false };
}
