/*
 * Calendar dates in metadata values. Only unambiguous forms are read: ISO, year-first with
 * slashes or dots, and forms with a month name. `03/04/2026` is left alone (day or month first?).
 */
import { isPlaceholder } from './placeholders';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

// Each pattern is anchored at the start; what follows the date must not continue a number.
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/;
const MONTH_NAME_FIRST =
  /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/;
const DAY_FIRST =
  /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)/;

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999)
    return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(
    2,
    '0',
  )}-${String(day).padStart(2, '0')}`;
}

/**
 * An ISO date (`YYYY-MM-DD`) from `2026-07-18`, `2026/07/18`, `July 18, 2026`, `18 Jul 2026` or an ISO
 * datetime; text after the date is ignored (`2026-04-18 (migrated)`). Placeholders and invalid
 * calendar dates give null.
 * @public
 */
export function parseDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const value = text.replace(/[*_`]/g, '').trim();
  if (value === '' || value.length > 200 || isPlaceholder(value)) return null;
  let m = YEAR_FIRST.exec(value);
  if (m) return iso(Number(m[1]), Number(m[3]), Number(m[4]));
  m = MONTH_NAME_FIRST.exec(value);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    return month ? iso(Number(m[3]), month, Number(m[2])) : null;
  }
  m = DAY_FIRST.exec(value);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? iso(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}
