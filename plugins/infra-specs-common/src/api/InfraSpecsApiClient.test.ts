import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import {
  InfraSpecsApiClient,
  specQueryToSearchParams,
} from './InfraSpecsApiClient';

interface Seen {
  method: string;
  /** Path and query string, as sent. */
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

/** A real HTTP server on 127.0.0.1 that records each request and answers per route. */
let server: Server;
let base: string;
const seen: Seen[] = [];
const discoveredIds: string[] = [];

function answer(req: IncomingMessage): {
  status: number;
  type: string;
  body: string;
} {
  const json = (status: number, value: unknown) => ({
    status,
    type: 'application/json; charset=utf-8',
    body: JSON.stringify(value),
  });
  const url = req.url ?? '';
  if (url.startsWith('/api/infra-specs/specs/nope')) {
    return json(404, {
      error: { name: 'NotFoundError', message: "No spec named 'nope'" },
      request: { method: 'GET', url: '/specs/nope' },
      response: { statusCode: 404 },
    });
  }
  if (
    url.startsWith('/api/infra-specs/refresh') &&
    req.headers.authorization === undefined
  ) {
    return json(401, {
      error: { name: 'AuthenticationError', message: 'Missing credentials' },
      request: { method: 'POST', url: '/refresh' },
      response: { statusCode: 401 },
    });
  }
  if (
    url.startsWith(
      '/api/infra-specs/summary?entityRef=component%3Adefault%2Fbroken',
    )
  ) {
    return { status: 502, type: 'text/html', body: '<html>Bad gateway</html>' };
  }
  if (url.startsWith('/api/infra-specs/specs?'))
    return json(200, { items: [], totalCount: 0 });
  if (url.startsWith('/api/infra-specs/refresh'))
    return json(202, { locations: [] });
  return json(200, { id: 'SPEC-0043' });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const { status, type, body } = answer(req);
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  discoveredIds.length = 0;
});

function client(fetchApi?: { fetch: typeof fetch }) {
  return new InfraSpecsApiClient({
    discoveryApi: {
      getBaseUrl: async pluginId => {
        discoveredIds.push(pluginId);
        return `${base}/api/${pluginId}`;
      },
    },
    fetchApi,
  });
}

const requests = () => seen.map(s => [s.method, s.url, s.body]);

describe('specQueryToSearchParams', () => {
  it('repeats list filters and keeps the scalar ones once', () => {
    const params = specQueryToSearchParams({
      status: ['draft', 'in-review'],
      owner: ['group:default/platform'],
      blastRadius: ['high', 'critical'],
      costDrift: ['over'],
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
      'status=draft&status=in-review&owner=group%3Adefault%2Fplatform&blastRadius=high&blastRadius=critical&costDrift=over&q=eks&limit=25&cursor=abc&sort=-monthlyCostDelta',
    );
  });

  it('leaves out empty filters, a blank search and includeRemoved unless true', () => {
    expect(specQueryToSearchParams({ status: [], q: ' ' }).toString()).toBe('');
    expect(specQueryToSearchParams().toString()).toBe('');
    expect(specQueryToSearchParams({ includeRemoved: false }).toString()).toBe(
      '',
    );
    expect(specQueryToSearchParams({ includeRemoved: true }).toString()).toBe(
      'includeRemoved=true',
    );
    expect(specQueryToSearchParams({ includeProposed: false }).toString()).toBe(
      '',
    );
    expect(
      specQueryToSearchParams({
        includeProposed: true,
        includeRemoved: true,
      }).toString(),
    ).toBe('includeRemoved=true&includeProposed=true');
  });
});

describe('InfraSpecsApiClient', () => {
  it('lists specs with the query string the backend expects, encoded', async () => {
    await expect(
      client().listSpecs({
        status: ['approved', 'draft'],
        format: ['infrastructure-change'],
        owner: ['group:default/a'],
        q: '  eks & rds/é ',
        limit: 10,
        sort: '-updated',
        includeRemoved: false,
      }),
    ).resolves.toEqual({ items: [], totalCount: 0 });
    expect(seen.map(s => s.url)).toEqual([
      '/api/infra-specs/specs?status=approved&status=draft&format=infrastructure-change&owner=group%3Adefault%2Fa&q=eks+%26+rds%2F%C3%A9&limit=10&sort=-updated',
    ]);
    expect(new URL(seen[0].url, base).searchParams.get('q')).toBe(
      'eks & rds/é',
    );
    expect(discoveredIds).toEqual(['infra-specs']);
  });

  it('builds the path of every other route', async () => {
    const api = client();
    await api.getSpec('a b/c');
    await api.getEntitySpecs('Component:prod/payments-api');
    await api.getEntitySpecs('payments-api');
    await api.getEntitySpecs('component:payments api');
    await api.getSummary({ entityRef: 'component:default/x' });
    await api.getSummary();
    await api.getChanges({ since: 'tok/1+2', limit: 5 });
    await api.getChanges();
    await api.getNextId('FEAT');
    await api.reserveNextId({
      prefix: 'FEAT',
      entityRef: 'component:default/a',
    });
    await api.refresh({ entityRef: 'component:default/a' }, { token: 't' });
    await api.refresh({}, { token: 't' });
    await api.lint({ markdown: '# Spec: x', path: 'docs/x.md' });
    expect(requests()).toEqual([
      ['GET', '/api/infra-specs/specs/a%20b%2Fc', ''],
      ['GET', '/api/infra-specs/entity/Component/prod/payments-api/specs', ''],
      [
        'GET',
        '/api/infra-specs/entity/component/default/payments-api/specs',
        '',
      ],
      [
        'GET',
        '/api/infra-specs/entity/component/default/payments%20api/specs',
        '',
      ],
      ['GET', '/api/infra-specs/summary?entityRef=component%3Adefault%2Fx', ''],
      ['GET', '/api/infra-specs/summary', ''],
      ['GET', '/api/infra-specs/changes?since=tok%2F1%2B2&limit=5', ''],
      ['GET', '/api/infra-specs/changes', ''],
      ['GET', '/api/infra-specs/next-id?prefix=FEAT', ''],
      [
        'POST',
        '/api/infra-specs/next-id',
        '{"prefix":"FEAT","entityRef":"component:default/a"}',
      ],
      [
        'POST',
        '/api/infra-specs/refresh',
        '{"entityRef":"component:default/a"}',
      ],
      ['POST', '/api/infra-specs/refresh', '{}'],
      [
        'POST',
        '/api/infra-specs/lint',
        '{"markdown":"# Spec: x","path":"docs/x.md"}',
      ],
    ]);
    expect(
      seen.filter(s => s.method === 'POST').map(s => s.contentType),
    ).toEqual(Array(4).fill('application/json'));
    expect(
      seen.filter(s => s.method === 'GET').map(s => s.contentType),
    ).toEqual(Array(9).fill(undefined));
  });

  it('refuses a malformed entity ref before any request', async () => {
    await expect(client().getEntitySpecs('component:')).rejects.toThrow(
      TypeError,
    );
    expect(seen).toEqual([]);
  });

  it('sends the token of the call as a bearer token, and none without one', async () => {
    const api = client();
    await api.listSpecs({}, { token: 'abc.def' });
    await api.getNextId('SPEC');
    await api.reserveNextId(
      { prefix: 'SPEC', entityRef: 'component:default/a' },
      { token: 'other' },
    );
    expect(seen.map(s => s.authorization)).toEqual([
      'Bearer abc.def',
      undefined,
      'Bearer other',
    ]);
  });

  it('uses the given fetch instead of the global one', async () => {
    const calls: string[] = [];
    const api = client({
      fetch: async (input, init) => {
        calls.push(`${init?.method} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await api.getNextId('INF');
    expect(calls).toEqual([`GET ${base}/api/infra-specs/next-id?prefix=INF`]);
    expect(seen).toHaveLength(1);
  });

  it("turns an error status into a ResponseError carrying the server's error", async () => {
    const notFound = await client()
      .getSpec('nope')
      .catch(e => e);
    expect(notFound).toBeInstanceOf(ResponseError);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.cause.name).toBe('NotFoundError');
    expect(notFound.cause.message).toBe("No spec named 'nope'");
    expect(notFound.body.error.message).toBe("No spec named 'nope'");

    const denied = await client()
      .refresh()
      .catch(e => e);
    expect(denied).toBeInstanceOf(ResponseError);
    expect(denied.statusCode).toBe(401);
    expect(denied.cause.message).toBe('Missing credentials');
  });

  it('maps a non-JSON error page to a ResponseError too, keeping its text', async () => {
    const error = await client()
      .getSummary({ entityRef: 'component:default/broken' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('<html>Bad gateway</html>');
  });

  it('rejects with the network error when the backend is unreachable', async () => {
    const api = new InfraSpecsApiClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://127.0.0.1:1/api/infra-specs',
      },
    });
    // Node's fetch rejects with a TypeError of another realm than jest's, so match its name.
    await expect(api.getSummary()).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
    });
  });
});
