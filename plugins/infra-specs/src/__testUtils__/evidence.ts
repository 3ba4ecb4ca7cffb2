/*
 * Specs with evidence for the view tests, parsed from markdown and read from Infracost and plan
 * JSON in their public formats by common's own parser and readers, so the documents are what the
 * backend stores, not hand-typed results.
 */
import {
  evidenceReadFailure,
  parseSpec,
  readInfracostEstimate,
  readTerraformPlan,
  type SpecEvidenceOptions,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { makeSpec, type SpecRecordInput } from './specs';

/** One project of an Infracost diff: its monthly cost before and after the change. */
export interface InfracostProject {
  name: string;
  past: number;
  now: number;
}

const money = (n: number) => n.toFixed(2);

/** An `infracost diff --format json` output (schema 0.2) with the given projects. */
export function infracostJson(
  projects: InfracostProject[],
  options: { currency?: string; timeGenerated?: string } = {},
): string {
  const sum = (pick: (p: InfracostProject) => number) =>
    money(projects.reduce((total, p) => total + pick(p), 0));
  return JSON.stringify({
    version: '0.2',
    metadata: { infracostCommand: 'diff', vcsBranch: 'feat/payments-db' },
    currency: options.currency ?? 'USD',
    projects: projects.map(p => ({
      name: `example-org/payments-infra/${p.name}`,
      displayName: p.name,
      metadata: { path: p.name, type: 'terraform_dir' },
      pastBreakdown: { resources: [], totalMonthlyCost: money(p.past) },
      breakdown: { resources: [], totalMonthlyCost: money(p.now) },
      diff: { resources: [], totalMonthlyCost: money(p.now - p.past) },
      summary: { totalDetectedResources: 4, totalSupportedResources: 4 },
    })),
    totalHourlyCost: money(projects.reduce((t, p) => t + p.now, 0) / 730),
    totalMonthlyCost: sum(p => p.now),
    pastTotalMonthlyCost: sum(p => p.past),
    diffTotalMonthlyCost: sum(p => p.now - p.past),
    timeGenerated: options.timeGenerated ?? '2026-11-30T09:14:02.117Z',
    summary: { totalDetectedResources: 4, totalSupportedResources: 4 },
  });
}

/** A `terraform show -json` plan whose resource changes have the given actions. */
export function planJson(changes: Array<[address: string, actions: string[]]>) {
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: changes.map(([address, actions]) => {
      const parts = address.split('.');
      return {
        address,
        mode: 'managed',
        type: parts[parts.length - 2],
        name: parts[parts.length - 1],
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change: { actions, before: {}, after: {} },
      };
    }),
    errored: false,
  });
}

/** A change spec that claims a monthly delta and an impact, linking infracost.json and plan.json. */
export function changeSpecMarkdown(input: {
  id: string;
  title: string;
  claim: string;
  blastRadius?: string;
  rollback?: string;
  downtime?: string;
}): string {
  return `# Spec: ${input.title}

**Spec ID**: ${input.id}
**Status**: In Review
**Author**: Jane Doe
**Last Updated**: 2026-11-30
**Cost Estimate**: [infracost diff](./infracost.json)
**Plan**: ./plan.json

## Summary

Move the production payments database to a larger instance class.

### Impact Assessment

| Aspect                  | Assessment                       |
| ----------------------- | -------------------------------- |
| **Blast Radius**        | ${
    input.blastRadius ?? 'Low — the payments database only'
  } |
| **Rollback Complexity** | ${input.rollback ?? 'Easy'} |
| **Downtime Required**   | ${input.downtime ?? 'None'} |
| **Cost Impact**         | ${input.claim} |

## Validation Checklist

- [ ] CPU under 60% during the month-end batch
`;
}

/** A SpecRecord of the markdown checked against the evidence (as the backend indexes it). */
export function specWithEvidence(
  markdown: string,
  evidence: SpecEvidenceOptions,
  record: SpecRecordInput = {},
): SpecRecord {
  const path = `${record.path ?? 'payments-db/spec.md'}`;
  const document = parseSpec(markdown, { path, evidence });
  return makeSpec({
    name: `${(document.id ?? 'spec').toLowerCase()}-evidence`,
    path,
    viewUrl: `https://github.com/acme/payments/blob/main/docs/specs/${path}`,
    ...record,
    document,
  });
}

/** The database move that claims +$350 while Infracost says +$610.46, and whose plan replaces the database under a "low, easy, no downtime" claim. */
export function driftingSpec(record: SpecRecordInput = {}): SpecRecord {
  return specWithEvidence(
    changeSpecMarkdown({
      id: 'SPEC-0107',
      title: 'Payments database on db.r6g.xlarge',
      claim: '+$350/month',
    }),
    {
      estimate: readInfracostEstimate(
        infracostJson([{ name: 'prod', past: 749, now: 1359.46 }]),
        'docs/specs/payments-db/infracost.json',
      ),
      plan: readTerraformPlan(
        planJson([
          ['aws_db_instance.payments', ['delete', 'create']],
          ['aws_db_parameter_group.payments', ['create']],
          ['aws_db_subnet_group.payments', ['update']],
          ['aws_db_parameter_group.legacy', ['delete']],
        ]),
        'docs/specs/payments-db/plan.json',
      ),
    },
    record,
  );
}

/** A spec whose estimate costs far less than it claims (+$900 claimed, +$310 estimated). */
export function underClaimSpec(record: SpecRecordInput = {}): SpecRecord {
  return specWithEvidence(
    changeSpecMarkdown({
      id: 'SPEC-0111',
      title: 'Search cluster on three nodes',
      claim: '+$900/month',
    }),
    {
      estimate: readInfracostEstimate(
        infracostJson([{ name: 'search', past: 1200, now: 1510 }]),
        'docs/specs/search/infracost.json',
      ),
    },
    { name: 'spec-0111-evidence', ...record },
  );
}

/** A spec whose estimate agrees with its claim (+$350 claimed, +$362.10 estimated over two projects), with a plan that only creates and updates. */
export function agreeingSpec(record: SpecRecordInput = {}): SpecRecord {
  return specWithEvidence(
    changeSpecMarkdown({
      id: 'SPEC-0102',
      title: 'NAT gateway per availability zone',
      claim: '+$350/month',
    }),
    {
      estimate: readInfracostEstimate(
        infracostJson([
          { name: 'prod-eu-west-1', past: 100, now: 342.1 },
          { name: 'prod-eu-west-2', past: 50, now: 170 },
        ]),
        'docs/specs/nat/infracost.json',
      ),
      plan: readTerraformPlan(
        planJson([
          ['aws_nat_gateway.b', ['create']],
          ['aws_nat_gateway.c', ['create']],
          ['aws_route_table.private', ['update']],
        ]),
        'docs/specs/nat/plan.json',
      ),
    },
    { name: 'spec-0102-evidence', ...record },
  );
}

/** A spec that claims a cost with no estimate linked: checked, `cost-unverified`. */
export function unverifiedSpec(record: SpecRecordInput = {}): SpecRecord {
  return specWithEvidence(
    changeSpecMarkdown({
      id: 'SPEC-0120',
      title: 'Bigger log retention',
      claim: '+$120/month',
    }).replace(/\*\*(Cost Estimate|Plan)\*\*:.*\n/g, ''),
    {},
    { name: 'spec-0120-evidence', ...record },
  );
}

/** A spec whose linked estimate is not JSON and whose plan file is missing. */
export function invalidEvidenceSpec(record: SpecRecordInput = {}): SpecRecord {
  return specWithEvidence(
    changeSpecMarkdown({
      id: 'SPEC-0130',
      title: 'Redis on Graviton',
      claim: '-$80/month',
    }),
    {
      estimate: readInfracostEstimate(
        'Project: prod\n\n OVERALL TOTAL  $80.00',
        'docs/specs/redis/infracost.json',
      ),
      plan: evidenceReadFailure(
        'plan',
        'docs/specs/redis/plan.json',
        'the file does not exist',
      ),
    },
    { name: 'spec-0130-evidence', ...record },
  );
}

/** A spec whose plan changes more resources than the plan summary keeps (600 creates). */
export function hugePlanSpec(record: SpecRecordInput = {}): SpecRecord {
  const changes: Array<[string, string[]]> = [];
  for (let i = 0; i < 600; i++) {
    changes.push([`aws_route53_record.tenant_${i}`, ['create']]);
  }
  return specWithEvidence(
    changeSpecMarkdown({
      id: 'SPEC-0140',
      title: 'DNS records per tenant',
      claim: '+$30/month',
    }),
    { plan: readTerraformPlan(planJson(changes), 'docs/specs/dns/plan.json') },
    { name: 'spec-0140-evidence', ...record },
  );
}
