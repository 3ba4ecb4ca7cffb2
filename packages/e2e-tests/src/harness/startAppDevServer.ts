/*
 * Starts the frontend dev server (packages/app) the way `scripts/dev start` does,
 * on a port of our choosing, talking to the given backend.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getFreePort, repoRoot, stopProcessGroup } from './startBackendProcess';

export interface AppDevServer {
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startAppDevServer(options: {
  backendBaseUrl: string;
  timeoutMs?: number;
}): Promise<AppDevServer> {
  const port = await getFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const overrideDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'infra-specs-app-'),
  );
  const overrideFile = path.join(overrideDir, 'app-config.test.json');
  fs.writeFileSync(
    overrideFile,
    JSON.stringify({
      app: { baseUrl, listen: { host: '127.0.0.1', port } },
      backend: { baseUrl: options.backendBaseUrl },
    }),
  );
  const child = spawn(
    process.execPath,
    [
      require.resolve('@backstage/cli/bin/backstage-cli'),
      'package',
      'start',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      overrideFile,
    ],
    {
      cwd: path.join(repoRoot, 'packages/app'),
      env: { ...process.env, BROWSER: 'none', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));

  const server: AppDevServer = {
    baseUrl,
    output: () => output,
    async stop() {
      await stopProcessGroup(child);
      fs.rmSync(overrideDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    // The dev server answers before the first compilation ends; wait for the bundle.
    if (/compiled (successfully|with \d+ warnings?)/i.test(output)) {
      try {
        if ((await fetch(baseUrl)).ok) return server;
      } catch {
        // not listening yet
      }
    }
    if (/compiled with \d+ errors?|Failed to compile/i.test(output)) break;
    await new Promise(r => setTimeout(r, 1000));
  }
  await server.stop();
  throw new Error(
    `the app dev server did not come up at ${baseUrl}\n--- output ---\n${output}`,
  );
}
