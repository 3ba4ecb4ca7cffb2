import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CatalogTable } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  EntityKindFilter,
  EntityKindPicker,
  EntityListProvider,
  EntitySearchBar,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  MockEntityListContextProvider,
} from '@backstage/plugin-catalog-react/testUtils';
import { SpecCostDriftFilter, SpecStatusFilter } from './filters';
import {
  SpecBlastRadiusPicker,
  SpecCostDriftPicker,
  SpecFormatPicker,
  SpecRollbackPicker,
  SpecStatusPicker,
} from './pickers';
import { SpecAwareEntityTypePicker } from './SpecAwareEntityTypePicker';
import { specCatalogColumns } from './columns';

jest.setTimeout(90_000);

function spec(
  name: string,
  title: string,
  fields: {
    status: string;
    type?: string;
    blastRadius?: string;
    rollback?: string;
    monthlyCostDelta?: number;
    component?: string;
    costEstimate?: number;
    costDrift?: string;
  },
): Entity {
  return {
    apiVersion: 'infra-specs.dev/v1alpha1',
    kind: 'Spec',
    metadata: { name, namespace: 'default', title },
    spec: {
      type: 'infrastructure-change',
      owner: 'group:default/platform-team',
      component: 'component:default/network-vpc',
      blastRadius: 'high',
      currency: 'USD',
      acceptance: { total: 0, done: 0 },
      ...fields,
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-team' }],
  };
}

const ENTITIES: Entity[] = [
  spec('spec-0101-nat', 'SPEC-0101 NAT Gateway per AZ', {
    status: 'in-review',
    rollback: 'easy',
    monthlyCostDelta: 98.55,
    costEstimate: 210.4,
    costDrift: 'over',
  }),
  spec('inf-db-rotation', 'INF-DB-CREDENTIAL-ROTATION Rotation', {
    status: 'in-review',
    type: 'smaqit-infrastructure',
    blastRadius: 'medium',
    component: 'component:default/payments-api',
  }),
  spec('spec-0098-single-nat', 'SPEC-0098 Single NAT gateway', {
    status: 'superseded',
    monthlyCostDelta: -65.7,
  }),
  spec('spec-0110-eks', 'SPEC-0110 EKS 1.31', {
    status: 'approved',
    blastRadius: 'critical',
    rollback: 'complex',
    monthlyCostDelta: -730,
    costEstimate: -720,
    costDrift: 'ok',
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'network-vpc',
      namespace: 'default',
      title: 'Network (VPC)',
    },
    spec: {
      type: 'infrastructure',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    },
  },
];

/** The catalog list as the catalog page builds it, with the real provider and an in-memory catalog. */
function renderCatalog(path: string) {
  const catalogApi = catalogApiMock({ entities: ENTITIES });
  const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
  renderInTestApp(
    <EntityListProvider pagination>
      <EntityKindPicker initialFilter="component" />
      <SpecAwareEntityTypePicker />
      <EntitySearchBar />
      <SpecStatusPicker />
      <SpecFormatPicker />
      <SpecBlastRadiusPicker />
      <SpecRollbackPicker />
      <SpecCostDriftPicker />
      <CatalogTable columns={specCatalogColumns} />
    </EntityListProvider>,
    {
      apis: [catalogApi, [starredEntitiesApiRef, new MockStarredEntitiesApi()]],
      initialRouteEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  // What the catalog is asked to match: catalog-react 4 sends the kind as a predicate
  // `query` and the other fields as `filter`; both narrow the list on the server.
  const serverFilter = (request: any) => ({
    ...request?.query,
    ...request?.filter,
  });
  const lastFilter = () => {
    const request = queryEntities.mock.calls.at(-1)?.[0] as any;
    return { ...request, filter: serverFilter(request) };
  };
  return { queryEntities, lastFilter, serverFilter };
}

/** Titles of the listed entities (rows with cells, without the empty-table row). */
const titles = () =>
  screen
    .getAllByRole('row')
    .map(row => within(row).queryAllByRole('cell'))
    .filter(cells => cells.length > 1)
    .map(cells => cells[0].textContent ?? '');

// The catalog table renders slowly on a busy machine.
const waitForRows = (count: number) =>
  waitFor(() => expect(titles()).toHaveLength(count), { timeout: 20_000 });

describe('Spec catalog filters', () => {
  it('read the status from the URL and filter on the server, with the Spec columns', async () => {
    const { lastFilter } = renderCatalog(
      '/catalog?filters[kind]=spec&filters[status]=in-review',
    );

    await waitForRows(2);
    expect(titles().join(' ')).toMatch(/SPEC-0101 NAT Gateway per AZ/);
    expect(titles().join(' ')).toMatch(/INF-DB-CREDENTIAL-ROTATION/);
    expect(lastFilter().filter).toMatchObject({
      kind: 'spec',
      'spec.status': ['in-review'],
    });

    // the picker shows the selection from the URL, with its label
    const picker = screen.getByTestId('spec-status-picker');
    expect(within(picker).getByText('In review')).toBeInTheDocument();
    for (const name of ['format', 'blastRadius', 'rollback', 'costDrift']) {
      expect(screen.getByTestId(`spec-${name}-picker`)).toBeInTheDocument();
    }

    // Spec columns: status chip, component link, blast radius chip, monthly cost
    for (const title of [
      'Status',
      'Component',
      'Owner',
      'Blast radius',
      'Monthly cost',
    ]) {
      expect(
        screen.getByRole('columnheader', { name: new RegExp(title) }),
      ).toBeInTheDocument();
    }
    const nat = screen.getByText('SPEC-0101 NAT Gateway per AZ').closest('tr')!;
    expect(within(nat).getByTestId('status-chip-in-review')).toHaveTextContent(
      'In review',
    );
    expect(within(nat).getByTestId('blast-radius-chip-high')).toHaveTextContent(
      'High',
    );
    expect(within(nat).getByText('+$98.55/mo')).toBeInTheDocument();
    expect(
      within(nat).getByRole('link', { name: /network-vpc/ }),
    ).toHaveAttribute('href', '/catalog/default/component/network-vpc');
    const rotation = screen
      .getByText(/INF-DB-CREDENTIAL-ROTATION/)
      .closest('tr')!;
    expect(within(rotation).getByText('no estimate')).toBeInTheDocument();
  });

  it('add a choice, compose with the text filter and keep the choice in the URL', async () => {
    const { lastFilter } = renderCatalog(
      '/catalog?filters[kind]=spec&filters[status]=in-review',
    );
    await waitForRows(2);

    fireEvent.click(screen.getByTestId('spec-status-picker-expand'));
    fireEvent.click(
      await screen.findByText('Superseded (1)', {}, { timeout: 10_000 }),
    );
    await waitForRows(3);
    expect(lastFilter().filter['spec.status']).toEqual([
      'in-review',
      'superseded',
    ]);
    expect(decodeURIComponent(window.location.search)).toContain(
      'filters[status]=in-review&filters[status]=superseded',
    );

    // the list's search bar (the table's own search box comes second)
    fireEvent.change(screen.getAllByPlaceholderText('Search')[0], {
      target: { value: 'nat' },
    });
    await waitForRows(2);
    expect(lastFilter()).toMatchObject({
      filter: { kind: 'spec', 'spec.status': ['in-review', 'superseded'] },
      fullTextFilter: { term: 'nat' },
    });
  });

  it('combine: format, rollback and status narrow the list further', async () => {
    const { lastFilter } = renderCatalog(
      '/catalog?filters[kind]=spec&filters[format]=infrastructure-change&filters[rollback]=easy&filters[rollback]=complex&filters[status]=approved',
    );
    await waitForRows(1);
    expect(titles()[0]).toMatch(/SPEC-0110/);
    expect(lastFilter().filter).toEqual({
      kind: 'spec',
      'spec.type': ['infrastructure-change'],
      'spec.rollback': ['easy', 'complex'],
      'spec.status': ['approved'],
    });
  });

  it('ask the catalog for spec.blastRadius', async () => {
    // (The in-memory catalog of the tests compares camelCase keys as written; the real
    // catalog lower-cases them, see the browser test.)
    const { queryEntities, serverFilter } = renderCatalog(
      '/catalog?filters[kind]=spec&filters[blastRadius]=critical&filters[blastRadius]=high',
    );
    await waitFor(
      () =>
        expect(
          queryEntities.mock.calls.map(([request]: any[]) => ({
            filter: serverFilter(request),
            limit: request?.limit,
          })),
        ).toContainEqual({
          filter: { kind: 'spec', 'spec.blastRadius': ['critical', 'high'] },
          limit: 20,
        }),
      { timeout: 20_000 },
    );
  });

  it('hide and drop themselves when the kind is not Spec, leaving the default columns', async () => {
    const { lastFilter } = renderCatalog(
      '/catalog?filters[kind]=component&filters[status]=in-review',
    );
    await waitForRows(1);
    expect(titles()[0]).toMatch(/Network \(VPC\)/);
    expect(screen.queryByTestId('spec-status-picker')).not.toBeInTheDocument();
    expect(lastFilter().filter).toEqual({ kind: 'component' });
    expect(
      screen.queryByRole('columnheader', { name: /Blast radius/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: /Lifecycle/ }),
    ).toBeInTheDocument();
  });

  it('set a SpecStatusFilter from the URL through updateFilters', async () => {
    const updateFilters = jest.fn();
    renderInTestApp(
      <MockEntityListContextProvider
        value={{
          filters: { kind: new EntityKindFilter('spec', 'Spec') },
          queryParameters: { status: 'approved' } as Record<string, string>,
          updateFilters,
        }}
      >
        <SpecStatusPicker />
      </MockEntityListContextProvider>,
      { apis: [[catalogApiRef, catalogApiMock({ entities: ENTITIES })]] },
    );
    await waitFor(() =>
      expect(updateFilters).toHaveBeenLastCalledWith({
        status: new SpecStatusFilter(['approved']),
      }),
    );
    expect(await screen.findByText('Approved')).toBeInTheDocument();
  });

  it('filter by cost drift from a shared link and keep it in the URL', async () => {
    const { lastFilter } = renderCatalog(
      '/catalog?filters[kind]=spec&filters[user]=all&filters[costDrift]=over',
    );
    await waitForRows(1);
    expect(titles()[0]).toMatch(/SPEC-0101/);
    expect(lastFilter().filter).toMatchObject({
      kind: 'spec',
      'spec.costDrift': ['over'],
    });
    const picker = screen.getByTestId('spec-costDrift-picker');
    expect(within(picker).getByText('Over claim')).toBeInTheDocument();

    // adding a choice writes it into the URL
    fireEvent.click(screen.getByTestId('spec-costDrift-picker-expand'));
    fireEvent.click(
      await screen.findByText('Agrees (1)', {}, { timeout: 10_000 }),
    );
    await waitForRows(2);
    expect(lastFilter().filter['spec.costDrift']).toEqual(['over', 'ok']);
    await waitFor(() =>
      expect(decodeURIComponent(window.location.search)).toContain(
        'filters[costDrift]=over&filters[costDrift]=ok',
      ),
    );
  });

  it('read a link that names the entity field, filters[spec.costDrift]', async () => {
    const { lastFilter } = renderCatalog(
      '/catalog?filters[kind]=spec&filters[user]=all&filters[spec.costDrift]=over',
    );
    await waitForRows(1);
    expect(titles()[0]).toMatch(/SPEC-0101/);
    expect(lastFilter().filter).toMatchObject({ 'spec.costDrift': ['over'] });
  });

  it('set a SpecCostDriftFilter from the URL through updateFilters', async () => {
    const updateFilters = jest.fn();
    renderInTestApp(
      <MockEntityListContextProvider
        value={{
          filters: { kind: new EntityKindFilter('spec', 'Spec') },
          queryParameters: { costDrift: ['over', 'under'] } as Record<
            string,
            string[]
          >,
          updateFilters,
        }}
      >
        <SpecCostDriftPicker />
      </MockEntityListContextProvider>,
      { apis: [[catalogApiRef, catalogApiMock({ entities: ENTITIES })]] },
    );
    await waitFor(() =>
      expect(updateFilters).toHaveBeenLastCalledWith({
        costDrift: new SpecCostDriftFilter(['over', 'under']),
      }),
    );
    expect(new SpecCostDriftFilter(['over']).getCatalogFilters()).toEqual({
      'spec.costDrift': ['over'],
    });
    expect(new SpecCostDriftFilter(['over']).toQueryValue()).toEqual(['over']);
  });
});
