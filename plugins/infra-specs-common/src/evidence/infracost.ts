/*
 * Infracost JSON (schema version 0.2, `infracost breakdown|diff --format json`) -> the monthly
 * cost change it estimates. Amounts are decimal strings or null; a multi-project output is the sum
 * of its projects.
 */
import type { SpecCostEstimate } from '../model/types';
import { cents } from './drift';
import { describeJson, isRecord, parseEvidenceJson } from './json';
import { MAX_NAMED_PROJECTS } from './limits';
import type { EvidenceDiagnostic, EvidenceReadResult } from './readResult';

const KNOWN_VERSION = '0.2';
const DEFAULT_CURRENCY = 'USD';
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Larger monthly amounts are corrupt data, and their cents would not be finite. */
const MAX_AMOUNT = 1e12;

/** An Infracost amount: a decimal string (or a number in hand-written files); null when absent or not an amount. */
function amount(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && DECIMAL.test(value.trim()))
    n = Number(value.trim());
  else return null;
  return Number.isFinite(n) && Math.abs(n) <= MAX_AMOUNT ? n : null;
}

function totalOf(breakdown: unknown): number | null {
  return isRecord(breakdown) ? amount(breakdown.totalMonthlyCost) : null;
}

/** A project's delta: its `diff` total, else its breakdown minus its past breakdown. */
function projectDelta(project: Record<string, unknown>): number | null {
  const diff = totalOf(project.diff);
  if (diff !== null) return diff;
  const now = totalOf(project.breakdown);
  const past = totalOf(project.pastBreakdown);
  return now !== null && past !== null ? now - past : null;
}

function projectName(project: Record<string, unknown>, index: number): string {
  for (const key of ['displayName', 'name']) {
    const value = project[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return `project ${index + 1}`;
}

/** The first error Infracost recorded for a project, for the message of an unpriced project. */
function projectError(project: Record<string, unknown>): string | null {
  const metadata = project.metadata;
  if (!isRecord(metadata) || !Array.isArray(metadata.errors)) return null;
  const first = metadata.errors.find(
    e => isRecord(e) && typeof e.message === 'string',
  ) as Record<string, unknown> | undefined;
  return first ? String(first.message).slice(0, 200) : null;
}

function noProjectCost(count: number): string {
  if (count === 0) return '';
  return count === 1
    ? ' and its project has no cost'
    : ` and none of its ${count} projects has a cost`;
}

function fail(source: string, reason: string) {
  return {
    diagnostic: {
      severity: 'error' as const,
      code: 'invalid-estimate',
      message: `Infracost estimate ${source} cannot be used: ${reason}`,
    },
  };
}

/**
 * Reads an Infracost JSON output. Pure: the text in, the estimate out, never throws.
 * `invalid-estimate` when the text is not JSON, not an Infracost output, or states no cost at all;
 * notes `unknown-estimate-version` (schema version other than 0.2, read when the shape fits) and
 * `estimate-incomplete` (projects without a cost, left out of the sum).
 * @public
 */
export function readInfracostEstimate(
  text: string,
  source: string,
): EvidenceReadResult<SpecCostEstimate> {
  const parsed = parseEvidenceJson(text);
  if ('reason' in parsed) return fail(source, parsed.reason);
  const root = parsed.json;
  if (!isRecord(root))
    return fail(
      source,
      `it holds ${describeJson(
        root,
      )}, not an Infracost output (an object with projects and diffTotalMonthlyCost)`,
    );
  const diagnostics: EvidenceDiagnostic[] = [];
  const version =
    typeof root.version === 'string' || typeof root.version === 'number'
      ? String(root.version)
      : null;
  const hasProjects = Array.isArray(root.projects);
  if (!hasProjects && !('diffTotalMonthlyCost' in root))
    return fail(
      source,
      'resource_changes' in root || 'format_version' in root
        ? 'it is a Terraform plan JSON, not an Infracost output (link it as the plan)'
        : `it is not an Infracost output: it has neither projects nor diffTotalMonthlyCost${
            version !== null ? ` (version '${version}')` : ''
          }`,
    );
  if (version !== KNOWN_VERSION) {
    diagnostics.push({
      severity: 'warning',
      code: 'unknown-estimate-version',
      message: `Infracost estimate ${source} ${
        version === null
          ? 'states no schema version'
          : `has schema version '${version}'`
      }; it was read as version ${KNOWN_VERSION}`,
    });
  }

  let currency = DEFAULT_CURRENCY;
  if (root.currency !== undefined && root.currency !== null) {
    if (
      typeof root.currency !== 'string' ||
      !/^[A-Za-z]{3}$/.test(root.currency.trim())
    )
      return fail(
        source,
        `its currency ${JSON.stringify(root.currency)} is not an ISO 4217 code`,
      );
    currency = root.currency.trim().toUpperCase();
  }

  const projects = (hasProjects ? (root.projects as unknown[]) : [])
    .filter(isRecord)
    .map((project, index) => ({
      name: projectName(project, index),
      monthlyDelta: projectDelta(project),
      error: projectError(project),
    }));
  const unpriced = projects.filter(p => p.monthlyDelta === null);
  const priced = projects.filter(p => p.monthlyDelta !== null);
  const total = amount(root.diffTotalMonthlyCost);
  let monthlyDelta: number;
  if (total !== null) monthlyDelta = total;
  else if (priced.length > 0)
    monthlyDelta = priced.reduce((sum, p) => sum + p.monthlyDelta!, 0);
  else {
    const why = unpriced.find(p => p.error)?.error;
    return fail(
      source,
      `it states no monthly cost change (diffTotalMonthlyCost is ${
        root.diffTotalMonthlyCost === undefined
          ? 'absent'
          : JSON.stringify(root.diffTotalMonthlyCost)
      }${noProjectCost(projects.length)})${
        why ? `; Infracost reported: ${why}` : ''
      }`,
    );
  }
  if (unpriced.length > 0 && projects.length > 0) {
    const named = unpriced
      .slice(0, MAX_NAMED_PROJECTS)
      .map(p => (p.error ? `${p.name}: ${p.error}` : p.name));
    if (unpriced.length > MAX_NAMED_PROJECTS)
      named.push(`${unpriced.length - MAX_NAMED_PROJECTS} more`);
    diagnostics.push({
      severity: 'warning',
      code: 'estimate-incomplete',
      message: `Infracost estimate ${source}: ${unpriced.length} of ${
        projects.length
      } projects ${unpriced.length > 1 ? 'have' : 'has'} no cost (${named.join(
        '; ',
      )}); the estimate covers the other ${priced.length}`,
    });
  }
  const generatedAt =
    typeof root.timeGenerated === 'string' && root.timeGenerated.trim() !== ''
      ? root.timeGenerated.trim()
      : null;
  const value: SpecCostEstimate = {
    monthlyDelta: cents(monthlyDelta),
    currency,
    source,
    generatedAt,
  };
  if (projects.length > 0)
    value.projects = projects.map(p => ({
      name: p.name,
      monthlyDelta: p.monthlyDelta === null ? null : cents(p.monthlyDelta),
    }));
  return { value, diagnostics };
}
