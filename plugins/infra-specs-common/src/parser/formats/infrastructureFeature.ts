/*
 * `infrastructure-feature`: `# Specification: <ID> <Name>` and/or `**Template Type**: Infrastructure
 * Feature`, `**Complexity Level**`, numbered sections, Acceptance Criteria checkboxes.
 */
import type { SpecDocumentContext } from '../context';
import { readSpecFields } from '../fields/readSpecFields';
import { SPEC_SHORT_FORMATS } from '../../ids/shortFormats';
import type { SpecFormatDefinition } from './types';

const TITLE_PREFIX = /^specification\s*[:—–-]\s*/i;

export const infrastructureFeatureFormat: SpecFormatDefinition = {
  name: 'infrastructure-feature',
  label: 'Infrastructure feature',
  idPrefix: SPEC_SHORT_FORMATS.feature.idPrefix,
  description:
    '`# Specification: <ID> <Name>` with `**Template Type**: Infrastructure Feature`',
  recognise(ctx: SpecDocumentContext): number {
    let score = 0;
    if (TITLE_PREFIX.test(ctx.titleSection?.title ?? '')) score += 0.6;
    const type = ctx.meta('template type');
    if (type && /infrastructure\s+feature/i.test(type.value)) score += 0.6;
    return Math.min(1, score);
  },
  read(ctx: SpecDocumentContext) {
    return readSpecFields(ctx, {
      titlePrefix: TITLE_PREFIX,
      idKeys: ['feature id', 'spec id', 'id'],
      acceptanceSections: ['acceptance criteria'],
      summarySections: ['summary', 'overview'],
      expectedSections: [
        { names: ['context goals', 'context'] },
        { names: ['acceptance criteria'], severity: 'warning' },
      ],
    });
  },
};
