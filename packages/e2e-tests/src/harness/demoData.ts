/*
 * Waits for what the portal builds in the background after start: the spec index (the
 * infra-specs refresh task), the Spec entities (the catalog module) and the search index.
 */
import type { BackendProcess } from './startBackendProcess';

/** GETs `path` of the backend as the guest user until `accept` says yes, or fails at the deadline. */
export async function pollBackend<T>(
  backend: BackendProcess,
  path: string,
  accept: (body: T) => boolean,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const token = await backend.guestToken();
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${backend.baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const text = await res.text();
      last = `${res.status} ${text.slice(0, 300)}`;
      if (res.ok) {
        const body = JSON.parse(text) as T;
        if (accept(body)) return body;
      }
    } catch (error) {
      last = String(error);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `Timed out waiting for ${options.what ?? path}; last answer: ${last}`,
  );
}

/** The demo's 12 specs in the infra-specs index (GET /api/infra-specs/specs). */
export function waitForDemoSpecs(backend: BackendProcess, count = 12) {
  return pollBackend<{ totalCount: number }>(
    backend,
    '/api/infra-specs/specs?limit=1',
    body => body.totalCount >= count,
    { what: `${count} demo specs in the infra-specs index` },
  );
}
