import type { Entity } from '@backstage/catalog-model';
import { localSpecFolder } from './localSpecFolder';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'network-vpc', namespace: 'default', annotations },
    spec: {
      type: 'infrastructure',
      owner: 'group:default/platform-team',
      lifecycle: 'production',
    },
  };
}

const FILE_LOCATION =
  'file:/repo/examples/components/network-vpc/catalog-info.yaml';

describe('localSpecFolder', () => {
  it('resolves ./docs/specs next to the catalog-info.yaml', () => {
    expect(
      localSpecFolder(
        component({
          'infra-specs.dev/spec-location': './docs/specs',
          'backstage.io/managed-by-location': FILE_LOCATION,
        }),
      ),
    ).toBe('/repo/examples/components/network-vpc/docs/specs');
  });

  it('resolves dir: and file: paths, absolute or relative', () => {
    expect(
      localSpecFolder(
        component({
          'infra-specs.dev/spec-location': 'dir:../shared/specs',
          'backstage.io/managed-by-location': FILE_LOCATION,
        }),
      ),
    ).toBe('/repo/examples/components/shared/specs');
    expect(
      localSpecFolder(
        component({ 'infra-specs.dev/spec-location': 'file:/srv/specs' }),
      ),
    ).toBe('/srv/specs');
  });

  it('refuses remote locations with a pointer to the pull request actions', () => {
    const remote: Array<Record<string, string>> = [
      {
        'infra-specs.dev/spec-location':
          'url:https://github.com/acme/net/tree/main/specs',
      },
      {
        'infra-specs.dev/spec-location':
          'https://github.com/acme/net/tree/main/specs',
      },
      {
        'infra-specs.dev/spec-location': './docs/specs',
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/net/blob/main/catalog-info.yaml',
      },
    ];
    for (const annotations of remote) {
      expect(() => localSpecFolder(component(annotations))).toThrow(
        /component:default\/network-vpc is not a local folder.*publish:github:pull-request/,
      );
    }
  });

  it('explains missing annotations', () => {
    expect(() => localSpecFolder(component({}))).toThrow(
      'component:default/network-vpc has no infra-specs.dev/spec-location annotation',
    );
    expect(() =>
      localSpecFolder(
        component({ 'infra-specs.dev/spec-location': './docs/specs' }),
      ),
    ).toThrow('has no backstage.io/managed-by-location annotation');
  });
});
