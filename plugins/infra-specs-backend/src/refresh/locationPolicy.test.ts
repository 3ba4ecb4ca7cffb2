import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import {
  checkSpecLocation,
  type LocationPolicy,
  parseAllowedUrl,
} from './locationPolicy';
import { resolveSpecLocation } from './specLocation';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      gitlab: [
        {
          host: 'gitlab.example.com',
          apiBaseUrl: 'https://gitlab.example.com/api/v4',
        },
      ],
    },
  }),
);

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

const DEFAULT: LocationPolicy = {
  allowedUrls: [],
  allowDirOutsideComponent: false,
};
const policy = (...allowedUrls: string[]): LocationPolicy => ({
  ...DEFAULT,
  allowedUrls: allowedUrls.map(parseAllowedUrl),
});

const check = (entity: Entity, given = DEFAULT) =>
  checkSpecLocation(entity, resolveSpecLocation(entity, integrations), given);

const GITHUB_A =
  'url:https://github.com/acme/payments/blob/main/catalog-info.yaml';

describe('checkSpecLocation for url: locations', () => {
  it.each([
    ['a relative folder', './docs/specs', GITHUB_A],
    [
      'another folder and branch of the same repository',
      'url:https://github.com/acme/payments/tree/release/specs',
      GITHUB_A,
    ],
    [
      'a bare URL, in another letter case',
      'https://GitHub.com/Acme/Payments/tree/main/specs',
      GITHUB_A,
    ],
    [
      'a GitLab subgroup project',
      'url:https://gitlab.example.com/g/sub/r/-/tree/main/specs',
      'url:https://gitlab.example.com/g/sub/r/-/blob/main/catalog-info.yaml',
    ],
    [
      'Azure DevOps',
      'url:https://dev.azure.com/org/proj/_git/repo?path=/specs',
      'url:https://dev.azure.com/org/proj/_git/repo?path=/catalog-info.yaml',
    ],
  ])(
    'allows %s in the component’s own repository',
    (_what, specLocation, managedBy) => {
      expect(check(component(specLocation, managedBy))).toEqual({});
    },
  );

  it.each([
    [
      'another repository',
      'url:https://github.com/acme/private/tree/main/specs',
      GITHUB_A,
      "it is not in the component's own repository (github.com/acme/payments",
    ],
    [
      'a relative path that climbs out of the repository',
      '../../../../private/tree/main/specs',
      GITHUB_A,
      "not in the component's own repository",
    ],
    [
      'an encoded climb',
      'url:https://github.com/acme/payments/tree/main/%2e%2e/%2e%2e/%2e%2e/private/tree/main',
      GITHUB_A,
      "not in the component's own repository",
    ],
    [
      'another host with the same path',
      'url:https://github.example.com/acme/payments/tree/main/specs',
      GITHUB_A,
      "not in the component's own repository",
    ],
    [
      'a GitLab project one group up',
      'url:https://gitlab.example.com/g/r/-/tree/main/specs',
      'url:https://gitlab.example.com/g/sub/r/-/blob/main/catalog-info.yaml',
      'own repository (gitlab.example.com/g/sub/r',
    ],
    [
      'a component without a location',
      'url:https://github.com/acme/payments/tree/main/specs',
      undefined,
      'the component is not registered from a url: location',
    ],
    [
      'a component registered from a file',
      'url:https://github.com/acme/payments/tree/main/specs',
      'file:/srv/catalog-info.yaml',
      'not registered from a url: location',
    ],
  ])(
    'refuses %s, naming infraSpecs.locations.allowedUrls',
    (_what, specLocation, managedBy, why) => {
      const entity = component(specLocation, managedBy);
      expect(() => check(entity)).toThrow(NotAllowedError);
      expect(() => check(entity)).toThrow(why);
      expect(() => check(entity)).toThrow(
        /; infraSpecs\.locations\.allowedUrls would allow it$/,
      );
    },
  );

  it('does not trust backstage.io/source-location, which the author writes', () => {
    const entity = component(
      'url:https://github.com/acme/private/tree/main/specs',
      GITHUB_A,
    );
    entity.metadata.annotations!['backstage.io/source-location'] =
      'url:https://github.com/acme/private/tree/main/';
    expect(() => check(entity)).toThrow(NotAllowedError);
  });

  it('allows what allowedUrls lists: prefixes on whole segments, globs with * as one segment', () => {
    const shared = component(
      'url:https://github.com/acme/shared-specs/tree/main/specs/payments',
      GITHUB_A,
    );
    expect(
      check(shared, policy('https://github.com/acme/shared-specs')),
    ).toEqual({});
    expect(
      check(shared, policy('https://github.com/acme/shared-specs/')),
    ).toEqual({});
    expect(check(shared, policy('https://github.com/'))).toEqual({});
    expect(
      check(shared, policy('https://github.com/acme/*/tree/main/specs')),
    ).toEqual({});
    expect(
      check(shared, policy('https://github.com/acme/{shared,other}-specs/**')),
    ).toEqual({});
    for (const narrower of [
      'https://github.com/acme/shared',
      'https://github.com/acme/shared-specs/tree/main/docs',
      'https://github.com/*/tree/main/specs',
      'http://github.com/acme/shared-specs',
      'https://github.com:8443/acme/shared-specs',
      'https://gitlab.com/acme/shared-specs',
    ]) {
      expect(() => check(shared, policy(narrower))).toThrow(NotAllowedError);
    }
  });

  it('never reads URLs with credentials, and cannot be fooled by userinfo that looks like a host', () => {
    const sneaky = component(
      'url:https://github.com@evil.example/acme/payments/tree/main/specs',
      GITHUB_A,
    );
    expect(() => check(sneaky, policy('https://github.com'))).toThrow(
      'URLs with credentials are never read',
    );
    const token = component(
      'url:https://token:secret@github.com/acme/payments/tree/main/specs',
      GITHUB_A,
    );
    expect(() => check(token)).toThrow('URLs with credentials are never read');
    expect(() => check(token)).not.toThrow('secret');
  });
});

describe('checkSpecLocation for local folders', () => {
  const FILE = 'file:/srv/examples/components/vpc/catalog-info.yaml';

  it("keeps a file-registered component's folder inside its own folder", () => {
    expect(check(component('./docs/specs', FILE))).toEqual({
      componentFolder: '/srv/examples/components/vpc',
    });
    expect(
      check(component('dir:/srv/examples/components/eks/specs', FILE)),
    ).toEqual({
      componentFolder: '/srv/examples/components/vpc',
    });
  });

  it.each([
    ['a url: component', 'dir:/srv/examples/components/vpc/specs', GITHUB_A],
    ['a component without a location', 'dir:/srv/specs', undefined],
  ])(
    'refuses a folder for %s, naming allowDirOutsideComponent',
    (_what, specLocation, managedBy) => {
      expect(() => check(component(specLocation, managedBy))).toThrow(
        /^Refused to read \/srv\/.*: local folders are only for components registered from a file: location \(backstage.io\/managed-by-location\); infraSpecs.locations.allowDirOutsideComponent would allow it$/,
      );
    },
  );

  it('leaves only the allowed roots when allowDirOutsideComponent is set', () => {
    const wide = { ...DEFAULT, allowDirOutsideComponent: true };
    expect(check(component('dir:/srv/specs'), wide)).toEqual({});
    expect(check(component('./docs/specs', FILE), wide)).toEqual({});
  });
});

describe('parseAllowedUrl', () => {
  it('splits scheme and host from the path', () => {
    expect(
      parseAllowedUrl('https://GitHub.com/acme/*/tree/main/specs/'),
    ).toEqual({
      entry: 'https://GitHub.com/acme/*/tree/main/specs/',
      protocol: 'https:',
      host: 'github.com',
      path: '/acme/*/tree/main/specs',
      glob: true,
    });
    expect(parseAllowedUrl('https://git.example.com:8443/a b')).toMatchObject({
      host: 'git.example.com:8443',
      path: '/a%20b',
      glob: false,
    });
  });

  it.each([
    ['github.com/acme', 'not an absolute URL'],
    ['https://github.com/acme?ref=main', 'without query or fragment'],
    ['https://*.github.com/acme', 'wildcards in its host'],
    ['https://user@github.com/acme', 'credentials'],
    ['https://exa mple.com/', 'invalid host'],
  ])('refuses %s', (entry, message) => {
    expect(() => parseAllowedUrl(entry)).toThrow(message);
  });
});
