import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  hasSpecLocation,
  listAnnotatedComponents,
} from './annotatedComponents';

function entity(kind: string, name: string, annotated = true): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      annotations: annotated
        ? { 'infra-specs.dev/spec-location': './docs/specs' }
        : {},
    },
  };
}

describe('hasSpecLocation', () => {
  it.each([
    ['an annotated Component', entity('Component', 'a'), true],
    ['an annotated component, any case', entity('component', 'a'), true],
    [
      'a Component without the annotation',
      entity('Component', 'a', false),
      false,
    ],
    ['an annotated System', entity('System', 'a'), false],
    ['nothing', undefined, false],
  ])('%s: %s', (_title, value, expected) => {
    expect(hasSpecLocation(value)).toBe(expected);
  });
});

describe('listAnnotatedComponents', () => {
  it('pages through the catalog with the cursor and keeps only annotated components', async () => {
    const pages = [
      { items: [entity('Component', 'a'), entity('System', 's')], next: 'c1' },
      { items: [entity('Component', 'b', false)], next: 'c2' },
      { items: [entity('Component', 'c')], next: undefined },
    ];
    const requests: unknown[] = [];
    const catalog = {
      async queryEntities(request: unknown) {
        requests.push(request);
        const page = pages[requests.length - 1];
        return {
          items: page.items,
          totalItems: 4,
          pageInfo: { nextCursor: page.next },
        };
      },
    } as unknown as CatalogService;

    const found = await listAnnotatedComponents(
      catalog,
      mockCredentials.service(),
    );
    expect(found.map(e => e.metadata.name)).toEqual(['a', 'c']);
    expect(requests).toEqual([
      {
        filter: {
          kind: 'component',
          'metadata.annotations.infra-specs.dev/spec-location':
            expect.anything(),
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
        limit: 500,
      },
      { cursor: 'c1', limit: 500 },
      { cursor: 'c2', limit: 500 },
    ]);
  });
});
