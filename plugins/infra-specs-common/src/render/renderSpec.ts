import {
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
} from '../vocabulary/levels';
import { SPEC_STATUSES } from '../vocabulary/statuses';
import { renderTemplate, type TemplateScope } from './engine';
import { singleLine } from './escape';
import { formatBlastRadius, formatIssue, formatMoney } from './format';
import { SPEC_TEMPLATE_SOURCES } from './templates.generated';
import {
  SPEC_TEMPLATE_FORMATS,
  validateSpecTemplateValues,
  type SpecTemplateFormat,
  type SpecTemplateValues,
} from './values';

function given<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null && (value as unknown) !== '';
}

function labelOf(
  vocabulary: ReadonlyArray<{ value: string; label: string }>,
  value: string | null | undefined,
): string | undefined {
  return given(value)
    ? vocabulary.find(entry => entry.value === value)?.label
    : undefined;
}

/** Text that is blank once written on one line counts as not given (keeps the placeholder). */
function text(value: string | null | undefined): string | undefined {
  return given(value) && singleLine(value) !== '' ? value : undefined;
}

/** The template variables (see templates/specs/README.md) for a set of valid values. */
export function templateScope(values: SpecTemplateValues): TemplateScope {
  const items = (values.costItems ?? []).map(item => ({
    resource: item.resource,
    monthly: item.monthly,
    notes: text(item.notes),
  }));
  const hasAmounts =
    given(values.monthlyCost) || items.some(item => given(item.monthly));
  const currency = values.currency || (hasAmounts ? 'USD' : undefined);
  let monthlyCost = values.monthlyCost ?? undefined;
  if (
    !given(monthlyCost) &&
    items.length > 0 &&
    items.every(item => given(item.monthly))
  ) {
    monthlyCost =
      Math.round(items.reduce((sum, item) => sum + item.monthly! * 100, 0)) /
      100;
  }
  const impactGiven = [
    values.blastRadius,
    values.blastRadiusText,
    values.rollback,
    values.downtime,
    values.monthlyCost,
  ].some(given);

  return {
    id: values.id,
    title: text(values.title),
    status: labelOf(SPEC_STATUSES, values.status),
    statusValue: values.status,
    author: text(values.author),
    created: values.created,
    updated: values.updated,
    issue: text(values.issue) ? formatIssue(values.issue!) : undefined,
    component: text(values.component),
    owner: text(values.owner),
    complexity: values.complexity,
    blastRadius: formatBlastRadius(values.blastRadius, values.blastRadiusText),
    rollback: labelOf(ROLLBACK_COMPLEXITIES, values.rollback),
    downtime: labelOf(DOWNTIME_REQUIREMENTS, values.downtime),
    monthlyCost: given(monthlyCost)
      ? formatMoney(monthlyCost, currency!, { signed: true, withCode: true })
      : undefined,
    costItems: items.map(item => ({
      resource: item.resource,
      monthly: given(item.monthly)
        ? formatMoney(item.monthly, currency!)
        : undefined,
      notes: item.notes,
    })),
    summary: text(values.summary),
    problem: text(values.problem),
    promptVersion: text(values.promptVersion),
    hasImpact: impactGiven,
    hasCost: items.length > 0 || given(values.monthlyCost),
  };
}

/**
 * Writes a new spec in one of the three formats from templates/specs/. Values that are not given
 * keep the template's placeholder. Throws a TypeError naming every invalid value.
 * @public
 */
export function renderSpec(
  format: SpecTemplateFormat,
  values: SpecTemplateValues,
): string {
  if (!(SPEC_TEMPLATE_FORMATS as readonly string[]).includes(format)) {
    throw new TypeError(
      `Unknown spec template format '${format}'; use one of ${SPEC_TEMPLATE_FORMATS.join(
        ', ',
      )}`,
    );
  }
  const problems = validateSpecTemplateValues(values, format);
  if (problems.length > 0) {
    throw new TypeError(
      `Invalid spec template values: ${problems
        .map(p => `${p.key} ${p.message}`)
        .join('; ')}`,
    );
  }
  return renderTemplate(SPEC_TEMPLATE_SOURCES[format], templateScope(values));
}
