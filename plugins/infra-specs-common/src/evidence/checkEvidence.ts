/*
 * A spec against its evidence: the estimate and the plan go into the document, and what they
 * contradict becomes diagnostics (cost drift, a currency mismatch, a destructive plan under a
 * low-risk claim). Pure: the caller has read the files (see evidenceTargetsOf and the readers).
 */
import type {
  SpecCostDrift,
  SpecCostEstimate,
  SpecDiagnostic,
  SpecDocument,
  SpecEvidenceKind,
  SpecPlan,
} from '../model/types';
import {
  cents,
  costDriftOf,
  driftThresholds,
  type CostDriftThresholds,
} from './drift';
import { MAX_NAMED_RESOURCES } from './limits';
import type { EvidenceDiagnostic, EvidenceReadResult } from './readResult';

/** The evidence files of one spec as read; a kind left out was not found. @public */
export interface SpecEvidenceInput {
  /** From readInfracostEstimate, or evidenceReadFailure when the file could not be read. */
  estimate?: EvidenceReadResult<SpecCostEstimate>;
  /** From readTerraformPlan, or evidenceReadFailure when the file could not be read. */
  plan?: EvidenceReadResult<SpecPlan>;
}

/** parseSpec's `evidence` option: the files as read and the drift thresholds. @public */
export interface SpecEvidenceOptions extends SpecEvidenceInput {
  /** Cost drift thresholds; DEFAULT_COST_DRIFT_THRESHOLDS for what is left out. */
  thresholds?: Partial<CostDriftThresholds>;
}

/** Codes only evidence checking gives, replaced when a document is checked again. */
const EVIDENCE_CODES = new Set([
  'invalid-estimate',
  'invalid-plan',
  'unknown-estimate-version',
  'estimate-incomplete',
  'unknown-plan-version',
  'plan-without-changes',
  'plan-truncated',
  'cost-drift',
  'cost-unverified',
  'currency-mismatch',
  'plan-contradicts-impact',
]);

function money(value: number, currency: string | null, signed = true): string {
  const text = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  let sign = '';
  if (signed) sign = value < 0 ? '-' : '+';
  return `${sign}${text}${currency ? ` ${currency}` : ''}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function upper(value: string | null | undefined): string | null {
  const text = value?.trim().toUpperCase();
  return text ? text : null;
}

interface Findings {
  estimate: SpecCostEstimate | null;
  drift: SpecCostDrift | null;
  plan: SpecPlan | null;
  diagnostics: SpecDiagnostic[];
}

function costFindings(
  document: SpecDocument,
  result: EvidenceReadResult<SpecCostEstimate> | undefined,
  thresholds: CostDriftThresholds,
  at: (d: EvidenceDiagnostic, line: number) => void,
  linkLine: number,
): Pick<Findings, 'estimate' | 'drift'> {
  const claim = document.cost.monthlyDelta;
  const claimCurrency = upper(document.cost.currency);
  const costLine = document.lines?.cost ?? linkLine;
  if (!result) {
    if (claim !== null)
      at(
        {
          severity: 'info',
          code: 'cost-unverified',
          message: `The spec claims ${money(
            claim,
            claimCurrency,
          )} a month but no Infracost estimate was read for it (link one with costEstimate: in the front matter or a **Cost Estimate**: line, or put infracost.json beside spec.md)`,
        },
        costLine,
      );
    return { estimate: null, drift: null };
  }
  if (!result.value) {
    if ('diagnostic' in result && result.diagnostic)
      at(result.diagnostic, linkLine);
    return { estimate: null, drift: null };
  }
  for (const d of result.diagnostics ?? []) at(d, linkLine);
  const estimate = result.value;
  if (claim === null) return { estimate, drift: null };
  const estimateCurrency = upper(estimate.currency);
  if (claimCurrency && estimateCurrency && claimCurrency !== estimateCurrency) {
    at(
      {
        severity: 'warning',
        code: 'currency-mismatch',
        message: `The spec states its cost in ${claimCurrency}, the Infracost estimate ${estimate.source} in ${estimateCurrency}; amounts are not converted, so cost drift was not checked`,
      },
      costLine,
    );
    return { estimate, drift: null };
  }
  const drift = costDriftOf(document.cost, estimate, thresholds) ?? null;
  if (drift === 'over' || drift === 'under') {
    const currency = claimCurrency ?? estimateCurrency;
    const difference = cents(estimate.monthlyDelta - claim);
    const share =
      claim === 0
        ? ''
        : ` (${Math.round(
            (Math.abs(difference) / Math.abs(claim)) * 100,
          )}% of the claim)`;
    at(
      {
        severity: 'warning',
        code: 'cost-drift',
        message: `The spec claims ${money(
          claim,
          currency,
        )} a month, the Infracost estimate ${estimate.source} says ${money(
          estimate.monthlyDelta,
          currency,
        )}: ${money(difference, currency, false)}${share} ${
          drift === 'over' ? 'more' : 'less'
        } than claimed`,
      },
      costLine,
    );
  }
  return { estimate, drift };
}

function planFindings(
  document: SpecDocument,
  result: EvidenceReadResult<SpecPlan> | undefined,
  at: (d: EvidenceDiagnostic, line: number) => void,
  linkLine: number,
): SpecPlan | null {
  if (!result) return null;
  if (!result.value) {
    if ('diagnostic' in result && result.diagnostic)
      at(result.diagnostic, linkLine);
    return null;
  }
  for (const d of result.diagnostics ?? []) at(d, linkLine);
  const plan = result.value;
  const destructive = plan.delete + plan.replace;
  if (destructive === 0) return plan;
  const { impact, lines } = document;
  const claims: Array<[string, number | undefined]> = [];
  if (impact.blastRadius.level === 'low')
    claims.push(['blast radius low', lines?.blastRadius]);
  if (impact.rollback === 'easy')
    claims.push(['rollback easy', lines?.rollback]);
  if (impact.downtime === 'none')
    claims.push(['downtime none', lines?.downtime]);
  if (claims.length === 0) return plan;
  const named = plan.resources
    .filter(r => r.action === 'delete' || r.action === 'replace')
    .slice(0, MAX_NAMED_RESOURCES)
    .map(r => `${r.address} (${r.action})`);
  if (destructive > named.length)
    named.push(`${destructive - named.length} more`);
  const verbs = [
    plan.replace > 0 ? `replaces ${plural(plan.replace, 'resource')}` : '',
    plan.delete > 0 ? `deletes ${plural(plan.delete, 'resource')}` : '',
  ].filter(Boolean);
  const claimLines = claims
    .map(([, line]) => line)
    .filter((line): line is number => typeof line === 'number');
  at(
    {
      severity: 'warning',
      code: 'plan-contradicts-impact',
      message: `The plan ${plan.source} ${verbs.join(' and ')} (${named.join(
        ', ',
      )}) but the spec says ${claims.map(([claim]) => claim).join(', ')}`,
    },
    claimLines.length > 0 ? Math.min(...claimLines) : linkLine,
  );
  return plan;
}

function linkLineOf(document: SpecDocument, kind: SpecEvidenceKind): number {
  return document.evidence?.find(l => l.kind === kind)?.line ?? 1;
}

/** The estimate, drift, plan and diagnostics of a document's evidence. */
export function evidenceFindings(
  document: SpecDocument,
  evidence: SpecEvidenceInput,
  thresholds?: Partial<CostDriftThresholds>,
): Findings {
  const diagnostics: SpecDiagnostic[] = [];
  const at = (d: EvidenceDiagnostic, line: number) =>
    diagnostics.push({
      severity: d.severity,
      line: Math.max(1, Math.floor(line) || 1),
      code: d.code,
      message: d.message,
    });
  const cost = costFindings(
    document,
    evidence.estimate,
    driftThresholds(thresholds),
    at,
    linkLineOf(document, 'estimate'),
  );
  const plan = planFindings(
    document,
    evidence.plan,
    at,
    linkLineOf(document, 'plan'),
  );
  return { ...cost, plan, diagnostics };
}

/** Diagnostics in line order, earlier ones first on the same line. */
export function byLine(diagnostics: SpecDiagnostic[]): SpecDiagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.i - b.i)
    .map(x => x.d);
}

/**
 * The document with its evidence: `cost.estimate`, `cost.drift` and `plan` set, and the
 * evidence diagnostics (`cost-drift`, `cost-unverified`, `currency-mismatch`,
 * `plan-contradicts-impact`, and the readers' own) in line order. Checking again replaces the
 * previous evidence diagnostics. parseSpec's `evidence` option does the same in one call.
 * @public
 */
export function checkEvidence(
  document: SpecDocument,
  evidence: SpecEvidenceInput,
  thresholds?: Partial<CostDriftThresholds>,
): SpecDocument {
  const findings = evidenceFindings(document, evidence ?? {}, thresholds);
  return {
    ...document,
    cost: {
      ...document.cost,
      estimate: findings.estimate,
      drift: findings.drift,
    },
    plan: findings.plan,
    diagnostics: byLine([
      ...document.diagnostics.filter(d => !EVIDENCE_CODES.has(d.code)),
      ...findings.diagnostics,
    ]),
  };
}
