/*
 * Numbered spec ids (`SPEC-0042`, `FEAT-012`, `INFRA-7`): the one definition the store, the router,
 * the scaffolder, the CLI and the frontend use. Pure functions, no Backstage imports.
 */
import { SMAQIT_PREFIX } from './smaqitIds';

const PREFIX = '[A-Za-z][A-Za-z0-9]{0,31}';
// Leading zeros are padding, not part of the number's nine digits (`SPEC-0000000042` is 42).
const DIGITS = '0*\\d{1,9}';

/** A prefix of numbered ids: a letter and up to 31 letters or digits (`SPEC`, `FEAT`, `INFRA`). @public */
export const SPEC_ID_PREFIX_PATTERN: RegExp = new RegExp(`^${PREFIX}$`);

/**
 * The shape of any spec id: letters, then dash-separated letters or digits (`SPEC-0042`, `FEAT-012`,
 * `INF-NAT-GATEWAY`).
 * @public
 */
export const SPEC_ID_PATTERN: RegExp = /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+$/;

const NUMBERED = new RegExp(`^(${PREFIX})-(${DIGITS})$`);

/** A numbered id taken apart. @public */
export interface NumberedSpecId {
  /** Upper-case: `spec-7` has the prefix `SPEC`. */
  prefix: string;
  number: number;
  /** Digits as written, padding included: 4 for `SPEC-0042`. */
  width: number;
}

/** `SPEC-0042` → `{ prefix: 'SPEC', number: 42, width: 4 }`; undefined for other ids (`INF-NAT-GATEWAY`, `SPEC-XXXX`). @public */
export function parseNumberedId(id: string): NumberedSpecId | undefined {
  const match = NUMBERED.exec(id.trim());
  if (!match) {
    return undefined;
  }
  return {
    prefix: match[1].toUpperCase(),
    number: Number(match[2]),
    width: match[2].length,
  };
}

/** Digits a new id of the prefix gets when no id in use says otherwise: `SPEC-NNNN`, as the change template writes it, else `<PREFIX>-NNN`. */
function defaultWidth(prefix: string): number {
  return prefix.toUpperCase() === 'SPEC' ? 4 : 3;
}

/**
 * `SPEC`, 42 → `SPEC-0042`; `width` defaults to the prefix's (4 for `SPEC`, 3 otherwise). Numbers
 * wider than that keep all their digits (`SPEC-10000`).
 * @public
 */
export function formatNumberedId(
  prefix: string,
  number: number,
  width: number = defaultWidth(prefix),
): string {
  return `${prefix.toUpperCase()}-${String(number).padStart(width, '0')}`;
}

/**
 * The next numbered id of `prefix`: one above the highest of the `known` ids of that prefix, or
 * `offered` (the specs backend's next free id) when that is higher: the backend never hands an id
 * out twice, the caller may know newer files the backend has not indexed yet. It is written with
 * the widest digit count among the known ids of the prefix (a folder of `SPEC-007` gets `SPEC-008`),
 * else the prefix's default width.
 * @public
 */
export function nextNumberedId(
  prefix: string,
  known: Iterable<string>,
  offered?: string,
): string {
  const key = prefix.toUpperCase();
  let highest = 0;
  let width = 0;
  for (const id of known) {
    const numbered = parseNumberedId(id);
    if (numbered?.prefix === key) {
      highest = Math.max(highest, numbered.number);
      width = Math.max(width, numbered.width);
    }
  }
  const offer = offered ? parseNumberedId(offered) : undefined;
  const next = Math.max(highest + 1, offer?.prefix === key ? offer.number : 0);
  return formatNumberedId(key, next, width || defaultWidth(key));
}

/**
 * Every id of `prefix` mentioned in a text (a file name, a markdown file), upper-case, each once:
 * `<PREFIX>-<digits>` for a numbered prefix, also at the start of a longer name
 * (`SPEC-0042-eks.md`); for `INF`, the smaqit ids `INF-<CONCEPT>`.
 * @public
 */
export function findSpecIds(text: string, prefix: string): string[] {
  const key = prefix.toUpperCase();
  if (!SPEC_ID_PREFIX_PATTERN.test(key)) {
    return [];
  }
  const pattern =
    key === SMAQIT_PREFIX
      ? /\bINF-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/gi
      : new RegExp(`\\b${key}-${DIGITS}\\b`, 'gi');
  return [...new Set([...text.matchAll(pattern)].map(m => m[0].toUpperCase()))];
}
