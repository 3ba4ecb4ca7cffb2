/*
 * The seed of every fast-check property, so that no run fails by chance and every failure can be
 * replayed:
 * - INFRA_SPECS_PROPERTY_SEED when set (replaying a failure, or hunting with many seeds);
 * - in CI, a hash of the commit under test, so a rerun of the same commit draws the same values;
 * - otherwise (local runs) a fresh random seed, so that local runs keep exploring.
 * A failure names the seed, fast-check's path and the command that replays it.
 */
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, relative } from 'path';

export const PROPERTY_SEED_ENV = 'INFRA_SPECS_PROPERTY_SEED';
/** The commit under test; propertySeed.globalSetup.ts fills it in once per jest run in CI. */
export const COMMIT_ENV = 'INFRA_SPECS_COMMIT';
const CI_COMMIT_ENVS = [COMMIT_ENV, 'GITHUB_SHA', 'CI_COMMIT_SHA'];

type Env = Record<string, string | undefined>;

export interface PropertySeed {
  seed: number;
  /** Where the seed came from, for the failure message. */
  source: string;
}

export function isCi(env: Env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * FNV-1a of the text, as a non-negative 31-bit integer: fast-check reads seeds as signed 32-bit
 * integers, and a non-negative one is printed back exactly as it was given.
 */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}

/** `git rev-parse HEAD` of the checkout this file is in; null without git. */
export function gitCommit(): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: __dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    return /^[0-9a-f]{7,64}$/i.test(out) ? out : null;
  } catch {
    return null;
  }
}

/** The commit under test in CI: from the environment, else from git (once per process, see below). */
export function ciCommit(env: Env, readGit: () => string | null) {
  for (const name of CI_COMMIT_ENVS) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return readGit();
}

/** Picks the seed as the file comment says. `readGit` and `random` are parameters for the tests. */
export function resolvePropertySeed(
  env: Env,
  readGit: () => string | null = gitCommit,
  random: () => number = Math.random,
): PropertySeed {
  const given = env[PROPERTY_SEED_ENV]?.trim();
  if (given) {
    const seed = Number(given);
    if (!/^-?\d+$/.test(given) || seed !== (seed | 0)) {
      throw new Error(
        `${PROPERTY_SEED_ENV}='${given}' is not a 32-bit integer seed`,
      );
    }
    return { seed, source: PROPERTY_SEED_ENV };
  }
  if (isCi(env)) {
    const commit = ciCommit(env, readGit);
    if (commit) {
      return { seed: hashSeed(commit), source: `commit ${commit}` };
    }
  }
  return {
    seed: Math.floor(random() * 0x80000000),
    source: isCi(env) ? 'random (CI without a known commit)' : 'random',
  };
}

// One seed per module instance, i.e. per test file; git runs at most once per jest run when the
// global setup has exported the commit, and once per test file otherwise.
let current: PropertySeed | undefined;

/** The seed of this test file's properties. */
export function propertySeed(): PropertySeed {
  current ??= resolvePropertySeed(process.env);
  return current;
}

/** `'a b'` for a POSIX shell. */
function shellQuote(text: string): string {
  return /^[\w./=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function packageDirOf(file: string): string | null {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return null;
}

function workspaceRootOf(dir: string): string | null {
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    const manifest = join(d, 'package.json');
    if (
      existsSync(manifest) &&
      /"workspaces"/.test(readFileSync(manifest, 'utf8'))
    )
      return d;
  }
  return null;
}

/** The shell command that replays one property test with a given seed. */
export function reproduceCommand(
  seed: number,
  testPath: string | undefined,
  testName: string | undefined,
): string {
  const env = `${PROPERTY_SEED_ENV}=${seed}`;
  const packageDir = testPath ? packageDirOf(testPath) : null;
  if (!testPath || !packageDir) {
    return `${env} yarn backstage-cli package test --watchAll=false`;
  }
  const root = workspaceRootOf(packageDir);
  // The repo's toolchain wrapper (Node and Yarn on PATH), when there is one.
  const dev =
    root && existsSync(join(root, 'scripts', 'dev'))
      ? `${relative(packageDir, root)}/scripts/dev exec`
      : '';
  const parts = [
    env,
    dev,
    'yarn backstage-cli package test --watchAll=false',
    shellQuote(relative(packageDir, testPath)),
    testName ? `-t ${shellQuote(`^${escapeRegExp(testName)}$`)}` : '',
  ];
  const command = parts.filter(Boolean).join(' ');
  return root
    ? `cd ${shellQuote(relative(root, packageDir))} && ${command}`
    : command;
}

function currentTest(): { testPath?: string; testName?: string } {
  if (typeof expect === 'undefined') return {};
  const state = expect.getState();
  return { testPath: state.testPath, testName: state.currentTestName };
}

/**
 * fast-check parameters with the seed of this run, e.g.
 * `fc.assert(property, propertyParameters({ numRuns: 200 }))`. On failure the error keeps
 * fast-check's report (seed, path, counterexample; the failing assertion is its cause) and adds
 * the command that replays it.
 */
export function propertyParameters<T>(
  parameters: Omit<
    fc.Parameters<T>,
    'seed' | 'reporter' | 'asyncReporter'
  > = {},
): fc.Parameters<T> {
  const { seed, source } = propertySeed();
  const { testPath, testName } = currentTest();
  return {
    ...parameters,
    seed,
    reporter(details) {
      if (!details.failed) return;
      const cause = details.errorInstance;
      const message = [
        fc.defaultReportMessage(details),
        '',
        `Seed ${seed} (${source}). Replay this failure with:`,
        `  ${reproduceCommand(seed, testPath, testName)}`,
      ].join('\n');
      throw new Error(message, { cause });
    },
  };
}
