import type { SpecDocumentContext } from '../context';
import { readSpecFields } from '../fields/readSpecFields';
import { parseSpec } from '../parseSpec';
import { createSpecFormatRegistry, defaultSpecFormats } from './registry';
import type { SpecFormatDefinition } from './types';

/** A fourth format, as a portal would add it: one object, the shared reader, a few options. */
const adrFormat: SpecFormatDefinition = {
  name: 'adr',
  label: 'Architecture decision record',
  recognise: (ctx: SpecDocumentContext) =>
    /^ADR-\d+/.test(ctx.titleSection?.title ?? '') ? 0.9 : 0,
  read: (ctx: SpecDocumentContext) => ({
    ...readSpecFields(ctx, { acceptanceSections: ['consequences'] }),
    status: ctx.section('decision') ? 'approved' : 'draft',
  }),
};

const ADR =
  '# ADR-7 Use Valkey\n\n**Status**: whatever\n\n## Decision\n\nValkey.\n\n## Consequences\n\n- [x] documented\n';

describe('format registry', () => {
  it('lists the three default formats', () => {
    expect(defaultSpecFormats.map(f => f.name)).toEqual([
      'infrastructure-change',
      'infrastructure-feature',
      'smaqit-infrastructure',
    ]);
  });

  it('takes a fourth format and recognises its documents', () => {
    const formats = createSpecFormatRegistry([
      ...defaultSpecFormats,
      adrFormat,
    ]);
    const doc = parseSpec(ADR, { formats });
    expect(doc).toMatchObject({
      format: 'adr',
      id: 'ADR-7',
      title: 'Use Valkey',
      status: 'approved',
      acceptance: { total: 1, done: 1 },
    });
    expect(parseSpec(ADR).format).toBe('unknown');
  });

  it('lets a later definition of a name win, also on score ties', () => {
    const override: SpecFormatDefinition = {
      ...defaultSpecFormats[0],
      label: 'Ours',
      read: ctx => ({ ...readSpecFields(ctx), title: 'overridden' }),
    };
    const registry = createSpecFormatRegistry([
      ...defaultSpecFormats,
      override,
    ]);
    expect(registry.formats).toHaveLength(3);
    expect(registry.get('infrastructure-change')?.label).toBe('Ours');
    expect(
      parseSpec('# Spec: X\n\n**Spec ID**: SPEC-1\n', { formats: registry })
        .title,
    ).toBe('overridden');
  });

  it('turns a failing third-party format into a diagnostic', () => {
    const broken: SpecFormatDefinition = {
      name: 'broken',
      label: 'Broken',
      recognise: () => 1,
      read: () => {
        throw new Error('boom');
      },
    };
    const doc = parseSpec('# Spec: X\n\n**Spec ID**: SPEC-1\n', {
      formats: createSpecFormatRegistry([...defaultSpecFormats, broken]),
    });
    expect(doc.format).toBe('broken');
    expect(doc.id).toBe('SPEC-1');
    expect(doc.diagnostics.map(d => d.code)).toContain('format-error');
    expect(doc.diagnostics.map(d => d.code)).not.toContain('internal-error');
  });

  it('rejects definitions without a usable name', () => {
    expect(() =>
      createSpecFormatRegistry([{ ...adrFormat, name: 'unknown' }]),
    ).toThrow(/name/);
  });
});
