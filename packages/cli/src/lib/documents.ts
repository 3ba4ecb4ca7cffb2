import {
  parseSpec,
  type SpecDiagnostic,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { readTextFile } from './files';

/** The diagnostic of a file that could not be read at all. */
export function unreadableDiagnostic(message: string): SpecDiagnostic {
  return {
    severity: 'error',
    line: 1,
    code: 'unreadable-file',
    message: `The file cannot be read: ${message}`,
  };
}

/**
 * The normalized document of a file. A file that cannot be read gives the document of an empty
 * input (so the shape is the parser's own) whose only diagnostic is `unreadable-file`.
 */
export async function readSpecDocument(
  path: string,
  absolute: string,
): Promise<{ document: SpecDocument; text: string | null }> {
  const read = await readTextFile(absolute);
  if ('error' in read) {
    return {
      document: {
        ...parseSpec('', { path }),
        diagnostics: [unreadableDiagnostic(read.error)],
      },
      text: null,
    };
  }
  return { document: parseSpec(read.text, { path }), text: read.text };
}
