import type { Entity } from '@backstage/catalog-model';
import { specPublishTarget, specPullRequest } from './publishTarget';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'net', annotations },
    spec: {},
  };
}

describe('specPublishTarget', () => {
  it('is local for folders next to a file: catalog-info.yaml', () => {
    expect(
      specPublishTarget(
        component({
          'infra-specs.dev/spec-location': './docs/specs',
          'backstage.io/managed-by-location':
            'file:/repo/examples/net/catalog-info.yaml',
        }),
      ),
    ).toEqual({ kind: 'local', local: true });
  });

  it('resolves relative folders against a GitHub catalog-info.yaml', () => {
    expect(
      specPublishTarget(
        component({
          'infra-specs.dev/spec-location': './docs/specs',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/network/blob/main/infra/vpc/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      kind: 'remote',
      local: false,
      host: 'github.com',
      repoUrl: 'github.com?owner=acme&repo=network',
      branch: 'main',
      folder: 'infra/vpc/docs/specs',
      webUrl: 'https://github.com/acme/network',
    });
    expect(
      specPublishTarget(
        component({
          'infra-specs.dev/spec-location': '../specs',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/network/blob/dev/vpc/catalog-info.yaml',
        }),
      ),
    ).toMatchObject({ branch: 'dev', folder: 'specs' });
  });

  it('reads url: spec locations, GitHub and GitLab style', () => {
    expect(
      specPublishTarget(
        component({
          'infra-specs.dev/spec-location':
            'url:https://github.com/acme/specs/tree/main/network/',
        }),
      ),
    ).toMatchObject({
      repoUrl: 'github.com?owner=acme&repo=specs',
      branch: 'main',
      folder: 'network',
    });
    expect(
      specPublishTarget(
        component({
          'infra-specs.dev/spec-location':
            'https://gitlab.acme.io/platform/infra/network/-/tree/main/docs/specs',
        }),
      ),
    ).toMatchObject({
      host: 'gitlab.acme.io',
      repoUrl: 'gitlab.acme.io?owner=platform%2Finfra&repo=network',
      folder: 'docs/specs',
    });
  });

  it('says why when there is nowhere to publish', () => {
    expect(specPublishTarget(component({}))).toMatchObject({
      kind: 'none',
      reason: 'The component has no infra-specs.dev/spec-location annotation',
    });
    expect(
      specPublishTarget(
        component({
          'infra-specs.dev/spec-location': 'url:https://example.com/specs',
        }),
      ),
    ).toMatchObject({
      kind: 'none',
      reason: expect.stringContaining('not a repository tree URL'),
    });
    expect(
      specPublishTarget(
        component({
          'infra-specs.dev/spec-location': '../../specs',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/network/blob/main/catalog-info.yaml',
        }),
      ),
    ).toMatchObject({
      kind: 'none',
      reason: expect.stringContaining('leaves the repository'),
    });
  });
});

describe('specPullRequest', () => {
  const target = (annotation: string) => {
    const t = specPublishTarget(
      component({ 'infra-specs.dev/spec-location': annotation }),
    );
    if (t.kind !== 'remote')
      throw new Error(`not remote: ${JSON.stringify(t)}`);
    return t;
  };

  it('names one branch per id and links the file on it, on the host the location names', () => {
    const forge = target(
      'url:http://127.0.0.1:7010/demo/observability/tree/main/specs',
    );
    expect(forge.webUrl).toBe('http://127.0.0.1:7010/demo/observability');
    expect(
      specPullRequest(
        forge,
        { id: 'FEAT-031', path: 'docs/specs/FEAT-031-tracing.md' },
        'docs/specs',
      ),
    ).toEqual({
      branchName: 'infra-specs/feat-031',
      path: 'specs/FEAT-031-tracing.md',
      url: 'http://127.0.0.1:7010/demo/observability/blob/infra-specs/feat-031/specs/FEAT-031-tracing.md',
    });
  });

  it('puts the file at the repository root when the spec folder is the root', () => {
    expect(
      specPullRequest(
        target('https://github.com/acme/specs/tree/main'),
        { id: 'INF-EGRESS', path: 'docs/specs/INF-EGRESS.md' },
        'docs/specs',
      ),
    ).toMatchObject({
      path: 'INF-EGRESS.md',
      url: 'https://github.com/acme/specs/blob/infra-specs/inf-egress/INF-EGRESS.md',
    });
  });

  it('refuses a spec outside the folder the pull request copies', () => {
    expect(() =>
      specPullRequest(
        target('https://github.com/acme/specs/tree/main/x'),
        { id: 'SPEC-0001', path: 'elsewhere/SPEC-0001.md' },
        'docs/specs',
      ),
    ).toThrow('The spec elsewhere/SPEC-0001.md is not inside docs/specs');
  });
});
