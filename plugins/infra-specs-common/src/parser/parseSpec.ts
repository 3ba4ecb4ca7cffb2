/*
 * parseSpec: markdown -> normalized SpecDocument. Never throws: guards run first (binary, size,
 * nesting), every later failure becomes a diagnostic, and a last-resort catch turns anything
 * unexpected into an `internal-error` diagnostic.
 */
import type {
  SpecDiagnostic,
  SpecDocument,
  SpecFieldLines,
} from '../model/types';
import { DocumentContext } from './context';
import { readMarkdown, type MarkdownStructure } from './document';
import { readSpecFields, type SpecFields } from './fields/readSpecFields';
import { titleFromPath } from './fields/header';
import { readFrontMatter } from './frontMatter';
import {
  limitNesting,
  looksBinary,
  normalizeNewlines,
  truncateInput,
} from './guards';
import { MAX_PARSE_CHARS } from './limits';
import { defaultSpecFormatRegistry } from './formats/registry';
import type { SpecFormatDefinition, SpecFormatRegistry } from './formats/types';
import { statusPhase } from '../vocabulary/statuses';
import { findEvidenceLinks } from '../evidence/links';
import {
  checkEvidence,
  type SpecEvidenceOptions,
} from '../evidence/checkEvidence';

/** @public */
export interface ParseSpecOptions {
  /** Path of the file (used in titles of untitled documents and in diagnostics of other checks). */
  path?: string;
  /** Formats to recognise; the three default formats when omitted. */
  formats?: SpecFormatRegistry;
  /**
   * The spec's evidence files as read (see evidenceTargetsOf, readInfracostEstimate,
   * readTerraformPlan): checks the spec against them as checkEvidence does. Passing it, even
   * empty, turns evidence checking on (`cost-unverified` for a claimed cost without an estimate).
   */
  evidence?: SpecEvidenceOptions;
}

/**
 * Changes whenever the parser can read the same markdown differently; stored documents parsed by
 * another version should be parsed again.
 * @public
 */
export const SPEC_PARSER_VERSION = '1.2.0';

const MAX_DIAGNOSTICS = 500;
const MAX_EMPTY_HEADING_REPORTS = 20;

function emptyDocument(
  path: string | undefined,
  diagnostics: SpecDiagnostic[],
): SpecDocument {
  return {
    id: null,
    title: titleFromPath(path),
    format: 'unknown',
    status: 'unknown',
    statusText: null,
    complexity: null,
    author: null,
    created: null,
    updated: null,
    issue: null,
    impact: {
      blastRadius: { level: 'unknown', text: null },
      rollback: null,
      downtime: null,
    },
    cost: { monthlyDelta: null, currency: null, items: [] },
    acceptance: { total: 0, done: 0 },
    checklists: { total: 0, done: 0 },
    openClarifications: [],
    requirements: [],
    successCriteria: [],
    diagnostics,
    component: null,
    summary: null,
    rollbackPlan: false,
    blank: false,
    plan: null,
    evidence: [],
  };
}

function emptyStructure(): MarkdownStructure {
  return {
    sections: [
      { title: '', key: '', level: 0, line: 1, index: 0, end: 0, parent: null },
    ],
    paragraphs: [],
    items: [],
    tables: [],
    emptyHeadings: [],
  };
}

function finish(diagnostics: SpecDiagnostic[]): SpecDiagnostic[] {
  // Stable sort by line keeps the reading order of diagnostics on the same line.
  const sorted = diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.i - b.i)
    .map(x => x.d);
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const kept = sorted.slice(0, MAX_DIAGNOSTICS);
  kept.push({
    severity: 'info',
    line: kept[kept.length - 1].line,
    code: 'too-many-diagnostics',
    message: `${
      sorted.length - MAX_DIAGNOSTICS
    } more diagnostics were left out`,
  });
  return kept;
}

function cleanLines(lines: SpecFieldLines | undefined): SpecFieldLines {
  const out: SpecFieldLines = {};
  for (const [key, value] of Object.entries(lines ?? {})) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0)
      out[key as keyof SpecFieldLines] = value;
  }
  return out;
}

function chooseFormat(
  ctx: DocumentContext,
  registry: SpecFormatRegistry,
): SpecFormatDefinition | null {
  let best: SpecFormatDefinition | null = null;
  let bestScore = 0;
  for (const format of registry.formats) {
    let score = 0;
    try {
      score = Number(format.recognise(ctx)) || 0;
    } catch (e) {
      ctx.report(
        'warning',
        1,
        'format-error',
        `Format '${format.name}' failed to recognise the document: ${
          (e as Error)?.message ?? e
        }`,
      );
    }
    if (score > 0 && score >= bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}

function parse(markdown: string, options: ParseSpecOptions): SpecDocument {
  const { path } = options;
  const diagnostics: SpecDiagnostic[] = [];
  if (typeof markdown !== 'string') {
    diagnostics.push({
      severity: 'error',
      line: 1,
      code: 'invalid-input',
      message: `Expected markdown text, got ${typeof markdown}`,
    });
    return emptyDocument(path, diagnostics);
  }
  if (markdown.trim() === '') {
    diagnostics.push({
      severity: 'warning',
      line: 1,
      code: 'empty-document',
      message: 'The file is empty',
    });
    return emptyDocument(path, diagnostics);
  }
  if (looksBinary(markdown)) {
    diagnostics.push({
      severity: 'error',
      line: 1,
      code: 'binary-content',
      message: 'The file holds binary data, not markdown text',
    });
    return emptyDocument(path, diagnostics);
  }
  const input = truncateInput(markdown);
  if (input.truncated) {
    diagnostics.push({
      severity: 'warning',
      line: 1,
      code: 'too-large',
      message: `The file has ${(markdown.length / 1048576).toFixed(
        1,
      )} M characters; only the first ${MAX_PARSE_CHARS / 1048576} M were read`,
    });
  }
  const text = normalizeNewlines(input.text);
  const frontMatter = readFrontMatter(text);
  diagnostics.push(...frontMatter.diagnostics);
  let body = text;
  if (frontMatter.lineCount > 0) {
    let offset = 0;
    for (let i = 0; i < frontMatter.lineCount && offset >= 0; i++)
      offset = text.indexOf('\n', offset) + 1 || -1;
    body = offset > 0 ? text.slice(offset) : '';
  }
  const nesting = limitNesting(body);
  if (nesting.firstChangedLine !== null) {
    diagnostics.push({
      severity: 'warning',
      line: nesting.firstChangedLine + frontMatter.lineCount,
      code: 'too-deeply-nested',
      message:
        'Lists or quotes are nested too deeply; the deepest levels were read as flat text',
    });
  }
  let structure: MarkdownStructure;
  try {
    structure = readMarkdown(nesting.text, frontMatter.lineCount + 1);
  } catch (e) {
    diagnostics.push({
      severity: 'error',
      line: 1,
      code: 'unreadable-markdown',
      message: `The markdown could not be read: ${(e as Error)?.message ?? e}`,
    });
    structure = emptyStructure();
  }
  const ctx = new DocumentContext(
    path,
    frontMatter.data,
    frontMatter.keyLines,
    structure,
  );
  const format = chooseFormat(
    ctx,
    options.formats ?? defaultSpecFormatRegistry(),
  );
  let fields: SpecFields;
  if (format) {
    try {
      fields = format.read(ctx);
    } catch (e) {
      ctx.report(
        'warning',
        1,
        'format-error',
        `Format '${format.name}' failed to read the document: ${
          (e as Error)?.message ?? e
        }`,
      );
      fields = readSpecFields(ctx);
    }
  } else {
    ctx.report(
      'warning',
      1,
      'unknown-format',
      'The document matches none of the known spec formats; fields were read where found',
    );
    fields = readSpecFields(ctx);
  }

  structure.emptyHeadings
    .slice(0, MAX_EMPTY_HEADING_REPORTS)
    .forEach(line =>
      ctx.report('info', line, 'empty-heading', 'Heading without text'),
    );
  if (format && !fields.blank) {
    if (fields.id === null)
      ctx.report(
        'warning',
        fields.lines?.title ?? 1,
        'missing-id',
        'The spec states no id',
      );
    if (fields.title === '')
      ctx.report('warning', 1, 'missing-title', 'The spec has no title');
  }
  // Approved or done: the spec says it is ready, so what it still leaves open is an error.
  if (fields.status === 'approved' || statusPhase(fields.status) === 'done') {
    const placeholders = ctx.diagnostics.filter(
      d => d.code === 'placeholder',
    ).length;
    const open = fields.openClarifications.length;
    if (placeholders > 0 || open > 0) {
      const parts = [
        placeholders > 0
          ? `${placeholders} placeholder${placeholders > 1 ? 's' : ''}`
          : '',
        open > 0 ? `${open} open clarification${open > 1 ? 's' : ''}` : '',
      ].filter(Boolean);
      ctx.report(
        'error',
        fields.lines?.status ?? 1,
        'incomplete-approved-spec',
        `Status is '${fields.status}' but the spec still has ${parts.join(
          ' and ',
        )}`,
      );
    }
  }
  const evidence = findEvidenceLinks(ctx);
  return {
    ...fields,
    format: format?.name ?? 'unknown',
    lines: cleanLines(fields.lines),
    blank: Boolean(fields.blank),
    plan: null,
    evidence,
    diagnostics: finish([...diagnostics, ...ctx.diagnostics]),
  };
}

function withEvidence(
  document: SpecDocument,
  evidence: SpecEvidenceOptions | undefined,
): SpecDocument {
  if (!evidence) return document;
  try {
    return checkEvidence(document, evidence, evidence.thresholds);
  } catch (e) {
    return {
      ...document,
      diagnostics: [
        ...document.diagnostics,
        {
          severity: 'error',
          line: 1,
          code: 'internal-error',
          message: `Checking the evidence failed unexpectedly: ${
            (e as Error)?.message ?? String(e)
          }`,
        },
      ],
    };
  }
}

/**
 * Reads a spec document. Never throws, whatever the input: problems are diagnostics.
 * @public
 */
export function parseSpec(
  markdown: string,
  options: ParseSpecOptions = {},
): SpecDocument {
  try {
    return withEvidence(parse(markdown, options ?? {}), options?.evidence);
  } catch (e) {
    return emptyDocument(options?.path, [
      {
        severity: 'error',
        line: 1,
        code: 'internal-error',
        message: `The parser failed unexpectedly: ${
          (e as Error)?.message ?? String(e)
        }`,
      },
    ]);
  }
}

/**
 * The diagnostics of one document, sorted by line.
 * @public
 */
export function lintSpec(
  markdown: string,
  options: ParseSpecOptions = {},
): SpecDiagnostic[] {
  return parseSpec(markdown, options).diagnostics;
}
