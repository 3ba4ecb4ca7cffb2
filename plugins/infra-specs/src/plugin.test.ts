import { mockApis } from '@backstage/test-utils';
import { infraSpecsApiRef, type InfraSpecsApi } from './api/InfraSpecsApi';
import { infraSpecsPlugin } from './plugin';

describe('infraSpecsPlugin', () => {
  it("implements the API with common's client over the app's discovery and fetch", async () => {
    const [factory] = [...infraSpecsPlugin.getApis()];
    expect(factory.api).toBe(infraSpecsApiRef);
    const calls: string[] = [];
    const api = factory.factory({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: {
        fetch: async (url: string, init?: RequestInit) => {
          calls.push(`${init?.method} ${url}`);
          return Response.json({ id: 'SPEC-0001' });
        },
      },
    }) as InfraSpecsApi;
    await expect(api.getNextId('SPEC')).resolves.toEqual({ id: 'SPEC-0001' });
    await api.listSpecs({ q: ' eks ', includeRemoved: false });
    expect(calls).toEqual([
      'GET http://backstage.test/api/infra-specs/next-id?prefix=SPEC',
      'GET http://backstage.test/api/infra-specs/specs?q=eks',
    ]);
  });
});
