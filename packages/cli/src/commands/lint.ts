import {
  isSpecFile,
  lintSpec,
  lintSpecSet,
  type SpecDiagnostic,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { readSpecDocument, unreadableDiagnostic } from '../lib/documents';
import { createEvidenceReader, type EvidenceReader } from '../lib/evidence';
import type { EvidenceCliOptions } from '../lib/evidenceOptions';
import { collectMarkdownFiles, compareStrings } from '../lib/files';
import { EXIT, type CliIo } from '../lib/io';

export interface LintResult {
  path: string;
  diagnostics: SpecDiagnostic[];
}

export interface LintSummary {
  /** Markdown files found. */
  files: number;
  /** Of those, the specs that were linted. */
  specs: number;
  /** Markdown that is not a spec (README, plan.md, blank templates...), not linted. */
  skipped: number;
  /** Files or paths that could not be read. */
  unreadable: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface LintReport {
  /** Specs and unreadable paths (and files named explicitly that are not specs), by path. */
  results: LintResult[];
  summary: LintSummary;
}

const NOT_A_SPEC: SpecDiagnostic = {
  severity: 'info',
  line: 1,
  code: 'not-a-spec',
  message:
    'Not linted: the file is not a spec (no known format, a blank template, or a companion file such as plan.md)',
};

/**
 * Lints the specs among the markdown files under `paths`: each spec's own diagnostics (lintSpec)
 * plus the checks across all of them (lintSpecSet: duplicate ids, status against folder). With an
 * evidence reader, each spec is also checked against the Infracost estimate and plan it links.
 */
export async function lintPaths(
  paths: string[],
  cwd: string,
  evidence?: EvidenceReader | null,
): Promise<LintReport> {
  const { files, missing } = await collectMarkdownFiles(paths, cwd);
  const results: LintResult[] = missing.map(m => ({
    path: m.path,
    diagnostics: [unreadableDiagnostic(m.message)],
  }));
  const specs: Array<{
    path: string;
    absolute: string;
    document: SpecDocument;
    text: string;
  }> = [];
  let skipped = 0;
  let unreadable = missing.length;
  for (const file of files) {
    const { document, text } = await readSpecDocument(file.path, file.absolute);
    if (text === null) {
      unreadable++;
      results.push({ path: file.path, diagnostics: document.diagnostics });
    } else if (isSpecFile(file.path, document)) {
      specs.push({ path: file.path, absolute: file.absolute, document, text });
    } else {
      skipped++;
      if (file.explicit)
        results.push({ path: file.path, diagnostics: [NOT_A_SPEC] });
    }
  }
  const setDiagnostics = lintSpecSet(
    specs.map(({ path, document }) => ({ path, document })),
  );
  for (const spec of specs) {
    const diagnostics = [
      ...lintSpec(spec.text, {
        path: spec.path,
        evidence: evidence ? await evidence.read(spec) : undefined,
      }),
      ...(setDiagnostics.get(spec.path) ?? []),
    ].sort((a, b) => a.line - b.line || (a.column ?? 1) - (b.column ?? 1));
    results.push({ path: spec.path, diagnostics });
  }
  results.sort((a, b) => compareStrings(a.path, b.path));
  const all = results.flatMap(r => r.diagnostics).filter(d => d !== NOT_A_SPEC);
  return {
    results,
    summary: {
      files: files.length,
      specs: specs.length,
      skipped,
      unreadable,
      errors: all.filter(d => d.severity === 'error').length,
      warnings: all.filter(d => d.severity === 'warning').length,
      infos: all.filter(d => d.severity === 'info').length,
    },
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `path:line:col: severity code message` per diagnostic, then a summary line. */
export function formatLintText(
  report: LintReport,
  maxWarnings?: number,
): string {
  const lines = report.results.flatMap(result =>
    result.diagnostics.map(
      d =>
        `${result.path}:${d.line}:${d.column ?? 1}: ${d.severity} ${
          d.code
        } ${oneLine(d.message)}`,
    ),
  );
  const { summary: s } = report;
  const problems = s.errors + s.warnings;
  let summary = `${
    problems === 0 ? 'No problems' : plural(problems, 'problem')
  } (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${
    s.infos
  } info) in ${plural(s.specs, 'spec file')}`;
  const notes = [
    s.skipped > 0
      ? `${s.skipped} other markdown ${
          s.skipped === 1 ? 'file' : 'files'
        } skipped`
      : '',
    s.unreadable > 0 ? `${s.unreadable} unreadable` : '',
    maxWarnings !== undefined && s.warnings > maxWarnings
      ? `more than --max-warnings ${maxWarnings}`
      : '',
  ].filter(Boolean);
  if (notes.length) summary += `; ${notes.join('; ')}`;
  return [...lines, ...(lines.length ? [''] : []), summary, ''].join('\n');
}

export function lintExitCode(report: LintReport, maxWarnings?: number): number {
  const { errors, warnings } = report.summary;
  if (errors > 0) return EXIT.problems;
  if (maxWarnings !== undefined && warnings > maxWarnings) return EXIT.problems;
  return EXIT.ok;
}

/** `infra-specs lint PATH... [--format text|json] [--max-warnings N] [evidence options]` */
export async function runLint(
  paths: string[],
  options: {
    format?: 'text' | 'json';
    maxWarnings?: number;
  } & EvidenceCliOptions,
  io: CliIo,
): Promise<number> {
  const evidence = await createEvidenceReader(options, io.cwd);
  const report = await lintPaths(paths, io.cwd, evidence);
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(formatLintText(report, options.maxWarnings));
  }
  return lintExitCode(report, options.maxWarnings);
}
