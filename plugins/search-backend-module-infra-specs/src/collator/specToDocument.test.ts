import {
  parseSpec,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  MAX_TEXT_LENGTH,
  specEntityPath,
  specToDocument,
} from './specToDocument';

const MARKDOWN = `# Spec: Egress through regional NAT gateways

**Spec ID**: SPEC-0007
**Status**: In Review
**Author**: Jane Doe
**Created**: 2026-01-05
**Last Updated**: 2026-02-01

## Summary

Move egress of the private subnets to one NAT gateway per zone.

### Impact Assessment

| Aspect | Assessment |
|--------|------------|
| **Blast Radius** | High — all private subnets |
| **Rollback Complexity** | Easy |
| **Downtime Required** | None |
| **Cost Impact** | +$65.70/month |

## Rollout

Switch the route tables of **eu-west-1b** first, then *eu-west-1c*.
`;

function record(markdown: string): SpecRecord {
  return {
    name: 'spec-0007-egress-through-regional-nat-gateways',
    entityRef: 'spec:default/spec-0007-egress-through-regional-nat-gateways',
    componentRef: 'component:default/network-vpc',
    ownerRef: 'group:default/platform-team',
    path: 'SPEC-0007.md',
    locationTarget: 'file:/tmp/specs',
    viewUrl: null,
    document: parseSpec(markdown, { path: 'SPEC-0007.md' }),
    indexedAt: '2026-02-02T00:00:00.000Z',
    contentChangedAt: '2026-02-02T00:00:00.000Z',
    statusChangedAt: '2026-02-02T00:00:00.000Z',
    removedAt: null,
  };
}

describe('specToDocument', () => {
  it('makes one search document with the filterable fields and the body as plain text', () => {
    const doc = specToDocument(record(MARKDOWN), MARKDOWN);
    expect(doc).toEqual({
      title: 'SPEC-0007 Egress through regional NAT gateways',
      text: expect.any(String),
      location:
        '/catalog/default/spec/spec-0007-egress-through-regional-nat-gateways',
      id: 'SPEC-0007',
      status: 'in-review',
      format: 'infrastructure-change',
      blastRadius: 'high',
      component: 'component:default/network-vpc',
      owner: 'group:default/platform-team',
      monthlyCostDelta: 65.7,
      currency: 'USD',
      authorization: {
        resourceRef:
          'spec:default/spec-0007-egress-through-regional-nat-gateways',
      },
    });
    // summary first, then the body without markdown syntax
    expect(doc.text.split('\n')[0]).toBe(
      'Move egress of the private subnets to one NAT gateway per zone.',
    );
    expect(doc.text).toContain(
      'Switch the route tables of eu-west-1b first, then eu-west-1c.',
    );
    expect(doc.text).toContain('Blast Radius High — all private subnets');
    expect(doc.text).not.toMatch(/\*\*|\|/);
  });

  it('has every field even when the spec says little, and falls back to the summary without markdown', () => {
    const bare = record('# Spec: Something\n\nJust words.');
    const doc = specToDocument(bare, undefined);
    expect(Object.keys(doc).sort()).toEqual(
      [
        'authorization',
        'blastRadius',
        'component',
        'currency',
        'format',
        'id',
        'location',
        'monthlyCostDelta',
        'owner',
        'status',
        'text',
        'title',
      ].sort(),
    );
    expect(doc.id).toBeNull();
    expect(doc.title).toBe(bare.document.title);
    expect(doc.monthlyCostDelta).toBeNull();
    expect(doc.currency).toBeNull();
    expect(doc.status).toBe('unknown');
  });

  it('caps very long text', () => {
    const long = `${MARKDOWN}\n\n${'word '.repeat(50_000)}`;
    expect(specToDocument(record(long), long).text).toHaveLength(
      MAX_TEXT_LENGTH,
    );
  });

  it('links the Spec entity page, in lower case, for any namespace', () => {
    expect(specEntityPath('spec:Infra/SPEC-1')).toBe(
      '/catalog/infra/spec/spec-1',
    );
    expect(specEntityPath('spec-0001-x')).toBe(
      '/catalog/default/spec/spec-0001-x',
    );
  });
});
