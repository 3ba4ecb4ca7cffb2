import {
  parseSpec,
  type SpecDiagnostic,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { EvidenceReader } from './evidence';
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
 * input (so the shape is the parser's own) whose only diagnostic is `unreadable-file`. With an
 * evidence reader, the document is checked against the evidence files it links.
 */
export async function readSpecDocument(
  path: string,
  absolute: string,
  evidence?: EvidenceReader | null,
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
  const document = parseSpec(read.text, { path });
  if (!evidence) return { document, text: read.text };
  // Parsed twice: the links come from the document, and the parser takes the files as input.
  return {
    document: parseSpec(read.text, {
      path,
      evidence: await evidence.read({ absolute, document }),
    }),
    text: read.text,
  };
}
