import type { HumanDuration } from '@backstage/types';

export interface Config {
  infraSpecs?: {
    review?: {
      /**
       * A spec in review longer than this needs attention; read by the backend plugin too.
       * Default `{ days: 21 }`.
       */
      staleAfter?: HumanDuration | string;
    };
    /** What the notifications module tells a spec's owners (through the spec's entity). */
    notifications?: {
      /** A spec's status changed (or a new spec appeared): old and new status, a link. Default on. */
      statusChange?: { enabled?: boolean };
      /** A spec sits in review longer than `review.staleAfter`. Default on. */
      staleReview?: {
        enabled?: boolean;
        /** At most one reminder per spec per this period. Default `{ days: 7 }`. */
        repeatEvery?: HumanDuration | string;
      };
      /** A spec gained an error diagnostic it did not have (approved with placeholders, unreadable evidence...). Default on. */
      newErrors?: { enabled?: boolean };
      /**
       * When all specs are compared with what was last notified: the stale review reminders and
       * anything a missed event left out. Default every hour, after one minute.
       */
      schedule?: {
        frequency?: HumanDuration | string | { cron: string };
        timeout?: HumanDuration | string;
        initialDelay?: HumanDuration | string;
      };
    };
  };
}
