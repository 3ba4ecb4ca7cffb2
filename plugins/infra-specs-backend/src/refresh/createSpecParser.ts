import { createHash } from 'node:crypto';
import {
  checkEvidence,
  type CostDriftThresholds,
  createSpecFormatRegistry,
  DEFAULT_COST_DRIFT_THRESHOLDS,
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
import { loadFormatModule } from './formatModules';
import { ParserPool } from './ParserPool';
import parseDocuments from './parseWorker';
import type { SpecParser } from './SpecParser';

export interface SpecParserOptions {
  /** Formats added as objects: parsed on the main thread only (a worker cannot be sent functions). */
  formats?: ReadonlyArray<SpecFormatDefinition>;
  /** Formats added as module paths, which worker threads load themselves. */
  formatModules?: ReadonlyArray<string>;
  /** Worker threads for `parseMany`; 0 (the default) parses on the calling thread. */
  workers?: number;
  /** How long one batch of documents may take in a worker before it is cut off. */
  timeoutMs?: number;
  /** When a claimed cost drifts from its estimate (`infraSpecs.evidence.costDrift`). */
  costDrift?: CostDriftThresholds;
}

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

/**
 * The parser of infra-specs-common bound to the default formats plus the added ones, with a
 * worker pool for `parseMany` unless `workers` is 0 or a format was added as an object.
 */
export function createSpecParser(options: SpecParserOptions = {}): SpecParser {
  const formatModules = [...(options.formatModules ?? [])];
  const objectFormats = options.formats ?? [];
  // Module formats come after the defaults, as the workers register them.
  const registry = createSpecFormatRegistry([
    ...defaultSpecFormats,
    ...formatModules.flatMap(loadFormatModule),
    ...objectFormats,
  ]);
  const costDrift = options.costDrift ?? DEFAULT_COST_DRIFT_THRESHOLDS;
  // Formats are code; their names stand for them. A module that changes how its format reads
  // should rename it or bump the parser version. New drift thresholds judge every spec again.
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        index: INDEX_VERSION,
        parser: SPEC_PARSER_VERSION,
        formats: registry.formats.map(f => f.name),
        costDrift: [costDrift.driftShare, costDrift.driftAmount],
      }),
    )
    .digest('hex')
    .slice(0, 32);

  // A prefix that is not a numbered-id prefix (smaqit's concept ids) has no counter.
  const idPrefixes = [
    ...new Set(
      registry.formats.flatMap(f =>
        f.idPrefix && SPEC_ID_PREFIX_PATTERN.test(f.idPrefix)
          ? [f.idPrefix.toUpperCase()]
          : [],
      ),
    ),
  ];

  const parse = (markdown: string, path: string) =>
    parseSpec(markdown, { path, formats: registry });
  const pool =
    (options.workers ?? 0) > 0 && objectFormats.length === 0
      ? new ParserPool({
          workers: options.workers!,
          timeoutMs: options.timeoutMs ?? 10_000,
          formatModules,
        })
      : undefined;

  return {
    fingerprint,
    idPrefixes,
    workers: pool?.workers ?? 0,
    parse,
    parseMany: async documents => {
      if (pool) return pool.parseMany(documents);
      // Without object formats this thread runs what the workers run (and the build keeps the
      // worker's module, which nothing else imports).
      const parsed = objectFormats.length
        ? documents.map(d => parse(d.markdown, d.path))
        : parseDocuments({ documents, formatModules });
      return parsed.map(document => ({ document }));
    },
    close: async () => pool?.close(),
    checkEvidence: (document, evidence) =>
      checkEvidence(document, evidence, costDrift),
    isSpec: (path, document) => isSpecFile(path, document),
    mayBeSpec: path => isSpecFile(path, PATH_PROBE),
    lintSet: entries => lintSpecSet(entries),
    entityName: (document, path, taken) =>
      specEntityName(document, path, taken),
  };
}
