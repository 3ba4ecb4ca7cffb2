/*
 * A backend with the infra-specs plugin on a given database, run as a process of its own so
 * that a test can kill it (interruptedRefresh.test.ts): the real plugin, store and parser on a
 * real database; the catalog is a fixed list of entities. Its one argument is a JSON file with
 * `knex` (a knex config), `entities` and `allowedRoots`. Prints `listening on <port>` once it
 * serves, and the plugin's info logs (the refresh summary among them).
 *
 * Run from sources with Backstage's node transform (see startChild in the test):
 *   node --require @backstage/cli/config/nodeTransform.cjs backendChild.ts options.json
 */
import { readFileSync } from 'node:fs';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { infraSpecsPlugin } from '../plugin';

async function main() {
  const options = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const knex = knexFactory(options.knex);
  const backend = await startTestBackend({
    features: [
      infraSpecsPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      // The cold refresh runs when the test asks for it (POST /refresh), not on startup.
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootLogger.factory({ level: 'info' }),
      mockServices.rootConfig.factory({
        data: { infraSpecs: { local: { allowedRoots: options.allowedRoots } } },
      }),
    ],
  });
  process.stdout.write(`listening on ${backend.server.port()}\n`);
  process.once('SIGTERM', () => {
    backend
      .stop()
      .then(() => knex.destroy())
      .finally(() => process.exit(0));
  });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
