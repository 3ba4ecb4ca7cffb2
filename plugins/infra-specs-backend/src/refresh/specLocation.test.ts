import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { resolveSpecLocation, viewUrlOf } from './specLocation';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

function component(specLocation: string, managedBy?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      annotations: {
        'infra-specs.dev/spec-location': specLocation,
        ...(managedBy ? { 'backstage.io/managed-by-location': managedBy } : {}),
      },
    },
    spec: { owner: 'team-a' },
  };
}

describe('resolveSpecLocation', () => {
  it('resolves a relative folder against a url: catalog-info location', () => {
    const location = resolveSpecLocation(
      component(
        './docs/specs',
        'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
      ),
      integrations,
    );
    expect(location).toEqual({
      type: 'url',
      target: 'https://github.com/acme/payments/tree/main/docs/specs',
      url: 'https://github.com/acme/payments/tree/main/docs/specs',
    });
    expect(viewUrlOf(location, 'done/SPEC 1.md', integrations)).toBe(
      'https://github.com/acme/payments/tree/main/docs/specs/done/SPEC%201.md',
    );
  });

  it('resolves a relative folder against a file: catalog-info location', () => {
    expect(
      resolveSpecLocation(
        component(
          './docs/specs',
          'file:/repo/examples/components/vpc/catalog-info.yaml',
        ),
        integrations,
      ),
    ).toEqual({
      type: 'dir',
      target: 'file:/repo/examples/components/vpc/docs/specs',
      path: '/repo/examples/components/vpc/docs/specs',
    });
    // `..` is resolved here and judged later against the allowed roots.
    expect(
      resolveSpecLocation(
        component(
          '../../../etc',
          'file:/repo/examples/components/vpc/catalog-info.yaml',
        ),
        integrations,
      ),
    ).toMatchObject({ type: 'dir', path: '/repo/etc' });
  });

  it('takes absolute url:, bare URLs, dir: and file: targets', () => {
    expect(
      resolveSpecLocation(
        component('url:https://gitlab.example.com/g/r/-/tree/main/specs'),
        integrations,
      ),
    ).toMatchObject({
      type: 'url',
      url: 'https://gitlab.example.com/g/r/-/tree/main/specs',
    });
    expect(
      resolveSpecLocation(
        component('https://github.com/a/b/tree/main/specs'),
        integrations,
      ),
    ).toMatchObject({
      type: 'url',
    });
    expect(
      resolveSpecLocation(component('dir:/srv/specs'), integrations),
    ).toEqual({
      type: 'dir',
      target: 'file:/srv/specs',
      path: '/srv/specs',
    });
    expect(
      resolveSpecLocation(
        component('file:specs', 'file:/repo/a/catalog-info.yaml'),
        integrations,
      ),
    ).toMatchObject({ type: 'dir', path: '/repo/a/specs' });
    expect(
      viewUrlOf(
        resolveSpecLocation(component('dir:/srv/specs'), integrations),
        'a.md',
        integrations,
      ),
    ).toBeNull();
  });

  it.each([
    [component(''), /annotation is empty/],
    [component('url:'), /has no target/],
    [component('url:docs/specs'), /not an absolute URL/],
    [component('./docs/specs'), /no backstage.io\/managed-by-location/],
    [component('./docs/specs', 'nonsense'), /not a location reference/],
    [
      component(
        'dir:relative',
        'url:https://github.com/a/b/blob/main/catalog-info.yaml',
      ),
      /needs a component registered from a file: location/,
    ],
  ])('explains why it cannot resolve %#', (entity, message) => {
    expect(() => resolveSpecLocation(entity, integrations)).toThrow(message);
  });
});
