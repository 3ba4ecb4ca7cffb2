import { atLeast, countDiagnostics, formatDiagnostics } from './lintReport';

const files = [
  {
    path: 'docs/b.md',
    diagnostics: [
      {
        severity: 'warning' as const,
        line: 12,
        code: 'placeholder',
        message: "Cost Impact still holds '$X'",
      },
      {
        severity: 'error' as const,
        line: 3,
        code: 'unknown-status',
        message: "Status 'Maybe' is not a status",
      },
    ],
  },
  {
    path: 'docs/a.md',
    diagnostics: [
      { severity: 'info' as const, line: 1, code: 'note', message: 'fyi' },
    ],
  },
];

describe('lintReport', () => {
  it('counts by severity', () => {
    expect(countDiagnostics(files)).toEqual({
      files: 2,
      errors: 1,
      warnings: 1,
      infos: 1,
    });
  });

  it('formats path:line code message, sorted, filtered by severity', () => {
    expect(formatDiagnostics(files, 'warning')).toEqual([
      "docs/b.md:3 unknown-status Status 'Maybe' is not a status",
      "docs/b.md:12 placeholder Cost Impact still holds '$X' (warning)",
    ]);
    expect(formatDiagnostics(files)).toHaveLength(3);
    expect(formatDiagnostics(files)[0]).toBe('docs/a.md:1 note fyi (info)');
  });

  it('ranks severities', () => {
    expect(atLeast('error', 'warning')).toBe(true);
    expect(atLeast('info', 'warning')).toBe(false);
    expect(atLeast('warning', 'warning')).toBe(true);
  });
});
