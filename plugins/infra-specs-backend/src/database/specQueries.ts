import type { Knex } from 'knex';
import type {
  SpecDetail,
  SpecDocument,
  SpecListResponse,
  SpecRecord,
  SpecStatusChange,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { applyAccess } from './accessToSql';
import { chunks, escapeLike } from './context';
import { applyKeyset, keysetPage } from './keysetCursor';
import { getLocationState } from './locationQueries';
import {
  getProposedSpecDetail,
  getProposedSpecsByName,
  listProposedSpecsOfComponent,
  specsWithProposed,
  toRecordsWithPulls,
  withPullRequests,
} from './pullRequests';
import { listedColumns, listedQuery, toRecord } from './rows';
import type {
  ListSpecsOptions,
  SpecAccessFilter,
  SpecListFilter,
} from './SpecStore';
import {
  HISTORY,
  LOCATIONS,
  SPECS,
  type ListedRow,
  type SpecRow,
} from './tables';

/** The list filters of GET /specs as SQL. */
function applyFilter(query: Knex.QueryBuilder, filter: SpecListFilter) {
  const lists: Array<[keyof SpecListFilter, string]> = [
    ['status', 'status'],
    ['format', 'format'],
    ['component', 'component_ref'],
    ['owner', 'owner_ref'],
    ['blastRadius', 'blast_radius'],
    ['rollback', 'rollback'],
    ['downtime', 'downtime'],
    ['costDrift', 'cost_drift'],
  ];
  for (const [key, column] of lists) {
    const values = filter[key] as string[] | undefined;
    if (values && values.length > 0) {
      query.whereIn(`${SPECS}.${column}`, values);
    }
  }
  if (filter.q && filter.q.trim()) {
    const pattern = `%${escapeLike(
      filter.q.trim().toLocaleLowerCase('en-US'),
    )}%`;
    query.whereRaw(`?? like ? escape '\\'`, [`${SPECS}.search_text`, pattern]);
  }
  if (!filter.includeRemoved) {
    query.whereNull(`${SPECS}.removed_at`);
  }
}

// ------------------------------------------------------------ reads for the API

export async function listSpecs(
  knex: Knex,
  options: ListSpecsOptions,
): Promise<SpecListResponse> {
  const { filter, limit, sort, access } = options;
  const base = () => {
    // Proposed specs (only on a pull request's branch) list with the merged ones when asked for.
    const query: Knex.QueryBuilder = filter.includeProposed
      ? specsWithProposed(knex)
      : knex(SPECS);
    applyFilter(query, filter);
    applyAccess(query, access);
    return query;
  };

  const counting = base().count({ count: '*' }).first();
  const query = base()
    .leftJoin(LOCATIONS, `${LOCATIONS}.component_ref`, `${SPECS}.component_ref`)
    .select(...listedColumns(knex));
  if (filter.includeProposed) {
    query.select(`${SPECS}.pull_repository`, `${SPECS}.pull_number`);
  }
  applyKeyset(query, sort, limit, options.cursor);

  // The count and the page run side by side.
  const [countRow, rows] = (await Promise.all([counting, query])) as [
    { count: number | string } | undefined,
    ListedRow[],
  ];
  const { page, nextCursor } = keysetPage(rows, sort, limit);
  const response: SpecListResponse = {
    items: await toRecordsWithPulls(
      knex,
      page as Parameters<typeof toRecordsWithPulls>[1],
    ),
    totalCount: Number(countRow?.count ?? 0),
  };
  if (nextCursor) {
    response.nextCursor = nextCursor;
  }
  return response;
}

export async function getSpecsByName(
  knex: Knex,
  names: string[],
  access?: SpecAccessFilter,
): Promise<SpecRecord[]> {
  const out: SpecRecord[] = [];
  for (const batch of chunks([...new Set(names)], 500)) {
    const query = listedQuery(knex).whereIn(`${SPECS}.name`, batch);
    applyAccess(query, access);
    const rows = (await query) as ListedRow[];
    out.push(...rows.map(toRecord));
  }
  // Names no merged spec has may be proposed ones (`<name>--pr-<n>`).
  const found = new Set(out.map(r => r.name));
  const proposed: SpecRecord[] = [];
  for (const batch of chunks(
    [...new Set(names)].filter(n => !found.has(n)),
    500,
  )) {
    proposed.push(...(await getProposedSpecsByName(knex, batch, access)));
  }
  return [...(await withPullRequests(knex, out)), ...proposed];
}

export async function getSpecDetail(
  knex: Knex,
  name: string,
  access?: SpecAccessFilter,
): Promise<SpecDetail | undefined> {
  const query = listedQuery(knex)
    .select(`${SPECS}.markdown`)
    .where(`${SPECS}.name`, name);
  applyAccess(query, access);
  const row = (await query.first()) as
    | (ListedRow & { markdown: string })
    | undefined;
  if (!row) {
    return getProposedSpecDetail(knex, name, access);
  }
  const historyRows = await knex(HISTORY)
    .where({ spec_name: name })
    .orderBy('id', 'asc')
    .select('from_status', 'to_status', 'observed_at');
  const history: SpecStatusChange[] = historyRows.map(h => ({
    from: h.from_status,
    to: h.to_status,
    observedAt: h.observed_at,
  }));
  const [record] = await withPullRequests(knex, [toRecord(row)]);
  return {
    ...record,
    markdown: row.markdown,
    history,
    location: (await getLocationState(knex, row.component_ref)) ?? null,
  };
}

export async function listSpecsOfComponent(
  knex: Knex,
  componentRef: string,
  access?: SpecAccessFilter,
): Promise<SpecRecord[]> {
  const query = listedQuery(knex)
    .where(`${SPECS}.component_ref`, componentRef)
    .whereNull(`${SPECS}.removed_at`)
    .orderBy(`${SPECS}.path`, 'asc');
  applyAccess(query, access);
  const rows = (await query) as ListedRow[];
  // Then the specs that open pull requests propose for the component, marked `proposed`.
  return [
    ...(await withPullRequests(knex, rows.map(toRecord))),
    ...(await listProposedSpecsOfComponent(knex, componentRef, access)),
  ];
}

// --------------------------------------------------------- reads for the refresh

export async function getDocuments(
  knex: Knex,
  names: string[],
): Promise<Map<string, SpecDocument>> {
  const out = new Map<string, SpecDocument>();
  for (const batch of chunks(names, 500)) {
    const rows = await knex<SpecRow>(SPECS)
      .whereIn('name', batch)
      .select('name', 'document');
    for (const row of rows) {
      out.set(row.name, JSON.parse(row.document));
    }
  }
  return out;
}

export async function listSpecNames(knex: Knex): Promise<string[]> {
  const rows = await knex<SpecRow>(SPECS).select('name');
  return rows.map(r => r.name);
}
