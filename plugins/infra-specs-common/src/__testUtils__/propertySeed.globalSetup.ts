/*
 * Jest global setup: in CI, reads the commit under test once per jest run and hands it to every
 * worker through the environment, so that no test file has to run git to pick its property seed.
 */
import { ciCommit, COMMIT_ENV, gitCommit, isCi } from './propertySeed';

export default function exportCommitForPropertySeeds(): void {
  if (!isCi(process.env)) return;
  const commit = ciCommit(process.env, gitCommit);
  if (commit) process.env[COMMIT_ENV] = commit;
}
