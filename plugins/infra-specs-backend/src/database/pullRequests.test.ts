import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import {
  COMPONENT_A,
  COMPONENT_B,
  TEAM_A,
  TEAM_B,
  setup,
  sync,
  write,
} from '../__testUtils__/storeFixtures';
import { diffLocation } from '../refresh/diffLocation';
import type { DatabaseSpecStore } from './DatabaseSpecStore';
import type { ProposedSpecWrite, StoredPullRequest } from './SpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const REPO = 'git.example.com/acme/infra';
const AT = '2026-03-01T00:00:00.000Z';

function pull(number: number, headSha = `sha-${number}`): StoredPullRequest {
  return {
    repository: REPO,
    number,
    url: `https://git.example.com/acme/infra/pull/${number}`,
    title: `PR ${number}`,
    headSha,
  };
}

function proposed(
  name: string,
  componentRef: string,
  overrides: Parameters<typeof makeDocument>[0],
  ownerRef = TEAM_A,
): ProposedSpecWrite {
  return {
    name,
    componentRef,
    path: `${name}.md`,
    ownerRef,
    locationTarget: `https://git.example.com/${componentRef}/specs`,
    viewUrl: null,
    markdown: `# ${name}`,
    contentHash: `hash-${name}`,
    document: makeDocument(overrides),
    setDiagnostics: [],
  };
}

describe.each(ids)('DatabaseSpecStore pull requests on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('spec-0001-a', makeDocument({ id: 'SPEC-0001' }))],
        AT,
      ),
      diffLocation,
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('spec-0009-b', makeDocument({ id: 'SPEC-0009' }))],
        AT,
        TEAM_B,
      ),
      diffLocation,
    );
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('marks the specs a pull request changes and lists the ones it proposes', async () => {
    await store.replacePullRequest(
      pull(3),
      {
        changes: ['spec-0001-a'],
        proposed: [
          proposed('spec-0002-nat--pr-3', COMPONENT_A, {
            id: 'SPEC-0002',
            title: 'NAT',
            status: 'in-review',
          }),
        ],
      },
      AT,
    );

    const items = await store.listSpecsOfComponent(COMPONENT_A);
    expect(
      items.map(i => [i.name, i.proposed, i.pullRequest?.number ?? null]),
    ).toEqual([
      ['spec-0001-a', false, 3],
      ['spec-0002-nat--pr-3', true, 3],
    ]);
    expect(items[1]).toMatchObject({
      componentRef: COMPONENT_A,
      ownerRef: TEAM_A,
      removedAt: null,
      document: { id: 'SPEC-0002', title: 'NAT', status: 'in-review' },
      pullRequest: {
        number: 3,
        url: 'https://git.example.com/acme/infra/pull/3',
        state: 'open',
      },
    });
    // Other components are untouched.
    expect(
      (await store.listSpecsOfComponent(COMPONENT_B)).map(i => [
        i.name,
        i.pullRequest,
      ]),
    ).toEqual([['spec-0009-b', null]]);

    // The detail of a proposed spec has its markdown and no history yet.
    expect(await store.getSpecDetail('spec-0002-nat--pr-3')).toMatchObject({
      proposed: true,
      markdown: '# spec-0002-nat--pr-3',
      history: [],
      location: { componentRef: COMPONENT_A },
    });
    expect(await store.getSpecDetail('spec-0001-a')).toMatchObject({
      proposed: false,
      pullRequest: { number: 3 },
    });
    expect(await store.listPullRequests()).toEqual([pull(3)]);
    expect(await store.listProposedNames()).toEqual(
      new Set(['spec-0002-nat--pr-3']),
    );
    expect(
      await store.listProposedNames({ repository: REPO, number: 3 }),
    ).toEqual(new Set());
  });

  it('lists proposed specs in GET /specs only when asked, through the same filters, sort and access', async () => {
    await store.replacePullRequest(
      pull(4),
      {
        changes: [],
        proposed: [
          proposed('spec-0003-x--pr-4', COMPONENT_A, {
            id: 'SPEC-0003',
            title: 'X',
            status: 'in-review',
          }),
          proposed(
            'spec-0010-y--pr-4',
            COMPONENT_B,
            { id: 'SPEC-0010', title: 'Y', status: 'draft' },
            TEAM_B,
          ),
        ],
      },
      AT,
    );
    const list = (
      filter: object,
      access?: Parameters<DatabaseSpecStore['listSpecs']>[0]['access'],
    ) =>
      store.listSpecs({
        filter,
        limit: 2,
        sort: { field: 'id', order: 'asc' },
        access,
      });

    const plain = await list({});
    expect(plain.items.map(i => i.name)).toEqual([
      'spec-0001-a',
      'spec-0009-b',
    ]);
    expect(plain.totalCount).toBe(2);

    const all = await list({ includeProposed: true });
    expect(all.totalCount).toBe(4);
    expect(all.items.map(i => [i.name, i.proposed])).toEqual([
      ['spec-0001-a', false],
      ['spec-0003-x--pr-4', true],
    ]);
    const next = await store.listSpecs({
      filter: { includeProposed: true },
      limit: 2,
      sort: { field: 'id', order: 'asc' },
      cursor: all.nextCursor,
    });
    expect(
      next.items.map(i => [i.name, i.pullRequest?.number ?? null]),
    ).toEqual([
      ['spec-0009-b', null],
      ['spec-0010-y--pr-4', 4],
    ]);

    const inReview = await list({
      includeProposed: true,
      status: ['in-review'],
    });
    expect(inReview.items.map(i => i.name)).toEqual(['spec-0003-x--pr-4']);
    const teamB = await list(
      { includeProposed: true },
      { field: 'ownerRef', values: [TEAM_B] },
    );
    expect(teamB.items.map(i => i.name)).toEqual([
      'spec-0009-b',
      'spec-0010-y--pr-4',
    ]);
    expect(
      await store.getSpecDetail('spec-0003-x--pr-4', {
        field: 'ownerRef',
        values: [TEAM_B],
      }),
    ).toBeUndefined();
  });

  it('replaces a pull request whole, forgets one that touches no spec, and removes a closed one', async () => {
    await store.replacePullRequest(
      pull(5, 'a'),
      {
        changes: ['spec-0001-a'],
        proposed: [
          proposed('spec-0004-z--pr-5', COMPONENT_A, { id: 'SPEC-0004' }),
        ],
      },
      AT,
    );
    // The next push to its branch changes only the proposed spec.
    await store.replacePullRequest(
      pull(5, 'b'),
      {
        changes: [],
        proposed: [
          proposed('spec-0004-z--pr-5', COMPONENT_A, {
            id: 'SPEC-0004',
            status: 'in-review',
          }),
        ],
      },
      AT,
    );
    expect(
      (await store.listSpecsOfComponent(COMPONENT_A)).map(i => [
        i.name,
        i.pullRequest?.number ?? null,
        i.document.status,
      ]),
    ).toEqual([
      ['spec-0001-a', null, 'draft'],
      ['spec-0004-z--pr-5', 5, 'in-review'],
    ]);
    expect((await store.listPullRequests()).map(p => p.headSha)).toEqual(['b']);

    // A push that takes the spec out of the pull request leaves only its head (for the open-PR lookup).
    await store.replacePullRequest(
      pull(5, 'c'),
      { changes: [], proposed: [] },
      AT,
    );
    expect(await store.listPullRequests()).toEqual([pull(5, 'c')]);
    expect(
      (await store.listSpecsOfComponent(COMPONENT_A)).map(i => i.name),
    ).toEqual(['spec-0001-a']);

    await store.replacePullRequest(
      pull(6),
      { changes: ['spec-0009-b'], proposed: [] },
      AT,
    );
    await store.removePullRequest(REPO, 6);
    expect(await store.getSpecDetail('spec-0009-b')).toMatchObject({
      pullRequest: null,
      proposed: false,
    });
    expect(await store.listPullRequests()).toEqual([pull(5, 'c')]);
  });
});
