import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { InfraSpecsClient } from './InfraSpecsClient';

// The end-to-end test against the real plugin is in infra-specs-backend
// (src/InfraSpecsClient.test.ts), common's InfraSpecsApiClient.test.ts covers every URL;
// this one pins what the wrapper adds: tokens from the auth service and its own signatures.
describe('InfraSpecsClient requests', () => {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fakeFetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (url.includes('/specs/missing')) {
      return new Response(
        JSON.stringify({ error: { name: 'NotFoundError', message: 'gone' }, response: { statusCode: 404 } }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      );
    }
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;

  const client = new InfraSpecsClient({
    discovery: { getBaseUrl: async id => `http://backend/api/${id}`, getExternalBaseUrl: async id => `http://x/api/${id}` },
    auth: mockServices.auth({ pluginId: 'catalog' }),
    fetch: fakeFetch,
  });

  beforeEach(() => {
    calls.length = 0;
  });

  it('sends list filters as repeated parameters with a service token for infra-specs', async () => {
    await client.listSpecs({ status: ['approved', 'draft'], owner: ['group:default/a'], q: 'eks', limit: 10, sort: '-updated' });
    expect(calls[0].url).toBe(
      'http://backend/api/infra-specs/specs?status=approved&status=draft&owner=group%3Adefault%2Fa&q=eks&limit=10&sort=-updated',
    );
    const auth = (calls[0].init.headers as Record<string, string>).Authorization;
    expect(auth).toMatch(/^Bearer /);
    expect(await mockServices.auth({ pluginId: 'infra-specs' }).authenticate(auth.slice(7))).toEqual(
      mockCredentials.service('plugin:catalog'),
    );
  });

  it('trims the search and sends includeRemoved only when true, as the frontend does', async () => {
    await client.listSpecs({ q: '  eks ', includeRemoved: false });
    await client.listSpecs({ q: ' ', includeRemoved: true });
    expect(calls.map(c => c.url)).toEqual([
      'http://backend/api/infra-specs/specs?q=eks',
      'http://backend/api/infra-specs/specs?includeRemoved=true',
    ]);
  });

  it('builds entity, change, next-id, refresh and lint requests', async () => {
    await client.getEntitySpecs('component:payments-api');
    await client.getEntitySpecs('payments-api');
    await client.getChanges('tok', { limit: 5 });
    await client.getNextId('FEAT');
    await client.getNextId('FEAT', { reserve: true });
    await client.refresh('component:default/a');
    await client.lint({ markdown: '# Spec: x' });
    expect(calls.map(c => [c.init.method, c.url, c.init.body])).toEqual([
      ['GET', 'http://backend/api/infra-specs/entity/component/default/payments-api/specs', undefined],
      ['GET', 'http://backend/api/infra-specs/entity/component/default/payments-api/specs', undefined],
      ['GET', 'http://backend/api/infra-specs/changes?since=tok&limit=5', undefined],
      ['GET', 'http://backend/api/infra-specs/next-id?prefix=FEAT', undefined],
      ['POST', 'http://backend/api/infra-specs/next-id', '{"prefix":"FEAT"}'],
      ['POST', 'http://backend/api/infra-specs/refresh', '{"entityRef":"component:default/a"}'],
      ['POST', 'http://backend/api/infra-specs/lint', '{"markdown":"# Spec: x"}'],
    ]);
    // A ref without kind means a component (as in the frontend); a malformed one is refused.
    await expect(client.getEntitySpecs('component:')).rejects.toThrow(TypeError);
  });

  it('acts on behalf of given credentials and maps 404 on a spec to undefined', async () => {
    expect(await client.getSpec('missing', { credentials: mockCredentials.user('user:default/jane') })).toBeUndefined();
    const token = (calls[0].init.headers as Record<string, string>).Authorization.slice(7);
    expect(await mockServices.auth({ pluginId: 'infra-specs' }).authenticate(token)).toEqual(
      mockCredentials.user('user:default/jane'),
    );
  });
});
