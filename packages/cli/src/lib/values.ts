import {
  SPEC_TEMPLATE_VALUE_KEYS,
  type SpecTemplateCostItem,
  type SpecTemplateValues,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { UsageError } from './io';

/** Keys `--set` accepts: every template value except those with their own option. */
export const SETTABLE_KEYS: string[] = SPEC_TEMPLATE_VALUE_KEYS.filter(
  k => k !== 'costItems' && k !== 'id' && k !== 'title',
);

const NUMERIC_KEYS = new Set(['complexity', 'monthlyCost']);

/** `350`, `-120.5`, `+$1,200`, `€35`: an amount without its currency (that is `--set currency=`). */
export function parseAmount(text: string, what: string): number {
  const cleaned = text
    .trim()
    .replace(/^([+-]?)\s*[$€£]/, '$1')
    .replace(/,/g, '');
  const value = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(value)) {
    throw new UsageError(`${what} '${text}' is not a number`);
  }
  return value;
}

/** `--set key=value` pairs as template values; unknown keys are refused with the list of valid ones. */
export function parseSetOptions(pairs: string[]): SpecTemplateValues {
  const values: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`--set expects key=value, got '${pair}'`);
    }
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    if (!SETTABLE_KEYS.includes(key)) {
      throw new UsageError(
        `unknown --set key '${key}'; valid keys: ${SETTABLE_KEYS.join(
          ', ',
        )} (and --id, --title, --cost-item)`,
      );
    }
    values[key] = NUMERIC_KEYS.has(key)
      ? parseAmount(value, `--set ${key}`)
      : value;
  }
  return values as SpecTemplateValues;
}

/** `--cost-item "RESOURCE:AMOUNT[:NOTES]"`, e.g. `NAT Gateway:96:Per-AZ`; an empty AMOUNT stays `$X`. */
export function parseCostItem(text: string): SpecTemplateCostItem {
  const first = text.indexOf(':');
  if (first <= 0) {
    throw new UsageError(
      `--cost-item expects RESOURCE:AMOUNT[:NOTES], got '${text}'`,
    );
  }
  const second = text.indexOf(':', first + 1);
  const resource = text.slice(0, first).trim();
  const amount = text.slice(first + 1, second < 0 ? undefined : second).trim();
  const notes = second < 0 ? undefined : text.slice(second + 1).trim();
  return {
    resource,
    monthly: amount === '' ? null : parseAmount(amount, `--cost-item amount`),
    notes: notes || null,
  };
}
