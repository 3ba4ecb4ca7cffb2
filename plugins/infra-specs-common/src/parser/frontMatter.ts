/*
 * YAML front matter (`---` ... `---` at the very top). Read with `yaml`, whose parser collects
 * errors instead of throwing and limits alias expansion, so a hostile header cannot blow up.
 */
import { parseDocument } from 'yaml';
import type { SpecDiagnostic } from '../model/types';
import { MAX_FRONT_MATTER_CHARS } from './limits';

export interface FrontMatter {
  /** Keys as written, values as YAML gave them; null when there is no usable front matter. */
  data: Record<string, unknown> | null;
  /** 1-based line of each top-level key. */
  keyLines: Record<string, number>;
  /** Number of lines the front matter block takes (0 when there is none); the body starts after them. */
  lineCount: number;
  diagnostics: SpecDiagnostic[];
}

const OPEN = /^---[ \t]*\n/;

export function readFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = {
    data: null,
    keyLines: {},
    lineCount: 0,
    diagnostics: [],
  };
  if (!OPEN.test(text)) return none;
  // Closing delimiter: a line of `---` or `...`.
  let close = -1;
  let pos = text.indexOf('\n') + 1;
  let line = 2;
  while (pos < text.length && pos <= MAX_FRONT_MATTER_CHARS) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const content = text.slice(pos, end).trimEnd();
    if (content === '---' || content === '...') {
      close = pos;
      break;
    }
    pos = end + 1;
    line++;
  }
  if (close < 0) {
    return {
      ...none,
      diagnostics: [
        {
          severity: 'warning',
          line: 1,
          code: 'unterminated-front-matter',
          message:
            pos > MAX_FRONT_MATTER_CHARS
              ? `Front matter has no closing '---' within ${
                  MAX_FRONT_MATTER_CHARS / 1024
                } KB; the file is read as plain markdown`
              : "Front matter opened with '---' is never closed; the file is read as plain markdown",
        },
      ],
    };
  }
  const yamlStart = text.indexOf('\n') + 1;
  const source = text.slice(yamlStart, close);
  const lineCount = line; // the closing delimiter's line number == lines taken
  const result: FrontMatter = {
    data: null,
    keyLines: {},
    lineCount,
    diagnostics: [],
  };
  const doc = parseDocument(source, {
    prettyErrors: false,
    uniqueKeys: false,
    strict: false,
  });
  const newlines: number[] = [];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1))
    newlines.push(i);
  // Line of an offset in the YAML source; the YAML starts on line 2 of the file.
  const lineOf = (offset: number | undefined) => {
    if (offset === undefined) return 2;
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return 2 + lo;
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    result.diagnostics.push({
      severity: 'error',
      line: lineOf(error.pos?.[0]),
      code: 'invalid-front-matter',
      message: `Front matter is not valid YAML: ${
        error.message.split('\n')[0]
      }`,
    });
    return result;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    result.diagnostics.push({
      severity: 'error',
      line: 2,
      code: 'invalid-front-matter',
      message: `Front matter could not be read: ${(e as Error).message}`,
    });
    return result;
  }
  if (data === null || data === undefined) return result;
  if (typeof data !== 'object' || Array.isArray(data)) {
    result.diagnostics.push({
      severity: 'error',
      line: 2,
      code: 'invalid-front-matter',
      message: 'Front matter must be a mapping of keys to values',
    });
    return result;
  }
  result.data = data as Record<string, unknown>;
  type Node = { value?: unknown; range?: number[]; items?: unknown[] };
  const contents = doc.contents as {
    items?: Array<{ key?: Node; value?: Node }>;
  } | null;
  for (const item of contents?.items ?? []) {
    const key = item.key?.value;
    if (typeof key !== 'string' || key in result.keyLines) continue;
    result.keyLines[key] = lineOf(item.key?.range?.[0]);
    // `created: [TIMESTAMP]` is a YAML list to YAML but a template placeholder to us: keep the
    // source text of collections so that placeholders stay visible.
    const range = item.value?.range;
    if (item.value && Array.isArray(item.value.items) && range) {
      result.data[key] = source.slice(range[0], range[1]).trim();
    }
  }
  return result;
}
