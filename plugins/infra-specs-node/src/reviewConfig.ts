import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

const KEY = 'infraSpecs.review.staleAfter';
const DEFAULT_STALE_AFTER: HumanDuration = { days: 21 };

/**
 * `infraSpecs.review.staleAfter` in milliseconds (default 21 days): how long a spec may sit in
 * review before it needs attention. One reader for the backend's actions, the notifications
 * module and the Tech Insights facts, so "stale review" means the same in all of them. A value
 * that is not a positive duration fails naming the key.
 *
 * @public
 */
export function readStaleReviewMs(rootConfig: Config): number {
  let ms: number;
  try {
    ms = durationToMilliseconds(
      rootConfig.has(KEY)
        ? readDurationFromConfig(rootConfig, { key: KEY })
        : DEFAULT_STALE_AFTER,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Invalid config at '${KEY}': ${message}`);
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`Invalid config at '${KEY}': must be a positive duration`);
  }
  return ms;
}
