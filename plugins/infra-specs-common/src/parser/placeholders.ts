/*
 * Template placeholders: bracketed hints (`[Name]`, `[FEATURE-ID]`, `[1/2/3]`), `YYYY-MM-DD`,
 * `$X` and runs of X in ids (`SPEC-XXXX`, `#XXX`). A field that holds one is unfilled.
 */

const MAX_HINT = 200;
const X_RUN = /(?:^|[^A-Za-z0-9])(?:\$X+|X{3,})(?![A-Za-z0-9])/;
const DATE_HINT = /YYYY|\bMM-DD\b|\bDD-MM\b/;
const UPPER_HINT = /^[A-Z0-9][A-Z0-9_ /.-]*$/;

/**
 * Finds bracketed hints that are not links (`[x](url)`, `[x][ref]`), checkboxes, footnotes or
 * `[NEEDS CLARIFICATION: ...]` markers. Linear: each `[` looks ahead at most MAX_HINT chars.
 */
function bracketHints(text: string): string[] {
  const hints: string[] = [];
  let open = text.indexOf('[');
  while (open >= 0) {
    const limit = Math.min(text.length, open + MAX_HINT);
    let close = -1;
    for (let i = open + 1; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === 93 /* ] */) {
        close = i;
        break;
      }
      if (c === 91 /* [ */ || c === 10 /* \n */) break;
    }
    if (close < 0) {
      open = text.indexOf('[', open + 1);
      continue;
    }
    const inner = text.slice(open + 1, close);
    const next = text.charAt(close + 1);
    const isLinkText = next === '(' || next === '[' || next === ':';
    const isCheckbox = inner === ' ' || inner === 'x' || inner === 'X';
    const isMarker =
      /^\s*NEEDS CLARIFICATION/i.test(inner) || inner.startsWith('^');
    if (!isLinkText && !isCheckbox && !isMarker && inner.trim() !== '') {
      hints.push(inner);
    } else if (
      isLinkText &&
      next !== ':' &&
      UPPER_HINT.test(inner) &&
      X_RUN.test(inner)
    ) {
      hints.push(inner); // `[#XXX](https://.../issues/XXX)`
    }
    open = text.indexOf('[', close + 1);
  }
  return hints;
}

/** The placeholder a value still holds (`[Name]`, `YYYY-MM-DD`, `$X`, `SPEC-XXXX`), or null when filled. */
export function findPlaceholder(value: string): string | null {
  if (value === '') return null;
  const hints = bracketHints(value);
  if (hints.length > 0) return `[${hints[0]}]`;
  const date = DATE_HINT.exec(value);
  if (date) return date[0] === 'YYYY' ? 'YYYY-MM-DD' : date[0];
  const x = X_RUN.exec(value);
  if (x) {
    // Report the whole word (`SPEC-XXXX`, `#XXX`), not just the run of X.
    let start = x.index;
    let end = x.index + x[0].length;
    while (start > 0 && !/\s/.test(value.charAt(start - 1))) start--;
    while (end < value.length && !/[\s\])]/.test(value.charAt(end))) end++;
    return value.slice(start, end).replace(/^[[(]+/, '');
  }
  return null;
}

/** True when a value is a placeholder or contains one. */
export function isPlaceholder(value: string): boolean {
  return findPlaceholder(value) !== null;
}

const NOT_APPLICABLE = new Set([
  'n/a',
  'na',
  'n.a.',
  'none',
  'tbd',
  'tba',
  'tbc',
  'unknown',
  'pending',
  '-',
  '--',
  '—',
  '–',
  '?',
  'not applicable',
  'to be decided',
  'to be defined',
]);

/** Explicitly empty values (`N/A`, `TBD`, `-`): null without a diagnostic. Checks the first word group. */
export function isNotApplicable(value: string): boolean {
  const plain = value.trim().toLowerCase();
  if (NOT_APPLICABLE.has(plain)) return true;
  // `N/A (foundational)`, `TBD — folded into #1434`; not `Na Li` or `Pending Smith`.
  return /^(n\/a|n\.a\.|na|tbd|tba|tbc|none|pending|unknown)(?=$|\s*[(\-—–:;,.<[])/.test(
    plain,
  );
}
