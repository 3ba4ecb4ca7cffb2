/*
 * Entity names for specs: from id + title, DNS-label safe (lower-case letters, digits and `-`,
 * at most 63 characters), with a short suffix from a hash of the path when the name is taken.
 */
import type { SpecDocument } from '../model/types';
import { titleFromPath } from '../parser/fields/header';

const MAX_NAME = 63;
const SUFFIX = 6;

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Cuts a slug to `max` characters, at a `-` when one is close, never ending with `-`. */
function cut(name: string, max: number): string {
  if (name.length <= max) return name;
  const head = name.slice(0, max);
  const dash = head.lastIndexOf('-');
  return (dash >= max - 12 && dash > 0 ? head.slice(0, dash) : head).replace(
    /-+$/,
    '',
  );
}

/** FNV-1a, 32 bits: small, stable across platforms, good enough to tell paths apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(SUFFIX, '0').slice(-SUFFIX);
}

/**
 * A catalog name for a spec: `spec-0042-upgrade-eks-to-1-31`. When `taken` already holds that name,
 * a suffix from the path's hash is added (`spec-007-app-composition-3k9x0a`); deterministic for the
 * same inputs. `taken` is not modified: add the returned name yourself.
 * @public
 */
export function specEntityName(
  document: Pick<SpecDocument, 'id' | 'title'>,
  path: string,
  taken?: ReadonlySet<string>,
): string {
  let base = cut(
    slug([document.id ?? '', document.title ?? ''].join(' ')),
    MAX_NAME,
  );
  if (base === '') base = cut(slug(titleFromPath(path)), MAX_NAME);
  if (base === '') base = 'spec';
  if (!taken?.has(base)) return base;
  const stem = cut(base, MAX_NAME - SUFFIX - 1);
  for (let attempt = 0; ; attempt++) {
    const candidate = `${stem}-${hash(
      attempt === 0 ? path : `${path}#${attempt}`,
    )}`;
    if (!taken.has(candidate)) return candidate;
  }
}
