/*
 * The facts on a real Tech Insights backend: specs written to local folders are indexed by the
 * real infra-specs backend, read by this module's retriever through its REST API, stored by the
 * real tech-insights backend and judged by the JSON rules engine with the README's checks.
 * Expected values are derived from the documents the test writes (parsed by common's parser),
 * with each rule stated here on its own, never copied from the retriever.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  parseSpec,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { expectedFacts } from './__testUtils__/expectedFacts';
import { startPortal } from './__testUtils__/portal';

jest.setTimeout(180_000);

interface SpecOptions {
  id: string;
  status: string;
  blast?: string;
  rollback?: string;
  cost?: string;
  /** Steps of the Rollback Plan section; 'template' writes the template's hints. */
  plan?: string[] | 'template';
  openQuestion?: string;
  estimate?: number;
}

function specMarkdown(o: SpecOptions): string {
  const plan =
    o.plan === 'template'
      ? ['[Step-by-step rollback procedure]', '[State recovery if needed]']
      : o.plan;
  return [
    `# Spec: Change ${o.id}`,
    '',
    `**Spec ID**: ${o.id}`,
    `**Status**: ${o.status}`,
    '**Author**: Test Author',
    '**Created**: 2026-10-01',
    '',
    '## Summary',
    '',
    `The change ${o.id}.`,
    '',
    '## Impact Assessment',
    '',
    '| Aspect | Assessment |',
    '|--------|------------|',
    `| **Blast Radius** | ${o.blast ?? 'Low — one service'} |`,
    `| **Rollback Complexity** | ${o.rollback ?? 'Easy'} |`,
    '| **Downtime Required** | None |',
    `| **Cost Impact** | ${o.cost ?? '$0/month'} |`,
    '',
    ...(plan
      ? ['## Rollback Plan', '', ...plan.map((s, i) => `${i + 1}. ${s}`), '']
      : []),
    ...(o.openQuestion
      ? ['## Open Questions', '', `- [ ] ${o.openQuestion}`, '']
      : []),
    '## Validation Checklist',
    '',
    '- [ ] `tofu validate` passes',
    '',
  ].join('\n');
}

/** What each component's specs are, by design of the test: every fact non-zero on `a`. */
const SPECS: Record<string, SpecOptions[]> = {
  a: [
    // Risky and without a plan (none at all), in review.
    {
      id: 'SPEC-0001',
      status: 'In Review',
      blast: 'High — all workloads',
      rollback: 'Irreversible',
      cost: '+$350/month',
    },
    // Risky, only the template's plan: still no plan. Approved with an open question.
    {
      id: 'SPEC-0002',
      status: 'Approved',
      blast: 'Critical — every payment',
      rollback: 'Complex',
      cost: '+$120.25/month',
      plan: 'template',
      openQuestion: 'Which region hosts the replica?',
    },
    // Risky but with a real plan: not counted.
    {
      id: 'SPEC-0003',
      status: 'Draft',
      blast: 'High — the VPC',
      rollback: 'Complex',
      cost: '-$40/month',
      plan: ['Point the route tables back at the old NAT gateway.'],
    },
    // Done: not open, not in flight, but incomplete (an open question).
    {
      id: 'SPEC-0004',
      status: 'Implemented',
      blast: 'High — all clusters',
      rollback: 'Irreversible',
      cost: '+$1000/month',
      openQuestion: 'Who owns the runbook?',
    },
  ],
  b: [
    {
      id: 'SPEC-0010',
      status: 'Approved',
      cost: '+$20/month',
      plan: ['Revert the PR.'],
    },
    {
      id: 'SPEC-0011',
      status: 'Rejected',
      blast: 'Critical — all',
      rollback: 'Irreversible',
    },
  ],
  // c has a spec location and no specs; plain has no spec location.
  c: [],
};

const ref = (name: string) => `component:default/${name}`;

describe('infra-specs facts on a real Tech Insights backend', () => {
  let root: string;
  let entities: Entity[];
  const docs: Record<string, SpecDocument[]> = {};

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'infra-specs-facts-'));
    entities = [];
    for (const [name, specs] of Object.entries(SPECS)) {
      const dir = join(root, name);
      mkdirSync(join(dir, 'specs'), { recursive: true });
      writeFileSync(
        join(dir, 'catalog-info.yaml'),
        `metadata:\n  name: ${name}\n`,
      );
      docs[name] = specs.map(spec => {
        const markdown = specMarkdown(spec);
        writeFileSync(join(dir, 'specs', `${spec.id}.md`), markdown);
        return parseSpec(markdown);
      });
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `file:${join(
              dir,
              'catalog-info.yaml',
            )}`,
            'infra-specs.dev/spec-location': './specs',
          },
        },
        spec: {
          type: 'service',
          owner: 'group:default/platform',
          lifecycle: 'production',
        },
      });
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'plain', namespace: 'default' },
      spec: {
        type: 'service',
        owner: 'group:default/platform',
        lifecycle: 'production',
      },
    });
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('publishes each fact per component and the sample checks judge them', async () => {
    const portal = await startPortal({
      entities,
      allowedRoots: [root],
      // Every review is stale after a millisecond: staleReviews counts the specs in review.
      config: { infraSpecs: { review: { staleAfter: { milliseconds: 1 } } } },
    });
    await portal.refreshSpecs();
    const indexed = await portal.json('/infra-specs/specs?limit=100');
    expect(indexed.totalCount).toBe(SPECS.a.length + SPECS.b.length);
    await new Promise(resolve => setTimeout(resolve, 5));
    await portal.retrieveFacts();

    const inReview = (d: SpecDocument) => d.status === 'in-review';
    for (const name of ['a', 'b', 'c']) {
      const latest = await portal.latestFacts(ref(name));
      expect({ name, facts: latest?.facts }).toEqual({
        name,
        facts: expectedFacts(docs[name], inReview),
      });
    }
    // The design of the test holds: every fact is non-zero on a, so each rule was exercised.
    const a = (await portal.latestFacts(ref('a'))).facts;
    expect(
      Object.entries(a).filter(
        ([k, v]) => k !== 'estimatedMonthlyCostDeltaInFlight' && v === 0,
      ),
    ).toEqual([]);
    expect(a.riskyRollbacksWithoutPlan).toBeLessThan(
      docs.a.filter(d => d.impact.blastRadius.level !== 'low').length,
    );
    // No spec location, no row.
    expect(await portal.latestFacts(ref('plain'))).toBeUndefined();

    // The schema Tech Insights stores names the facts and their types.
    const schemas = await portal.json('/tech-insights/fact-schemas');
    expect(
      schemas.find((s: any) => s.id === 'infra-specs-facts'),
    ).toMatchObject({
      id: 'infra-specs-facts',
      entityFilter: [{ kind: 'component' }],
      // The store spreads the schema's facts beside id and version.
      openSpecs: { type: 'integer' },
      staleReviews: { type: 'integer' },
      incompleteApprovedSpecs: { type: 'integer' },
      riskyRollbacksWithoutPlan: { type: 'integer' },
      monthlyCostDeltaInFlight: { type: 'float' },
      estimatedMonthlyCostDeltaInFlight: { type: 'float' },
    });

    // The README's checks, run by the JSON rules engine on the stored facts.
    for (const name of ['a', 'b', 'c']) {
      const facts = (await portal.latestFacts(ref(name))).facts;
      expect({ name, results: await portal.runChecks(ref(name)) }).toEqual({
        name,
        results: {
          infraSpecsNoRiskyRollbacksWithoutPlan:
            facts.riskyRollbacksWithoutPlan === 0,
          infraSpecsNoStaleReviews: facts.staleReviews === 0,
          infraSpecsNoIncompleteApprovedSpecs:
            facts.incompleteApprovedSpecs === 0,
          infraSpecsCostInFlightUnder500: facts.monthlyCostDeltaInFlight < 500,
        },
      });
    }
    // And they do disagree between components: a fails where c passes.
    expect(await portal.runChecks(ref('a'))).toMatchObject({
      infraSpecsNoRiskyRollbacksWithoutPlan: false,
      infraSpecsNoStaleReviews: false,
      infraSpecsNoIncompleteApprovedSpecs: false,
    });
    expect(Object.values(await portal.runChecks(ref('c')))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    await portal.backend.stop();
  });

  it('stops the backend when the retriever has no schedule, naming the key', async () => {
    await expect(
      startPortal({
        entities,
        allowedRoots: [root],
        config: { techInsights: { factRetrievers: {} } },
      }),
    ).rejects.toThrow(
      "Invalid config at 'techInsights.factRetrievers.infraSpecsFacts': missing",
    );
  });

  const { databases, ids: databaseIds } = createTestDatabases();

  it.each(databaseIds)(
    'keeps at most lifecycle.maxItems rows per component after 100 runs on %s',
    async databaseId => {
      const maxItems = 3;
      const portal = await startPortal({
        entities,
        allowedRoots: [root],
        lifecycle: { maxItems },
        knex: await databases.init(databaseId),
      });
      await portal.refreshSpecs();
      // Runs an hour apart, as the cadence '0 * * * *' has them: only Date is faked, so the
      // backends' timers and sockets run as usual.
      const start = Date.now();
      jest.useFakeTimers({
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
        now: start,
      });
      const historyLengths: number[] = [];
      for (let run = 1; run <= 100; run++) {
        jest.setSystemTime(start + run * 3600_000);
        await portal.retrieveFacts();
        if (run <= maxItems + 1) {
          historyLengths.push((await portal.factHistory(ref('a'))).length);
        }
      }
      // Growing up to the bound, then held there: the lifecycle prunes, it does not cap at one.
      expect(historyLengths).toEqual([1, 2, 3, 3]);
      for (const name of ['a', 'b', 'c']) {
        const history = await portal.factHistory(ref(name));
        expect({ name, rows: history.length }).toEqual({
          name,
          rows: maxItems,
        });
      }
      // The rows kept are the newest ones, with the facts of the last run.
      const latest = await portal.latestFacts(ref('a'));
      const history = await portal.factHistory(ref('a'));
      const newest = history
        .map((row: any) => row.timestamp)
        .sort()
        .pop();
      expect(newest).toBe(latest.timestamp);
      // The run's own time (PostgreSQL rounds it to the second: Tech Insights' column has precision 0).
      expect(
        Math.abs(
          new Date(latest.timestamp).getTime() - (start + 100 * 3600_000),
        ),
      ).toBeLessThan(1000);
      // 100 hours after indexing, reviews are not stale with the default 21 days.
      expect(latest.facts.staleReviews).toBe(0);
      expect(latest.facts.openSpecs).toBe(
        expectedFacts(docs.a, () => false).openSpecs,
      );
      jest.useRealTimers();
      await portal.backend.stop();
    },
  );
});
