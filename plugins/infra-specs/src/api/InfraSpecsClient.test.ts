import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { InfraSpecsClient, specQueryToSearchParams } from './InfraSpecsClient';

const server = setupServer();
registerMswTestHooks(server);

const base = 'http://example.com/api/infra-specs';

function client() {
  return new InfraSpecsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://example.com' }),
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
}

describe('specQueryToSearchParams', () => {
  it('repeats list filters and keeps the scalar ones once', () => {
    const params = specQueryToSearchParams({
      status: ['draft', 'in-review'],
      owner: ['group:default/platform'],
      blastRadius: ['high', 'critical'],
      q: '  eks ',
      limit: 25,
      cursor: 'abc',
      sort: '-monthlyCostDelta',
    });
    expect(params.getAll('status')).toEqual(['draft', 'in-review']);
    expect(params.getAll('blastRadius')).toEqual(['high', 'critical']);
    expect(params.get('owner')).toBe('group:default/platform');
    expect(params.get('q')).toBe('eks');
    expect(params.toString()).toBe(
      'status=draft&status=in-review&owner=group%3Adefault%2Fplatform&blastRadius=high&blastRadius=critical&q=eks&limit=25&cursor=abc&sort=-monthlyCostDelta',
    );
  });

  it('leaves out empty filters and a blank search', () => {
    expect(specQueryToSearchParams({ status: [], q: ' ' }).toString()).toBe('');
    expect(specQueryToSearchParams().toString()).toBe('');
  });
});

describe('InfraSpecsClient', () => {
  it('lists specs with the query string the backend expects', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${base}/specs`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );
    await expect(
      client().listSpecs({
        status: ['approved'],
        format: ['infrastructure-change'],
        limit: 10,
      }),
    ).resolves.toEqual({ items: [], totalCount: 0 });
    expect(seen?.searchParams.getAll('status')).toEqual(['approved']);
    expect(seen?.searchParams.get('format')).toBe('infrastructure-change');
    expect(seen?.searchParams.get('limit')).toBe('10');
  });

  it('calls the entity route with kind, namespace and name of the ref', async () => {
    let path: string | undefined;
    server.use(
      http.get(`${base}/entity/:kind/:namespace/:name/specs`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({ items: [], location: null });
      }),
    );
    await client().getEntitySpecs('Component:prod/payments-api');
    expect(path).toBe(
      '/api/infra-specs/entity/Component/prod/payments-api/specs',
    );
    await client().getEntitySpecs('payments-api');
    expect(path).toBe(
      '/api/infra-specs/entity/component/default/payments-api/specs',
    );
  });

  it('encodes the spec name and asks for the summary of one entity', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${base}/specs/:name`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({ name: 'a b' });
      }),
      http.get(`${base}/summary`, ({ request }) => {
        paths.push(new URL(request.url).search);
        return HttpResponse.json({ total: 0 });
      }),
    );
    await client().getSpec('a b');
    await client().getSummary({ entityRef: 'component:default/x' });
    await client().getSummary();
    expect(paths).toEqual([
      '/api/infra-specs/specs/a%20b',
      '?entityRef=component%3Adefault%2Fx',
      '',
    ]);
  });

  it('posts a refresh for one entity as JSON', async () => {
    let body: unknown;
    server.use(
      http.post(`${base}/refresh`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ locations: [] });
      }),
    );
    await client().refresh({ entityRef: 'component:default/payments-api' });
    expect(body).toEqual({ entityRef: 'component:default/payments-api' });
    await client().refresh();
    expect(body).toEqual({});
  });

  it('turns an error status into a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${base}/specs/:name`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: "No spec named 'nope'" },
            request: { method: 'GET', url: '/specs/nope' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
      http.post(`${base}/refresh`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Forbidden' },
            request: { method: 'POST', url: '/refresh' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client()
      .getSpec('nope')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe("No spec named 'nope'");
    const refreshError = await client()
      .refresh()
      .catch(e => e);
    expect(refreshError).toBeInstanceOf(ResponseError);
    expect(refreshError.statusCode).toBe(403);
  });

  it('maps a non-JSON error page to a ResponseError too', async () => {
    server.use(
      http.get(
        `${base}/summary`,
        () => new HttpResponse('<html>Bad gateway</html>', { status: 502 }),
      ),
    );
    const error = await client()
      .getSummary()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });
});
