/*
 * A real npm registry on loopback: verdaccio from fixtures/install/registry (its own package
 * and lockfile, so it stays out of the workspace's), storage in the run's folder, and an
 * uplink to the machine's registry for everything that is not @infra-specs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getFreePort, repoRoot } from '../harness/startBackendProcess';
import { cleanEnv, log, run, startProcess, waitFor } from './util';

export const fixturesDir = path.join(
  repoRoot,
  'packages/e2e-tests/fixtures/install',
);
const registryDir = path.join(fixturesDir, 'registry');

export interface Registry {
  url: string;
  /** The machine's own registry, which verdaccio proxies. */
  upstream: string;
  /** A token of a user that may publish @infra-specs packages. */
  token: string;
  /** An .npmrc that points the @infra-specs scope at this registry, with the token. */
  npmrc: string;
}

export async function upstreamRegistry(): Promise<string> {
  const { stdout } = await run('npm', ['config', 'get', 'registry'], {
    quiet: true,
    env: cleanEnv(),
  });
  return stdout.trim().replace(/\/?$/, '/');
}

/** `npm ci` of the registry package, skipped when its lockfile is the one installed last. */
async function installVerdaccio(upstream: string) {
  const lock = fs.readFileSync(path.join(registryDir, 'package-lock.json'));
  const digest = crypto.createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(registryDir, 'node_modules', '.install-stamp');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
    log('verdaccio already installed');
    return;
  }
  await run('npm', ['ci', '--no-audit', '--no-fund', '--registry', upstream], {
    cwd: registryDir,
    env: cleanEnv(),
  });
  fs.writeFileSync(stamp, digest);
}

export async function startRegistry(workDir: string): Promise<Registry> {
  const upstream = await upstreamRegistry();
  await installVerdaccio(upstream);

  const home = path.join(workDir, 'registry');
  fs.mkdirSync(home, { recursive: true });
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}/`;
  const configFile = path.join(home, 'config.yaml');
  fs.writeFileSync(
    configFile,
    [
      `storage: ${JSON.stringify(path.join(home, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(path.join(home, 'htpasswd'))}`,
      'uplinks:',
      '  upstream:',
      `    url: ${JSON.stringify(upstream)}`,
      '    timeout: 60s',
      'packages:',
      "  '@infra-specs/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      'web:',
      '  enable: false',
      'max_body_size: 200mb',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );

  const server = startProcess(
    process.execPath,
    [
      path.join(registryDir, 'node_modules/verdaccio/bin/verdaccio'),
      '--config',
      configFile,
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { cwd: home, env: cleanEnv() },
  );
  await waitFor(
    `verdaccio at ${url}`,
    async () => ((await fetch(`${url}-/ping`)).ok ? true : undefined),
    {
      timeoutMs: 60_000,
      alive: () =>
        server.child.exitCode !== null
          ? `exited with ${server.child.exitCode}\n${server.output()}`
          : undefined,
    },
  );

  // A publishing user, the way `npm adduser` makes one.
  const name = 'install-test';
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name,
      password: crypto.randomBytes(12).toString('hex'),
      type: 'user',
      roles: [],
      date: new Date().toISOString(),
    }),
  });
  if (!res.ok) {
    throw new Error(`verdaccio adduser: ${res.status} ${await res.text()}`);
  }
  const { token } = (await res.json()) as { token: string };

  const npmrc = path.join(home, 'npmrc');
  const hostPath = url.replace(/^http:/, '');
  fs.writeFileSync(
    npmrc,
    [
      `registry=${upstream}`,
      `@infra-specs:registry=${url}`,
      `${hostPath}:_authToken=${token}`,
      '',
    ].join('\n'),
  );
  log(`verdaccio at ${url} (uplink ${upstream})`);
  return { url, upstream, token, npmrc };
}
