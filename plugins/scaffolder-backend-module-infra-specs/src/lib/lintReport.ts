import type {
  DiagnosticSeverity,
  SpecDiagnostic,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** The diagnostics of one file; `path` relative to the workspace, forward slashes. */
export interface FileDiagnostics {
  path: string;
  diagnostics: SpecDiagnostic[];
}

export interface DiagnosticCounts {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

const RANK: Record<DiagnosticSeverity, number> = {
  error: 3,
  warning: 2,
  info: 1,
};

export function atLeast(
  severity: DiagnosticSeverity,
  threshold: DiagnosticSeverity,
): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function countDiagnostics(files: FileDiagnostics[]): DiagnosticCounts {
  const counts: DiagnosticCounts = {
    files: files.length,
    errors: 0,
    warnings: 0,
    infos: 0,
  };
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === 'error') counts.errors += 1;
      else if (d.severity === 'warning') counts.warnings += 1;
      else counts.infos += 1;
    }
  }
  return counts;
}

/**
 * One line per diagnostic at or above `threshold`, `path:line code message` (the shape
 * editors and CI logs link), sorted by path and line.
 */
export function formatDiagnostics(
  files: FileDiagnostics[],
  threshold: DiagnosticSeverity = 'info',
): string[] {
  const lines: Array<{ path: string; line: number; text: string }> = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (atLeast(d.severity, threshold)) {
        lines.push({
          path: file.path,
          line: d.line,
          text: `${file.path}:${d.line} ${d.code} ${d.message}${
            d.severity === 'error' ? '' : ` (${d.severity})`
          }`,
        });
      }
    }
  }
  lines.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  return lines.map(l => l.text);
}

/**
 * A short markdown report for a pull request body: the counts, then the first `max` problems
 * (errors first) as a list, and how many more there are.
 */
export function lintSummaryMarkdown(files: FileDiagnostics[], max = 5): string {
  const counts = countDiagnostics(files);
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  const head = `**Lint** (infra-specs): ${plural(
    counts.errors,
    'error',
  )}, ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'file')}`;
  const only = (severity: DiagnosticSeverity) =>
    formatDiagnostics(
      files.map(f => ({
        path: f.path,
        diagnostics: f.diagnostics.filter(d => d.severity === severity),
      })),
    );
  const problems = [...only('error'), ...only('warning')];
  if (problems.length === 0) return head;
  const shown = problems
    .slice(0, max)
    .map(p => `- \`${p.replace(/`/g, "'")}\``);
  if (problems.length > max) {
    shown.push(`- … and ${problems.length - max} more`);
  }
  return [head, '', ...shown].join('\n');
}
