import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import {
  FakeInfraSpecsApi,
  makeLocation,
  makeSpec,
} from '../../__testUtils__/specs';
import { paymentsApi, renderEntityView } from '../../__testUtils__/render';
import { EntitySpecsContent } from './EntitySpecsContent';

const tab = '/catalog/default/component/payments-api/specs';

function specs() {
  return [
    makeSpec({
      name: 'spec-0042-upgrade-eks',
      document: {
        id: 'SPEC-0042',
        title: 'Upgrade EKS',
        status: 'in-review',
        cost: { monthlyDelta: 350, currency: 'USD' },
        openClarifications: ['Which region hosts the replica?'],
      },
    }),
    makeSpec({
      name: 'spec-0043-drop-nat',
      document: {
        id: 'SPEC-0043',
        title: 'Drop NAT gateways',
        status: 'approved',
        cost: { monthlyDelta: -500, currency: 'USD' },
        diagnostics: [
          {
            severity: 'error',
            line: 7,
            code: 'placeholder',
            message: 'Still a placeholder',
          },
        ],
      },
    }),
    makeSpec({
      name: 'spec-0044-logs',
      document: {
        id: 'SPEC-0044',
        title: 'Ship logs',
        status: 'approved',
        cost: { monthlyDelta: null, currency: null },
      },
    }),
  ];
}

function render(
  api: FakeInfraSpecsApi,
  path = tab,
  options: { allowRefresh?: boolean } = {},
) {
  return renderEntityView(<EntitySpecsContent />, {
    api,
    path,
    mountPath: tab,
    ...options,
  });
}

jest.setTimeout(30_000);

describe('EntitySpecsContent', () => {
  it('shows a progress bar while loading', async () => {
    const api = new FakeInfraSpecsApi(specs());
    api.getEntitySpecs = () => new Promise(() => {});
    await render(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error in an error panel', async () => {
    const api = new FakeInfraSpecsApi();
    api.getEntitySpecs = async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'database is down' },
            request: { method: 'GET', url: '/entity' },
            response: { statusCode: 500 },
          }),
          {
            status: 500,
            statusText: 'Internal Server Error',
            headers: { 'content-type': 'application/json' },
          },
        ),
      );
    };
    await render(api);
    expect(await screen.findByText(/database is down/)).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    const entity = {
      ...paymentsApi,
      metadata: { name: 'bare', namespace: 'default' },
    };
    await renderEntityView(<EntitySpecsContent />, {
      api: new FakeInfraSpecsApi(),
      entity,
      path: tab,
      mountPath: tab,
    });
    expect(
      (await screen.findAllByText(/infra-specs.dev\/spec-location/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/^Specs \(/)).not.toBeInTheDocument();
  });

  it('offers the Create template when the component has no specs', async () => {
    await render(new FakeInfraSpecsApi([]));
    expect(await screen.findByText('No specs yet')).toBeInTheDocument();
    expect(screen.getByText('Create a spec').closest('a')).toHaveAttribute(
      'href',
      '/create/templates/default/infrastructure-change-spec',
    );
  });

  it('lists many specs with links, chips, badges and the cost sum as savings', async () => {
    const many = specs();
    for (let i = 0; i < 40; i++) {
      many.push(
        makeSpec({
          name: `spec-1${i}`,
          document: {
            id: `SPEC-1${String(i).padStart(3, '0')}`,
            title: `Change ${i}`,
            cost: { monthlyDelta: 10 },
          },
        }),
      );
    }
    await render(new FakeInfraSpecsApi(many));
    expect(await screen.findByText('Specs (43)')).toBeInTheDocument();
    const row = screen.getByTestId('spec-row-spec-0042-upgrade-eks');
    expect(
      within(row).getByRole('link', { name: 'SPEC-0042' }),
    ).toHaveAttribute('href', `${tab}/spec-0042-upgrade-eks`);
    expect(
      within(row).getByRole('link', { name: 'Upgrade EKS' }),
    ).toHaveAttribute('href', '/catalog/default/spec/spec-0042-upgrade-eks');
    expect(within(row).getByTestId('status-chip-in-review')).toHaveTextContent(
      'In review',
    );
    expect(within(row).getByText('+$350/mo')).toBeInTheDocument();
    expect(
      within(row).getByLabelText('1 open clarification'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('spec-row-spec-0043-drop-nat')).getByText(
        '1 error',
      ),
    ).toBeInTheDocument();
    // 350 - 500 + 40 * 10 = 250; one spec has no estimate
    expect(screen.getByTestId('cost-total')).toHaveTextContent('+$250/mo');
    expect(screen.getByTestId('cost-footer')).toHaveTextContent(
      '43 specs (1 without an estimate)',
    );
  });

  it('filters by status and search, the sum following the rows shown', async () => {
    await render(new FakeInfraSpecsApi(specs()));
    await screen.findByText('Specs (3)');
    fireEvent.click(screen.getByRole('button', { name: 'Approved (2)' }));
    await waitFor(() =>
      expect(
        screen.queryByTestId('spec-row-spec-0042-upgrade-eks'),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByTestId('spec-row-spec-0043-drop-nat'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('cost-total')).toHaveTextContent(
      '$500/mo savings',
    );

    fireEvent.change(screen.getByLabelText('Search specs'), {
      target: { value: 'logs' },
    });
    await waitFor(() =>
      expect(
        screen.queryByTestId('spec-row-spec-0043-drop-nat'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('spec-row-spec-0044-logs')).toBeInTheDocument();
    expect(screen.getByTestId('cost-total')).toHaveTextContent('no estimate');
  });

  it('reads the status filter from a shared link', async () => {
    await render(new FakeInfraSpecsApi(specs()), `${tab}?status=in-review`);
    expect(
      await screen.findByTestId('spec-row-spec-0042-upgrade-eks'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('spec-row-spec-0043-drop-nat'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'In review (1)' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('sorts by a column', async () => {
    await render(new FakeInfraSpecsApi(specs()));
    await screen.findByText('Specs (3)');
    fireEvent.click(screen.getByRole('button', { name: 'Monthly cost' }));
    const rows = () =>
      screen
        .getAllByTestId(/^spec-row-/)
        .map(r => r.getAttribute('data-testid'));
    expect(rows()).toEqual([
      'spec-row-spec-0043-drop-nat',
      'spec-row-spec-0042-upgrade-eks',
      'spec-row-spec-0044-logs',
    ]);
  });

  it('shows the location state with its refresh error and refreshes on request', async () => {
    const api = new FakeInfraSpecsApi(specs());
    api.location = makeLocation({
      lastError: {
        message: 'Repository not found',
        at: '2026-02-02T10:00:00Z',
      },
    });
    await render(api);
    expect(await screen.findByText(/Repository not found/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(api.calls.filter(c => c.method === 'refresh')).toEqual([
        {
          method: 'refresh',
          args: [{ entityRef: 'component:default/payments-api' }],
        },
      ]),
    );
    // the list is read again after the refresh
    await waitFor(() =>
      expect(api.calls.filter(c => c.method === 'getEntitySpecs')).toHaveLength(
        2,
      ),
    );
  });

  it('disables Refresh without the refresh permission', async () => {
    await render(new FakeInfraSpecsApi(specs()), tab, { allowRefresh: false });
    await screen.findByText('Specs (3)');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Refresh' })).toBeDisabled(),
    );
  });

  it('opens a spec at its own URL, with a way back', async () => {
    const api = new FakeInfraSpecsApi(specs());
    api.markdown.set(
      'spec-0042-upgrade-eks',
      '# Spec: Upgrade EKS\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    await render(api, `${tab}/spec-0042-upgrade-eks`);
    expect(
      await screen.findByRole('heading', { name: 'SPEC-0042 Upgrade EKS' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('table')).toBeInTheDocument();
    expect(
      screen.getByText('Which region hosts the replica?'),
    ).toBeInTheDocument();
    expect(screen.getByText('Draft → In review')).toBeInTheDocument();
    expect(screen.getByText('Source file').closest('a')).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/blob/main/docs/specs/SPEC-0042.md',
    );
    expect(screen.getByText('All specs').closest('a')).toHaveAttribute(
      'href',
      tab,
    );
  });

  it('shows a missing spec as an error panel', async () => {
    await render(new FakeInfraSpecsApi(specs()), `${tab}/nope`);
    expect(
      (await screen.findAllByText(/No spec named 'nope'/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Back to all specs').closest('a')).toHaveAttribute(
      'href',
      tab,
    );
  });

  describe('specs in review', () => {
    const PR_URL = 'https://github.com/acme/payments/pull/';
    function inReview() {
      const [changed, ...rest] = specs();
      return [
        {
          ...changed,
          pullRequest: {
            number: 12,
            url: `${PR_URL}12`,
            state: 'open' as const,
          },
        },
        ...rest,
        makeSpec({
          name: 'spec-0050-egress--pr-7',
          proposed: true,
          pullRequest: {
            number: 7,
            url: `${PR_URL}7`,
            state: 'open',
            title: 'Egress',
          },
          document: {
            id: 'SPEC-0050',
            title: 'Egress',
            status: 'in-review',
            cost: { monthlyDelta: 1000 },
          },
        }),
      ];
    }

    it('marks the spec a pull request changes, and shows a proposed spec as proposed, not merged', async () => {
      await render(new FakeInfraSpecsApi(inReview()));
      // Counted apart: three merged specs and one proposal.
      expect(await screen.findByText('Specs (3)')).toBeInTheDocument();
      expect(
        screen.getByText('and 1 proposed in open pull requests'),
      ).toBeInTheDocument();

      const changed = screen.getByTestId('spec-row-spec-0042-upgrade-eks');
      expect(
        within(changed).getByRole('button', { name: 'PR #12 open' }),
      ).toHaveAttribute('href', `${PR_URL}12`);

      const proposed = screen.getByTestId('spec-row-spec-0050-egress--pr-7');
      expect(
        within(proposed).getByRole('button', { name: 'Proposed in PR #7' }),
      ).toHaveAttribute('href', `${PR_URL}7`);
      // No catalog entity behind it: its title opens its page in the tab.
      expect(
        within(proposed).getByRole('link', { name: 'Egress' }),
      ).toHaveAttribute('href', `${tab}/spec-0050-egress--pr-7`);
      // Merged specs have no pull request chip, and the proposal's cost stays out of the sum.
      expect(
        within(screen.getByTestId('spec-row-spec-0043-drop-nat')).queryByText(
          /PR #/,
        ),
      ).toBeNull();
      // 350 - 500 (the proposal's +1000 left out)
      expect(screen.getByTestId('cost-total')).toHaveTextContent(
        '$150/mo savings',
      );
    });

    it('says on the spec page that a proposed spec is not merged yet', async () => {
      await render(
        new FakeInfraSpecsApi(inReview()),
        `${tab}/spec-0050-egress--pr-7`,
      );
      expect(
        await screen.findByRole('heading', { name: 'SPEC-0050 Egress' }),
      ).toBeInTheDocument();
      const alert = screen.getByRole('alert');
      expect(alert).toHaveTextContent(
        /^Proposed in PR #7.*: this spec exists only on the pull request's branch and is not merged yet/,
      );
      expect(
        within(alert).getByRole('link', { name: /^PR #7/ }),
      ).toHaveAttribute('href', `${PR_URL}7`);
      expect(
        screen.getByRole('button', { name: 'Proposed in PR #7' }),
      ).toBeInTheDocument();
    });

    it('shows the open pull request on the page of a merged spec it changes', async () => {
      await render(
        new FakeInfraSpecsApi(inReview()),
        `${tab}/spec-0042-upgrade-eks`,
      );
      expect(
        await screen.findByRole('heading', { name: 'SPEC-0042 Upgrade EKS' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'PR #12 open' }),
      ).toHaveAttribute('href', `${PR_URL}12`);
      expect(screen.queryByText(/exists only on the pull request/)).toBeNull();
    });
  });
});
