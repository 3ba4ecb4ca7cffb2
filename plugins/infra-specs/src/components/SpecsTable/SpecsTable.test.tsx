import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { makeSpec } from '../../__testUtils__/specs';
import {
  agreeingSpec,
  driftingSpec,
  invalidEvidenceSpec,
  unverifiedSpec,
} from '../../__testUtils__/evidence';
import type { SpecSort } from '../../lib/sortSpecs';
import { SpecsTable, type SpecsTableColumn } from './SpecsTable';

const COLUMNS: SpecsTableColumn[] = [
  'id',
  'title',
  'component',
  'owner',
  'status',
  'format',
  'blastRadius',
  'rollback',
  'downtime',
  'monthlyCostDelta',
  'acceptance',
  'badges',
  'updated',
];

const spec = makeSpec({
  name: 'spec-0042-upgrade-eks',
  componentRef: 'component:default/eks-cluster',
  ownerRef: 'group:default/platform-team',
  document: {
    id: 'SPEC-0042',
    title: 'Upgrade EKS',
    status: 'approved',
    updated: '2026-02-03',
    acceptance: { total: 4, done: 3 },
    impact: { rollback: 'complex', downtime: 'maintenance-window' },
    cost: { monthlyDelta: 350, currency: 'USD' },
    openClarifications: ['Which region?'],
  },
});

/** A window `width` pixels wide, as far as `useMediaQuery` can tell. */
function windowWidth(width: number) {
  window.matchMedia = (query: string) => {
    const min = Number(/min-width:\s*([\d.]+)px/.exec(query)?.[1] ?? 0);
    return {
      matches: width >= min,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    } as MediaQueryList;
  };
}

async function render(onSortChange = jest.fn(), specs = [spec]) {
  const sort: SpecSort = { column: 'updated', direction: 'desc' };
  await renderInTestApp(
    <SpecsTable
      ariaLabel="Specs"
      specs={specs}
      columns={COLUMNS}
      sort={sort}
      onSortChange={onSortChange}
    />,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return onSortChange;
}

const headers = () =>
  screen.getAllByRole('columnheader').map(h => h.textContent);

jest.setTimeout(30_000);

describe('SpecsTable', () => {
  const original = window.matchMedia;
  afterEach(() => {
    window.matchMedia = original;
  });

  it('on a laptop window, has cells for the primary columns only and the rest in the row', async () => {
    windowWidth(1280);
    await render();
    expect(headers()).toEqual([
      'ID',
      'Title',
      'Status',
      'Blast radius',
      'Monthly cost',
    ]);
    const row = screen.getByTestId('spec-row-spec-0042-upgrade-eks');
    // component, owner and the attention badges under the title
    expect(
      within(row).getByRole('link', { name: /eks-cluster/i }),
    ).toHaveAttribute('href', '/catalog/default/component/eks-cluster');
    expect(
      within(row).getByRole('link', { name: /platform-team/i }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-team');
    expect(within(row).getByText('Component:')).toBeInTheDocument();
    expect(
      within(row).getByLabelText('1 open clarification'),
    ).toBeInTheDocument();
    expect(within(row).getByText('+$350/mo')).toBeInTheDocument();
    // the other fields only once the detail is open
    expect(within(row).queryByText('Complex')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('spec-detail-spec-0042-upgrade-eks'),
    ).not.toBeInTheDocument();
  });

  it('opens and closes the row detail with the moved fields', async () => {
    windowWidth(1400);
    await render();
    const toggle = screen.getByRole('button', { name: 'Details of SPEC-0042' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const detail = screen.getByTestId('spec-detail-spec-0042-upgrade-eks');
    expect(toggle).toHaveAttribute(
      'aria-controls',
      within(detail).getByRole('cell').id,
    );
    const field = (term: string) =>
      within(detail).getByText(term, { selector: 'dt' }).nextElementSibling;
    expect(field('Format')).toHaveTextContent('Infrastructure change');
    expect(field('Rollback')).toHaveTextContent('Complex');
    expect(field('Downtime')).toHaveTextContent('Maintenance window');
    expect(field('Acceptance')).toHaveTextContent('3/4');
    expect(field('Updated')).toHaveTextContent('2026-02-03');
    expect(
      within(detail).queryByText('Monthly cost', { selector: 'dt' }),
    ).not.toBeInTheDocument();
    // the detail row spans the table
    expect(within(detail).getByRole('cell')).toHaveAttribute('colspan', '5');

    fireEvent.click(toggle);
    expect(
      screen.queryByTestId('spec-detail-spec-0042-upgrade-eks'),
    ).not.toBeInTheDocument();
  });

  it('sorts by a column without a header from the Sort by select', async () => {
    windowWidth(1280);
    const onSortChange = await render();
    // the current sort (updated, newest first) has no header: the select shows it
    expect(screen.getByRole('button', { name: /Sort by/ })).toHaveTextContent(
      'Updated',
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: /Sort by/ }));
    fireEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Rollback',
      }),
    );
    expect(onSortChange).toHaveBeenLastCalledWith({
      column: 'rollback',
      direction: 'desc',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sorted descending' }));
    expect(onSortChange).toHaveBeenLastCalledWith({
      column: 'updated',
      direction: 'asc',
    });
    // a primary column still sorts from its header
    fireEvent.click(screen.getByRole('button', { name: 'Monthly cost' }));
    expect(onSortChange).toHaveBeenLastCalledWith({
      column: 'monthlyCostDelta',
      direction: 'asc',
    });
  });

  it('on a wide window, gives every column a cell and needs no detail', async () => {
    windowWidth(1920);
    await render();
    expect(headers()).toEqual([
      'ID',
      'Title',
      'Component',
      'Owner',
      'Status',
      'Format',
      'Blast radius',
      'Rollback',
      'Downtime',
      'Monthly cost',
      'Acceptance',
      'Attention',
      'Updated',
    ]);
    expect(
      screen.queryByRole('button', { name: /Details of/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Sort by/ }),
    ).not.toBeInTheDocument();
  });

  describe('claimed against estimated cost', () => {
    it('shows the estimate under the claim and a drift badge that opens the message', async () => {
      windowWidth(1280);
      const drifting = driftingSpec();
      await render(jest.fn(), [drifting, agreeingSpec()]);
      const row = screen.getByTestId(`spec-row-${drifting.name}`);
      expect(within(row).getByText('+$350/mo')).toBeInTheDocument();
      expect(within(row).getByTestId('cost-estimate')).toHaveTextContent(
        'est. +$610.46',
      );
      const badge = within(row).getByRole('button', {
        name: 'Cost drift: over claim',
      });
      expect(badge).toHaveTextContent('Over claim');
      expect(badge).toHaveAttribute('aria-expanded', 'false');
      fireEvent.click(badge);
      const dialog = await screen.findByRole('dialog', {
        name: 'Cost drift: over claim',
      });
      expect(dialog).toHaveTextContent(
        /claims \+350\.00 USD a month, the Infracost estimate docs\/specs\/payments-db\/infracost\.json says \+610\.46 USD: 260\.46 USD \(74% of the claim\) more than claimed/,
      );
      expect(dialog).toHaveTextContent(
        'Estimate: docs/specs/payments-db/infracost.json',
      );
      expect(
        within(dialog).getByRole('link', { name: /spec line/ }),
      ).toHaveAttribute(
        'href',
        expect.stringMatching(
          /^https:\/\/github\.com\/acme\/payments\/blob\/main\/docs\/specs\/payments-db\/spec\.md#L\d+$/,
        ),
      );
      // an agreeing estimate has no badge
      const agreeing = screen.getByTestId('spec-row-spec-0102-evidence');
      expect(within(agreeing).getByTestId('cost-estimate')).toHaveTextContent(
        'est. +$362.10',
      );
      expect(
        within(agreeing).queryByRole('button', { name: /Cost drift/ }),
      ).not.toBeInTheDocument();
    });

    it('shows a muted "not estimated" for an unverified claim and nothing for an unchecked one', async () => {
      windowWidth(1280);
      await render(jest.fn(), [unverifiedSpec(), spec, invalidEvidenceSpec()]);
      const unverified = screen.getByTestId('spec-row-spec-0120-evidence');
      expect(within(unverified).getByText('+$120/mo')).toBeInTheDocument();
      expect(
        within(unverified).getByTestId('cost-not-estimated'),
      ).toHaveTextContent('not estimated');
      expect(
        within(unverified).queryByRole('button', { name: /Cost drift/ }),
      ).not.toBeInTheDocument();
      const unchecked = screen.getByTestId('spec-row-spec-0042-upgrade-eks');
      expect(
        within(unchecked).queryByTestId('cost-not-estimated'),
      ).not.toBeInTheDocument();
      expect(
        within(unchecked).queryByTestId('cost-estimate'),
      ).not.toBeInTheDocument();
      const invalid = screen.getByTestId('spec-row-spec-0130-evidence');
      expect(
        within(invalid).getByTestId('cost-estimate-invalid'),
      ).toHaveTextContent('estimate unreadable');
    });
  });
});
