import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import type {
  SearchQuery,
  SearchResultSet,
} from '@backstage/plugin-search-common';
import {
  searchApiRef,
  SearchContextProvider,
  SearchResultListItemExtensions,
  useSearch,
} from '@backstage/plugin-search-react';
import type { InfraSpecSearchDocument } from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsSearchModule } from './alpha';
import { InfraSpecStatusSearchFilter } from './InfraSpecStatusSearchFilter';
import { InfraSpecSearchResultListItem } from './legacy';

jest.setTimeout(60_000);

const NAT: InfraSpecSearchDocument = {
  title: 'SPEC-0101 NAT Gateway per Availability Zone',
  text: 'Replace the single shared NAT gateway of the production VPC with one per zone.',
  location: '/catalog/default/spec/spec-0101-nat-gateway-per-availability-zone',
  id: 'SPEC-0101',
  status: 'in-review',
  format: 'infrastructure-change',
  blastRadius: 'high',
  component: 'component:default/network-vpc',
  owner: 'group:default/platform-team',
  monthlyCostDelta: 98.55,
  currency: 'USD',
};

function searchApi(results: SearchResultSet['results'] = []) {
  const query = jest.fn(
    async (_q: SearchQuery): Promise<SearchResultSet> => ({
      results,
      numberOfResults: results.length,
    }),
  );
  return { api: [searchApiRef, { query }] as const, query };
}

describe('InfraSpecSearchResultListItem', () => {
  it('shows the title with the matched words, the text, status, component, blast radius and cost', async () => {
    const { api } = searchApi();
    await renderInTestApp(
      <SearchResultListItemExtensions
        results={[
          {
            type: 'infra-spec',
            document: NAT,
            highlight: {
              preTag: '<b>',
              postTag: '</b>',
              fields: {
                title:
                  'SPEC-0101 <b>NAT</b> <b>Gateway</b> per Availability Zone',
              },
            },
          },
          {
            type: 'software-catalog',
            document: { title: 'Network (VPC)', text: '', location: '/x' },
          },
        ]}
      >
        <InfraSpecSearchResultListItem />
      </SearchResultListItemExtensions>,
      {
        apis: [api],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    // only the infra-spec result is rendered by this item (the other falls back to the default)
    const item = await screen.findByTestId('infra-spec-search-result');
    const link = within(item).getByRole('link', {
      name: /SPEC-0101 NAT Gateway per Availability Zone/,
    });
    expect(link).toHaveAttribute('href', NAT.location);
    expect(within(link).getByText('NAT').tagName).toBe('MARK');
    expect(
      within(item).getByText(/Replace the single shared NAT gateway/),
    ).toBeInTheDocument();
    expect(within(item).getByTestId('status-chip-in-review')).toHaveTextContent(
      'In review',
    );
    expect(
      within(item).getByTestId('blast-radius-chip-high'),
    ).toHaveTextContent('High');
    expect(within(item).getByText('+$98.55/mo')).toBeInTheDocument();
    expect(
      within(item).getByRole('link', { name: /network-vpc/ }),
    ).toHaveAttribute('href', '/catalog/default/component/network-vpc');
    expect(screen.getAllByTestId('infra-spec-search-result')).toHaveLength(1);
    expect(screen.getByText('Network (VPC)')).toBeInTheDocument();
  });
});

describe('InfraSpecStatusSearchFilter', () => {
  function Types() {
    const { setTypes, filters } = useSearch();
    return (
      <>
        <button onClick={() => setTypes(['software-catalog'])}>
          catalog only
        </button>
        <span data-testid="filters">{JSON.stringify(filters)}</span>
      </>
    );
  }

  it('filters infra-spec results by status, and steps aside for other result types', async () => {
    const { api, query } = searchApi();
    await renderInTestApp(
      <SearchContextProvider
        initialState={{
          term: 'nat gateway',
          types: ['infra-spec'],
          filters: {},
          pageLimit: 25,
        }}
      >
        <InfraSpecStatusSearchFilter />
        <Types />
      </SearchContextProvider>,
      { apis: [api] },
    );
    // MUI's select opens on mouse down
    fireEvent.mouseDown(await screen.findByRole('button', { name: /All/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'In review' }));
    await waitFor(() =>
      expect(query).toHaveBeenLastCalledWith(
        expect.objectContaining({
          term: 'nat gateway',
          types: ['infra-spec'],
          filters: { status: 'in-review' },
        }),
        expect.anything(),
      ),
    );

    fireEvent.click(screen.getByText('catalog only'));
    await waitFor(() =>
      expect(screen.getByTestId('filters')).toHaveTextContent('{}'),
    );
    expect(screen.queryByText('Status')).not.toBeInTheDocument();
  });
});

describe('infraSpecsSearchModule (new frontend system)', () => {
  it('opens a shared search link with the infra-spec type and the status filter', async () => {
    const { api, query } = searchApi([{ type: 'infra-spec', document: NAT }]);
    renderTestApp({
      features: [catalogPlugin, searchPlugin, infraSpecsSearchModule],
      apis: [api, catalogApiMock({ entities: [] })],
      initialRouteEntries: [
        '/search?query=nat%20gateway&types[]=infra-spec&filters[status]=in-review',
      ],
    });

    const item = await screen.findByTestId(
      'infra-spec-search-result',
      {},
      { timeout: 30_000 },
    );
    expect(
      within(item).getByText('SPEC-0101 NAT Gateway per Availability Zone'),
    ).toBeInTheDocument();
    expect(query).toHaveBeenCalledWith(
      expect.objectContaining({
        term: 'nat gateway',
        types: ['infra-spec'],
        filters: { status: 'in-review' },
      }),
      expect.anything(),
    );
    // the result type and the status filter, showing the value of the link
    expect(screen.getAllByText('Infrastructure specs').length).toBeGreaterThan(
      0,
    );
    // the page's extensions mount on their own schedule, so wait for the filter too
    expect(
      await screen.findByText('Status', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /In review/ }),
    ).toBeInTheDocument();
  });
});
