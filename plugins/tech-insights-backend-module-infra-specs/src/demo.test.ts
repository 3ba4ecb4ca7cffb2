/*
 * The facts of the demo portal: the specs of examples/components read as local locations, the
 * way the demo backend reads them, and the facts compared with what those specs say (counted
 * here from the documents the infra-specs API returns, with the README's rules).
 */
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  EXAMPLES_DIR,
  readDemoComponents,
} from './__testUtils__/demoComponents';
import { expectedFacts } from './__testUtils__/expectedFacts';
import { startPortal } from './__testUtils__/portal';

jest.setTimeout(180_000);

const STALE_MS = 21 * 24 * 3600_000;

describe('infra-specs facts on the demo specs', () => {
  it('match the demo specs, component by component', async () => {
    const entities = await readDemoComponents();
    const portal = await startPortal({
      entities,
      allowedRoots: [EXAMPLES_DIR],
    });
    await portal.refreshSpecs();
    await portal.retrieveFacts();

    const { items }: { items: SpecRecord[] } = await portal.json(
      '/infra-specs/specs?limit=500',
    );
    expect(items.length).toBeGreaterThan(5);
    const now = Date.now();
    const components = entities
      .filter(e => e.metadata.annotations?.['infra-specs.dev/spec-location'])
      .map(e => `component:default/${e.metadata.name}`);
    expect(components.length).toBeGreaterThan(2);

    let openTotal = 0;
    for (const component of components) {
      const records = items.filter(r => r.componentRef === component);
      const expected = expectedFacts(
        records.map(r => r.document),
        d => {
          const record = records.find(r => r.document === d)!;
          return (
            d.status === 'in-review' &&
            now - Date.parse(record.statusChangedAt) > STALE_MS
          );
        },
      );
      const latest = await portal.latestFacts(component);
      expect({ component, facts: latest?.facts }).toEqual({
        component,
        facts: expected,
      });
      openTotal += expected.openSpecs;
    }
    // The demo has open specs with claimed costs: the sums are not trivially zero.
    expect(openTotal).toBeGreaterThan(0);
    const payments = await portal.latestFacts('component:default/payments-api');
    expect(payments.facts.monthlyCostDeltaInFlight).not.toBe(0);
    // SPEC-0120 upgrades Aurora with an irreversible rollback, but it has a plan.
    const aurora = items.find(r => r.document.id === 'SPEC-0120')!;
    expect(aurora.document).toMatchObject({
      impact: { rollback: 'irreversible' },
      rollbackPlan: true,
    });
    await portal.backend.stop();
  });
});
