import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { infraSpecsApiRef } from '../../api/InfraSpecsApi';
import { specsToCsv } from '../../lib/csv';
import {
  filtersFromSearchParams,
  filtersToQuery,
  filtersToSearchParams,
  type PortfolioFilters as Filters,
} from '../../lib/portfolioQuery';
import type { SpecColumn, SpecSort } from '../../lib/sortSpecs';
import { SpecsTable, type SpecsTableColumn } from '../SpecsTable';
import { ClaimedVsEstimatedCard } from './ClaimedVsEstimatedCard';
import { PortfolioFilters } from './PortfolioFilters';
import { downloadTextFile, fetchAllSpecs } from './exportSpecs';

const PortfolioCharts = lazy(() => import('./PortfolioCharts'));

export const PAGE_SIZE = 50;

const COLUMNS: SpecsTableColumn[] = [
  'id',
  'title',
  'component',
  'owner',
  'status',
  'format',
  'blastRadius',
  'monthlyCostDelta',
  'acceptance',
  'badges',
  'updated',
];

/** Columns the API can sort by. */
const SORTABLE: SpecColumn[] = [
  'id',
  'title',
  'status',
  'blastRadius',
  'monthlyCostDelta',
  'updated',
];

function toTableSort(sort: Filters['sort']): SpecSort {
  const value = sort ?? '-updated';
  return {
    column: value.replace(/^-/, '') as SpecColumn,
    direction: value.startsWith('-') ? 'desc' : 'asc',
  };
}

function pageSummary(
  page: { items: unknown[]; totalCount: number } | undefined,
  first: number,
): string | undefined {
  if (!page) return undefined;
  if (page.totalCount === 0) return 'No spec matches these filters';
  return `${first + 1}–${first + page.items.length} of ${page.totalCount}`;
}

function ExportButton(props: { filters: Filters }) {
  const api = useApi(infraSpecsApiRef);
  const [state, setState] = useState<{
    loaded?: number;
    error?: Error;
    running: boolean;
  }>({
    running: false,
  });
  const run = async () => {
    setState({ running: true, loaded: 0 });
    try {
      const specs = await fetchAllSpecs(
        api,
        filtersToQuery(props.filters),
        loaded => setState({ running: true, loaded }),
      );
      downloadTextFile(
        `infra-specs-${new Date().toISOString().slice(0, 10)}.csv`,
        specsToCsv(specs),
        'text/csv;charset=utf-8',
      );
      setState({ running: false });
    } catch (e) {
      setState({ running: false, error: e as Error });
    }
  };
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {state.error && (
        <Typography color="error" variant="body2" role="alert">
          Export failed: {state.error.message}
        </Typography>
      )}
      <Button
        variant="outlined"
        size="small"
        startIcon={<GetAppIcon />}
        onClick={run}
        disabled={state.running}
      >
        {state.running ? `Exporting… ${state.loaded ?? 0}` : 'Export CSV'}
      </Button>
    </Box>
  );
}

/**
 * The portfolio across the catalog: charts of the whole index, and a filterable, paged table
 * whose filters live in the URL so that a view can be shared.
 */
export function InfraSpecsPortfolio() {
  const api = useApi(infraSpecsApiRef);
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters = useMemo(
    () => filtersFromSearchParams(new URLSearchParams(key)),
    [key],
  );
  const setFilters = (next: Filters) => setParams(filtersToSearchParams(next));

  // A stack of cursors, reset whenever the filters change.
  const [paging, setPaging] = useState<{
    key: string;
    cursors: Array<string | undefined>;
  }>({
    key,
    cursors: [undefined],
  });
  const cursors = paging.key === key ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const summary = useAsync(() => api.getSummary(), [api]);
  const page = useAsync(
    () =>
      api.listSpecs({ ...filtersToQuery(filters), limit: PAGE_SIZE, cursor }),
    [api, filters, cursor],
  );

  const first = (cursors.length - 1) * PAGE_SIZE;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {summary.error && (
          <ResponseErrorPanel
            error={summary.error}
            title="The summary could not be loaded"
          />
        )}
        {summary.loading && <Progress />}
        {summary.value && (
          <Suspense fallback={<Progress />}>
            <PortfolioCharts summary={summary.value} />
          </Suspense>
        )}
      </Grid>
      {summary.value?.estimated && (
        <Grid item xs={12}>
          <ClaimedVsEstimatedCard summary={summary.value} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="All specs"
          subheader={pageSummary(page.value, first)}
          action={<ExportButton filters={filters} />}
        >
          <PortfolioFilters
            filters={filters}
            owners={
              summary.value?.monthlyCostDeltaByOwner.map(o => o.ownerRef) ?? []
            }
            onChange={setFilters}
          />
          {page.error && <ResponseErrorPanel error={page.error} />}
          {page.loading && <Progress />}
          {page.value && !page.loading && (
            <SpecsTable
              ariaLabel="All specs"
              specs={page.value.items}
              columns={COLUMNS}
              sortable={SORTABLE}
              sort={toTableSort(filters.sort)}
              onSortChange={s =>
                setFilters({
                  ...filters,
                  sort: `${s.direction === 'desc' ? '-' : ''}${
                    s.column
                  }` as Filters['sort'],
                })
              }
            />
          )}
          <Box
            display="flex"
            justifyContent="flex-end"
            mt={2}
            style={{ gap: 8 }}
          >
            <Button
              size="small"
              disabled={cursors.length <= 1 || page.loading}
              onClick={() => setPaging({ key, cursors: cursors.slice(0, -1) })}
            >
              Previous
            </Button>
            <Button
              size="small"
              disabled={!page.value?.nextCursor || page.loading}
              onClick={() =>
                setPaging({
                  key,
                  cursors: [...cursors, page.value?.nextCursor],
                })
              }
            >
              Next
            </Button>
          </Box>
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** The portfolio page with its own header, for apps on the legacy frontend system. */
export function InfraSpecsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Infra specs"
        subtitle="Every infrastructure spec across the catalog"
      />
      <Content>
        <InfraSpecsPortfolio />
      </Content>
    </Page>
  );
}
