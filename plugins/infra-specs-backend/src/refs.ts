// Entity refs as the index stores and compares them: full (kind:namespace/name), lower-case.
// The one place that turns a ref into that form.
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const PRINTABLE_ASCII = /^[ -~]*$/;

/** Lower-case ref, the form stored and compared everywhere in the index. */
export function normalizeRef(ref: string): string {
  // The catalog lower-cases with the en-US locale; for ASCII (nearly every ref) plain
  // toLowerCase gives the same and skips the locale lookup, which showed in refresh profiles.
  return PRINTABLE_ASCII.test(ref)
    ? ref.toLowerCase()
    : ref.toLocaleLowerCase('en-US');
}

/** Lower-case refs, e.g. the claims of a permission condition. */
export function normalizeRefs(refs: string[]): string[] {
  return refs.map(normalizeRef);
}

/** The stored ref of an entity. */
export function entityRefOf(entity: Entity): string {
  return normalizeRef(stringifyEntityRef(entity));
}

/**
 * A ref as people write it (`payments-api`, `group:ops/team`) in stored form; throws
 * when it is not an entity ref.
 */
export function parseRef(
  ref: string,
  defaults: { defaultKind: string; defaultNamespace?: string },
): string {
  return normalizeRef(
    stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: defaults.defaultKind,
        defaultNamespace: defaults.defaultNamespace ?? 'default',
      }),
    ),
  );
}

/** The owner of a component as a stored ref (`group` by default), '' when it has none. */
export function ownerRefOf(entity: Entity): string {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) {
    return '';
  }
  try {
    return parseRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    return normalizeRef(owner);
  }
}

/** The entity ref of a stored spec (Spec entities live in the default namespace). */
export function specEntityRef(name: string): string {
  return `spec:default/${name}`;
}

/** A spec name from a permission resource ref: the name itself or `spec:default/<name>`. */
export function specNameOfRef(ref: string): string {
  return ref.replace(/^spec:(default\/)?/i, '');
}
