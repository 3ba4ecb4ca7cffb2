import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  renderSpec,
  type SpecTemplateValues,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { recordingIo, tempFolder } from '../__testUtils__/tmp';
import { formatLintText, lintExitCode, lintPaths, runLint } from './lint';

const seed = readFileSync(
  join(__dirname, '../__fixtures__/seeds/infrastructure-change.md'),
  'utf8',
);

const filled = (values: SpecTemplateValues) =>
  renderSpec('infrastructure-change', {
    author: 'Jane Doe',
    created: '2026-01-05',
    updated: '2026-01-06',
    issue: 'https://github.com/o/r/issues/1',
    blastRadius: 'low',
    rollback: 'easy',
    downtime: 'none',
    monthlyCost: 0,
    costItems: [{ resource: 'No new resources', monthly: 0 }],
    summary: 'A summary.',
    problem: 'A problem.',
    ...values,
  });

describe('lintPaths', () => {
  const folder = tempFolder({
    'specs/SPEC-0001-ok.md': filled({
      id: 'SPEC-0001',
      title: 'Fine',
      status: 'draft',
    }),
    // approved while the cost rows still hold `$X`: an error
    'specs/SPEC-0002-bad.md': filled({
      id: 'SPEC-0002',
      title: 'Claims too much',
      status: 'approved',
      monthlyCost: null,
      costItems: null,
    }),
    'specs/done/SPEC-0003-old.md': filled({
      id: 'SPEC-0003',
      title: 'Still draft',
      status: 'draft',
    }),
    'specs/007-a/spec.md': filled({
      id: 'SPEC-007',
      title: 'First seven',
      status: 'draft',
    }),
    'specs/007-b/spec.md': filled({
      id: 'SPEC-007',
      title: 'Second seven',
      status: 'draft',
    }),
    'specs/007-a/plan.md': '# Plan\n\nSteps.\n',
    'specs/README.md': '# Specs\n',
    'specs/templates/infrastructure-change.md': seed,
    'notes.md': '# Notes\n',
  });
  afterAll(() => folder.cleanup());

  it('lints only the specs, with the checks across files', async () => {
    const report = await lintPaths(['specs'], folder.dir);
    const codes = Object.fromEntries(
      report.results.map(r => [
        r.path,
        r.diagnostics.filter(d => d.severity !== 'info').map(d => d.code),
      ]),
    );
    expect(codes).toEqual({
      [join('specs', '007-a', 'spec.md')]: ['duplicate-id'],
      [join('specs', '007-b', 'spec.md')]: ['duplicate-id'],
      [join('specs', 'SPEC-0001-ok.md')]: [],
      [join('specs', 'SPEC-0002-bad.md')]: expect.arrayContaining([
        'incomplete-approved-spec',
        'placeholder',
      ]),
      [join('specs', 'done', 'SPEC-0003-old.md')]: ['status-location-mismatch'],
    });
    const duplicate = report.results[0].diagnostics.find(
      d => d.code === 'duplicate-id',
    );
    expect(duplicate?.message).toContain(join('specs', '007-b', 'spec.md'));
    expect(report.summary).toMatchObject({
      files: 8,
      specs: 5,
      skipped: 3,
      unreadable: 0,
    });
    expect(report.summary.errors).toBe(1);
    expect(report.summary.warnings).toBeGreaterThanOrEqual(4);
    expect(lintExitCode(report)).toBe(1);
  });

  it('reports named files that are not specs and paths that cannot be read', async () => {
    const report = await lintPaths(
      ['notes.md', 'missing', 'specs/SPEC-0001-ok.md'],
      folder.dir,
    );
    expect(
      report.results.map(r => [
        r.path,
        r.diagnostics.map(d => `${d.severity} ${d.code}`),
      ]),
    ).toEqual([
      ['missing', ['error unreadable-file']],
      ['notes.md', ['info not-a-spec']],
      [join('specs', 'SPEC-0001-ok.md'), expect.any(Array)],
    ]);
    expect(report.summary).toMatchObject({
      specs: 1,
      skipped: 1,
      unreadable: 1,
      errors: 1,
    });
  });

  it('formats text as path:line:col: severity code message and a summary line', async () => {
    const report = await lintPaths(['specs'], folder.dir);
    const text = formatLintText(report);
    const bad = report.results.find(r => r.path.endsWith('SPEC-0002-bad.md'))!;
    const error = bad.diagnostics.find(
      d => d.code === 'incomplete-approved-spec',
    )!;
    expect(text).toContain(
      `${join('specs', 'SPEC-0002-bad.md')}:${
        error.line
      }:1: error incomplete-approved-spec ${error.message}\n`,
    );
    expect(text.trimEnd().split('\n').pop()).toMatch(
      /^\d+ problems \(1 error, \d+ warnings, \d+ info\) in 5 spec files; 3 other markdown files skipped$/,
    );
  });

  it('exits 1 on more warnings than --max-warnings, 0 within the budget', async () => {
    const report = await lintPaths(['specs/done'], folder.dir);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(lintExitCode(report)).toBe(0);
    expect(lintExitCode(report, 1)).toBe(0);
    expect(lintExitCode(report, 0)).toBe(1);
    expect(formatLintText(report, 0)).toContain('; more than --max-warnings 0');
  });

  it('writes JSON with results and summary', async () => {
    const { io, stdout } = recordingIo(folder.dir);
    expect(await runLint(['specs/done'], { format: 'json' }, io)).toBe(0);
    const json = JSON.parse(stdout());
    expect(json.results).toEqual([
      {
        path: join('specs', 'done', 'SPEC-0003-old.md'),
        diagnostics: expect.arrayContaining([
          expect.objectContaining({
            code: 'status-location-mismatch',
            severity: 'warning',
          }),
        ]),
      },
    ]);
    expect(json.summary).toEqual({
      files: 1,
      specs: 1,
      skipped: 0,
      unreadable: 0,
      errors: 0,
      warnings: 1,
      infos: expect.any(Number),
    });
  });

  it('says so when there is nothing wrong', async () => {
    const { io, stdout } = recordingIo(folder.dir);
    expect(await runLint(['specs/SPEC-0001-ok.md'], {}, io)).toBe(0);
    expect(stdout().trimEnd().split('\n').pop()).toMatch(
      /^No problems \(0 errors, 0 warnings, \d+ info\) in 1 spec file$/,
    );
  });
});
