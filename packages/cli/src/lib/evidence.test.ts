/*
 * `lint` and `parse` with evidence files, in-process through runCli on real files in temp folders
 * (bin.test.ts runs the understated-cost case through the real executable).
 */
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { recordingIo, tempFolder } from '../__testUtils__/tmp';
import { runCli } from '../cli';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../__fixtures__/evidence', name), 'utf8');

const SPEC = fixture('spec.md');
const DRIFTING = fixture('infracost-drifting.json');
const AGREEING = fixture('infracost-agreeing.json');
const REPLACE_DB = fixture('plan-replace-db.json');
const NO_CHANGES = fixture('plan-no-changes.json');

const money = (json: string, key: string) =>
  `+${Number(JSON.parse(json)[key]).toFixed(2)} USD`;

/** The fixture spec with its links replaced (null: the line removed). */
function specWith(
  links: { estimate?: string | null; plan?: string | null } = {},
): string {
  let text = SPEC;
  if (links.estimate !== undefined)
    text = text.replace(
      '**Cost Estimate**: [infracost diff](./infracost.json)\n',
      links.estimate === null ? '' : `**Cost Estimate**: ${links.estimate}\n`,
    );
  if (links.plan !== undefined)
    text = text.replace(
      '**Plan**: ./plan.json\n',
      links.plan === null ? '' : `**Plan**: ${links.plan}\n`,
    );
  return text;
}

const DIR = 'repo/docs/specs/012-payments-db';

/** A repository (with .git) holding one per-spec folder with the given files. */
function repoWith(files: Record<string, string>) {
  const folder = tempFolder(
    Object.fromEntries(
      Object.entries(files).map(([name, content]) => [
        name.startsWith('/') ? name.slice(1) : `${DIR}/${name}`,
        content,
      ]),
    ),
  );
  mkdirSync(join(folder.dir, 'repo/.git'), { recursive: true });
  return folder;
}

async function run(cwd: string, ...argv: string[]) {
  const { io, stdout, stderr } = recordingIo(cwd);
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

const SPEC_PATH = join('docs', 'specs', '012-payments-db', 'spec.md');
const ESTIMATE_PATH = join(
  'docs',
  'specs',
  '012-payments-db',
  'infracost.json',
);
const PLAN_PATH = join('docs', 'specs', '012-payments-db', 'plan.json');

/** The lint lines of one code. */
const linesOf = (stdout: string, code: string) =>
  stdout.split('\n').filter(l => l.includes(` ${code} `));

describe('lint with evidence files', () => {
  const folders: Array<{ cleanup(): void }> = [];
  const repo = (files: Record<string, string>) => {
    const folder = repoWith(files);
    folders.push(folder);
    return folder;
  };
  afterAll(() => folders.forEach(f => f.cleanup()));

  it('fails --max-warnings 0 for a spec that understates its cost, naming both figures', async () => {
    const folder = repo({
      'spec.md': SPEC,
      'infracost.json': DRIFTING,
      'plan.json': NO_CHANGES,
    });
    const cwd = join(folder.dir, 'repo');
    const result = await run(cwd, 'lint', 'docs/specs', '--max-warnings', '0');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const drift = linesOf(result.stdout, 'cost-drift');
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatch(
      new RegExp(`^${SPEC_PATH.replace(/\./g, '\\.')}:\\d+:1: warning `),
    );
    expect(drift[0]).toContain('The spec claims +350.00 USD a month');
    expect(drift[0]).toContain(
      `the Infracost estimate ${ESTIMATE_PATH} says ${money(
        DRIFTING,
        'diffTotalMonthlyCost',
      )}`,
    );
    expect(drift[0]).toContain('more than claimed');
    expect(result.stdout).toContain('; more than --max-warnings 0');

    // A warning alone fails only with --max-warnings.
    expect((await run(cwd, 'lint', 'docs/specs')).code).toBe(0);
  });

  it('passes a spec whose estimate agrees and whose plan changes nothing', async () => {
    const folder = repo({
      'spec.md': SPEC,
      'infracost.json': AGREEING,
      'plan.json': NO_CHANGES,
    });
    const cwd = join(folder.dir, 'repo');
    const result = await run(cwd, 'lint', 'docs/specs', '--max-warnings', '0');
    expect(result.stdout).not.toContain('cost-drift');
    expect(result.stdout).not.toContain('cost-unverified');
    expect(result.code).toBe(0);

    const parsed = await run(cwd, 'parse', '--json', SPEC_PATH);
    expect(parsed.code).toBe(0);
    const [document] = JSON.parse(parsed.stdout);
    expect(document.cost.estimate).toMatchObject({
      monthlyDelta: Number(JSON.parse(AGREEING).diffTotalMonthlyCost),
      currency: 'USD',
      source: ESTIMATE_PATH,
    });
    expect(document.cost.drift).toBe('ok');
    expect(document.plan).toMatchObject({
      source: PLAN_PATH,
      create: 0,
      update: 0,
      delete: 0,
      replace: 0,
    });
  });

  it('warns when the plan replaces a database under "blast radius low"', async () => {
    const folder = repo({
      'spec.md': SPEC,
      'infracost.json': AGREEING,
      'plan.json': REPLACE_DB,
    });
    const result = await run(join(folder.dir, 'repo'), 'lint', 'docs/specs');
    const [warning, ...more] = linesOf(
      result.stdout,
      'plan-contradicts-impact',
    );
    expect(more).toEqual([]);
    expect(warning).toContain(' warning plan-contradicts-impact The plan ');
    expect(warning).toContain(PLAN_PATH);
    expect(warning).toContain('aws_db_instance.payments (replace)');
    expect(warning).toContain('blast radius low');
    expect(result.code).toBe(0);

    const parsed = await run(join(folder.dir, 'repo'), 'parse', SPEC_PATH);
    expect(parsed.stdout).toMatch(
      /plan: +1 to create, 1 to update, 2 to replace, 1 to delete \(/,
    );
  });

  it('gives an error (exit 1) for an infracost.json that is not JSON', async () => {
    const folder = repo({
      'spec.md': SPEC,
      'infracost.json': '{"version": "0.2", "projects": [',
    });
    const result = await run(join(folder.dir, 'repo'), 'lint', 'docs/specs');
    expect(result.code).toBe(1);
    const [error] = linesOf(result.stdout, 'invalid-estimate');
    expect(error).toContain(' error invalid-estimate ');
    expect(error).toContain(ESTIMATE_PATH);
    expect(error).toContain('not JSON');
    // The linked plan.json is missing: the same kind of error for the plan.
    expect(linesOf(result.stdout, 'invalid-plan')[0]).toContain(
      `Plan ${PLAN_PATH} cannot be read: no such file or directory`,
    );
  });

  it('refuses a link that climbs out of the git root, unless --evidence-root includes it', async () => {
    const folder = repo({
      'spec.md': specWith({ estimate: '../../../../x.json', plan: null }),
      '/x.json': AGREEING,
    });
    // Run from above the repository: the root is still the spec's git root, not the working folder.
    const refused = await run(folder.dir, 'lint', 'repo/docs/specs');
    expect(refused.code).toBe(1);
    const [error] = linesOf(refused.stdout, 'invalid-estimate');
    expect(error).toContain(
      `Infracost estimate ../../../../x.json cannot be read: it is outside the evidence root ${join(
        folder.dir,
        'repo',
      )}`,
    );
    expect(error).toContain('--evidence-root');

    const allowed = await run(
      folder.dir,
      'lint',
      'repo/docs/specs',
      '--evidence-root',
      '.',
    );
    expect(allowed.stdout).not.toContain('invalid-estimate');
    expect(allowed.code).toBe(0);
  });

  it('refuses a symbolic link that points out of the evidence root', async () => {
    const folder = repo({
      'spec.md': SPEC,
      '/outside/estimate.json': DRIFTING,
    });
    const link = join(folder.dir, DIR, 'infracost.json');
    symlinkSync(join(folder.dir, 'outside/estimate.json'), link);
    const result = await run(join(folder.dir, 'repo'), 'lint', 'docs/specs');
    expect(result.code).toBe(1);
    const [error] = linesOf(result.stdout, 'invalid-estimate');
    expect(error).toContain(
      `Infracost estimate ${ESTIMATE_PATH} cannot be read`,
    );
    expect(error).toMatch(
      /it resolves to .*estimate\.json, outside the evidence root/,
    );
    expect(result.stdout).not.toContain('cost-drift');
  });

  it('reads a symbolic link that stays inside the root', async () => {
    const folder = repo({
      'spec.md': SPEC,
      '/repo/costs/payments.json': DRIFTING,
    });
    symlinkSync(
      join(folder.dir, 'repo/costs/payments.json'),
      join(folder.dir, DIR, 'infracost.json'),
    );
    const result = await run(join(folder.dir, 'repo'), 'lint', 'docs/specs');
    expect(linesOf(result.stdout, 'cost-drift')).toHaveLength(1);
  });

  it('refuses a file over --max-evidence-bytes, naming the option and the size', async () => {
    const folder = repo({ 'spec.md': SPEC, 'infracost.json': DRIFTING });
    const bytes = Buffer.byteLength(DRIFTING);
    const cwd = join(folder.dir, 'repo');
    const result = await run(
      cwd,
      'lint',
      'docs/specs',
      '--max-evidence-bytes',
      String(bytes - 1),
    );
    expect(result.code).toBe(1);
    expect(linesOf(result.stdout, 'invalid-estimate')[0]).toContain(
      `cannot be read: it is ${bytes} bytes, more than --max-evidence-bytes ${
        bytes - 1
      }`,
    );
    const exact = await run(
      cwd,
      'lint',
      'docs/specs',
      '--max-evidence-bytes',
      String(bytes),
    );
    expect(exact.stdout).not.toContain('invalid-estimate');
  });

  it('refuses URL links: the CLI reads files only', async () => {
    const folder = repo({
      'spec.md': specWith({
        estimate: 'https://example.com/infracost.json',
        plan: null,
      }),
    });
    const result = await run(join(folder.dir, 'repo'), 'lint', 'docs/specs');
    expect(result.code).toBe(1);
    expect(linesOf(result.stdout, 'invalid-estimate')[0]).toContain(
      'Infracost estimate https://example.com/infracost.json cannot be read: the CLI reads evidence from disk only, not URLs',
    );
  });

  it('notes a claimed cost without an estimate, and --no-evidence reads nothing', async () => {
    const folder = repo({
      'spec.md': specWith({ estimate: null, plan: null }),
      // Beside spec.md, but no link needed: a sibling infracost.json is read too...
      'infracost.json': DRIFTING,
    });
    const cwd = join(folder.dir, 'repo');
    const sibling = await run(cwd, 'lint', 'docs/specs', '--max-warnings', '0');
    expect(linesOf(sibling.stdout, 'cost-drift')).toHaveLength(1);
    expect(sibling.code).toBe(1);

    const skipped = await run(
      cwd,
      'lint',
      'docs/specs',
      '--max-warnings',
      '0',
      '--no-evidence',
    );
    expect(skipped.stdout).not.toMatch(/cost-drift|cost-unverified/);
    expect(skipped.code).toBe(0);
    const parsed = await run(
      cwd,
      'parse',
      '--json',
      '--no-evidence',
      SPEC_PATH,
    );
    expect(JSON.parse(parsed.stdout)[0].cost).not.toHaveProperty('estimate');

    // ...and a flat spec file has no siblings: its claim is unverified (info, not a failure).
    const flat = tempFolder({
      'SPEC-0107.md': specWith({ estimate: null, plan: null }),
    });
    folders.push(flat);
    const unverified = await run(flat.dir, 'lint', '.', '--max-warnings', '0');
    expect(linesOf(unverified.stdout, 'cost-unverified')[0]).toContain(
      ' info cost-unverified The spec claims +350.00 USD a month but no Infracost estimate was read',
    );
    expect(unverified.code).toBe(0);
  });

  it('does not compare amounts in different currencies', async () => {
    const folder = repo({
      'spec.md': SPEC,
      'infracost.json': DRIFTING.replace(
        '"currency": "USD"',
        '"currency": "EUR"',
      ),
    });
    const result = await run(join(folder.dir, 'repo'), 'lint', 'docs/specs');
    expect(linesOf(result.stdout, 'currency-mismatch')[0]).toContain(
      ' warning currency-mismatch The spec states its cost in USD, the Infracost estimate',
    );
    expect(result.stdout).not.toContain('cost-drift');
  });

  it('reads a link starting with / from the evidence root', async () => {
    const folder = repo({
      'spec.md': specWith({ estimate: '/costs/payments.json', plan: null }),
      '/repo/costs/payments.json': DRIFTING,
    });
    const result = await run(folder.dir, 'lint', 'repo/docs/specs');
    expect(linesOf(result.stdout, 'cost-drift')[0]).toContain(
      `the Infracost estimate ${join('repo', 'costs', 'payments.json')} says`,
    );
  });

  it('uses --drift-share and --drift-amount', async () => {
    const folder = repo({ 'spec.md': SPEC, 'infracost.json': DRIFTING });
    const cwd = join(folder.dir, 'repo');
    const lint = async (...options: string[]) =>
      linesOf(
        (await run(cwd, 'lint', 'docs/specs', ...options)).stdout,
        'cost-drift',
      ).length;
    // The estimate is 55% (192.43) above the claim of 350.
    expect(await lint()).toBe(1);
    expect(await lint('--drift-share', '60%')).toBe(0);
    expect(await lint('--drift-share', '0.5')).toBe(1);
    expect(await lint('--drift-amount', '200')).toBe(0);
    expect(await lint('--drift-amount', '150')).toBe(1);
  });

  it.each([
    [['--drift-share', '2'], 'between 0 and 1, or a percentage such as 20%'],
    [['--drift-share', '120%'], 'between 0 and 1'],
    [['--drift-share', 'lots'], 'between 0 and 1'],
    [['--drift-amount', '-1'], 'an amount of 0 or more'],
    [['--max-evidence-bytes', '0'], 'a whole number of bytes, 1 or more'],
    [['--max-evidence-bytes', '10MB'], 'a whole number of bytes'],
    [
      ['--evidence-root', 'no/such/folder'],
      '--evidence-root no/such/folder: no such file or directory',
    ],
  ])('exits 2 for bad evidence options %j', async (options, message) => {
    const folder = repo({ 'spec.md': SPEC });
    for (const command of ['lint', 'parse']) {
      const result = await run(
        join(folder.dir, 'repo'),
        command,
        ...options,
        SPEC_PATH,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    }
  });
});
