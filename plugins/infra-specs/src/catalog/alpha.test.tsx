import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin, {
  CatalogExportConfigBlueprint,
} from '@backstage/plugin-catalog/alpha';
import {
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { infraSpecsCatalogModule, specCatalogFilters } from './alpha';

jest.setTimeout(90_000);

const spec = (name: string, title: string, status: string): Entity => ({
  apiVersion: 'infra-specs.dev/v1alpha1',
  kind: 'Spec',
  metadata: { name, namespace: 'default', title },
  spec: {
    type: 'infrastructure-change',
    status,
    owner: 'group:default/platform-team',
    component: 'component:default/network-vpc',
    blastRadius: 'high',
    monthlyCostDelta: 98.55,
    currency: 'USD',
    acceptance: { total: 0, done: 0 },
  },
});

const ENTITIES: Entity[] = [
  spec('spec-0101-nat', 'SPEC-0101 NAT Gateway per AZ', 'in-review'),
  spec('spec-0102-flow-logs', 'SPEC-0102 VPC flow logs', 'approved'),
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

describe('infraSpecsCatalogModule (new frontend system)', () => {
  it('names its filters after the catalog plugin', () => {
    expect(specCatalogFilters.map(f => String(f))).toEqual([
      expect.stringContaining('spec-status'),
      expect.stringContaining('spec-format'),
      expect.stringContaining('spec-blast-radius'),
      expect.stringContaining('spec-rollback'),
      expect.stringContaining('spec-cost-drift'),
    ]);
  });

  it('keeps the built-in filters of page:catalog, adds the Spec filters and the Spec columns', async () => {
    renderTestApp({
      features: [catalogPlugin, infraSpecsCatalogModule],
      apis: [
        catalogApiMock({ entities: ENTITIES }),
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      ],
      initialRouteEntries: [
        '/catalog?filters[kind]=spec&filters[user]=all&filters[status]=in-review',
      ],
    });

    // the Spec filters (from this module) and the built-in kind and owner pickers
    const status = await screen.findByTestId(
      'spec-status-picker',
      {},
      { timeout: 30_000 },
    );
    expect(within(status).getByText('In review')).toBeInTheDocument();
    // each filter's loader resolves on its own, so wait for each one
    expect(
      await screen.findByTestId('spec-format-picker', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Kind', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();

    // only the in-review spec, with the Spec columns
    await screen.findByText(
      'SPEC-0101 NAT Gateway per AZ',
      {},
      { timeout: 20_000 },
    );
    await waitFor(() =>
      expect(
        screen.queryByText('SPEC-0102 VPC flow logs'),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('columnheader', { name: /Blast radius/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('status-chip-in-review')).toBeInTheDocument();
    // the owner picker (built in) and the owner column
    await waitFor(() => expect(screen.getAllByText('Owner')).toHaveLength(2));
  });

  it("passes other plugins' export customizations on to the catalog page", async () => {
    // another plugin's exporter, as it would install it without knowing about infra-specs
    const yamlExportModule = createFrontendModule({
      pluginId: 'catalog',
      extensions: [
        CatalogExportConfigBlueprint.make({
          name: 'yaml',
          params: {
            exporters: {
              yaml: {
                label: 'YAML (other plugin)',
                exporter: () => ({
                  contentType: 'text/yaml',
                  generator: (async function* lines() {
                    yield '';
                  })(),
                }),
              },
            },
          },
        }),
      ],
    });
    renderTestApp({
      features: [catalogPlugin, infraSpecsCatalogModule, yamlExportModule],
      apis: [
        catalogApiMock({ entities: ENTITIES }),
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      ],
      config: {
        backend: { baseUrl: 'http://localhost:7007' },
        app: {
          baseUrl: 'http://localhost:3000',
          extensions: [
            {
              'page:catalog': {
                config: {
                  exportSettings: {
                    enabled: true,
                    disableBuiltinExporters: true,
                  },
                },
              },
            },
          ],
        },
      },
      initialRouteEntries: ['/catalog?filters[kind]=spec&filters[user]=all'],
    });

    await screen.findByText(
      'SPEC-0101 NAT Gateway per AZ',
      {},
      { timeout: 30_000 },
    );
    // the Spec columns, and the export button with only the other plugin's format
    expect(
      screen.getByRole('columnheader', { name: /Blast radius/ }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Export selection' }));
    const dialog = await screen.findByRole('dialog');
    // (the select shows the chosen format and keeps it in a hidden native select too)
    expect(
      within(dialog).getAllByText('YAML (other plugin)')[0],
    ).toBeInTheDocument();
    expect(within(dialog).queryByText('CSV')).not.toBeInTheDocument();
  });
});
