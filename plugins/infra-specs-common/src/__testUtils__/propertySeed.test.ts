import fc from 'fast-check';
import {
  hashSeed,
  PROPERTY_SEED_ENV,
  propertyParameters,
  reproduceCommand,
  resolvePropertySeed,
} from './propertySeed';

const SHA = '0c9345a5d2f3e8b1a0c9345a5d2f3e8b1a0c9345';
const noGit = () => null;
const gitFails = () => {
  throw new Error('git must not run');
};

describe('resolvePropertySeed', () => {
  it('takes the seed from INFRA_SPECS_PROPERTY_SEED first', () => {
    expect(
      resolvePropertySeed(
        { [PROPERTY_SEED_ENV]: ' 191228613 ', CI: 'true', GITHUB_SHA: SHA },
        gitFails,
      ),
    ).toEqual({ seed: 191228613, source: PROPERTY_SEED_ENV });
    expect(
      resolvePropertySeed({ [PROPERTY_SEED_ENV]: '-5' }, gitFails).seed,
    ).toBe(-5);
  });

  it('rejects a seed that fast-check would silently change', () => {
    for (const bad of ['abc', '1.5', '4294967296', '12abc']) {
      expect(() =>
        resolvePropertySeed({ [PROPERTY_SEED_ENV]: bad }, gitFails),
      ).toThrow(PROPERTY_SEED_ENV);
    }
  });

  it('in CI, derives the seed from the commit, so a rerun draws the same values', () => {
    const fromEnv = resolvePropertySeed(
      { CI: 'true', GITHUB_SHA: SHA },
      gitFails,
    );
    expect(fromEnv).toEqual({ seed: hashSeed(SHA), source: `commit ${SHA}` });
    expect(
      resolvePropertySeed({ CI: '1', INFRA_SPECS_COMMIT: SHA }, gitFails).seed,
    ).toBe(fromEnv.seed);
    // Without a commit in the environment, git says which one it is.
    expect(resolvePropertySeed({ CI: 'true' }, () => SHA).seed).toBe(
      fromEnv.seed,
    );
    expect(
      resolvePropertySeed({ CI: 'true', GITHUB_SHA: `${SHA.slice(1)}f` }).seed,
    ).not.toBe(fromEnv.seed);
  });

  it('outside CI (or in CI without a known commit) draws a random seed', () => {
    expect(
      resolvePropertySeed(
        { CI: 'false', GITHUB_SHA: SHA },
        gitFails,
        () => 0.5,
      ),
    ).toEqual({ seed: 0x40000000, source: 'random' });
    expect(resolvePropertySeed({}, gitFails, () => 0.25).seed).toBe(0x20000000);
    expect(resolvePropertySeed({ CI: 'true' }, noGit, () => 0).source).toBe(
      'random (CI without a known commit)',
    );
  });
});

describe('hashSeed', () => {
  it('gives a non-negative 32-bit integer, so fast-check prints it back unchanged', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        const seed = hashSeed(text);
        expect(Number.isInteger(seed)).toBe(true);
        expect(seed).toBeGreaterThanOrEqual(0);
        expect(seed | 0).toBe(seed);
      }),
      propertyParameters({ numRuns: 200 }),
    );
  });
});

describe('reproduceCommand', () => {
  it('runs the one test, from its package, with the seed', () => {
    const command = reproduceCommand(
      42,
      __filename,
      "reproduceCommand runs it (a|b) 'quoted'",
    );
    expect(command).toBe(
      `cd plugins/infra-specs-common && ${PROPERTY_SEED_ENV}=42 ../../scripts/dev exec yarn backstage-cli package test --watchAll=false src/__testUtils__/propertySeed.test.ts -t '^reproduceCommand runs it \\(a\\|b\\) '\\''quoted'\\''$'`,
    );
  });
});

describe('propertyParameters', () => {
  it('fails with fast-check report, the assertion as cause, and the replay command', () => {
    let error: unknown;
    try {
      fc.assert(
        fc.property(fc.nat(), n => {
          expect(n).toBeLessThan(0);
        }),
        propertyParameters({ numRuns: 5 }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const { message, cause } = error as Error;
    const { seed } = propertyParameters();
    expect(message).toContain(`{ seed: ${seed}, path: "`);
    expect(message).toContain('Counterexample: [0]');
    expect(message).toContain(`${PROPERTY_SEED_ENV}=${seed} `);
    expect(message).toContain(
      "-t '^propertyParameters fails with fast-check report",
    );
    expect(String((cause as Error).message)).toContain('toBeLessThan');
  });

  it('gives every property of a test file the same seed', () => {
    expect(propertyParameters({ numRuns: 1 }).seed).toBe(
      propertyParameters().seed,
    );
  });
});
