import { createExtensionTester } from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import plugin from './alpha';
import * as legacy from './index';

const component = (
  extra: Partial<Entity['metadata']> = {},
  relations?: Entity['relations'],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', ...extra },
  spec: {},
  ...(relations ? { relations } : {}),
});
const annotated = component({
  annotations: { 'infra-specs.dev/spec-location': './docs/specs' },
});
const named = component({}, [{ type: 'hasSpec', targetRef: 'spec:default/a' }]);
const spec: Entity = {
  apiVersion: 'infra-specs.dev/v1alpha1',
  kind: 'Spec',
  metadata: { name: 's' },
  spec: {},
};

describe('new frontend system plugin', () => {
  it('has the API, page, tab, cards and the scaffolder field', () => {
    for (const id of [
      'api:infra-specs',
      'page:infra-specs',
      'entity-content:infra-specs/specs',
      'entity-card:infra-specs/specs',
      'entity-card:infra-specs/spec-about',
      'entity-card:infra-specs/spec-document',
      'scaffolder-form-field:infra-specs/spec-id-picker',
    ]) {
      expect(plugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('mounts the page at /infra-specs with a nav title', () => {
    const tester = createExtensionTester(
      plugin.getExtension('page:infra-specs'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/infra-specs');
    expect(tester.get(coreExtensionData.title)).toBe('Infra specs');
  });

  it('shows the Specs tab and card on components with specs only', () => {
    const tab = createExtensionTester(
      plugin.getExtension('entity-content:infra-specs/specs'),
    );
    expect(tab.get(coreExtensionData.routePath)).toBe('/specs');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Specs');
    const tabFilter = tab.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const card = createExtensionTester(
      plugin.getExtension('entity-card:infra-specs/specs'),
    );
    const cardFilter = card.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    for (const filter of [tabFilter, cardFilter]) {
      expect(filter(annotated)).toBe(true);
      expect(filter(named)).toBe(true);
      expect(filter(component())).toBe(false);
      expect(filter({ ...annotated, kind: 'System' })).toBe(false);
    }
  });

  it('puts the Spec cards on Spec entities only', () => {
    for (const [id, type] of [
      ['entity-card:infra-specs/spec-about', 'info'],
      ['entity-card:infra-specs/spec-document', 'content'],
    ] as const) {
      const card = createExtensionTester(plugin.getExtension(id));
      expect(card.get(EntityCardBlueprint.dataRefs.type)).toBe(type);
      const filter = card.get(EntityCardBlueprint.dataRefs.filterFunction)!;
      expect(filter(spec)).toBe(true);
      expect(filter(annotated)).toBe(false);
    }
  });
});

describe('legacy frontend system exports', () => {
  it('exports the plugin, its extensions and the helpers', () => {
    expect(legacy.infraSpecsPlugin.getId()).toBe('infra-specs');
    for (const name of [
      'InfraSpecsPage',
      'EntitySpecsContent',
      'EntitySpecsCard',
      'EntitySpecAboutCard',
      'EntitySpecDocumentContent',
      'SpecIdPickerFieldExtension',
    ] as const) {
      expect(typeof legacy[name]).toBe('function');
    }
    expect(legacy.isInfraSpecsAvailable(annotated)).toBe(true);
    expect(legacy.infraSpecsApiRef.id).toBe('plugin.infra-specs.service');
    expect([...legacy.infraSpecsPlugin.getApis()].map(a => a.api.id)).toEqual([
      'plugin.infra-specs.service',
    ]);
  });
});
