import { specEntityName } from './specEntityName';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

describe('specEntityName', () => {
  it('makes a DNS label from id and title', () => {
    expect(
      specEntityName({ id: 'SPEC-0042', title: 'Upgrade EKS to 1.31' }, 'a.md'),
    ).toBe('spec-0042-upgrade-eks-to-1-31');
    expect(
      specEntityName({ id: null, title: 'Prüfung — Zürich ✅' }, 'a.md'),
    ).toBe('prufung-zurich');
    expect(specEntityName({ id: 'INF-KV', title: '' }, 'a.md')).toBe('inf-kv');
  });

  it('falls back to the path, then to "spec"', () => {
    expect(
      specEntityName(
        { id: null, title: '' },
        'docs/specs/012-kv_store/spec.md',
      ),
    ).toBe('012-kv-store');
    expect(specEntityName({ id: null, title: '🚀' }, '🚀.md')).toBe('spec');
  });

  it('stays within 63 characters, cut at a word when possible', () => {
    const name = specEntityName(
      {
        id: 'SPEC-003',
        title:
          'InferenceService v0.8.0: spec.engineArgs escape hatch with reserved-flag CEL denylist',
      },
      'a.md',
    );
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(DNS_LABEL);
    expect(name).toBe(
      'spec-003-inferenceservice-v0-8-0-spec-engineargs-escape-hatch',
    );
  });

  it('adds a stable suffix from the path when the name is taken', () => {
    const doc = { id: 'SPEC-007', title: 'Thing' };
    const taken = new Set(['spec-007-thing']);
    const a = specEntityName(doc, 'done/007-a/spec.md', taken);
    const b = specEntityName(doc, 'done/007-b/spec.md', taken);
    expect(a).toMatch(/^spec-007-thing-[a-z0-9]{6}$/);
    expect(b).toMatch(/^spec-007-thing-[a-z0-9]{6}$/);
    expect(a).not.toBe(b);
    expect(specEntityName(doc, 'done/007-a/spec.md', taken)).toBe(a); // deterministic
    expect(taken.size).toBe(1); // not modified
    // Even when the suffixed name is taken too, a free one is found.
    const c = specEntityName(
      doc,
      'done/007-a/spec.md',
      new Set(['spec-007-thing', a]),
    );
    expect(c).not.toBe(a);
    expect(c).toMatch(DNS_LABEL);
  });

  it('keeps suffixed long names within 63 characters', () => {
    const doc = { id: 'SPEC-1', title: 'x'.repeat(100) };
    const base = specEntityName(doc, 'a.md');
    const suffixed = specEntityName(doc, 'a.md', new Set([base]));
    expect(base).toHaveLength(63);
    expect(suffixed.length).toBeLessThanOrEqual(63);
    expect(suffixed).toMatch(DNS_LABEL);
  });
});
