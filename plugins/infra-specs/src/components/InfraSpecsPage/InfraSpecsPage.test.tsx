import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { infraSpecsApiRef } from '../../api/InfraSpecsApi';
import { FakeInfraSpecsApi, makeSpec } from '../../__testUtils__/specs';
import {
  agreeingSpec,
  driftingSpec,
  unverifiedSpec,
} from '../../__testUtils__/evidence';
import { InfraSpecsPortfolio, PAGE_SIZE } from './InfraSpecsPage';

function ShowLocation() {
  const location = useLocation();
  return (
    <div data-testid="location">{`${location.pathname}${location.search}`}</div>
  );
}

function portfolio() {
  const specs = [];
  for (let i = 0; i < 120; i++) {
    specs.push(
      makeSpec({
        name: `spec-${i}`,
        ownerRef:
          i % 2 ? 'group:default/platform' : 'group:default/payments-team',
        document: {
          id: `SPEC-${String(i).padStart(4, '0')}`,
          title: i === 7 ? 'Costs, "quoted"' : `Change ${i}`,
          status: i % 4 === 0 ? 'approved' : 'draft',
          updated: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
          impact: {
            blastRadius: { level: i % 5 === 0 ? 'high' : 'low', text: null },
          },
        },
      }),
    );
  }
  return new FakeInfraSpecsApi(specs);
}

function render(api: FakeInfraSpecsApi, path = '/infra-specs') {
  return renderInTestApp(
    <>
      <InfraSpecsPortfolio />
      <ShowLocation />
    </>,
    {
      apis: [[infraSpecsApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [path],
    },
  );
}

const lastListQuery = (api: FakeInfraSpecsApi) =>
  api.calls.filter(c => c.method === 'listSpecs').slice(-1)[0]?.args[0];

// 50-row tables of MUI components render slowly in jsdom on a small machine: about 6 s for the
// paging test alone, and over 30 s while the rest of `scripts/dev test` shares the two cores.
jest.setTimeout(120_000);

describe('InfraSpecsPortfolio', () => {
  it('loads the filters of a shared link into the API query', async () => {
    const api = portfolio();
    await render(api, '/infra-specs?status=approved&blastRadius=high&sort=id');
    // approved: i % 4 == 0 (30), of those high: i % 20 == 0 (6)
    expect(await screen.findByText('1–6 of 6')).toBeInTheDocument();
    expect(lastListQuery(api)).toEqual({
      status: ['approved'],
      blastRadius: ['high'],
      sort: 'id',
      limit: PAGE_SIZE,
      cursor: undefined,
    });
    expect(
      screen
        .getAllByTestId(/^spec-row-/)
        .map(r => r.getAttribute('data-testid')),
    ).toEqual([
      'spec-row-spec-0',
      'spec-row-spec-20',
      'spec-row-spec-40',
      'spec-row-spec-60',
      'spec-row-spec-80',
      'spec-row-spec-100',
    ]);
  });

  it('writes changed filters and sort into the URL', async () => {
    const api = portfolio();
    await render(api);
    expect(await screen.findByText('1–50 of 120')).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Approved'),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/infra-specs?status=approved',
      ),
    );
    expect(await screen.findByText('1–30 of 30')).toBeInTheDocument();
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Escape' });

    fireEvent.click(screen.getByRole('button', { name: 'Title' }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/infra-specs?status=approved&sort=title',
      ),
    );
    expect(lastListQuery(api)).toMatchObject({
      status: ['approved'],
      sort: 'title',
    });
  });

  it('pages through the cursor and back', async () => {
    const api = portfolio();
    await render(api);
    await screen.findByText('1–50 of 120');
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('51–100 of 120')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('101–120 of 120')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('51–100 of 120')).toBeInTheDocument();
    expect(
      api.calls
        .filter(c => c.method === 'listSpecs')
        .map(c => (c.args[0] as any).cursor),
    ).toEqual([undefined, '50', '100', '50']);
  });

  it('exports every page of the filtered table as CSV', async () => {
    const api = portfolio();
    const blobs: Blob[] = [];
    // jsdom has no object URLs; catch the file the browser would download
    (URL as any).createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    };
    (URL as any).revokeObjectURL = () => {};
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    await render(api, '/infra-specs?status=draft');
    expect(await screen.findByText('1–50 of 90')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(click).toHaveBeenCalled();
    const text = await blobs[0].text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^ID,Title,Status,/);
    expect(lines).toHaveLength(91);
    expect(lines.every((l, i) => i === 0 || l.includes(',Draft,'))).toBe(true);
    expect(text).toContain('SPEC-0007,"Costs, ""quoted""",Draft');
    click.mockRestore();
  });

  it('shows the error of a failing list in an error panel', async () => {
    const api = portfolio();
    api.listSpecs = async () => {
      throw new Error('index unavailable');
    };
    await render(api);
    expect(
      (await screen.findAllByText(/index unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  describe('estimated totals', () => {
    const evidenceApi = () =>
      new FakeInfraSpecsApi([
        driftingSpec({ ownerRef: 'group:default/payments-team' }),
        agreeingSpec({ ownerRef: 'group:default/network' }),
        unverifiedSpec({ ownerRef: 'group:default/observability' }),
      ]);

    it('shows the estimated totals beside the claimed ones by status and owner', async () => {
      await render(evidenceApi());
      const card = await screen.findByTestId('claimed-vs-estimated');
      expect(card).toHaveTextContent(
        'Estimates from Infracost for 2 specs; claims of every spec · in USD',
      );
      const byStatus = within(card).getByRole('table', {
        name: 'Claimed and estimated monthly cost by status',
      });
      expect(
        within(byStatus)
          .getAllByRole('row')
          .map(r => r.textContent),
      ).toEqual(['StatusClaimedEstimated', 'In review+$820/mo+$973/mo']);
      const byOwner = within(card).getByRole('table', {
        name: 'Claimed and estimated monthly cost by owner',
      });
      expect(
        within(byOwner)
          .getAllByRole('row')
          .map(r => r.textContent),
      ).toEqual([
        'Owner (top 10)ClaimedEstimated',
        'payments-team+$350/mo+$610/mo',
        'network+$350/mo+$362/mo',
        'observability+$120/mo—',
      ]);
    });

    it('is hidden when the backend sends no estimates', async () => {
      const api = evidenceApi();
      api.withoutEvidenceSummary = true;
      await render(api);
      expect(await screen.findByText('1–3 of 3')).toBeInTheDocument();
      expect(
        screen.queryByTestId('claimed-vs-estimated'),
      ).not.toBeInTheDocument();
    });
  });
});
