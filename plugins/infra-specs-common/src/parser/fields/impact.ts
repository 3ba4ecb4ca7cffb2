/*
 * Impact: blast radius, rollback complexity, downtime, read from the Impact Assessment table or
 * from bold/bullet lines (`- **Blast Radius**: High — ...`) wherever they are.
 */
import type { SpecDocument } from '../../model/types';
import {
  normalizeBlastRadius,
  normalizeDowntime,
  normalizeRollback,
  type VocabularyDiagnostic,
} from '../../vocabulary/normalize';
import type { SpecDocumentContext } from '../context';
import { MAX_FIELD_CHARS } from '../limits';
import { inlineToText } from '../plainText';
import { stripHtmlComments, truncateText } from '../text';

export const IMPACT_SECTIONS = [
  'impact assessment',
  'impact',
  'risk assessment',
  'risks',
  'risk',
];

/** Keys read anywhere in the document. */
export const IMPACT_KEYS = {
  blastRadius: ['blast radius', 'blast radius level', 'impact radius'],
  rollback: ['rollback complexity', 'rollback difficulty', 'rollback effort'],
  downtime: [
    'downtime required',
    'downtime requirement',
    'expected downtime',
    'requires downtime',
    'downtime',
  ],
  cost: [
    'cost impact',
    'monthly cost impact',
    'cost delta',
    'monthly cost delta',
  ],
};

/** Looser keys, read only inside an impact section (`**Rollback**: revert the PR` elsewhere is a plan, not a level). */
export const IMPACT_SECTION_KEYS = {
  rollback: ['rollback', 'reversibility'],
  cost: ['cost', 'monthly cost'],
};

/** The entry of a field: strict keys anywhere (impact sections first), else loose keys inside impact sections. */
export function impactField(
  ctx: SpecDocumentContext,
  strict: string[],
  loose: string[] = [],
) {
  return (
    ctx.field(strict, IMPACT_SECTIONS) ??
    (loose.length > 0 ? ctx.fieldWithin(loose, IMPACT_SECTIONS) : undefined)
  );
}

function report(
  ctx: SpecDocumentContext,
  line: number,
  diagnostic: VocabularyDiagnostic | undefined,
) {
  if (diagnostic)
    ctx.report(diagnostic.severity, line, diagnostic.code, diagnostic.message);
}

export function readImpact(ctx: SpecDocumentContext): {
  impact: SpecDocument['impact'];
  lines: Partial<Record<'blastRadius' | 'rollback' | 'downtime', number>>;
} {
  const blastEntry = impactField(ctx, IMPACT_KEYS.blastRadius);
  const blastText = blastEntry
    ? truncateText(
        inlineToText(stripHtmlComments(blastEntry.value)),
        MAX_FIELD_CHARS,
      )
    : '';
  const blast = normalizeBlastRadius(blastText);
  if (blastEntry) report(ctx, blastEntry.line, blast.diagnostic);

  const rollbackEntry = impactField(
    ctx,
    IMPACT_KEYS.rollback,
    IMPACT_SECTION_KEYS.rollback,
  );
  const rollback = normalizeRollback(
    rollbackEntry ? inlineToText(stripHtmlComments(rollbackEntry.value)) : null,
  );
  if (rollbackEntry) report(ctx, rollbackEntry.line, rollback.diagnostic);

  const downtimeEntry = impactField(ctx, IMPACT_KEYS.downtime);
  const downtime = normalizeDowntime(
    downtimeEntry ? inlineToText(stripHtmlComments(downtimeEntry.value)) : null,
  );
  if (downtimeEntry) report(ctx, downtimeEntry.line, downtime.diagnostic);

  return {
    impact: {
      blastRadius: {
        level: blast.value,
        text:
          blastText === '' || blast.diagnostic?.code === 'placeholder'
            ? null
            : blastText,
      },
      rollback: rollback.value,
      downtime: downtime.value,
    },
    lines: {
      blastRadius: blastEntry?.line,
      rollback: rollbackEntry?.line,
      downtime: downtimeEntry?.line,
    },
  };
}
