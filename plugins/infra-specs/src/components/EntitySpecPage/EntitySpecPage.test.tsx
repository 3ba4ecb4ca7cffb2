import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { FakeInfraSpecsApi, makeSpec } from '../../__testUtils__/specs';
import { renderEntityView } from '../../__testUtils__/render';
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
});
