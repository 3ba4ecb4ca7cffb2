import * as common from '@infra-specs/backstage-plugin-infra-specs-common';
import type {
  SpecDiagnostic,
  SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { createHash } from 'node:crypto';
import type { SpecParser } from './SpecParser';

type SpecFormatDefinition = { name: string } & Record<string, unknown>;

// The parser API promised by infra-specs-common (written in parallel); typed here until it lands.
interface CommonParserApi {
  parseSpec(markdown: string, options?: { path?: string; formats?: unknown }): SpecDocument;
  isSpecFile(path: string, document: SpecDocument): boolean;
  lintSpecSet(entries: Array<{ path: string; document: SpecDocument }>): Map<string, SpecDiagnostic[]>;
  specEntityName(document: SpecDocument, path: string, taken?: Set<string>): string;
  createSpecFormatRegistry(formats: SpecFormatDefinition[]): unknown;
  defaultSpecFormats: SpecFormatDefinition[];
}

/** Bump when the columns derived from documents change, to re-parse every stored spec. */
const INDEX_VERSION = 1;

function commonVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@infra-specs/backstage-plugin-infra-specs-common/package.json').version;
  } catch {
    return 'unknown';
  }
}

/** The parser of infra-specs-common bound to the default formats plus `extraFormats`. */
export function createSpecParser(extraFormats: SpecFormatDefinition[] = []): SpecParser {
  const api = common as unknown as CommonParserApi;
  if (typeof api.parseSpec !== 'function') {
    throw new Error('infra-specs-common does not export parseSpec yet');
  }
  const formats = [...api.defaultSpecFormats, ...extraFormats];
  const registry = api.createSpecFormatRegistry(formats);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        index: INDEX_VERSION,
        common: commonVersion(),
        formats: formats.map(f => [f.name, f.version ?? null]),
      }),
    )
    .digest('hex')
    .slice(0, 32);

  return {
    fingerprint,
    parse: (markdown, path) => api.parseSpec(markdown, { path, formats: registry }),
    isSpec: (path, document) => api.isSpecFile(path, document),
    lintSet: entries => api.lintSpecSet(entries),
    entityName: (document, path, taken) => api.specEntityName(document, path, taken),
  };
}
