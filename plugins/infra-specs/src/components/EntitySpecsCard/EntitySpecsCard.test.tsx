import { screen, within } from '@testing-library/react';
import { FakeInfraSpecsApi, makeSpec } from '../../__testUtils__/specs';
import { renderEntityView } from '../../__testUtils__/render';
import {
  agreeingSpec,
  driftingSpec,
  underClaimSpec,
  unverifiedSpec,
} from '../../__testUtils__/evidence';
import { EntitySpecsCard } from './EntitySpecsCard';

const daysAgo = (n: number) =>
  new Date(Date.now() - n * 24 * 3600 * 1000).toISOString();

describe('EntitySpecsCard', () => {
  it('sums up the specs and lists those that need attention', async () => {
    const api = new FakeInfraSpecsApi([
      makeSpec({
        name: 'stale-review',
        document: {
          id: 'SPEC-1',
          title: 'Old review',
          status: 'in-review',
          cost: { monthlyDelta: 100 },
        },
        statusChangedAt: daysAgo(20),
      }),
      makeSpec({
        name: 'fresh-review',
        document: {
          id: 'SPEC-2',
          title: 'New review',
          status: 'in-review',
          cost: { monthlyDelta: 50 },
        },
        statusChangedAt: daysAgo(2),
      }),
      makeSpec({
        name: 'questions',
        document: {
          id: 'SPEC-3',
          title: 'Questions',
          status: 'draft',
          openClarifications: ['Which AZ?', 'Which size?'],
          impact: { blastRadius: { level: 'critical', text: null } },
          cost: { monthlyDelta: -400 },
        },
      }),
      makeSpec({
        name: 'broken',
        document: {
          id: 'SPEC-4',
          title: 'Broken',
          status: 'approved',
          diagnostics: [
            { severity: 'error', line: 2, code: 'x', message: 'bad' },
          ],
          cost: { monthlyDelta: null },
        },
      }),
    ]);
    await renderEntityView(<EntitySpecsCard />, { api });

    expect(await screen.findByText('4 specs')).toBeInTheDocument();
    const counts = screen.getByTestId('status-counts');
    expect(
      within(counts).getByTestId('status-chip-in-review').parentElement,
    ).toHaveTextContent('In review2');
    expect(
      within(counts).getByTestId('status-chip-draft').parentElement,
    ).toHaveTextContent('Draft1');
    // 100 + 50 - 400 = -250
    expect(screen.getByTestId('card-cost-total')).toHaveTextContent(
      '$250/mo savings',
    );
    expect(screen.getByText('1 without an estimate')).toBeInTheDocument();
    expect(
      screen.getByTestId('blast-radius-chip-critical'),
    ).toBeInTheDocument();

    const list = screen.getByRole('list', {
      name: 'Specs that need attention',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'SPEC-4 Broken1 error',
      'SPEC-1 Old reviewin review for 20 days',
      'SPEC-3 Questions2 open clarifications',
    ]);
    expect(within(items[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/specs/broken',
    );
  });

  it('says when nothing needs attention', async () => {
    await renderEntityView(<EntitySpecsCard />, {
      api: new FakeInfraSpecsApi([
        makeSpec({ document: { status: 'approved' } }),
      ]),
    });
    expect(await screen.findByText(/Nothing: no errors/)).toBeInTheDocument();
  });

  it('shows an error panel when the specs cannot be read', async () => {
    const api = new FakeInfraSpecsApi();
    api.failWith = new Error('backend unreachable');
    await renderEntityView(<EntitySpecsCard />, { api });
    expect(
      (await screen.findAllByText(/backend unreachable/)).length,
    ).toBeGreaterThan(0);
  });

  describe('cost drift line', () => {
    const render = (specs: ReturnType<typeof makeSpec>[]) =>
      renderEntityView(<EntitySpecsCard />, {
        api: new FakeInfraSpecsApi(specs),
      });

    it('counts the specs that drift, in the plural, linking to the Specs tab', async () => {
      await render([driftingSpec(), underClaimSpec(), agreeingSpec()]);
      const line = await screen.findByTestId('card-cost-drift');
      expect(line).toHaveTextContent('2 specs drift from their estimates');
      expect(within(line).getByRole('link')).toHaveAttribute(
        'href',
        '/catalog/default/component/payments-api/specs',
      );
    });

    it('says it in the singular for one spec', async () => {
      await render([driftingSpec(), agreeingSpec()]);
      expect(await screen.findByTestId('card-cost-drift')).toHaveTextContent(
        '1 spec drifts from its estimate',
      );
    });

    it('is hidden when no spec drifts or evidence is not checked', async () => {
      await render([agreeingSpec(), unverifiedSpec(), makeSpec()]);
      expect(await screen.findByText('3 specs')).toBeInTheDocument();
      expect(screen.queryByTestId('card-cost-drift')).not.toBeInTheDocument();
    });
  });
});
