/*
 * Small helpers of the install test: logging, timed phases, child processes that are always
 * cleaned up, and polling with a deadline.
 */
import { spawn, ChildProcess, SpawnOptions } from 'node:child_process';
import { stopProcessGroup } from '../harness/startBackendProcess';

export function log(message: string) {
  process.stdout.write(`[test:install] ${message}\n`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class Phases {
  private readonly done: Array<{ name: string; ms: number; ok: boolean }> = [];
  private readonly started = Date.now();

  async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    log(`--- ${name}`);
    const start = Date.now();
    try {
      const result = await fn();
      this.done.push({ name, ms: Date.now() - start, ok: true });
      log(`--- ${name}: ${seconds(Date.now() - start)}`);
      return result;
    } catch (error) {
      this.done.push({ name, ms: Date.now() - start, ok: false });
      throw error;
    }
  }

  table(): string {
    const rows = this.done.map(
      p => `| ${p.name} | ${seconds(p.ms)} | ${p.ok ? 'ok' : 'FAILED'} |`,
    );
    return [
      '| phase | time | result |',
      '| --- | --- | --- |',
      ...rows,
      `| total | ${seconds(Date.now() - this.started)} | |`,
    ].join('\n');
  }
}

const cleanups: Array<() => Promise<void>> = [];

/** Runs on the way out, last registered first (servers stop before their folders go). */
export function onCleanup(fn: () => Promise<void>) {
  cleanups.push(fn);
}

export async function runCleanups() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      log(`cleanup failed: ${error}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    runCleanups().finally(() => process.exit(130));
  });
}

export interface Started {
  child: ChildProcess;
  output(): string;
}

/** A long-running child in its own process group, stopped with the whole group on cleanup. */
export function startProcess(
  command: string,
  args: string[],
  options: SpawnOptions,
): Started {
  const child = spawn(command, args, {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  onCleanup(() => stopProcessGroup(child));
  return { child, output: () => output };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; fails with its output unless `allowFailure`. */
export function run(
  command: string,
  args: string[],
  options: SpawnOptions & { allowFailure?: boolean; quiet?: boolean } = {},
): Promise<RunResult> {
  const { allowFailure, quiet, ...spawnOptions } = options;
  if (!quiet) log(`$ ${[command, ...args].join(' ')}`);
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...spawnOptions,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', d => (stdout += d));
    child.stderr!.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => {
      const result = { code: code ?? 1, stdout, stderr };
      if (!quiet)
        log(`  exit ${result.code} after ${seconds(Date.now() - start)}`);
      if (result.code !== 0 && !allowFailure) {
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${
              result.code
            }\n--- stdout ---\n${stdout.slice(
              -8000,
            )}\n--- stderr ---\n${stderr.slice(-8000)}`,
          ),
        );
      } else {
        resolve(result);
      }
    });
  });
}

/** Calls `probe` once a second until it returns a value, or fails at the deadline. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; alive?: () => string | undefined },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = options.alive?.();
    if (dead) throw new Error(`${what}: ${dead}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = String(error);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `Timed out waiting for ${what}${last ? `; last: ${last}` : ''}`,
  );
}

/** The environment for tools run in other folders: without the variables of a parent Yarn. */
export function cleanEnv(
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(npm_(?!config_nodedir)|YARN_|BERRY_|PROJECT_CWD|INIT_CWD)/i.test(key)
    )
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}
