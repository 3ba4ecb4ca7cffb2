import { fixture } from '../__testUtils__/fixtures';
import { readInfracostEstimate } from './infracost';

const json = (name: string) => JSON.parse(fixture(`evidence/${name}`));
const read = (value: unknown, source = './infracost.json') =>
  readInfracostEstimate(
    typeof value === 'string' ? value : JSON.stringify(value),
    source,
  );

describe('readInfracostEstimate', () => {
  it('reads the monthly delta, currency and time of an `infracost diff` output', () => {
    expect(
      readInfracostEstimate(
        fixture('evidence/infracost-agreeing.json'),
        'docs/specs/107/infracost.json',
      ),
    ).toEqual({
      value: {
        monthlyDelta: 332.18,
        currency: 'USD',
        source: 'docs/specs/107/infracost.json',
        generatedAt: '2026-11-30T09:14:02.512Z',
        projects: [{ name: 'prod', monthlyDelta: 332.18 }],
      },
      diagnostics: [],
    });
  });

  it('sums nothing itself when the output states its total, and lists every project', () => {
    const result = read(json('infracost-multi-project.json'));
    expect(result).toEqual({
      value: expect.objectContaining({
        monthlyDelta: 613.96,
        projects: [
          { name: 'prod-eu', monthlyDelta: 332.18 },
          { name: 'prod-us', monthlyDelta: 328.5 },
          { name: 'staging', monthlyDelta: -46.72 },
        ],
      }),
      diagnostics: [],
    });
  });

  it("sums the projects' deltas when the total is null, and names the projects without a cost", () => {
    const output = json('infracost-multi-project.json');
    output.diffTotalMonthlyCost = null;
    output.projects[1].diff.totalMonthlyCost = null;
    output.projects[1].breakdown.totalMonthlyCost = null;
    output.projects[1].metadata.errors = [
      { code: 102, message: 'Error loading Terraform modules', isError: true },
    ];
    const result = read(output);
    expect(result.value?.monthlyDelta).toBe(285.46);
    expect(result.value?.projects?.[1]).toEqual({
      name: 'prod-us',
      monthlyDelta: null,
    });
    expect(result).toHaveProperty('diagnostics', [
      {
        severity: 'warning',
        code: 'estimate-incomplete',
        message:
          'Infracost estimate ./infracost.json: 1 of 3 projects has no cost (prod-us: Error loading Terraform modules); the estimate covers the other 2',
      },
    ]);
  });

  it('takes breakdown minus past breakdown for a project without a diff', () => {
    const output = json('infracost-multi-project.json');
    output.diffTotalMonthlyCost = null;
    for (const project of output.projects) delete project.diff;
    expect(read(output).value?.monthlyDelta).toBe(613.96);
  });

  it('refuses an output whose costs are all null, with the error Infracost recorded', () => {
    expect(read(json('infracost-null-costs.json'))).toEqual({
      diagnostic: {
        severity: 'error',
        code: 'invalid-estimate',
        message:
          'Infracost estimate ./infracost.json cannot be used: it states no monthly cost change (diffTotalMonthlyCost is null and its project has no cost); Infracost reported: Error loading Terraform modules: failed to download module "rds" from git::https://github.com/example-org/terraform-modules.git//rds?ref=v4.2.0: authentication required',
      },
    });
  });

  it('reads another schema version when the shape fits, with a warning', () => {
    const output = json('infracost-agreeing.json');
    output.version = '0.3';
    const result = read(output);
    expect(result.value?.monthlyDelta).toBe(332.18);
    expect(result).toHaveProperty('diagnostics', [
      {
        severity: 'warning',
        code: 'unknown-estimate-version',
        message:
          "Infracost estimate ./infracost.json has schema version '0.3'; it was read as version 0.2",
      },
    ]);
    delete output.version;
    expect(read(output)).toHaveProperty(
      'diagnostics.0.message',
      'Infracost estimate ./infracost.json states no schema version; it was read as version 0.2',
    );
  });

  it('refuses another schema version whose shape does not fit, naming the version', () => {
    expect(read({ version: '1.0', estimates: [] })).toHaveProperty(
      'diagnostic.message',
      "Infracost estimate ./infracost.json cannot be used: it is not an Infracost output: it has neither projects nor diffTotalMonthlyCost (version '1.0')",
    );
  });

  it('explains text that is not JSON, including the table output and a plan linked as the estimate', () => {
    const reason = (text: string) => {
      const result = readInfracostEstimate(text, 'x.json');
      return 'diagnostic' in result ? result.diagnostic.message : null;
    };
    expect(reason(fixture('evidence/infracost-table.txt'))).toBe(
      "Infracost estimate x.json cannot be used: it is Infracost's table output; save the JSON with `--format json`",
    );
    expect(reason('')).toBe(
      'Infracost estimate x.json cannot be used: the file is empty',
    );
    expect(reason('{"version": "0.2", "projects": [')).toMatch(
      /^Infracost estimate x\.json cannot be used: it is not JSON \(.+\)$/,
    );
    expect(reason('[1, 2]')).toBe(
      'Infracost estimate x.json cannot be used: it holds an array, not an Infracost output (an object with projects and diffTotalMonthlyCost)',
    );
    expect(reason(fixture('evidence/plan-replace-db.json'))).toBe(
      'Infracost estimate x.json cannot be used: it is a Terraform plan JSON, not an Infracost output (link it as the plan)',
    );
    expect(reason('\u0000\u0001PK binary')).toMatch(/it is not JSON/);
  });

  it('reads a byte order mark, number amounts, a lower-case currency and defaults the currency to USD', () => {
    expect(
      read(
        `\ufeff${JSON.stringify({
          version: '0.2',
          currency: 'eur',
          projects: [],
          diffTotalMonthlyCost: -12.345,
        })}`,
      ).value,
    ).toEqual({
      monthlyDelta: -12.35,
      currency: 'EUR',
      source: './infracost.json',
      generatedAt: null,
    });
    expect(
      read({ version: '0.2', diffTotalMonthlyCost: '10' }).value?.currency,
    ).toBe('USD');
  });

  it('refuses a currency that is not a code, and never reads amounts out of other strings', () => {
    expect(
      read({ version: '0.2', currency: 'dollars', diffTotalMonthlyCost: '1' }),
    ).toHaveProperty(
      'diagnostic.message',
      'Infracost estimate ./infracost.json cannot be used: its currency "dollars" is not an ISO 4217 code',
    );
    expect(
      read({ version: '0.2', projects: [], diffTotalMonthlyCost: '$12' }),
    ).toHaveProperty('diagnostic.code', 'invalid-estimate');
  });

  it('never throws, whatever the JSON holds', () => {
    for (const value of [
      null,
      42,
      'text',
      { projects: null },
      { projects: [null, 1, 'x', { diff: 'y' }] },
      { projects: {}, diffTotalMonthlyCost: {} },
      { diffTotalMonthlyCost: '1e400' },
      { diffTotalMonthlyCost: '1e307' },
      { diffTotalMonthlyCost: -1e300 },
      { projects: [{ metadata: { errors: [null, { message: 3 }] } }] },
    ]) {
      const result = read(value);
      expect('value' in result || 'diagnostic' in result).toBe(true);
      expect(
        result.value === undefined ||
          Number.isFinite(result.value.monthlyDelta),
      ).toBe(true);
    }
  });
});
