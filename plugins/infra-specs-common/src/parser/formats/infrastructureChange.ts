/*
 * `infrastructure-change`: `# Spec: <Name>` with `**Spec ID**: SPEC-NNNN` (also `**ID**:`), an
 * Impact Assessment table, a Cost Impact table and a Validation Checklist.
 */
import type { SpecDocumentContext } from '../context';
import { COST_SECTIONS } from '../fields/cost';
import { readSpecFields } from '../fields/readSpecFields';
import { SPEC_SHORT_FORMATS } from '../../ids/shortFormats';
import type { SpecFormatDefinition } from './types';

const TITLE_PREFIX = /^spec\s*[:—–-]\s*/i;
const SPEC_ID = /^\W{0,3}SPEC-(\d+|X+)\b/i;

export const infrastructureChangeFormat: SpecFormatDefinition = {
  name: 'infrastructure-change',
  label: 'Infrastructure change',
  idPrefix: SPEC_SHORT_FORMATS.change.idPrefix,
  description: '`# Spec: <Name>` with `**Spec ID**: SPEC-NNNN`',
  recognise(ctx: SpecDocumentContext): number {
    let score = 0;
    if (TITLE_PREFIX.test(ctx.titleSection?.title ?? '')) score += 0.6;
    if (ctx.meta('spec id')) score += 0.3;
    const id = ctx.meta('spec id', 'id');
    if (id && SPEC_ID.test(id.value)) score += 0.3;
    return Math.min(1, score);
  },
  read(ctx: SpecDocumentContext) {
    return readSpecFields(ctx, {
      titlePrefix: TITLE_PREFIX,
      idKeys: ['spec id', 'id'],
      acceptanceSections: ['validation checklist', 'validation'],
      expectedSections: [
        { names: ['summary'], severity: 'warning' },
        { names: ['impact assessment'] },
        { names: COST_SECTIONS },
        { names: ['validation checklist', 'validation'] },
      ],
    });
  },
};
