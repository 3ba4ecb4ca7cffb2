import { createHash } from 'node:crypto';
import {
  createSpecFormatRegistry,
  defaultSpecFormats,
  isSpecFile,
  lintSpecSet,
  parseSpec,
  SPEC_ID_PREFIX_PATTERN,
  SPEC_PARSER_VERSION,
  specEntityName,
  type SpecDocument,
  type SpecFormatDefinition,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecParser } from './SpecParser';

/** Bump when the columns derived from documents change, to re-parse every stored spec. */
const INDEX_VERSION = 1;

/**
 * A recognised, filled-in document: isSpecFile then judges by the path alone (names such as
 * plan.md, folders such as templates/), which lets the refresh skip parsing those files.
 */
const PATH_PROBE = {
  format: defaultSpecFormats[0].name,
  blank: false,
} as SpecDocument;

/** The parser of infra-specs-common bound to the default formats plus `extraFormats`. */
export function createSpecParser(
  extraFormats: ReadonlyArray<SpecFormatDefinition> = [],
): SpecParser {
  const registry = createSpecFormatRegistry([
    ...defaultSpecFormats,
    ...extraFormats,
  ]);
  // Formats are code; their names stand for them. A module that changes how its format reads
  // should rename it or bump the parser version.
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        index: INDEX_VERSION,
        parser: SPEC_PARSER_VERSION,
        formats: registry.formats.map(f => f.name),
      }),
    )
    .digest('hex')
    .slice(0, 32);

  // A prefix that is not a numbered-id prefix (smaqit's concept ids) has no counter.
  const idPrefixes = [
    ...new Set(
      registry.formats.flatMap(f =>
        f.idPrefix && SPEC_ID_PREFIX_PATTERN.test(f.idPrefix) ? [f.idPrefix.toUpperCase()] : [],
      ),
    ),
  ];

  return {
    fingerprint,
    idPrefixes,
    parse: (markdown, path) => parseSpec(markdown, { path, formats: registry }),
    isSpec: (path, document) => isSpecFile(path, document),
    mayBeSpec: path => isSpecFile(path, PATH_PROBE),
    lintSet: entries => lintSpecSet(entries),
    entityName: (document, path, taken) => specEntityName(document, path, taken),
  };
}
