/*
 * scripts/dev test:install: the published packages, installed the way a platform team would.
 *
 * 1. a real npm registry (verdaccio) on loopback, uplinked to the machine's registry;
 * 2. every public workspace built, packed, checked and published to it by name at a version
 *    unique to this run (the repository itself is left untouched);
 * 3. a stock create-app-shaped app (fixtures/install/stock-app) in a temporary folder gets the
 *    packages exactly as the root README's "Install into your own Backstage" says, then
 *    type-checks, indexes a spec folder, serves Spec entities and shows a Specs tab in Chromium;
 * 4. `npx @infra-specs/cli` from the registry in an empty folder on Node 20 and Node 22.
 *
 * Flags: --keep leaves the temporary folder (and prints it) for a look after the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../harness/startBackendProcess';
import { startRegistry } from './registry';
import { publishPackages } from './packages';
import { installIntoStockApp } from './stockApp';
import { runCliFromRegistry } from './cli';
import { Phases, log, run, runCleanups } from './util';

async function main() {
  const keep = process.argv.includes('--keep');
  const version = `0.0.0-install.${new Date()
    .toISOString()
    .replace(/\D/g, '')
    .slice(0, 14)}`;
  const workDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'infra-specs-install-'),
  );
  const outDir = path.join(repoRoot, 'e2e-artifacts', 'install');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  log(`version ${version}, work dir ${workDir}, output ${outDir}`);

  const phases = new Phases();
  try {
    const registry = await phases.run(
      'registry: install and start verdaccio',
      () => startRegistry(workDir),
    );
    const published = await phases.run(
      'packages: build, pack, check, publish',
      () => publishPackages({ registry, version, workDir, outDir }),
    );
    await installIntoStockApp({
      registry,
      version,
      published,
      workDir,
      outDir,
      phases,
    });
    await runCliFromRegistry({ registry, version, workDir, phases });
  } finally {
    await phases
      .run('cleanup: stop the servers', runCleanups)
      .catch(error => log(`cleanup failed: ${error}`));
    if (keep) {
      log(`kept ${workDir}`);
    } else {
      // GNU rm takes the stock app's node_modules apart faster than fs.rmSync.
      await phases
        .run('cleanup: remove the work dir', () =>
          run('rm', ['-rf', workDir], { quiet: true }).then(() => undefined),
        )
        .catch(error => log(`cleanup failed: ${error}`));
    }
    const table = phases.table();
    log(`\n${table}`);
    fs.writeFileSync(path.join(outDir, 'timings.md'), `${table}\n`);
  }
  log('test:install passed');
}

main().catch(error => {
  process.stderr.write(`\ntest:install FAILED: ${error?.stack ?? error}\n`);
  process.exit(1);
});
