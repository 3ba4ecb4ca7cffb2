/*
 * Every field of the normalized document from a document context: the shared reading that each
 * format configures (title prefix, acceptance section, expected sections) or overrides.
 */
import type { DiagnosticSeverity, SpecDocument } from '../../model/types';
import type { SpecDocumentContext } from '../context';
import { readClarifications } from './clarifications';
import { readCost } from './cost';
import { readHeader, type HeaderOptions } from './header';
import { readIds } from './ids';
import { readImpact } from './impact';
import { readProgress } from './progress';
import { readRollbackPlan } from './rollbackPlan';
import { readSummary } from './summary';

/** The fields a format reads: the document without `format` and `diagnostics`. @public */
export type SpecFields = Omit<SpecDocument, 'format' | 'diagnostics'>;

/** A section a format expects; its absence gives a `missing-section` diagnostic. @public */
export interface ExpectedSection {
  /** Title and synonyms, matched by meaning (`Cost Impact`, `Costs`). */
  names: string[];
  severity?: DiagnosticSeverity;
}

/** How a format configures the shared reading. @public */
export interface SpecReadOptions extends HeaderOptions {
  /** Section(s) whose checkboxes are the acceptance progress. */
  acceptanceSections?: string[];
  /** Section(s) whose text is the summary, before the generic fallbacks. */
  summarySections?: string[];
  expectedSections?: ExpectedSection[];
}

/** Reads every field with the generic rules; formats call it and adjust what they know better. @public */
export function readSpecFields(
  ctx: SpecDocumentContext,
  options: SpecReadOptions = {},
): SpecFields {
  const header = readHeader(ctx, options);
  const impact = readImpact(ctx);
  const cost = readCost(ctx);
  const progress = readProgress(
    ctx,
    options.acceptanceSections ?? ['acceptance criteria'],
  );
  const ids = readIds(ctx);
  const openClarifications = readClarifications(ctx);
  const summary = readSummary(ctx, options.summarySections);
  const rollbackPlan = readRollbackPlan(ctx);
  for (const expected of options.expectedSections ?? []) {
    if (!ctx.section(...expected.names)) {
      ctx.report(
        expected.severity ?? 'info',
        1,
        'missing-section',
        `No '${expected.names[0].replace(/\b\w/g, c =>
          c.toUpperCase(),
        )}' section`,
      );
    }
  }
  return {
    id: header.id,
    title: header.title,
    status: header.status,
    statusText: header.statusText,
    complexity: header.complexity,
    author: header.author,
    created: header.created,
    updated: header.updated,
    issue: header.issue,
    impact: impact.impact,
    cost: cost.cost,
    acceptance: progress.acceptance,
    checklists: progress.checklists,
    openClarifications,
    requirements: ids.requirements,
    successCriteria: ids.successCriteria,
    component: header.component,
    summary,
    rollbackPlan: rollbackPlan.rollbackPlan,
    blank:
      header.id === null &&
      header.titleUnfilled &&
      header.created === null &&
      header.updated === null,
    lines: {
      ...header.lines,
      ...impact.lines,
      cost: cost.line,
      rollbackPlan: rollbackPlan.line,
    },
  };
}
