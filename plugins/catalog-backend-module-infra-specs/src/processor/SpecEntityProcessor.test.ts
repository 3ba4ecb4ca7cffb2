import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult, LocationSpec } from '@backstage/plugin-catalog-node';
import { makeDocument, makeRecord } from '../__testUtils__/records';
import { specRecordToEntity } from '../provider/specRecordToEntity';
import { SpecEntityProcessor } from './SpecEntityProcessor';

const location: LocationSpec = {
  type: 'url',
  target: 'https://github.com/example-org/network-vpc/blob/main/docs/specs/SPEC-0101.md',
};

/** A Spec entity as the provider publishes it. */
function specEntity(overrides: Parameters<typeof makeDocument>[0] = {}): Entity {
  const record = makeRecord({
    name: 'spec-0101-nat-gateway-per-availability-zone',
    status: 'in-review',
  });
  return specRecordToEntity({ ...record, document: makeDocument(overrides) }).entity;
}

async function process(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await new SpecEntityProcessor().postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
  );
  return { result, emitted };
}

const self = {
  kind: 'Spec',
  namespace: 'default',
  name: 'spec-0101-nat-gateway-per-availability-zone',
};
const component = { kind: 'component', namespace: 'default', name: 'network-vpc' };
const owner = { kind: 'group', namespace: 'default', name: 'platform-team' };

describe('SpecEntityProcessor', () => {
  const processor = new SpecEntityProcessor();

  it('accepts Spec entities and nothing else', async () => {
    await expect(processor.validateEntityKind(specEntity())).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'network-vpc' },
        spec: { type: 'service', lifecycle: 'production', owner: 'platform-team' },
      }),
    ).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({ ...specEntity(), apiVersion: 'infra-specs.dev/v2' }),
    ).resolves.toBe(false);
  });

  it('rejects a malformed Spec entity with a validation error', async () => {
    const entity = specEntity();
    await expect(
      processor.validateEntityKind({ ...entity, spec: { ...entity.spec, status: 42 } }),
    ).rejects.toThrow(/status/);
  });

  it('emits specOf/hasSpec and ownedBy/ownerOf in both directions', async () => {
    const { result, emitted } = await process(specEntity());

    expect(emitted).toEqual(
      expect.arrayContaining([
        { type: 'relation', relation: { source: self, type: 'specOf', target: component } },
        { type: 'relation', relation: { source: component, type: 'hasSpec', target: self } },
        { type: 'relation', relation: { source: self, type: 'ownedBy', target: owner } },
        { type: 'relation', relation: { source: owner, type: 'ownerOf', target: self } },
      ]),
    );
    expect(emitted).toHaveLength(4);
    expect((result as { status?: unknown }).status).toBeUndefined();
  });

  it('leaves other kinds alone', async () => {
    const other: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'network-vpc' },
      spec: { owner: 'platform-team', component: 'x' },
    };
    const { result, emitted } = await process(other);
    expect(result).toBe(other);
    expect(emitted).toEqual([]);
  });

  it('turns error diagnostics into catalog processing errors and keeps warnings out', async () => {
    const { result, emitted } = await process(
      specEntity({
        status: 'approved',
        openClarifications: ['Which freeze window applies?'],
        diagnostics: [
          {
            severity: 'error',
            line: 64,
            code: 'open-clarification',
            message: 'Approved, but 1 clarification is still open',
          },
          { severity: 'warning', line: 3, code: 'placeholder', message: 'Placeholder [Name]' },
        ],
      }),
    );

    // The relations are still emitted: the entity is current and linked despite the errors.
    expect(emitted).toHaveLength(4);
    expect((result as { status?: unknown }).status).toEqual({
      items: [
        {
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message:
            'InputError: open-clarification (line 64): Approved, but 1 clarification is still open',
          error: expect.objectContaining({
            name: 'InputError',
            message: 'open-clarification (line 64): Approved, but 1 clarification is still open',
          }),
        },
      ],
    });
  });

  it('reports an owner that is not an entity reference instead of crashing', async () => {
    const entity = specEntity();
    const { result, emitted } = await process({
      ...entity,
      spec: { ...entity.spec, owner: 'group:default/' },
    });

    expect(emitted.map(e => e.type === 'relation' && e.relation.type)).toEqual([
      'specOf',
      'hasSpec',
    ]);
    const items = (result as { status?: { items: Array<{ message: string }> } }).status?.items;
    expect(items).toHaveLength(1);
    expect(items?.[0].message).toMatch(/spec\.owner .* is not an entity reference/);
  });
});
