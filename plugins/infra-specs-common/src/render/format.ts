/*
 * How values are written into a spec so that the parser reads them back: money with sign, symbol
 * and code (`+$350.00 USD`), the blast radius as `Level — text`, the issue as a markdown link.
 */
import type { BlastRadiusLevel } from '../model/types';
import { findPlaceholder } from '../parser/placeholders';
import { BLAST_RADIUS_LEVELS } from '../vocabulary/levels';
import { normalizeBlastRadius } from '../vocabulary/normalize';
import type { MarkdownValue } from './engine';
import { escapeMarkdownText, singleLine } from './escape';

// Only unambiguous symbols; `$` alone means USD to the parser, so other dollars are written as codes.
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/**
 * `+$350.00 USD`, `-$120.00 USD`, `$0.00 USD`, `+350.00 CHF` with `signed` and `withCode`;
 * `$96.00`, `96.00 CHF` without. Amounts are rounded to cents.
 */
export function formatMoney(
  amount: number,
  currency: string,
  options: { signed?: boolean; withCode?: boolean } = {},
): string {
  const cents = Math.round(amount * 100);
  const digits = (Math.abs(cents) / 100).toFixed(2);
  let sign = '';
  if (cents < 0) sign = '-';
  else if (cents > 0 && options.signed) sign = '+';
  const symbol = SYMBOLS[currency];
  if (!symbol) return `${sign}${digits} ${currency}`;
  return `${sign}${symbol}${digits}${options.withCode ? ` ${currency}` : ''}`;
}

/**
 * True when a description written alone would be read as something else: the parser takes a
 * leading level word as the level (`Limited to staging` is low) and `Low / High` as the
 * template's unfilled choices.
 */
function readsAsLevel(text: string): boolean {
  const read = normalizeBlastRadius(text);
  return (
    read.value !== 'unknown' ||
    (read.diagnostic !== undefined && findPlaceholder(text) === null)
  );
}

/**
 * The Blast Radius cell: `High — text`, `High`, or the text alone when there is no level; `Unknown —
 * text` when the text alone would be read as a level.
 */
export function formatBlastRadius(
  level: BlastRadiusLevel | null | undefined,
  text: string | null | undefined,
): MarkdownValue | undefined {
  const labelOf = (value: BlastRadiusLevel) =>
    BLAST_RADIUS_LEVELS.find(entry => entry.value === value)?.label;
  const plainText = text ? singleLine(text) : '';
  let label = level && level !== 'unknown' ? labelOf(level) : undefined;
  if (!label && !plainText) return undefined;
  if (!label && readsAsLevel(plainText)) label = labelOf('unknown');
  if (!label) {
    return { markdown: escapeMarkdownText(plainText), plain: plainText };
  }
  if (!plainText) return { markdown: label, plain: label };
  return {
    markdown: `${label} — ${escapeMarkdownText(plainText)}`,
    plain: `${label} — ${plainText}`,
  };
}

const ISSUE_NUMBER =
  /\/(?:issues|pull|pulls|merge_requests|work_items)\/(\d+)\/?$/;
const TICKET_KEY = /\/browse\/([A-Z][A-Z0-9]+-\d+)\/?$/;

/**
 * An http(s) link as `[#12](url)` (GitHub/GitLab issues and pull requests), `[OPS-7](url)` (Jira) or
 * `<url>`; anything else is a plain reference and is escaped like other text.
 */
export function formatIssue(issue: string): MarkdownValue | string {
  const value = singleLine(issue);
  if (!/^https?:\/\//i.test(value)) return value;
  // Characters that would end the link destination are percent-encoded.
  const url = value.replace(
    /[\s()<>]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  const number = ISSUE_NUMBER.exec(url);
  const key = TICKET_KEY.exec(url);
  let markdown = `<${url}>`;
  if (number) markdown = `[#${number[1]}](${url})`;
  else if (key) markdown = `[${key[1]}](${url})`;
  return { markdown, plain: url };
}
