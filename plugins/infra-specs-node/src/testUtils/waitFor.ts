/**
 * Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`
 * with the last error. For what backends do in their own loops (catalog processing and
 * stitching, search indexing).
 *
 * @public
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${options.what ?? 'a condition'}${
          lastError ? `: ${String(lastError)}` : ''
        }`,
      );
    }
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? 100),
    );
  }
}
