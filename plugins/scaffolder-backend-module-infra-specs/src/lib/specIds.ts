/*
 * Id allocation for new specs. Pure: the callers gather the ids already known (workspace
 * files, the specs backend) and this decides the next one.
 */

/** The short format names the scaffolder actions take. */
export type CreateFormat = 'feature' | 'change' | 'smaqit';

/** Default prefix of numbered ids per format (smaqit ids are named after a concept instead). */
export const DEFAULT_ID_PREFIX: Record<
  Exclude<CreateFormat, 'smaqit'>,
  string
> = {
  change: 'SPEC',
  feature: 'FEAT',
};

const PREFIX = /^[A-Za-z][A-Za-z0-9]{0,31}$/;
const NUMBERED = /^([A-Za-z][A-Za-z0-9]{0,31})-0*(\d{1,9})$/;

/** Digits of the number part: `SPEC-0042` (as the change template has it), `FEAT-012`. */
export function idWidth(prefix: string): number {
  return prefix.toUpperCase() === 'SPEC' ? 4 : 3;
}

export function isValidIdPrefix(prefix: string): boolean {
  return PREFIX.test(prefix);
}

/** The number of `id` when it is `<prefix>-<digits>` (case-insensitive), else undefined. */
export function idNumber(id: string, prefix: string): number | undefined {
  const match = NUMBERED.exec(id.trim());
  if (!match || match[1].toUpperCase() !== prefix.toUpperCase()) {
    return undefined;
  }
  return Number(match[2]);
}

export function formatNumberedId(prefix: string, value: number): string {
  const key = prefix.toUpperCase();
  return `${key}-${String(value).padStart(idWidth(key), '0')}`;
}

/**
 * The next numbered id: one above the highest `known` id of the prefix, or the backend's
 * offer when that is higher (the backend never hands an id out twice, so its offer is
 * already free there; the workspace may know newer files it has not indexed yet).
 */
export function nextNumberedId(
  prefix: string,
  known: Iterable<string>,
  offered?: string,
): string {
  let highest = 0;
  for (const id of known) {
    const value = idNumber(id, prefix);
    if (value !== undefined && value > highest) {
      highest = value;
    }
  }
  const offeredValue = offered ? idNumber(offered, prefix) : undefined;
  const next = Math.max(highest + 1, offeredValue ?? 0);
  return formatNumberedId(prefix, next);
}

/**
 * The concept part of a smaqit id from a title: `NAT gateway (per AZ)` -> `NAT-GATEWAY-PER-AZ`.
 * Accents are folded; anything but letters and digits separates words.
 */
export function conceptFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** A file name slug: `Upgrade EKS to 1.31` -> `upgrade-eks-to-1-31`. */
export function slugify(title: string, maxLength = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'spec';
}

export interface AllocateSpecIdOptions {
  format: CreateFormat;
  title: string;
  /** Prefix of numbered ids; defaults by format (`SPEC`, `FEAT`). Ignored for smaqit. */
  prefix?: string;
  /** Ids already used (workspace files, indexed specs). */
  known: Iterable<string>;
  /** The specs backend's next free id for the prefix, when it answered. */
  offered?: string;
}

export type AllocatedSpecId =
  | { ok: true; id: string }
  | { ok: false; reason: string };

/** Picks the id of a new spec. Never returns an id in `known`. */
export function allocateSpecId(
  options: AllocateSpecIdOptions,
): AllocatedSpecId {
  const known = new Set([...options.known].map(id => id.trim().toUpperCase()));
  if (options.format === 'smaqit') {
    const concept = conceptFromTitle(options.title);
    if (!concept) {
      return {
        ok: false,
        reason: `Cannot name a smaqit spec after the title '${options.title}': it has no letters or digits; pass an id (INF-<CONCEPT>)`,
      };
    }
    const id = `INF-${concept}`;
    if (known.has(id)) {
      return {
        ok: false,
        reason: `${id} is already used by another spec; choose another title or pass an id`,
      };
    }
    return { ok: true, id };
  }
  const prefix = (
    options.prefix ?? DEFAULT_ID_PREFIX[options.format]
  ).toUpperCase();
  if (!isValidIdPrefix(prefix)) {
    return {
      ok: false,
      reason: `'${prefix}' is not an id prefix: use a letter followed by up to 31 letters or digits`,
    };
  }
  return { ok: true, id: nextNumberedId(prefix, known, options.offered) };
}
