/*
 * `smaqit-infrastructure`: YAML front matter with `id: INF-<CONCEPT>` (status, created, updated in
 * it too), often the `Generated with smaqit` footer; criteria `INF-<CONCEPT>-NNN`.
 */
import type { SpecDocumentContext } from '../context';
import { readSpecFields } from '../fields/readSpecFields';
import type { SpecFormatDefinition } from './types';

function hasFooter(ctx: SpecDocumentContext): boolean {
  const paragraphs = ctx.structure.paragraphs;
  for (
    let i = paragraphs.length - 1;
    i >= 0 && i >= paragraphs.length - 3;
    i--
  ) {
    if (/generated with smaqit/i.test(paragraphs[i].text)) return true;
  }
  return false;
}

export const smaqitInfrastructureFormat: SpecFormatDefinition = {
  name: 'smaqit-infrastructure',
  label: 'smaqit infrastructure',
  description: 'YAML front matter with `id: INF-<CONCEPT>`',
  recognise(ctx: SpecDocumentContext): number {
    let score = 0;
    const id = ctx.frontMatter?.id;
    if (typeof id === 'string' && /^INF-/i.test(id.trim())) score += 0.8;
    if (hasFooter(ctx)) score += 0.4;
    return Math.min(1, score);
  },
  read(ctx: SpecDocumentContext) {
    return readSpecFields(ctx, {
      idKeys: ['id', 'spec id'],
      acceptanceSections: ['acceptance criteria'],
      summarySections: ['summary', 'overview', 'scope'],
      expectedSections: [
        { names: ['scope'] },
        { names: ['acceptance criteria'], severity: 'warning' },
      ],
    });
  },
};
