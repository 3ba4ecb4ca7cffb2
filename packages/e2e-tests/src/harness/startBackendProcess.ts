/*
 * Starts the real backend (packages/backend/src/index.ts) as a child process, the way
 * `backstage-cli package start` does, with the repo's app-config.yaml plus overrides,
 * so that tests see the portal exactly as `scripts/dev start` runs it.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// This harness only ever runs from source (tests), never from a production build.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../../..');
const backendDir = path.join(repoRoot, 'packages/backend');

export interface BackendProcess {
  baseUrl: string;
  /**
   * The demo forge the backend started (app-config.yaml's `demoForge`), on a free port so that
   * test backends and `scripts/dev start` never share one: `http://127.0.0.1:<port>`.
   */
  forgeUrl: string;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** A token of the guest user, from the guest auth provider. */
  guestToken(): Promise<string>;
  stop(): Promise<void>;
}

export async function getFreePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Config overrides are merged on top of app-config.yaml (later files win). */
export async function startBackendProcess(options: {
  config?: Record<string, unknown>;
  timeoutMs?: number;
}): Promise<BackendProcess> {
  const port = await getFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const forgePort = await getFreePort();
  const overrideDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'infra-specs-backend-'),
  );
  const overrideFile = path.join(overrideDir, 'app-config.test.json');
  fs.writeFileSync(
    overrideFile,
    JSON.stringify(
      deepMerge(
        { backend: { baseUrl, listen: { port, host: '127.0.0.1' } } },
        options.config ?? {},
      ),
    ),
  );

  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      overrideFile,
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        INFRA_SPECS_FORGE_PORT: String(forgePort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));

  const proc: BackendProcess = {
    baseUrl,
    forgeUrl: `http://127.0.0.1:${forgePort}`,
    output: () => output,
    async guestToken() {
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (!res.ok) {
        throw new Error(
          `guest sign-in failed: ${res.status} ${await res.text()}`,
        );
      }
      const body = await res.json();
      return body.backstageIdentity.token;
    },
    async stop() {
      await stopProcessGroup(child);
      fs.rmSync(overrideDir, { recursive: true, force: true });
    },
  };

  try {
    await waitForReady(baseUrl, child, options.timeoutMs ?? 90_000);
  } catch (error) {
    await proc.stop();
    throw new Error(
      `${(error as Error).message}\n--- backend output ---\n${output}`,
    );
  }
  return proc;
}

async function waitForReady(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited early with code ${child.exitCode}`);
    }
    try {
      // The readiness endpoint answers 200 once every plugin has started.
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`backend at ${baseUrl} was not ready within ${timeoutMs} ms`);
}

export async function stopProcessGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

function deepMerge(
  a: Record<string, any>,
  b: Record<string, any>,
): Record<string, any> {
  const out: Record<string, any> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof out[key] === 'object'
        ? deepMerge(out[key], value)
        : value;
  }
  return out;
}
