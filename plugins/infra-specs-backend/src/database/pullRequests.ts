/*
 * Specs in review: which open pull request changes a merged spec, and the specs that exist only
 * on a pull request's branch (proposed). Each pull request's rows are replaced whole whenever it
 * is read again, and deleted when it closes.
 */
import type { Knex } from 'knex';
import type {
  SpecDetail,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { applyAccess } from './accessToSql';
import { chunks } from './context';
import { getLocationState } from './locationQueries';
import {
  documentColumns,
  LISTED_SPEC_COLUMNS,
  listedColumns,
  toRecord,
} from './rows';
import type {
  PullRequestSpecs,
  SpecAccessFilter,
  StoredPullRequest,
} from './SpecStore';
import {
  LOCATIONS,
  PROPOSED,
  PULL_CHANGES,
  PULLS,
  SPECS,
  type ListedRow,
  type PullRow,
} from './tables';

type ProposedListedRow = ListedRow & {
  pull_repository: string | null;
  pull_number: number | null;
};

function toPullRequest(row: PullRow): NonNullable<SpecRecord['pullRequest']> {
  return {
    number: Number(row.pull_number),
    url: row.url,
    state: 'open',
    title: row.title,
  };
}

function toStoredPull(row: PullRow): StoredPullRequest {
  return {
    repository: row.repository,
    number: Number(row.pull_number),
    url: row.url,
    title: row.title,
    headSha: row.head_sha,
  };
}

/** Stores an open pull request with what it changes and proposes, in place of what was stored for it. */
export async function replacePullRequest(
  knex: Knex,
  pull: StoredPullRequest,
  specs: PullRequestSpecs,
  at: string,
): Promise<void> {
  const key = { repository: pull.repository, pull_number: pull.number };
  await knex.transaction(async tx => {
    await tx(PULL_CHANGES).where(key).delete();
    await tx(PROPOSED).where(key).delete();
    await tx(PULLS).where(key).delete();
    // Stored even when it touches no spec: the open-pull-request lookup then skips its unchanged head.
    await tx(PULLS).insert({
      ...key,
      url: pull.url,
      title: pull.title,
      head_sha: pull.headSha,
      indexed_at: at,
    });
    for (const batch of chunks([...new Set(specs.changes)], 200)) {
      await tx(PULL_CHANGES).insert(
        batch.map(spec_name => ({ ...key, spec_name })),
      );
    }
    for (const batch of chunks(specs.proposed, 20)) {
      await tx(PROPOSED).insert(
        batch.map(p => ({
          ...key,
          name: p.name,
          component_ref: p.componentRef,
          path: p.path,
          owner_ref: p.ownerRef,
          location_target: p.locationTarget,
          view_url: p.viewUrl,
          markdown: p.markdown,
          content_hash: p.contentHash,
          indexed_at: at,
          content_changed_at: at,
          status_changed_at: at,
          removed_at: null,
          ...documentColumns(p.document, p.setDiagnostics),
        })),
      );
    }
  });
}

/** Forgets a pull request (it closed): its proposed specs disappear, the specs it changed lose it. */
export async function removePullRequest(
  knex: Knex,
  repository: string,
  number: number,
): Promise<void> {
  const key = { repository, pull_number: number };
  await knex.transaction(async tx => {
    await tx(PULL_CHANGES).where(key).delete();
    await tx(PROPOSED).where(key).delete();
    await tx(PULLS).where(key).delete();
  });
}

export async function listPullRequests(
  knex: Knex,
): Promise<StoredPullRequest[]> {
  const rows: PullRow[] = await knex(PULLS).select('*');
  return rows.map(toStoredPull);
}

/** Names of proposed specs, except those of one pull request (which are about to be replaced). */
export async function listProposedNames(
  knex: Knex,
  except?: { repository: string; number: number },
): Promise<Set<string>> {
  const query = knex(PROPOSED).select('name');
  if (except) {
    query.whereNot(q =>
      q.where({ repository: except.repository, pull_number: except.number }),
    );
  }
  return new Set((await query).map((r: { name: string }) => r.name));
}

/**
 * Sets `pullRequest` (and `proposed`) on records: merged specs get the open pull request that
 * changes them (the lowest number when several do), proposed specs their own.
 */
export async function withPullRequests(
  knex: Knex,
  records: SpecRecord[],
  proposedOf: Map<string, { repository: string; number: number }> = new Map(),
): Promise<SpecRecord[]> {
  const merged = records.filter(r => !proposedOf.has(r.name)).map(r => r.name);
  const byName = new Map<string, PullRow>();
  for (const batch of chunks(merged, 500)) {
    const rows: Array<PullRow & { spec_name: string }> = await knex(
      PULL_CHANGES,
    )
      .join(PULLS, join =>
        join
          .on(`${PULLS}.repository`, `${PULL_CHANGES}.repository`)
          .andOn(`${PULLS}.pull_number`, `${PULL_CHANGES}.pull_number`),
      )
      .whereIn(`${PULL_CHANGES}.spec_name`, batch)
      .orderBy(`${PULLS}.pull_number`, 'desc')
      .select(`${PULLS}.*`, `${PULL_CHANGES}.spec_name`);
    for (const row of rows) {
      byName.set(row.spec_name, row);
    }
  }
  const pulls = new Map<string, PullRow>();
  if (proposedOf.size) {
    const rows: PullRow[] = await knex(PULLS).select('*');
    for (const row of rows)
      pulls.set(`${row.repository}#${row.pull_number}`, row);
  }
  return records.map(record => {
    const own = proposedOf.get(record.name);
    const row = own
      ? pulls.get(`${own.repository}#${own.number}`)
      : byName.get(record.name);
    return {
      ...record,
      pullRequest: row ? toPullRequest(row) : null,
      proposed: Boolean(own),
    };
  });
}

/** Records of rows that may be proposed (they carry `pull_repository`), with their pull requests. */
export async function toRecordsWithPulls(
  knex: Knex,
  rows: ProposedListedRow[],
): Promise<SpecRecord[]> {
  const proposedOf = new Map<string, { repository: string; number: number }>();
  for (const row of rows) {
    if (row.pull_repository) {
      proposedOf.set(row.name, {
        repository: row.pull_repository,
        number: Number(row.pull_number),
      });
    }
  }
  return withPullRequests(knex, rows.map(toRecord), proposedOf);
}

/**
 * The specs table and the proposed specs as one source named like the specs table, so that the
 * filters, access conditions and keyset of GET /specs apply to both unchanged.
 */
export function specsWithProposed(knex: Knex): Knex.QueryBuilder {
  const merged = knex(SPECS).select(
    ...LISTED_SPEC_COLUMNS,
    'indexed_at',
    knex.raw('null as pull_repository'),
    knex.raw('null as pull_number'),
  );
  const proposed = knex(PROPOSED).select(
    ...LISTED_SPEC_COLUMNS,
    'indexed_at',
    'repository as pull_repository',
    'pull_number',
  );
  return knex.queryBuilder().from(merged.unionAll(proposed).as(SPECS));
}

function proposedQuery(knex: Knex) {
  return knex({ [SPECS]: PROPOSED })
    .leftJoin(LOCATIONS, `${LOCATIONS}.component_ref`, `${SPECS}.component_ref`)
    .select(
      ...listedColumns(knex),
      `${SPECS}.repository as pull_repository`,
      `${SPECS}.pull_number`,
    );
}

export async function listProposedSpecsOfComponent(
  knex: Knex,
  componentRef: string,
  access?: SpecAccessFilter,
): Promise<SpecRecord[]> {
  const query = proposedQuery(knex)
    .where(`${SPECS}.component_ref`, componentRef)
    .orderBy(`${SPECS}.path`, 'asc')
    .orderBy(`${SPECS}.pull_number`, 'asc');
  applyAccess(query, access);
  return toRecordsWithPulls(knex, (await query) as ProposedListedRow[]);
}

/** Proposed specs by name (what the permission framework's resource loader asks for). */
export async function getProposedSpecsByName(
  knex: Knex,
  names: string[],
  access?: SpecAccessFilter,
): Promise<SpecRecord[]> {
  if (!names.length) return [];
  const query = proposedQuery(knex).whereIn(`${SPECS}.name`, names);
  applyAccess(query, access);
  return toRecordsWithPulls(knex, (await query) as ProposedListedRow[]);
}

export async function getProposedSpecDetail(
  knex: Knex,
  name: string,
  access?: SpecAccessFilter,
): Promise<SpecDetail | undefined> {
  const query = proposedQuery(knex)
    .select(`${SPECS}.markdown`)
    .where(`${SPECS}.name`, name);
  applyAccess(query, access);
  const row = (await query.first()) as
    | (ProposedListedRow & { markdown: string })
    | undefined;
  if (!row) {
    return undefined;
  }
  const [record] = await toRecordsWithPulls(knex, [row]);
  return {
    ...record,
    markdown: row.markdown,
    history: [],
    location: (await getLocationState(knex, row.component_ref)) ?? null,
  };
}
