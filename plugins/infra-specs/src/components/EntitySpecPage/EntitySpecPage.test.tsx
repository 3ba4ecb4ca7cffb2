import { fireEvent, screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { FakeInfraSpecsApi, makeSpec } from '../../__testUtils__/specs';
import { renderEntityView } from '../../__testUtils__/render';
import {
  agreeingSpec,
  driftingSpec,
  hugePlanSpec,
  invalidEvidenceSpec,
} from '../../__testUtils__/evidence';
import {
  EntitySpecAboutCard,
  EntitySpecDocumentContent,
} from './EntitySpecPage';

const specEntity: Entity = {
  apiVersion: 'infra-specs.dev/v1alpha1',
  kind: 'Spec',
  metadata: {
    name: 'spec-0042-upgrade-eks',
    namespace: 'default',
    title: 'SPEC-0042 Upgrade EKS',
    annotations: {
      'infra-specs.dev/spec-id': 'SPEC-0042',
      'backstage.io/view-url':
        'https://github.com/acme/payments/blob/main/docs/specs/SPEC-0042.md',
    },
  },
  spec: {
    type: 'infrastructure-change',
    status: 'in-review',
    owner: 'group:default/platform',
    component: 'component:default/payments-api',
    blastRadius: 'high',
    rollback: 'moderate',
    downtime: 'none',
    monthlyCostDelta: -120,
    currency: 'EUR',
    acceptance: { total: 6, done: 2 },
  },
};

describe('Spec entity page', () => {
  it('shows the contract fields from the entity', async () => {
    await renderEntityView(<EntitySpecAboutCard />, {
      api: new FakeInfraSpecsApi(),
      entity: specEntity,
    });
    expect(await screen.findByText('SPEC-0042')).toBeInTheDocument();
    expect(screen.getByTestId('status-chip-in-review')).toBeInTheDocument();
    expect(screen.getByText('Infrastructure change')).toBeInTheDocument();
    expect(screen.getByTestId('blast-radius-chip-high')).toBeInTheDocument();
    expect(screen.getByText('Moderate')).toBeInTheDocument();
    expect(screen.getByText('€120/mo savings')).toBeInTheDocument();
    expect(screen.getByText('2/6')).toBeInTheDocument();
    expect(screen.getByText('payments-api').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(screen.getByText('View the spec file').closest('a')).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/blob/main/docs/specs/SPEC-0042.md',
    );
  });

  it('renders the document fetched by the entity name', async () => {
    const api = new FakeInfraSpecsApi([
      makeSpec({
        name: 'spec-0042-upgrade-eks',
        document: {
          id: 'SPEC-0042',
          title: 'Upgrade EKS',
          diagnostics: [
            {
              severity: 'warning',
              line: 12,
              code: 'placeholder',
              message: "Cost still '$X'",
            },
          ],
        },
      }),
    ]);
    api.markdown.set(
      'spec-0042-upgrade-eks',
      '# Spec: Upgrade EKS\n\nMove to **1.31**.',
    );
    await renderEntityView(<EntitySpecDocumentContent />, {
      api,
      entity: specEntity,
    });
    expect(await screen.findByText('1.31')).toBeInTheDocument();
    expect(api.calls).toContainEqual({
      method: 'getSpec',
      args: ['spec-0042-upgrade-eks'],
    });
    expect(screen.getByText("Cost still '$X'")).toBeInTheDocument();
    expect(screen.getByText('line 12').closest('a')).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/blob/main/docs/specs/SPEC-0042.md#L12',
    );
    expect(screen.queryByText('About')).not.toBeInTheDocument();
  });

  describe('evidence', () => {
    const renderSpec = async (spec: ReturnType<typeof driftingSpec>) => {
      const api = new FakeInfraSpecsApi([spec]);
      await renderEntityView(<EntitySpecDocumentContent />, {
        api,
        entity: {
          ...specEntity,
          metadata: { ...specEntity.metadata, name: spec.name },
        },
      });
      return screen.findByRole('region', { name: 'Evidence' });
    };

    it('shows the estimate against the claim and the plan summary with the contradiction first', async () => {
      const evidence = await renderSpec(driftingSpec());
      const contradiction = within(evidence).getByTestId('plan-contradiction');
      expect(contradiction).toHaveTextContent(
        'The plan contradicts the claimed impact',
      );
      expect(contradiction).toHaveTextContent(
        /The plan docs\/specs\/payments-db\/plan\.json replaces 1 resource and deletes 1 resource \(aws_db_instance\.payments \(replace\), aws_db_parameter_group\.legacy \(delete\)\) but the spec says blast radius low, rollback easy, downtime none/,
      );
      expect(
        within(evidence).getByTestId('evidence-estimate'),
      ).toHaveTextContent('+$610.46/mo');
      expect(within(evidence).getByText('+$350/mo')).toBeInTheDocument();
      expect(
        within(evidence).getByTestId('cost-drift-message'),
      ).toHaveTextContent('260.46 USD (74% of the claim) more than claimed');
      expect(
        within(evidence).getByText('docs/specs/payments-db/infracost.json'),
      ).toBeInTheDocument();
      expect(
        within(evidence).getByText('2026-11-30T09:14:02.117Z'),
      ).toBeInTheDocument();
      // one project: no breakdown table
      expect(
        within(evidence).queryByRole('table', { name: 'Estimate by project' }),
      ).not.toBeInTheDocument();

      const counts = within(evidence).getByRole('list', {
        name: 'Plan changes by action',
      });
      expect(
        within(counts)
          .getAllByRole('listitem')
          .map(li => li.textContent),
      ).toEqual(['1 Replace', '1 Delete', '1 Update', '1 Create']);
      const destroyed = within(evidence).getByRole('list', {
        name: 'Replaced and deleted resources',
      });
      expect(
        within(destroyed)
          .getAllByRole('listitem')
          .map(li => li.textContent),
      ).toEqual([
        'aws_db_instance.paymentsreplaced',
        'aws_db_parameter_group.legacydeleted',
      ]);

      fireEvent.click(
        within(evidence).getByRole('button', { name: /Cost drift/ }),
      );
      expect(
        await screen.findByRole('dialog', { name: 'Cost drift: over claim' }),
      ).toHaveTextContent('says +610.46 USD');
    });

    it('breaks a multi-project estimate down and says nothing alarming when it agrees', async () => {
      const evidence = await renderSpec(agreeingSpec());
      expect(within(evidence).getByText('Agrees')).toBeInTheDocument();
      expect(
        within(evidence).queryByTestId('plan-contradiction'),
      ).not.toBeInTheDocument();
      expect(
        within(evidence).queryByRole('button', { name: /Cost drift/ }),
      ).not.toBeInTheDocument();
      const projects = within(evidence).getByRole('table', {
        name: 'Estimate by project',
      });
      expect(projects).toHaveTextContent('prod-eu-west-1+$242.10/mo');
      expect(projects).toHaveTextContent('prod-eu-west-2+$120.00/mo');
      expect(
        within(evidence).queryByRole('list', {
          name: 'Replaced and deleted resources',
        }),
      ).not.toBeInTheDocument();
    });

    it('shows the errors of evidence that cannot be used, not an empty card', async () => {
      const evidence = await renderSpec(invalidEvidenceSpec());
      expect(within(evidence).getByTestId('estimate-error')).toHaveTextContent(
        /Infracost estimate docs\/specs\/redis\/infracost\.json cannot be used/,
      );
      expect(within(evidence).getByTestId('plan-error')).toHaveTextContent(
        'Plan docs/specs/redis/plan.json cannot be read: the file does not exist',
      );
    });

    it('says when a plan is truncated', async () => {
      const evidence = await renderSpec(hugePlanSpec());
      expect(
        within(evidence).getByTestId('plan-count-create'),
      ).toHaveTextContent('600 Create');
      expect(within(evidence).getByTestId('plan-truncated')).toHaveTextContent(
        'The plan is truncated: 100 more changed resources are counted but not listed.',
      );
      // no estimate linked: the claim is unverified
      expect(
        within(evidence).getByTestId('estimate-missing'),
      ).toHaveTextContent(/no Infracost estimate was read for it/);
    });

    it('has no evidence card for a spec whose evidence was not checked', async () => {
      const api = new FakeInfraSpecsApi([
        makeSpec({ name: 'spec-0042-upgrade-eks' }),
      ]);
      await renderEntityView(<EntitySpecDocumentContent />, {
        api,
        entity: specEntity,
      });
      expect(await screen.findByText('Document')).toBeInTheDocument();
      expect(
        screen.queryByRole('region', { name: 'Evidence' }),
      ).not.toBeInTheDocument();
    });
  });
});
