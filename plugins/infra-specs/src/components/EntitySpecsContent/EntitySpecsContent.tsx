import { useMemo, useState } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  EmptyState,
  InfoCard,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ANNOTATION_SPEC_LOCATION,
  SPEC_STATUSES,
  type SpecRecord,
  type SpecStatus,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef } from '../../api/InfraSpecsApi';
import { isInfraSpecsAvailable } from '../../lib/availability';
import { searchSpecs, sortSpecs, type SpecSort } from '../../lib/sortSpecs';
import { CostFooter, SpecsTable, type SpecsTableColumn } from '../SpecsTable';
import { SpecDetail } from '../SpecDetail';
import { LocationStatus } from './LocationStatus';
import { StatusFilter } from './StatusFilter';

/** Where the Create wizard's change-spec template lives in a standard Backstage app. */
export const CREATE_SPEC_TEMPLATE_PATH =
  '/create/templates/default/infrastructure-change-spec';

const COLUMNS: SpecsTableColumn[] = [
  'id',
  'title',
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

const isStatus = (v: string): v is SpecStatus =>
  SPEC_STATUSES.some(s => s.value === v);

/** The list view of the tab: location state, filters, the table with its cost sum. */
function SpecsOverview(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(infraSpecsApiRef);
  const [params, setParams] = useSearchParams();
  const [sort, setSort] = useState<SpecSort>({
    column: 'updated',
    direction: 'desc',
  });
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntitySpecs(entityRef),
    [api, entityRef],
  );

  // Status filter and search live in the URL, so a filtered view can be shared.
  const selected = params.getAll('status').filter(isStatus);
  const search = params.get('q') ?? '';
  const update = (status: string[], q: string) => {
    const next = new URLSearchParams();
    status.forEach(s => next.append('status', s));
    if (q) next.set('q', q);
    setParams(next, { replace: true });
  };

  const items = value?.items;
  const shown = useMemo(() => {
    if (!items) return [];
    const byStatus = selected.length
      ? items.filter(s => selected.includes(s.document.status))
      : items;
    return sortSpecs(searchSpecs(byStatus, search), sort);
  }, [items, selected.join(','), search, sort]); // eslint-disable-line react-hooks/exhaustive-deps

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;

  const location = (
    <LocationStatus
      location={value.location}
      entityRef={entityRef}
      onRefreshed={() => retry()}
    />
  );

  if (value.items.length === 0) {
    return (
      <>
        {location}
        <EmptyState
          missing="content"
          title="No specs yet"
          description={
            value.location
              ? `No spec was found in ${value.location.target}. Write one with the Create wizard, merge it, then refresh.`
              : 'No spec names this component yet. Write one with the Create wizard.'
          }
          action={
            <LinkButton
              variant="contained"
              color="primary"
              to={CREATE_SPEC_TEMPLATE_PATH}
            >
              Create a spec
            </LinkButton>
          }
        />
      </>
    );
  }

  const merged = value.items.filter(s => !s.proposed);
  const proposed = value.items.length - merged.length;
  return (
    <>
      {location}
      <InfoCard
        title={`Specs (${merged.length})`}
        subheader={
          proposed
            ? `and ${proposed} proposed in open pull requests`
            : undefined
        }
      >
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          justifyContent="space-between"
          mb={2}
          style={{ gap: 12 }}
        >
          <StatusFilter
            specs={value.items}
            selected={selected}
            onChange={status => update(status, search)}
          />
          <TextField
            size="small"
            variant="outlined"
            placeholder="Search id or title"
            value={search}
            onChange={e => update(selected, e.target.value)}
            inputProps={{ 'aria-label': 'Search specs' }}
            InputProps={{
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            }}
          />
        </Box>
        <SpecsTable
          ariaLabel="Specs of this component"
          specs={shown}
          columns={COLUMNS}
          sort={sort}
          onSortChange={setSort}
          detailHref={(spec: SpecRecord) => encodeURIComponent(spec.name)}
          // The monthly total is of merged specs: a proposal adds nothing until it is merged.
          footer={columns => (
            <CostFooter
              specs={shown.filter(s => !s.proposed)}
              columns={columns}
            />
          )}
        />
      </InfoCard>
    </>
  );
}

function SpecDetailRoute() {
  const { specName = '' } = useParams();
  return <SpecDetail name={specName} backHref=".." />;
}

/**
 * The component page's Specs tab: its specs as a table, and each spec's detail at
 * `specs/<name>` so that both can be shared as links.
 *
 * @public
 */
export function EntitySpecsContent() {
  const { entity } = useEntity();
  if (!isInfraSpecsAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={ANNOTATION_SPEC_LOCATION} />
    );
  }
  const entityRef = stringifyEntityRef(entity);
  return (
    <Routes>
      <Route path="/" element={<SpecsOverview entityRef={entityRef} />} />
      <Route path=":specName" element={<SpecDetailRoute />} />
    </Routes>
  );
}
