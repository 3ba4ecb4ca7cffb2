/*
 * Whether a spec has a rollback plan with real content: the change format's `## Rollback Plan`
 * section (any heading level, `Rollback Procedure`/`Rollback Steps`/`Rollback` too), or a
 * `**Rollback steps**:` / `**Rollback plan**:` line (the feature format's Rollout Plan). The
 * smaqit template has neither, so a smaqit spec has a plan only when its authors added one.
 * Template hints (`[Step-by-step rollback procedure]`, `[How to revert]`) and `N/A`/`TBD` are
 * not a plan.
 */
import type { SpecDocumentContext } from '../context';
import { isNotApplicable, isPlaceholder } from '../placeholders';
import { inlineToText } from '../plainText';
import { stripHtmlComments } from '../text';

const PLAN_SECTIONS = [
  'rollback plan',
  'rollback procedure',
  'rollback steps',
  'rollback strategy',
  'rollback',
];
const PLAN_KEYS = ['rollback steps', 'rollback plan', 'rollback procedure'];

/** True when a piece of markdown is a step a person could follow, not a hint left from the template. */
function isRealStep(markdown: string): boolean {
  const raw = stripHtmlComments(markdown).trim();
  if (raw === '' || isPlaceholder(raw)) return false;
  const text = inlineToText(raw).trim();
  return /\p{L}/u.test(text) && !isNotApplicable(text);
}

export function readRollbackPlan(ctx: SpecDocumentContext): {
  rollbackPlan: boolean;
  line: number | undefined;
} {
  const section = ctx.section(...PLAN_SECTIONS);
  if (section) {
    const steps = [
      ...ctx.itemsIn(section).filter(i => !i.quoted),
      ...ctx.paragraphsIn(section).filter(p => !p.item && !p.quoted),
    ];
    if (steps.some(step => isRealStep(step.text)))
      return { rollbackPlan: true, line: section.line };
  }
  const entry = ctx.field(PLAN_KEYS);
  if (entry && isRealStep(entry.value))
    return { rollbackPlan: true, line: entry.line };
  return { rollbackPlan: false, line: section?.line ?? entry?.line };
}
