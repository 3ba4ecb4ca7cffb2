/*
 * Browser tests of the assembled portal: the real backend process (SQLite, demo catalog)
 * and the frontend dev server, exactly as `scripts/dev start` runs them, in headless Chromium.
 * Screenshots land in e2e-artifacts/ (git-ignored).
 */
import { Browser, Locator, Page } from 'playwright-core';
import {
  BackendProcess,
  startBackendProcess,
} from './harness/startBackendProcess';
import { AppDevServer, startAppDevServer } from './harness/startAppDevServer';
import {
  collectPageErrors,
  launchChromium,
  screenshot,
  signInAsGuest,
} from './harness/browser';
import { pollBackend, waitForDemoSpecs } from './harness/demoData';

jest.setTimeout(300_000);

let backend: BackendProcess;
let app: AppDevServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  backend = await startBackendProcess({
    config: { backend: { cors: { origin: 'http://127.0.0.1:*' } } },
  });
  app = await startAppDevServer({ backendBaseUrl: backend.baseUrl });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await backend?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  // The dev server bundles a route on its first visit; with the rest of the test run on the same
  // two cores that has taken over 30 s (a hang guard, not a measure of speed).
  page.setDefaultNavigationTimeout(120_000);
  pageErrors = collectPageErrors(page);
});

afterEach(async () => {
  // Screenshots are named after the test that just ran.
  // eslint-disable-next-line jest/no-standalone-expect
  const name = expect
    .getState()
    .currentTestName?.replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase();
  if (page && name) await screenshot(page, name);
  await page?.close();
});

describe('the catalog', () => {
  it('shows the demo components after a guest sign-in', async () => {
    await signInAsGuest(page, app.baseUrl);
    await page.waitForURL(/\/catalog/); // the root opens the catalog
    await page.goto(
      `${app.baseUrl}/catalog?filters[kind]=component&filters[user]=all`,
    );
    for (const title of ['Network (VPC)', 'EKS cluster', 'Payments API']) {
      await page.getByRole('link', { name: title }).first().waitFor();
    }
    await page.getByRole('link', { name: 'Payments API' }).first().click();
    await page.getByText('Card and wallet payments API').first().waitFor();
    expect(pageErrors).toEqual([]);
  });
});

describe('find specs', () => {
  type Spec = {
    name: string;
    document: { id: string; title: string; status: string };
  };
  type Results = {
    results: Array<{ document: { id: string; status: string } }>;
  };
  const title = (spec: Spec) => `${spec.document.id} ${spec.document.title}`;
  const listSpecs = async (query: string) =>
    (
      await pollBackend<{ items: Spec[] }>(
        backend,
        `/api/infra-specs/specs?limit=100&${query}`,
        () => true,
      )
    ).items;
  /** Waits until the catalog table shows exactly `count` entity rows. */
  const waitForRows = (count: number) =>
    page.waitForFunction(
      n =>
        document.querySelectorAll(
          'table tbody tr a[href*="/catalog/default/spec/"]',
        ).length === n,
      count,
    );

  beforeAll(async () => {
    // Specs reach the catalog through the spec index and the catalog module's provider.
    await waitForDemoSpecs(backend);
    await pollBackend<{ items: unknown[] }>(
      backend,
      '/api/catalog/entities/by-query?filter=kind=spec&limit=100',
      body => body.items.length === 12,
      { what: 'the 12 demo Spec entities in the catalog' },
    );
  });

  it('lists only the in-review specs of a shared catalog link, with the Spec columns', async () => {
    const inReview = await listSpecs('status=in-review');
    const others = (await listSpecs('')).filter(
      s => s.document.status !== 'in-review',
    );
    expect(inReview.map(s => s.document.id).sort()).toEqual([
      'INF-DB-CREDENTIAL-ROTATION',
      'SPEC-0101',
    ]);

    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/catalog?filters[kind]=spec&filters[user]=all&filters[status]=in-review`,
    );
    for (const spec of inReview) {
      await page.getByRole('link', { name: title(spec) }).waitFor();
    }
    await waitForRows(inReview.length);
    for (const spec of others) {
      expect(await page.getByRole('link', { name: title(spec) }).count()).toBe(
        0,
      );
    }
    // the kind picker offers Spec, the status picker shows the value of the link
    await page
      .getByTestId('spec-status-picker')
      .getByText('In review')
      .waitFor();
    await page.getByText('Spec', { exact: true }).first().waitFor();
    for (const header of [
      'Status',
      'Component',
      'Blast radius',
      'Monthly cost',
    ]) {
      await page.getByRole('columnheader', { name: header }).first().waitFor();
    }
    const nat = page.getByRole('row').filter({ hasText: 'SPEC-0101' });
    await nat.getByTestId('status-chip-in-review').waitFor();
    await nat.getByText('+$98.55/mo').waitFor();
    expect(
      await nat
        .getByRole('link', { name: 'Network (VPC)' })
        .getAttribute('href'),
    ).toBe('/catalog/default/component/network-vpc');
    expect(pageErrors).toEqual([]);
  });

  it('filters by blast radius and rollback from the URL (camelCase fields of the real catalog)', async () => {
    const expected = await listSpecs(
      'blastRadius=critical,high&rollback=complex,irreversible',
    );
    expect(expected.length).toBeGreaterThan(0);
    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/catalog?filters[kind]=spec&filters[user]=all&filters[blastRadius]=critical&filters[blastRadius]=high&filters[rollback]=complex&filters[rollback]=irreversible`,
    );
    for (const spec of expected) {
      await page.getByRole('link', { name: title(spec) }).waitFor();
    }
    await waitForRows(expected.length);
    expect(pageErrors).toEqual([]);
  });

  it('finds specs by words on the search page and narrows them by status', async () => {
    // The collator runs 30 s after start, then every minute (app-config.yaml).
    await pollBackend<Results>(
      backend,
      '/api/search/query?term=nat%20gateway&types[0]=infra-spec&filters[status]=in-review',
      body => body.results.some(r => r.document.id === 'SPEC-0101'),
      { what: 'the NAT gateway spec in the search index', timeoutMs: 180_000 },
    );

    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/search?query=nat%20gateway&types[]=infra-spec&filters[status]=in-review`,
    );
    const results = page.getByTestId('infra-spec-search-result');
    await results
      .first()
      .getByRole('link', {
        name: 'SPEC-0101 NAT Gateway per Availability Zone',
      })
      .waitFor();
    const count = await results.count();
    expect(await results.getByTestId('status-chip-in-review').count()).toBe(
      count,
    );
    // (SPEC-0101's text mentions SPEC-0098: look at the result titles)
    const superseded = results.getByRole('link', { name: /^SPEC-0098 / });
    expect(await superseded.count()).toBe(0);
    await page.getByText('Infrastructure specs').first().waitFor();

    // without the status filter the superseded NAT gateway spec shows too
    await page.getByRole('button', { name: 'In review' }).click(); // MUI select: opens the list
    await page.getByRole('option', { name: 'All' }).click();
    await superseded.first().waitFor();
    expect(decodeURIComponent(page.url())).not.toContain('filters[status]');
    expect(pageErrors).toEqual([]);
  });
});

describe('show specs', () => {
  type Spec = {
    name: string;
    document: {
      id: string;
      title: string;
      status: string;
      diagnostics: Array<{ severity: string }>;
    };
  };
  let vpcSpecs: Spec[];

  beforeAll(async () => {
    await waitForDemoSpecs(backend);
    vpcSpecs = (
      await pollBackend<{ items: Spec[] }>(
        backend,
        '/api/infra-specs/entity/component/default/network-vpc/specs',
        body => body.items.length > 0,
      )
    ).items;
    await pollBackend<{ items: unknown[] }>(
      backend,
      '/api/catalog/entities/by-query?filter=kind=spec&limit=100',
      body => body.items.length === 12,
      { what: 'the 12 demo Spec entities in the catalog' },
    );
  });

  it("lists a component's specs with their statuses on its shareable Specs tab, and opens one", async () => {
    expect(vpcSpecs.length).toBeGreaterThanOrEqual(3);
    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/catalog/default/component/network-vpc/specs`,
    );

    const table = page.getByRole('table').first();
    for (const spec of vpcSpecs) {
      const row = table.getByRole('row').filter({ hasText: spec.document.id });
      await row.getByTestId(`status-chip-${spec.document.status}`).waitFor();
      await row.getByText(spec.document.title).first().waitFor();
    }
    await page.getByTestId('indexed-at').waitFor();
    await page.getByRole('button', { name: 'Refresh' }).waitFor();

    // The status filter narrows the table to one status.
    const target =
      vpcSpecs.find(s => s.document.status === 'in-review') ?? vpcSpecs[0];
    const others = vpcSpecs.filter(
      s => s.document.status !== target.document.status,
    );
    await page
      .getByRole('group', { name: 'Filter by status' })
      .or(page.getByLabel('Filter by status'))
      .first()
      .getByText(new RegExp(`^${statusLabel(target.document.status)}`, 'i'))
      .first()
      .click();
    for (const other of others) {
      await table
        .getByRole('row')
        .filter({ hasText: other.document.id })
        .waitFor({ state: 'detached' });
    }

    // The id opens the spec's detail: rendered markdown, diagnostics and history.
    await table
      .getByRole('link', { name: target.document.id, exact: true })
      .click();
    await page.waitForURL(new RegExp(`/specs/${target.name}`));
    await page
      .getByRole('heading', {
        name: new RegExp(escapeRegExp(target.document.title)),
      })
      .first()
      .waitFor();
    await page.getByLabel('Status history').waitFor();

    // SPEC-0101's architecture is a ```mermaid block: drawn as an SVG diagram, as on a Git host.
    expect(target.document.id).toBe('SPEC-0101');
    const diagram = page.getByTestId('mermaid-diagram');
    await diagram.locator('svg').first().waitFor();
    const labels = await diagram.textContent();
    expect(labels).toContain('Internet Gateway');
    expect(labels).toContain('NAT eu-west-1c');
    expect(await page.getByText('could not be drawn').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("lets the guest refresh the platform team's specs but not the payments team's (the demo policy's owner rule)", async () => {
    await signInAsGuest(page, app.baseUrl);
    // network-vpc is the platform team's, the guest's own team.
    await page.goto(
      `${app.baseUrl}/catalog/default/component/network-vpc/specs`,
    );
    await page.locator('button:has-text("Refresh"):not([disabled])').waitFor();

    await page.goto(
      `${app.baseUrl}/catalog/default/component/payments-api/specs`,
    );
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.waitFor();
    await refresh.locator('xpath=..').hover();
    await page
      .getByText(
        'You may not refresh the specs of this component (infra-specs.refresh)',
      )
      .waitFor();
    expect(await refresh.isDisabled()).toBe(true);
    // The server decides the same: a refresh of payments-api by the guest is refused.
    const res = await fetch(`${backend.baseUrl}/api/infra-specs/refresh`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await backend.guestToken()}`,
      },
      body: JSON.stringify({ entityRef: 'component:default/payments-api' }),
    });
    const status = res.status;
    expect(status).toBe(403);
  });

  it('shows the specs card on the component overview', async () => {
    await signInAsGuest(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/catalog/default/component/payments-api`);
    await page.getByText('Monthly cost delta').first().waitFor();
    await page.getByText('Highest blast radius in play').waitFor();
    await page
      .getByLabel('Specs that need attention')
      .getByText('SPEC-0120')
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('gives a Spec entity a useful page', async () => {
    const spec = vpcSpecs[0];
    await signInAsGuest(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/catalog/default/spec/${spec.name}`);
    await page.getByText('About this spec').waitFor();
    await page
      .getByTestId(`status-chip-${spec.document.status}`)
      .first()
      .waitFor();
    await page
      .getByRole('link', { name: /network-vpc|Network \(VPC\)/ })
      .first()
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('shows the portfolio with its chart and the filtered table', async () => {
    const approved = (
      await pollBackend<{ items: Spec[] }>(
        backend,
        '/api/infra-specs/specs?status=approved&limit=100',
        () => true,
      )
    ).items;
    await signInAsGuest(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/infra-specs`);
    await page.getByText('Specs by status').waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    expect(
      await page
        .locator('.recharts-bar-rectangle, .recharts-rectangle')
        .count(),
    ).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();

    await page.goto(`${app.baseUrl}/infra-specs?status=approved`);
    const table = page.getByRole('table').last();
    for (const spec of approved) {
      await table
        .getByRole('row')
        .filter({ hasText: spec.document.id })
        .waitFor();
    }
    await page.waitForFunction(n => {
      const tables = document.querySelectorAll('table');
      return (
        tables[tables.length - 1].querySelectorAll('tbody tr').length === n
      );
    }, approved.length);
    expect(pageErrors).toEqual([]);
  });
});

describe('claims checked against the plan', () => {
  type Spec = {
    name: string;
    document: {
      id: string;
      title: string;
      cost: {
        drift?: 'over' | 'under' | 'ok' | null;
        estimate?: { monthlyDelta: number } | null;
      };
    };
  };
  let specs: Spec[];
  const byId = (id: string) => {
    const spec = specs.find(s => s.document.id === id);
    if (!spec) throw new Error(`no ${id} in the index`);
    return spec;
  };
  const title = (spec: Spec) => `${spec.document.id} ${spec.document.title}`;

  beforeAll(async () => {
    await waitForDemoSpecs(backend);
    // The index has judged the evidence: FEAT-014's estimate drifts over its claim.
    specs = (
      await pollBackend<{ items: Spec[] }>(
        backend,
        '/api/infra-specs/specs?limit=100',
        body =>
          body.items.some(
            s =>
              s.document.id === 'FEAT-014' && s.document.cost.drift === 'over',
          ),
        { what: "FEAT-014's cost drift in the infra-specs index" },
      )
    ).items;
    // ... and the catalog's Spec entities carry it (spec.costDrift).
    await pollBackend<{ items: Array<{ metadata: { title?: string } }> }>(
      backend,
      '/api/catalog/entities/by-query?filter=kind=spec,spec.costDrift=over&limit=100',
      body => body.items.some(e => e.metadata.title?.startsWith('FEAT-014')),
      { what: "FEAT-014's cost drift on its Spec entity" },
    );
  });

  it('shows the estimate beside the claim in the Specs tab, with a drift badge that explains itself only where the estimate disagrees', async () => {
    expect(byId('FEAT-014').document.cost.estimate?.monthlyDelta).toBe(610.46);
    expect(byId('SPEC-0102').document.cost.drift).toBe('ok');
    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/catalog/default/component/payments-api/specs`,
    );
    const tab = page.getByRole('table', { name: 'Specs of this component' });
    const feat014 = tab.getByRole('row').filter({ hasText: 'FEAT-014' });
    await feat014
      .getByTestId('cost-estimate')
      .getByText('est. +$610.46', { exact: true })
      .waitFor();
    const badge = feat014.getByRole('button', {
      name: 'Cost drift: over claim',
    });
    expect(await badge.getAttribute('data-testid')).toBe(
      'cost-drift-badge-over',
    );
    await badge.click();
    const dialog = page.getByRole('dialog', { name: 'Cost drift: over claim' });
    await dialog.waitFor();
    const message = await dialog.textContent();
    expect(message).toContain('610.46');
    expect(message).toContain('410');
    await screenshot(page, 'evidence-drift-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // An estimate that agrees with its claim: the figure, no badge.
    await page.goto(
      `${app.baseUrl}/catalog/default/component/network-vpc/specs`,
    );
    const vpc = page.getByRole('table', { name: 'Specs of this component' });
    const spec0102 = vpc.getByRole('row').filter({ hasText: 'SPEC-0102' });
    await spec0102
      .getByTestId('cost-estimate')
      .getByText('est. +$43.51', { exact: true })
      .waitFor();
    expect(
      await spec0102.locator('[data-testid^="cost-drift-badge-"]').count(),
    ).toBe(0);
    expect(
      await spec0102.getByRole('button', { name: /^Cost drift/ }).count(),
    ).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("shows on a spec's page that its plan replaces a database it claims to barely touch", async () => {
    const feat030 = byId('FEAT-030');
    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/catalog/default/component/observability-stack/specs`,
    );
    await page
      .getByRole('table', { name: 'Specs of this component' })
      .getByRole('link', { name: 'FEAT-030', exact: true })
      .click();
    await page.waitForURL(new RegExp(`/specs/${feat030.name}`));

    const evidence = page.getByRole('region', { name: 'Evidence' });
    expect(await evidence.getAttribute('data-testid')).toBe('spec-evidence');
    const contradiction = evidence.getByTestId('plan-contradiction');
    await contradiction.waitFor();
    expect(await contradiction.textContent()).toContain(
      'aws_db_instance.grafana',
    );
    const replace = await evidence
      .getByTestId('plan-count-replace')
      .textContent();
    const replaced = Number(/^\s*(\d+)/.exec(replace ?? '')?.[1]);
    expect(replaced).toBeGreaterThanOrEqual(1);
    for (const action of ['delete', 'update', 'create']) {
      expect(
        await evidence.getByTestId(`plan-count-${action}`).textContent(),
      ).toMatch(/^\s*\d+/);
    }
    const destroyed = evidence.getByRole('list', {
      name: 'Replaced and deleted resources',
    });
    const grafana = destroyed
      .getByRole('listitem')
      .filter({ hasText: 'aws_db_instance.grafana' });
    await grafana.waitFor();
    expect(await grafana.textContent()).toContain('replaced');
    await screenshot(page, 'evidence-spec-page');
    expect(pageErrors).toEqual([]);
  });

  it('counts the drift on the component overview and sets estimates beside claims on the portfolio', async () => {
    const summary = await pollBackend<{
      byStatus: Record<string, number>;
      estimated?: { count: number; byStatus?: Record<string, number> };
    }>(backend, '/api/infra-specs/summary', () => true);
    const estimatedCount = summary.estimated?.count ?? 0;
    expect(estimatedCount).toBeGreaterThanOrEqual(2);
    // FEAT-014 is a draft with an estimate; neither in-review spec has one
    expect(summary.estimated?.byStatus?.draft).toBeGreaterThanOrEqual(1);
    expect(summary.byStatus['in-review']).toBeGreaterThan(0);
    expect(summary.estimated?.byStatus?.['in-review']).toBe(0);

    await signInAsGuest(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/catalog/default/component/payments-api`);
    const drift = page.getByTestId('card-cost-drift');
    await drift.getByText('1 spec drifts from its estimate').waitFor();
    expect(await drift.getByRole('link').getAttribute('href')).toMatch(
      /\/catalog\/default\/component\/payments-api\/specs/,
    );

    await page.goto(`${app.baseUrl}/infra-specs`);
    const card = page.getByTestId('claimed-vs-estimated');
    await card
      .getByText('Claimed and estimated monthly cost')
      .first()
      .waitFor();
    await card
      .getByText(
        new RegExp(
          `Estimates from Infracost for ${estimatedCount} specs; claims of every spec`,
        ),
      )
      .waitFor();
    for (const label of [
      'Claimed and estimated monthly cost by status',
      'Claimed and estimated monthly cost by owner',
    ]) {
      const table = card.getByRole('table', { name: label });
      await table.getByRole('columnheader', { name: 'Estimated' }).waitFor();
      expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    }
    // Estimated is the third cell: an estimate for drafts, none (not $0) for in review.
    const byStatus = card.getByRole('table', {
      name: 'Claimed and estimated monthly cost by status',
    });
    const estimatedOf = (status: string) =>
      byStatus
        .getByRole('row')
        .filter({ has: page.getByTestId(`status-chip-${status}`) })
        .getByRole('cell')
        .nth(2);
    await estimatedOf('draft').getByText('+$610/mo').waitFor();
    expect((await estimatedOf('in-review').textContent())?.trim()).toBe('—');
    expect(pageErrors).toEqual([]);
  });

  it('lists only the Specs that cost more than they claim from a shared catalog link', async () => {
    const over = specs.filter(s => s.document.cost.drift === 'over');
    expect(over.map(s => s.document.id)).toEqual(['FEAT-014']);
    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/catalog?filters[kind]=spec&filters[user]=all&filters[costDrift]=over`,
    );
    await page.getByRole('link', { name: title(byId('FEAT-014')) }).waitFor();
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          'table tbody tr a[href*="/catalog/default/spec/"]',
        ).length === 1,
    );
    expect(
      await page.getByRole('link', { name: title(byId('SPEC-0102')) }).count(),
    ).toBe(0);
    await page
      .getByTestId('spec-costDrift-picker')
      .getByText('Over claim')
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
});

describe('tables that fit a laptop screen', () => {
  beforeAll(async () => {
    await waitForDemoSpecs(backend);
    await pollBackend<{ items: unknown[] }>(
      backend,
      '/api/catalog/entities/by-query?filter=kind=spec&limit=100',
      body => body.items.length === 12,
      { what: 'the 12 demo Spec entities in the catalog' },
    );
  });

  /** The horizontal extent of an element lies inside the window. */
  async function expectInsideWindow(locator: Locator, what: string) {
    const box = await locator.boundingBox();
    const width = page.viewportSize()!.width;
    expect({
      what,
      left: box!.x >= 0,
      right: box!.x + box!.width <= width,
    }).toEqual({
      what,
      left: true,
      right: true,
    });
  }

  /** The table's scroll container (or the page, when it has none) does not scroll sideways. */
  async function expectNoSidewaysScroll(table: Locator) {
    const sizes = await table.evaluate(element => {
      let box = element.parentElement;
      while (box && getComputedStyle(box).overflowX === 'visible') {
        box = box.parentElement;
      }
      const root = document.documentElement;
      return {
        table: {
          scrollWidth: (box ?? root).scrollWidth,
          clientWidth: (box ?? root).clientWidth,
        },
        page: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth },
      };
    });
    expect(sizes.table.scrollWidth).toBeLessThanOrEqual(
      sizes.table.clientWidth + 1,
    );
    expect(sizes.page.scrollWidth).toBeLessThanOrEqual(
      sizes.page.clientWidth + 1,
    );
  }

  async function expectFits(
    table: Locator,
    headers: string[],
    row: string,
    cost: string,
  ) {
    const costCell = table
      .getByRole('row')
      .filter({ hasText: row })
      .getByText(cost, { exact: true });
    await costCell.waitFor();
    for (const name of headers) {
      await expectInsideWindow(
        table.getByRole('columnheader', { name }).first(),
        `the ${name} header`,
      );
    }
    await expectInsideWindow(costCell, `the cost of ${row}`);
    await expectNoSidewaysScroll(table);
  }

  const PRIMARY = ['ID', 'Title', 'Status', 'Blast radius', 'Monthly cost'];

  it.each([1280, 1400])(
    'shows the Specs tab, the portfolio and the catalog Spec list whole at %i pixels',
    async width => {
      await page.setViewportSize({ width, height: 800 });
      await signInAsGuest(page, app.baseUrl);

      await page.goto(
        `${app.baseUrl}/catalog/default/component/network-vpc/specs`,
      );
      const tab = page.getByRole('table', { name: 'Specs of this component' });
      await expectFits(tab, PRIMARY, 'SPEC-0101', '+$98.55/mo');
      // the folded fields are one click away, in the row's detail
      await tab.getByRole('button', { name: 'Details of SPEC-0101' }).click();
      const detail = tab.locator('[data-testid^="spec-detail-"]');
      await detail.getByText('Rollback', { exact: true }).waitFor();
      await detail.getByText('Updated', { exact: true }).waitFor();
      await expectNoSidewaysScroll(tab);
      await screenshot(page, `tables-fit-specs-tab-${width}`);

      await page.goto(`${app.baseUrl}/infra-specs`);
      const portfolio = page.getByRole('table', { name: 'All specs' });
      await expectFits(portfolio, PRIMARY, 'SPEC-0101', '+$98.55/mo');
      // the widest cost cell: claim, estimate and drift badge
      await expectInsideWindow(
        portfolio
          .getByRole('row')
          .filter({ hasText: 'FEAT-014' })
          .getByRole('button', { name: 'Cost drift: over claim' }),
        'the cost drift badge of FEAT-014',
      );
      // component and owner under the title
      await portfolio
        .getByRole('row')
        .filter({ hasText: 'SPEC-0101' })
        .getByRole('link', { name: 'Network (VPC)' })
        .waitFor();
      await screenshot(page, `tables-fit-portfolio-${width}`);

      await page.goto(
        `${app.baseUrl}/catalog?filters[kind]=spec&filters[user]=all`,
      );
      const catalog = page.getByRole('table').filter({
        has: page.getByRole('columnheader', { name: 'Monthly cost' }),
      });
      await expectFits(
        catalog,
        ['Name', 'Status', 'Blast radius', 'Monthly cost'],
        'SPEC-0101',
        '+$98.55/mo',
      );
      await screenshot(page, `tables-fit-catalog-${width}`);
      expect(pageErrors).toEqual([]);
    },
  );
});

describe('create a spec', () => {
  type Pull = {
    number: number;
    head: { ref: string };
    body: string;
    html_url: string;
  };
  const forgeApi = async <T>(path: string): Promise<T> => {
    const res = await fetch(
      `${backend.forgeUrl}/api/repos/demo/edge-gateway${path}`,
    );
    if (!res.ok)
      throw new Error(`forge ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };

  it('opens a pull request with the new spec for a component whose specs live in a Git repository (the demo forge)', async () => {
    const pullsBefore = await forgeApi<Pull[]>('/pulls?state=all');
    await signInAsGuest(page, app.baseUrl);
    await page.goto(
      `${app.baseUrl}/create/templates/default/infrastructure-change-spec`,
    );

    // The change: the Edge gateway, whose catalog-info.yaml and spec folder are on the forge.
    // The form's inputs, by the ids react-jsonschema-form gives them (root_<field>).
    const component = page.locator('#root_component');
    await component.click();
    await component.fill('edge');
    await page
      .getByRole('option', { name: /edge-gateway|Edge gateway/ })
      .first()
      .click();
    await page.locator('#root_title').fill('WAF rate limits per route');
    await page
      .locator('#root_summary')
      .fill(
        'Rate limits per route in the WAF, so that one noisy client cannot starve the others.',
      );
    await page.getByRole('button', { name: 'Next' }).click();

    // Impact assessment: the three required choices.
    const choose = async (field: string, option: RegExp) => {
      await page.locator(`#root_${field}`).click();
      await page.getByRole('option', { name: option }).click();
    };
    await choose('blastRadiusLevel', /^Medium/);
    await choose('rollbackComplexity', /^Easy/);
    await choose('downtime', /^None/);
    await page.getByRole('button', { name: 'Next' }).click();

    // Cost impact: defaults; then the review page and Create.
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    const prLink = page.getByRole('link', { name: 'Open the pull request' });
    await prLink.waitFor({ timeout: 120_000 });
    const href = await prLink.getAttribute('href');

    // On the forge: one more pull request, from infra-specs/<id>, adding the spec file only.
    const pulls = await forgeApi<Pull[]>('/pulls?state=all');
    expect(pulls).toHaveLength(pullsBefore.length + 1);
    const pull = pulls.find(
      p => !pullsBefore.some(b => b.number === p.number),
    )!;
    expect(href).toBe(pull.html_url);
    const id = /^infra-specs\/(spec-\d{4})$/
      .exec(pull.head.ref)?.[1]
      ?.toUpperCase();
    expect(id).toBeDefined();
    const files = await forgeApi<Array<{ filename: string; status: string }>>(
      `/pulls/${pull.number}/files`,
    );
    const file = `docs/specs/${id}-waf-rate-limits-per-route.md`;
    expect(files.map(f => [f.filename, f.status])).toEqual([[file, 'added']]);
    const raw = await fetch(
      `${backend.forgeUrl}/raw/demo/edge-gateway/${pull.head.ref}/${file}`,
    );
    const markdown = await raw.text();
    expect(markdown).toContain(`# Spec: WAF rate limits per route`);
    expect(markdown).toContain(`**Spec ID**: ${id}`);
    // The body links the file on the branch and carries the lint summary.
    expect(pull.body).toContain(
      `(${backend.forgeUrl}/demo/edge-gateway/blob/${pull.head.ref}/${file})`,
    );
    expect(pull.body).toMatch(/\*\*Lint\*\* \(infra-specs\): 0 errors/);
    expect(pageErrors).toEqual([]);
  });
});

function statusLabel(status: string): string {
  return status === 'in-review'
    ? 'In review'
    : status.charAt(0).toUpperCase() + status.slice(1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
