import { nextNumberedId, SPEC_ID_PREFIX_PATTERN } from './numberedIds';
import { SPEC_SHORT_FORMATS, type SpecShortFormat } from './shortFormats';
import { smaqitIdFromTitle } from './smaqitIds';

/** @public */
export interface AllocateSpecIdOptions {
  format: SpecShortFormat;
  title: string;
  /** Prefix of numbered ids; default the format's (`SPEC`, `FEAT`). Ignored for smaqit. */
  prefix?: string;
  /** Ids already used (files in a folder or workspace, indexed specs), any case. */
  known: Iterable<string>;
  /** The specs backend's next free id of the prefix, when it answered. */
  offered?: string;
}

/** @public */
export type AllocatedSpecId =
  | { ok: true; id: string }
  | { ok: false; reason: string };

/**
 * The id of a new spec, the same for the scaffolder and the CLI: the next numbered id of the
 * prefix (see {@link nextNumberedId}), or the smaqit id of the title (see
 * {@link smaqitIdFromTitle}). Never an id in `known`: a smaqit concept already used is refused
 * with the reason, as is a title without a concept and a malformed prefix.
 * @public
 */
export function allocateSpecId(
  options: AllocateSpecIdOptions,
): AllocatedSpecId {
  if (options.format === 'smaqit') {
    const id = smaqitIdFromTitle(options.title);
    if (!id) {
      return {
        ok: false,
        reason: `Cannot name a smaqit spec after the title '${options.title}': it has no significant letters or digits; pass an id (INF-<CONCEPT>)`,
      };
    }
    const known = new Set([...options.known].map(k => k.trim().toUpperCase()));
    if (known.has(id)) {
      return {
        ok: false,
        reason: `${id} is already used by another spec; choose another title or pass an id`,
      };
    }
    return { ok: true, id };
  }
  const prefix = (
    options.prefix ?? SPEC_SHORT_FORMATS[options.format].idPrefix
  ).toUpperCase();
  if (!SPEC_ID_PREFIX_PATTERN.test(prefix)) {
    return {
      ok: false,
      reason: `'${prefix}' is not an id prefix: use a letter followed by up to 31 letters or digits`,
    };
  }
  return {
    ok: true,
    id: nextNumberedId(prefix, options.known, options.offered),
  };
}
