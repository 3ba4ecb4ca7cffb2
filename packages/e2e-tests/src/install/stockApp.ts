/*
 * The packages in a stock app: fixtures/install/stock-app (create-app's shape, Backstage 1.57,
 * its own yarn.lock) copied to the run's folder, then installed into exactly as the root
 * README's "Install into your own Backstage" section says: its `yarn --cwd ... add` lines run as
 * written, its `backend.add(...)` lines go into the backend, and the frontend plugin is picked
 * up by feature discovery (`app.packages: all`, as create-app's app-config.yaml has it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../harness/browser';
import { getFreePort, repoRoot } from '../harness/startBackendProcess';
import { fixturesDir, Registry } from './registry';
import type { PublishedPackage } from './packages';
import {
  cleanEnv,
  log,
  Phases,
  run,
  startProcess,
  Started,
  waitFor,
} from './util';

const readmeSection = 'Install into your own Backstage';

const exited = (proc: Started) => () =>
  proc.child.exitCode !== null
    ? `exited with ${proc.child.exitCode}\n${proc.output().slice(-6000)}`
    : undefined;

/** The install lines of the root README's section, as a reader would copy them. */
export function readInstallSteps(readme: string) {
  const start = readme.indexOf(`## ${readmeSection}`);
  if (start < 0)
    throw new Error(`README.md has no "## ${readmeSection}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const lines = section.split('\n').map(l => l.trim());
  const yarnAdds = lines.filter(l =>
    /^yarn --cwd packages\/(app|backend) add @infra-specs\//.test(l),
  );
  // Ours, and the Backstage plugins an optional one of ours needs (notifications).
  const backendAdds = lines.filter(l =>
    /^backend\.add\(import\('@(infra-specs|backstage)\/[^']+'\)\);$/.test(l),
  );
  if (!yarnAdds.length || !backendAdds.length) {
    throw new Error(
      `README.md "${readmeSection}" has no yarn add lines or backend.add lines`,
    );
  }
  return { yarnAdds, backendAdds };
}

/** Versions each package resolves to in a Yarn Berry lockfile. */
export function lockfileVersions(lockfile: string): Map<string, Set<string>> {
  const versions = new Map<string, Set<string>>();
  for (const block of lockfile.split('\n\n')) {
    const header = block.split('\n')[0];
    const name = /^"?((?:@[^/@"]+\/)?[^@"]+)@/.exec(header)?.[1];
    const version = /\n {2}version: "?([^"\n]+)"?/.exec(block)?.[1];
    if (!name || !version) continue;
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name)!.add(version);
  }
  return versions;
}

/**
 * Published packages the README does not install into the stock app, and why. Each is still
 * built, packed, checked and published.
 */
export const NOT_IN_STOCK_APP: Record<string, string> = {
  '@infra-specs/backstage-plugin-tech-insights-backend-module-infra-specs':
    'the community Tech Insights backend 3.1.0 depends on @backstage/backend-defaults ^0.17, a second copy beside the Backstage 1.57 app',
};

export async function installIntoStockApp(options: {
  registry: Registry;
  version: string;
  published: PublishedPackage[];
  workDir: string;
  outDir: string;
  phases: Phases;
}) {
  const { registry, version, published, workDir, outDir, phases } = options;
  const appDir = path.join(workDir, 'stock-app');
  const env = cleanEnv({ YARN_ENABLE_PROGRESS_BARS: 'false' });
  // The app is its own project: Yarn must not take it for part of this repository.
  delete env.YARN_IGNORE_PATH;

  await phases.run(
    'stock app: add the packages as the README says',
    async () => {
      fs.cpSync(path.join(fixturesDir, 'stock-app'), appDir, {
        recursive: true,
        filter: src => !src.includes(`${path.sep}node_modules`),
      });
      // The README's .yarnrc.yml lines, plus where this run's registry is.
      fs.writeFileSync(
        path.join(appDir, '.yarnrc.yml'),
        [
          'nodeLinker: node-modules',
          'npmMinimalAgeGate: 3d',
          'npmPreapprovedPackages:',
          "  - '@backstage/*'",
          "  - '@infra-specs/*'",
          'npmScopes:',
          '  infra-specs:',
          `    npmRegistryServer: '${registry.url}'`,
          'unsafeHttpWhitelist:',
          "  - '127.0.0.1'",
          '',
        ].join('\n'),
      );

      const steps = readInstallSteps(
        fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'),
      );
      for (const line of steps.yarnAdds) {
        const [command, ...args] = line.split(/\s+/);
        await run(command, args, { cwd: appDir, env });
      }
      const indexFile = path.join(appDir, 'packages/backend/src/index.ts');
      const index = fs.readFileSync(indexFile, 'utf8');
      if (!index.includes('backend.start();'))
        throw new Error('no backend.start() in the fixture');
      fs.writeFileSync(
        indexFile,
        index.replace(
          'backend.start();',
          `${steps.backendAdds.join('\n')}\n\nbackend.start();`,
        ),
      );

      // One copy of each @backstage/* package, and this run's @infra-specs/* from the registry.
      const versions = lockfileVersions(
        fs.readFileSync(path.join(appDir, 'yarn.lock'), 'utf8'),
      );
      const duplicates = [...versions]
        .filter(([name, v]) => name.startsWith('@backstage/') && v.size > 1)
        .map(([name, v]) => `${name}: ${[...v].join(', ')}`);
      if (duplicates.length) {
        throw new Error(`more than one version of:\n${duplicates.join('\n')}`);
      }
      const backstageCount = [...versions.keys()].filter(n =>
        n.startsWith('@backstage/'),
      ).length;
      for (const pkg of published.filter(
        p => p.name !== '@infra-specs/cli' && !(p.name in NOT_IN_STOCK_APP),
      )) {
        const got = [...(versions.get(pkg.name) ?? [])];
        if (got.length !== 1 || got[0] !== version) {
          throw new Error(
            `${pkg.name} resolves to [${got.join(
              ', ',
            )}] in the stock app, not ${version}`,
          );
        }
      }
      log(
        `yarn.lock: ${backstageCount} @backstage/* packages, one version each; @infra-specs/* at ${version}`,
      );
    },
  );

  await phases.run('stock app: type check (tsc)', async () => {
    await run('yarn', ['tsc'], { cwd: appDir, env });
  });

  const specs = copyExampleSpecs(appDir);
  const backendPort = await getFreePort();
  const appPort = await getFreePort();
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const overrideFile = path.join(appDir, 'app-config.install-test.json');
  fs.writeFileSync(
    overrideFile,
    JSON.stringify(
      {
        app: { baseUrl: appUrl, listen: { host: '127.0.0.1', port: appPort } },
        backend: {
          baseUrl: backendUrl,
          listen: { host: '127.0.0.1', port: backendPort },
          cors: { origin: appUrl },
        },
        catalog: {
          rules: [
            { allow: ['Component', 'System', 'API', 'Resource', 'Location'] },
          ],
          locations: [{ type: 'file', target: specs.location }],
          providers: {
            infraSpecs: {
              schedule: { frequency: { seconds: 5 }, timeout: { minutes: 3 } },
            },
          },
        },
        infraSpecs: {
          local: { allowedRoots: [specs.root] },
          refresh: { frequency: { minutes: 1 }, initialDelay: { seconds: 1 } },
        },
      },
      null,
      2,
    ),
  );
  const configArgs = [
    '--config',
    '../../app-config.yaml',
    '--config',
    overrideFile,
  ];

  const backend = await phases.run(
    'stock app: backend starts (SQLite)',
    async () => {
      const proc = startProcess('yarn', ['start', ...configArgs], {
        cwd: path.join(appDir, 'packages/backend'),
        env: { ...env, LOG_LEVEL: 'warn' },
      });
      await waitFor(
        `the stock backend at ${backendUrl}`,
        async () =>
          (
            await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
          ).ok
            ? true
            : undefined,
        { timeoutMs: 240_000, alive: exited(proc) },
      );
      return proc;
    },
  );

  const vpcSpecs = await phases.run(
    'stock app: specs indexed, Spec entities in the catalog',
    async () => {
      const token = await guestToken(backendUrl);
      const get = async <T>(p: string): Promise<T | undefined> => {
        const res = await fetch(`${backendUrl}${p}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return res.ok ? ((await res.json()) as T) : undefined;
      };
      // Every route needs credentials: without the token the API says no.
      const anonymous = await fetch(`${backendUrl}/api/infra-specs/specs`);
      if (anonymous.status !== 401)
        throw new Error(
          `GET /api/infra-specs/specs without a token: ${anonymous.status}`,
        );

      type Specs = {
        items: Array<{
          name: string;
          document: { id: string; title: string; status: string };
        }>;
      };
      // Once the catalog has the components, index now rather than at the next scheduled run.
      await waitFor(
        'the example components in the catalog',
        async () => {
          const b = await get<{ items: unknown[] }>(
            '/api/catalog/entities/by-query?filter=kind=component&limit=100',
          );
          return b && b.items.length >= specs.components.length ? b : undefined;
        },
        { timeoutMs: 120_000, alive: exited(backend) },
      );
      const refresh = await fetch(`${backendUrl}/api/infra-specs/refresh`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
      if (refresh.status !== 202) {
        throw new Error(
          `POST /api/infra-specs/refresh: ${
            refresh.status
          } ${await refresh.text()}`,
        );
      }
      const perComponent = new Map<string, Specs['items']>();
      for (const component of specs.components) {
        const body = await waitFor(
          `the specs of ${component.name}`,
          async () => {
            const b = await get<Specs>(
              `/api/infra-specs/entity/component/default/${component.name}/specs`,
            );
            return b && b.items.length >= component.specCount ? b : undefined;
          },
          { timeoutMs: 180_000, alive: exited(backend) },
        );
        perComponent.set(component.name, body.items);
      }
      const total = [...perComponent.values()].reduce(
        (n, items) => n + items.length,
        0,
      );
      type Entities = {
        items: Array<{
          kind: string;
          metadata: { name: string };
          spec?: { status?: string };
        }>;
      };
      const entities = await waitFor(
        `${total} Spec entities in the catalog`,
        async () => {
          const b = await get<Entities>(
            '/api/catalog/entities/by-query?filter=kind=spec&limit=100',
          );
          return b && b.items.length === total ? b : undefined;
        },
        { timeoutMs: 180_000, alive: exited(backend) },
      );
      const untyped = entities.items.filter(
        e => typeof e.spec?.status !== 'string',
      );
      if (untyped.length)
        throw new Error(
          `Spec entities without spec.status: ${untyped.map(
            e => e.metadata.name,
          )}`,
        );
      log(
        `${total} specs indexed, ${
          entities.items.length
        } Spec entities (${entities.items
          .map(e => e.metadata.name)
          .join(', ')})`,
      );
      return perComponent.get('network-vpc')!;
    },
  );

  // Stopped with every other server on cleanup.
  await phases.run('stock app: frontend dev server compiles', async () => {
    const proc = startProcess('yarn', ['start', ...configArgs], {
      cwd: path.join(appDir, 'packages/app'),
      env: { ...env, BROWSER: 'none' },
    });
    const compileErrors = /compiled with \d+ errors?|Failed to compile/i;
    await waitFor(
      `the stock app at ${appUrl}`,
      async () => {
        if (
          !/compiled (successfully|with \d+ warnings?)/i.test(proc.output())
        ) {
          return undefined;
        }
        return (await fetch(appUrl)).ok ? true : undefined;
      },
      {
        timeoutMs: 300_000,
        alive: () =>
          exited(proc)() ??
          (compileErrors.test(proc.output())
            ? `the app did not compile\n${proc.output().slice(-6000)}`
            : undefined),
      },
    ).catch(error => {
      throw new Error(`${error}\n${proc.output().slice(-6000)}`);
    });
    return proc;
  });

  await phases.run(
    "stock app: a component's Specs tab in Chromium",
    async () => {
      const browser = await launchChromium();
      const page = await browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      page.setDefaultTimeout(60_000);
      const pageErrors: string[] = [];
      page.on('pageerror', e => pageErrors.push(e.message));
      try {
        await page.goto(appUrl);
        await page.getByRole('button', { name: /enter/i }).click(); // the guest sign-in
        await page
          .getByRole('button', { name: /enter/i })
          .waitFor({ state: 'detached' });
        await page.goto(
          `${appUrl}/catalog/default/component/network-vpc/specs`,
        );
        const table = page.getByRole('table').first();
        for (const spec of vpcSpecs) {
          const row = table
            .getByRole('row')
            .filter({ hasText: spec.document.id });
          await row
            .getByTestId(`status-chip-${spec.document.status}`)
            .waitFor();
          await row.getByText(spec.document.title).first().waitFor();
        }
        await page.getByText(`Specs (${vpcSpecs.length})`).first().waitFor();
        log(`Specs tab shows ${vpcSpecs.map(s => s.document.id).join(', ')}`);
        if (pageErrors.length)
          throw new Error(`page errors: ${pageErrors.join('; ')}`);
      } finally {
        await page.screenshot({
          path: path.join(outDir, 'stock-app-specs-tab.png'),
          fullPage: true,
        });
        await browser.close();
      }
    },
  );
}

/** Two example components with their spec folders, and a Location that registers both. */
function copyExampleSpecs(appDir: string) {
  const root = path.join(appDir, 'examples');
  const components = [
    { name: 'network-vpc', specCount: 3 },
    { name: 'payments-api', specCount: 3 },
  ];
  for (const c of components) {
    fs.cpSync(
      path.join(repoRoot, 'examples/components', c.name),
      path.join(root, c.name),
      {
        recursive: true,
      },
    );
  }
  const location = path.join(root, 'all.yaml');
  fs.writeFileSync(
    location,
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata:',
      '  name: infra-specs-install-test',
      'spec:',
      '  targets:',
      ...components.map(c => `    - ./${c.name}/catalog-info.yaml`),
      '',
    ].join('\n'),
  );
  return { root, location, components };
}

async function guestToken(backendUrl: string): Promise<string> {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}
