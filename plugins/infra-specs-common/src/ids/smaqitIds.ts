/*
 * smaqit ids name a concept (`INF-GPU-NODEPOOL`, `INF-DB-CREDENTIAL-ROTATION`) instead of a number.
 */

/** Prefix of smaqit ids. */
export const SMAQIT_PREFIX = 'INF';

const STOP_WORDS = new Set(
  'a an and as at by for from in into of on or the to with via per new'.split(
    ' ',
  ),
);
const MAX_WORDS = 4;
const MAX_CONCEPT_LENGTH = 40;

/**
 * The smaqit id a title gives: `GPU node pool for fraud scoring` → `INF-GPU-NODE-POOL-FRAUD`.
 * Stop words go and at most four significant words stay (accents folded, at most 40 characters),
 * because smaqit ids in the wild name a short concept (`INF-GPU-NODEPOOL`,
 * `INF-DB-CREDENTIAL-ROTATION`), not the whole title, and their criteria repeat it
 * (`INF-<CONCEPT>-001`). Undefined when no significant ASCII letter or digit is left.
 * @public
 */
export function smaqitIdFromTitle(title: string): string | undefined {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(w => w !== '' && !STOP_WORDS.has(w.toLowerCase()));
  const concept = words
    .slice(0, MAX_WORDS)
    .join('-')
    .slice(0, MAX_CONCEPT_LENGTH)
    .replace(/-+$/, '');
  return concept ? `${SMAQIT_PREFIX}-${concept}` : undefined;
}
