/*
 * The Create-wizard templates in the repository's templates/ folder: each is a valid Template
 * entity, names only actions and filters that packages/backend's scaffolder has, and passes
 * only inputs those actions accept (their JSON schema refuses unknown keys).
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import yaml from 'js-yaml';
import infraSpecsModule from './index';

const TEMPLATES = resolve(__dirname, '../../../templates');
const BACKEND_INDEX = resolve(
  __dirname,
  '../../../packages/backend/src/index.ts',
);
const NAMES = [
  'infrastructure-change-spec',
  'infrastructure-feature-spec',
  'smaqit-infrastructure-spec',
];

jest.setTimeout(60_000);

async function loadTemplate(name: string): Promise<Entity> {
  return yaml.load(
    await fs.readFile(join(TEMPLATES, name, 'template.yaml'), 'utf8'),
  ) as Entity;
}

type Step = {
  id: string;
  action: string;
  if?: unknown;
  input?: Record<string, unknown>;
};

describe('Create-wizard templates', () => {
  let actions: Array<{
    id: string;
    schema?: { input?: { properties?: Record<string, unknown> } };
  }>;
  let filters: Record<string, unknown>;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        infraSpecsModule,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const base = `http://localhost:${
      (server.address() as AddressInfo).port
    }/api/scaffolder/v2`;
    actions = await (await fetch(`${base}/actions`)).json();
    filters = (await (await fetch(`${base}/templating-extensions`)).json())
      .filters;
  });

  it('check against the scaffolder modules packages/backend installs', async () => {
    const backendIndex = await fs.readFile(BACKEND_INDEX, 'utf8');
    expect(backendIndex).toContain(
      "import('@backstage/plugin-scaffolder-backend')",
    );
    const modules = [
      ...backendIndex.matchAll(
        /import\('(@[^']*scaffolder-backend-module-[^']*)'\)/g,
      ),
    ].map(m => m[1]);
    // the test backend above starts exactly these
    expect(modules.sort()).toEqual([
      '@backstage/plugin-scaffolder-backend-module-github',
      '@infra-specs/backstage-plugin-scaffolder-backend-module-infra-specs',
    ]);
  });

  it('are all registered in templates/all.yaml', async () => {
    const location = yaml.load(
      await fs.readFile(join(TEMPLATES, 'all.yaml'), 'utf8'),
    ) as Entity;
    expect(location.spec?.targets).toEqual(
      NAMES.map(n => `./${n}/template.yaml`).sort(),
    );
  });

  it.each(NAMES)('%s is a valid Template entity', async name => {
    const template = await loadTemplate(name);
    expect(template.metadata.name).toBe(name);
    await expect(templateEntityV1beta3Validator.check(template)).resolves.toBe(
      true,
    );
  });

  it.each(NAMES)(
    '%s names only registered actions, with inputs they accept',
    async name => {
      const steps = (await loadTemplate(name)).spec!.steps as Step[];
      const byId = new Map(actions.map(a => [a.id, a]));
      expect(steps.map(s => s.action)).toEqual([
        'catalog:fetch',
        'infra-specs:create',
        'infra-specs:validate',
        'infra-specs:publish-local',
        'publish:github:pull-request',
      ]);
      for (const step of steps) {
        const action = byId.get(step.action);
        expect({ step: step.id, registered: !!action }).toEqual({
          step: step.id,
          registered: true,
        });
        const accepted = Object.keys(action!.schema?.input?.properties ?? {});
        expect({
          step: step.id,
          unknown: Object.keys(step.input ?? {}).filter(
            k => !accepted.includes(k),
          ),
        }).toEqual({
          step: step.id,
          unknown: [],
        });
      }
    },
  );

  it.each(NAMES)(
    '%s uses the infra-specs filter, which the scaffolder lists',
    async name => {
      const source = await fs.readFile(
        join(TEMPLATES, name, 'template.yaml'),
        'utf8',
      );
      expect(source).toContain('| infraSpecsPublishTarget');
      expect(Object.keys(filters)).toContain('infraSpecsPublishTarget');
    },
  );

  it.each(NAMES)(
    '%s uses SpecIdPicker, a component-only EntityPicker and human enum names',
    async name => {
      const template = await loadTemplate(name);
      const pages = template.spec!.parameters as Array<{
        properties: Record<string, any>;
      }>;
      const fields = Object.assign({}, ...pages.map(p => p.properties));
      expect(fields.id['ui:field']).toBe('SpecIdPicker');
      expect(fields.component['ui:field']).toBe('EntityPicker');
      expect(fields.component['ui:options'].catalogFilter.kind).toBe(
        'Component',
      );
      expect(fields.owner['ui:field']).toBe('OwnerPicker');
      const entries = Object.entries<any>(fields);
      expect(
        entries.filter(([, f]) => typeof f.title !== 'string').map(([k]) => k),
      ).toEqual([]);
      expect(
        entries
          .filter(([, f]) => f.enum && f.enumNames?.length !== f.enum.length)
          .map(([k]) => k),
      ).toEqual([]);
      expect(
        fields.rollbackComplexity.enumNames.map((n: string) => n.split(' ')[0]),
      ).toEqual(['Easy', 'Moderate', 'Complex', 'Irreversible']);
    },
  );
});
