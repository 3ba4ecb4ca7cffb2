/** Retry timing of a failing location: `initialMs`, doubled per failure, at most `maxMs`. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** The delay before the next attempt after `failures` consecutive failures (1 = the first). */
export function backoffDelayMs(
  failures: number,
  policy: BackoffPolicy,
): number {
  const doublings = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(policy.maxMs, policy.initialMs * 2 ** doublings);
}

/** After one more failure at `now`: how many in a row, and when to try again. */
export function nextAttempt(
  previousFailures: number,
  now: Date,
  policy: BackoffPolicy,
): { consecutiveFailures: number; delayMs: number; nextAttemptAt: string } {
  const consecutiveFailures = previousFailures + 1;
  const delayMs = backoffDelayMs(consecutiveFailures, policy);
  return {
    consecutiveFailures,
    delayMs,
    nextAttemptAt: new Date(now.getTime() + delayMs).toISOString(),
  };
}

/** Whether a location that failed before is not due again yet (timestamps are ISO strings). */
export function isBackingOff(
  location: { nextAttemptAt: string | null } | undefined,
  nowIso: string,
): boolean {
  return Boolean(location?.nextAttemptAt && location.nextAttemptAt > nowIso);
}
