import { FakeInfraSpecsApi, makeSpec } from '../../__testUtils__/specs';
import { fetchAllSpecs } from './exportSpecs';

describe('fetchAllSpecs', () => {
  it('follows the cursor through every page with the filters kept', async () => {
    const specs = Array.from({ length: 1203 }, (_, i) =>
      makeSpec({
        name: `s${i}`,
        document: {
          id: `SPEC-${i}`,
          status: i % 3 === 0 ? 'approved' : 'draft',
        },
      }),
    );
    const api = new FakeInfraSpecsApi(specs);
    const progress: number[] = [];
    const all = await fetchAllSpecs(
      api,
      { status: ['approved'], sort: 'id' },
      loaded => progress.push(loaded),
    );
    expect(all).toHaveLength(401);
    expect(new Set(all.map(s => s.name)).size).toBe(401);
    expect(all.every(s => s.document.status === 'approved')).toBe(true);
    expect(progress).toEqual([401]);
    const calls = api.calls.filter(c => c.method === 'listSpecs');
    expect(calls).toHaveLength(1);

    api.calls.length = 0;
    const drafts = await fetchAllSpecs(api, { status: ['draft'] });
    expect(drafts).toHaveLength(802);
    expect(api.calls.map(c => (c.args[0] as any).cursor)).toEqual([
      undefined,
      '500',
    ]);
  });

  it('stops a cursor that never ends', async () => {
    const api = {
      listSpecs: jest.fn(async () => ({
        items: [makeSpec()],
        totalCount: 1,
        nextCursor: 'again',
      })),
    };
    await expect(fetchAllSpecs(api, {})).rejects.toThrow(
      /stopped after 200 pages/,
    );
  });
});
