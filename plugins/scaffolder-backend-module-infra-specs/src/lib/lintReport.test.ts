import {
  atLeast,
  countDiagnostics,
  formatDiagnostics,
  lintSummaryMarkdown,
} from './lintReport';

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

describe('lintSummaryMarkdown', () => {
  it('gives the counts and lists errors before warnings, infos left out', () => {
    expect(lintSummaryMarkdown(files)).toBe(
      [
        '**Lint** (infra-specs): 1 error, 1 warning in 2 files',
        '',
        "- `docs/b.md:3 unknown-status Status 'Maybe' is not a status`",
        "- `docs/b.md:12 placeholder Cost Impact still holds '$X' (warning)`",
      ].join('\n'),
    );
  });

  it('cuts the list after max problems and says how many more', () => {
    const many = [
      {
        path: 'docs/c.md',
        diagnostics: Array.from({ length: 7 }, (_, i) => ({
          severity: 'warning' as const,
          line: i + 1,
          code: 'placeholder',
          message: `placeholder ${i + 1}`,
        })),
      },
    ];
    const lines = lintSummaryMarkdown(many, 3).split('\n');
    expect(lines[0]).toBe(
      '**Lint** (infra-specs): 0 errors, 7 warnings in 1 file',
    );
    expect(lines.slice(2)).toEqual([
      '- `docs/c.md:1 placeholder placeholder 1 (warning)`',
      '- `docs/c.md:2 placeholder placeholder 2 (warning)`',
      '- `docs/c.md:3 placeholder placeholder 3 (warning)`',
      '- … and 4 more',
    ]);
  });

  it('is only the counts when there is nothing to list', () => {
    expect(lintSummaryMarkdown([{ path: 'a.md', diagnostics: [] }])).toBe(
      '**Lint** (infra-specs): 0 errors, 0 warnings in 1 file',
    );
  });
});
