import {
  filtersFromSearchParams,
  filtersToQuery,
  filtersToSearchParams,
} from './portfolioQuery';

describe('portfolio filters and the URL', () => {
  it('reads repeated and comma-separated values, dropping unknown ones', () => {
    const filters = filtersFromSearchParams(
      new URLSearchParams(
        'status=draft&status=in-review,bogus&blastRadius=high&blastRadius=huge&owner=group:default/a&q=%20eks%20&sort=-monthlyCostDelta',
      ),
    );
    expect(filters).toEqual({
      status: ['draft', 'in-review'],
      format: [],
      owner: ['group:default/a'],
      blastRadius: ['high'],
      q: 'eks',
      sort: '-monthlyCostDelta',
    });
  });

  it('falls back to the default sort for an unknown field', () => {
    expect(
      filtersFromSearchParams(new URLSearchParams('sort=-drop table')).sort,
    ).toBe('-updated');
    expect(filtersFromSearchParams(new URLSearchParams()).sort).toBe(
      '-updated',
    );
  });

  it('round-trips through the query string and leaves defaults out', () => {
    const filters = filtersFromSearchParams(
      new URLSearchParams(
        'status=approved&format=infrastructure-change&sort=title',
      ),
    );
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe(
      'status=approved&format=infrastructure-change&sort=title',
    );
    expect(filtersFromSearchParams(params)).toEqual(filters);
    expect(
      filtersToSearchParams(
        filtersFromSearchParams(new URLSearchParams()),
      ).toString(),
    ).toBe('');
  });

  it('builds the API query with only the filters that are set', () => {
    expect(
      filtersToQuery(
        filtersFromSearchParams(new URLSearchParams('owner=group:default/a')),
      ),
    ).toEqual({ owner: ['group:default/a'], sort: '-updated' });
  });
});
