/** Characters of markdown read per document; the rest of a larger file is ignored with a `too-large` warning. */
export const MAX_PARSE_CHARS = 2 * 1024 * 1024;
/** Front matter longer than this is not read as YAML (`invalid-front-matter`). */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;
/** Leading whitespace columns kept per line: bounds list nesting (and marked's recursion). */
export const MAX_INDENT_COLUMNS = 40;
/** Container markers (`>`, `-`, `1.`) kept at the start of one line. */
export const MAX_LINE_MARKERS = 8;
/** Characters of a summary. */
export const MAX_SUMMARY_CHARS = 500;
/** Characters kept of one free-text field (blast radius text, clarification). */
export const MAX_FIELD_CHARS = 1000;
