/*
 * The pure parts of scripts/dev test:install: what it reads from the README, how it reads a
 * lockfile and what it refuses in a packed manifest. The install itself runs in test:install.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../harness/startBackendProcess';
import { checkManifest, publicWorkspaces } from './packages';
import {
  lockfileVersions,
  NOT_IN_STOCK_APP,
  readInstallSteps,
} from './stockApp';

describe('readInstallSteps', () => {
  it("reads the root README's yarn add and backend.add lines for every plugin", () => {
    const steps = readInstallSteps(
      fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'),
    );
    for (const name of [
      'infra-specs-backend',
      'catalog-backend-module-infra-specs',
      'scaffolder-backend-module-infra-specs',
      'search-backend-module-infra-specs',
      'infra-specs-backend-module-notifications',
    ]) {
      const line = steps.yarnAdds.find(l =>
        l.split(' ').includes(`@infra-specs/backstage-plugin-${name}`),
      );
      expect(line).toMatch(/^yarn --cwd packages\/backend add /);
      expect(steps.backendAdds).toContain(
        `backend.add(import('@infra-specs/backstage-plugin-${name}'));`,
      );
    }
    expect(steps.yarnAdds).toContain(
      'yarn --cwd packages/app add @infra-specs/backstage-plugin-infra-specs',
    );
    // The notifications module comes with the backend it sends through.
    expect(steps.backendAdds).toContain(
      "backend.add(import('@backstage/plugin-notifications-backend'));",
    );
  });

  it('installs every public package into the stock app, or says why not', async () => {
    const steps = readInstallSteps(
      fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'),
    );
    const installed = new Set(steps.yarnAdds.flatMap(l => l.split(/\s+/)));
    const missing = (await publicWorkspaces())
      .map(w => w.name)
      .filter(
        name =>
          name !== '@infra-specs/cli' &&
          !installed.has(name) &&
          !(name in NOT_IN_STOCK_APP) &&
          // Dependencies of the plugins, installed with them.
          !/-(common|node)$/.test(name),
      );
    expect(missing).toEqual([]);
  });

  it('fails on a README without the section', () => {
    expect(() => readInstallSteps('# x\n\n## Other\n')).toThrow(
      /Install into your own Backstage/,
    );
  });
});

describe('lockfileVersions', () => {
  it('collects every version a package resolves to', () => {
    const lock = [
      '__metadata:\n  version: 8',
      '"@backstage/core-plugin-api@npm:^1.12.0":\n  version: 1.12.0\n  resolution: "x"',
      '"@backstage/core-plugin-api@npm:^1.13.0":\n  version: 1.13.0\n  resolution: "x"',
      '"react@npm:^18.0.2, react@npm:^18.3.1":\n  version: 18.3.1\n  resolution: "x"',
    ].join('\n\n');
    const versions = lockfileVersions(lock);
    expect([...versions.get('@backstage/core-plugin-api')!]).toEqual([
      '1.12.0',
      '1.13.0',
    ]);
    expect([...versions.get('react')!]).toEqual(['18.3.1']);
  });
});

describe('checkManifest', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-specs-manifest-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist/index.cjs.js'), '');
  fs.writeFileSync(path.join(dir, 'dist/index.d.ts'), '');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const good = {
    name: '@infra-specs/x',
    main: './dist/index.cjs.js',
    types: './dist/index.d.ts',
    exports: {
      '.': {
        backstage: '@backstage/BackendFeature',
        require: './dist/index.cjs.js',
        types: './dist/index.d.ts',
      },
      './package.json': './package.json',
    },
    dependencies: { '@backstage/types': '^1.2.0' },
  };

  it('accepts built output with real ranges', () => {
    expect(() => checkManifest(good, dir)).not.toThrow();
  });

  it.each([
    ['private', { private: true }, /"private": true/],
    ['sources as types', { types: 'src/index.ts' }, /types is src\/index.ts/],
    [
      'a workspace range',
      { dependencies: { a: 'workspace:^' } },
      /workspace:\^/,
    ],
    ['a missing file', { main: './dist/gone.js' }, /lacks/],
    ['an export into src', { exports: { '.': './src/index.ts' } }, /exports/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => checkManifest({ ...good, ...change }, dir)).toThrow(message);
  });
});
