/*
 * The real executable, as CI runs it: `node packages/cli/bin/infra-specs ...` in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { tempFolder } from './__testUtils__/tmp';

jest.setTimeout(120_000);

const bin = resolve(__dirname, '../bin/infra-specs');
const seeds = resolve(__dirname, '__fixtures__/seeds');
const evidence = resolve(__dirname, '__fixtures__/evidence');
const repoRoot = resolve(__dirname, '../../..');
const corpus =
  process.env.INFRA_SPECS_CORPUS_DIR ??
  resolve(repoRoot, '../shared/corpus/real');

function runBin(args: string[], cwd: string = repoRoot) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 100_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const DIAGNOSTIC_LINE =
  /^(.+):(\d+):(\d+): (error|warning|info) ([a-z0-9-]+) (.+)$/;

describe('bin/infra-specs', () => {
  it('parse --json prints one contract-shaped document per file, in argument order', () => {
    const files = [
      'infrastructure-feature.md',
      'infrastructure-change.md',
      'smaqit-infrastructure.md',
    ];
    const result = runBin([
      'parse',
      '--json',
      ...files.map(f => join(seeds, f)),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const documents = JSON.parse(result.stdout);
    expect(documents.map((d: { format: string }) => d.format)).toEqual([
      'infrastructure-feature',
      'infrastructure-change',
      'smaqit-infrastructure',
    ]);
    for (const document of documents) {
      expect(document).toEqual(
        expect.objectContaining({
          id: null,
          title: expect.any(String),
          status: expect.stringMatching(
            /^(draft|in-review|approved|implemented|superseded|rejected|unknown)$/,
          ),
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
          // estimate and drift: evidence was checked (on by default) and none was found
          cost: {
            monthlyDelta: null,
            currency: null,
            items: expect.any(Array),
            estimate: null,
            drift: null,
          },
          plan: null,
          acceptance: { total: expect.any(Number), done: 0 },
          checklists: { total: expect.any(Number), done: 0 },
          openClarifications: expect.any(Array),
          requirements: expect.any(Array),
          successCriteria: expect.any(Array),
          diagnostics: expect.arrayContaining([
            expect.objectContaining({
              severity: 'warning',
              code: 'placeholder',
              line: expect.any(Number),
            }),
          ]),
        }),
      );
      expect(document).toHaveProperty('statusText');
    }
    expect(documents[1].status).toBe('unknown');
    expect(documents[0].acceptance.total).toBe(7);
  });

  it('parse reports an unreadable file as a document, not a crash', () => {
    const result = runBin([
      'parse',
      '--json',
      'no/such/file.md',
      join(seeds, 'infrastructure-change.md'),
    ]);
    expect(result.code).toBe(1);
    const documents = JSON.parse(result.stdout);
    expect(documents).toHaveLength(2);
    expect(documents[0].diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unreadable-file' }),
    ]);
    expect(documents[1].format).toBe('infrastructure-change');
  });

  it('lint of a folder with an error exits 1 and prints path:line:col: severity code message', () => {
    const folder = tempFolder();
    try {
      const spec = readFileSync(join(seeds, 'infrastructure-change.md'), 'utf8')
        .replace(
          '# Spec: [Infrastructure Change Name]',
          '# Spec: Approved too early',
        )
        .replace('SPEC-XXXX', 'SPEC-0001')
        .replace('Draft | In Review | Approved | Implemented', 'Approved');
      folder.write('docs/specs/SPEC-0001-early.md', spec);
      folder.write('docs/specs/README.md', '# Specs of this repository\n');
      const result = runBin(['lint', 'docs/specs'], folder.dir);
      expect(result.code).toBe(1);
      const lines = result.stdout.trimEnd().split('\n');
      const diagnostics = lines.filter(l => DIAGNOSTIC_LINE.test(l));
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const line of diagnostics) {
        expect(
          line.startsWith(`${join('docs', 'specs', 'SPEC-0001-early.md')}:`),
        ).toBe(true);
      }
      expect(
        diagnostics.some(l => / error incomplete-approved-spec /.test(l)),
      ).toBe(true);
      expect(lines[lines.length - 1]).toMatch(
        /^\d+ problems \(1 error, \d+ warnings?, \d+ info\) in 1 spec file; 1 other markdown file skipped$/,
      );
    } finally {
      folder.cleanup();
    }
  });

  it('lint --max-warnings 0 fails a spec that understates its cost against its infracost.json', () => {
    const fixture = (name: string) =>
      readFileSync(join(evidence, name), 'utf8');
    const estimate = fixture('infracost-drifting.json');
    const folder = tempFolder({
      'docs/specs/012-payments-db/spec.md': fixture('spec.md'),
      'docs/specs/012-payments-db/infracost.json': estimate,
      'docs/specs/012-payments-db/plan.json': fixture('plan-no-changes.json'),
    });
    try {
      mkdirSync(join(folder.dir, '.git'));
      const result = runBin(
        ['lint', 'docs/specs', '--max-warnings', '0'],
        folder.dir,
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const drift = result.stdout
        .split('\n')
        .filter(l => DIAGNOSTIC_LINE.test(l) && / cost-drift /.test(l));
      expect(drift).toHaveLength(1);
      const [, path, , , severity] = DIAGNOSTIC_LINE.exec(drift[0])!;
      expect([path, severity]).toEqual([
        join('docs', 'specs', '012-payments-db', 'spec.md'),
        'warning',
      ]);
      const estimated = Number(JSON.parse(estimate).diffTotalMonthlyCost);
      expect(drift[0]).toContain(
        `The spec claims +350.00 USD a month, the Infracost estimate ${join(
          'docs',
          'specs',
          '012-payments-db',
          'infracost.json',
        )} says +${estimated.toFixed(2)} USD: ${(estimated - 350).toFixed(
          2,
        )} USD`,
      );
      expect(result.stdout).toMatch(
        /\n1 problem \(0 errors, 1 warning, \d+ info\) in 1 spec file; more than --max-warnings 0\n$/,
      );

      const skipped = runBin(
        ['lint', 'docs/specs', '--max-warnings', '0', '--no-evidence'],
        folder.dir,
      );
      expect(skipped.code).toBe(0);
    } finally {
      folder.cleanup();
    }
  });

  /* eslint-disable jest/no-standalone-expect -- a conditional it/it.skip */
  (existsSync(corpus) ? it : it.skip)(
    `lint of the real corpus (${relative(
      repoRoot,
      corpus,
    )}) finishes and reports the duplicate SPEC-007`,
    () => {
      const result = runBin(['lint', corpus]);
      expect(result.stderr).not.toMatch(/unexpected error/);
      expect([0, 1]).toContain(result.code);
      const duplicates = result.stdout
        .split('\n')
        .filter(l => / warning duplicate-id Id SPEC-007 /.test(l));
      expect(duplicates).toHaveLength(2);
      expect(duplicates.join('\n')).toContain(
        '007-app-composition-workload-types',
      );
      expect(duplicates.join('\n')).toContain(
        '007-flux-schema-validation-replace',
      );
    },
  );
  /* eslint-enable jest/no-standalone-expect */
  if (!existsSync(corpus)) {
    // eslint-disable-next-line no-console
    console.warn(
      `Skipping the real-corpus lint test: ${corpus} is not present in this checkout`,
    );
  }

  it('new writes a spec that parse reads back, and refuses to overwrite it without --force', () => {
    const folder = tempFolder({
      'docs/specs/SPEC-0041-old.md': '# Spec: old\n\n**Spec ID**: SPEC-0041\n',
    });
    try {
      const out = 'docs/specs/SPEC-0042-nat.md';
      const created = runBin(
        [
          'new',
          '--format',
          'change',
          '--title',
          'NAT gateway per AZ',
          '--out',
          out,
          '--set',
          'author=Jane Doe',
          '--cost-item',
          'NAT Gateway:65.70',
        ],
        folder.dir,
      );
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toBe(
        `Created ${out}: SPEC-0042 "NAT gateway per AZ" (infrastructure-change)\n`,
      );

      const parsed = runBin(['parse', '--json', out], folder.dir);
      expect(parsed.code).toBe(0);
      expect(JSON.parse(parsed.stdout)[0]).toMatchObject({
        id: 'SPEC-0042',
        title: 'NAT gateway per AZ',
        format: 'infrastructure-change',
        status: 'draft',
        author: 'Jane Doe',
        cost: { monthlyDelta: 65.7, currency: 'USD' },
      });

      const again = runBin(
        ['new', '--format', 'change', '--title', 'Other', '--out', out],
        folder.dir,
      );
      expect(again.code).toBe(2);
      expect(again.stderr).toBe(
        `error: refusing to overwrite ${out}: the file exists (use --force to replace it)\n`,
      );

      const forced = runBin(
        [
          'new',
          '--format',
          'feature',
          '--title',
          'Other',
          '--id',
          'FEAT-001',
          '--out',
          out,
          '--force',
        ],
        folder.dir,
      );
      expect(forced.code).toBe(0);
      expect(readFileSync(join(folder.dir, out), 'utf8')).toMatch(
        /^# Specification: FEAT-001 Other\n/,
      );
    } finally {
      folder.cleanup();
    }
  });

  it.each([
    [['bogus'], "error: unknown command 'bogus'"],
    [['parse'], "error: missing required argument 'files'"],
    [['lint', '--format', 'xml', '.'], "argument 'xml' is invalid"],
    [
      ['lint', '--drift-share', '2', '.'],
      "option '--drift-share <share>' argument '2' is invalid. expected a share of the claimed cost between 0 and 1",
    ],
  ])('exits 2 on bad arguments %j', (args, message) => {
    const result = runBin(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('prints its version', () => {
    const result = runBin(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8'))
        .version,
    );
  });
});
