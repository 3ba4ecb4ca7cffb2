import { readFileSync } from 'fs';
import { join } from 'path';

/** A markdown fixture from src/__fixtures__. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', '__fixtures__', name), 'utf8');
}

/** The diagnostics of a document as `line code` strings, for compact assertions. */
export function codes(
  diagnostics: Array<{ line: number; code: string }>,
): string[] {
  return diagnostics.map(d => `${d.line} ${d.code}`);
}
