import { randomUUID } from 'node:crypto';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import {
  BLAST_RADIUS_LEVELS,
  SPEC_STATUSES,
  type BlastRadiusLevel,
  type SpecChangesResponse,
  type SpecDetail,
  type SpecDiagnostic,
  type SpecDocument,
  type SpecListResponse,
  type SpecLocationState,
  type SpecRecord,
  type SpecSortField,
  type SpecStatus,
  type SpecStatusChange,
  type SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type {
  ListSpecsOptions,
  LocationSync,
  LocationSyncResult,
  SpecAccessFilter,
  SpecListFilter,
  SpecStore,
  StoredLocation,
  StoredSpecFile,
} from './SpecStore';
import { specEntityRef } from '../refs';

const SPECS = 'infra_specs_specs';
const HISTORY = 'infra_specs_status_history';
const LOCATIONS = 'infra_specs_locations';
const CHANGES = 'infra_specs_changes';
const COUNTERS = 'infra_specs_id_counters';
const META = 'infra_specs_meta';

/**
 * When a spec was last read: a current spec was read with its location (an unchanged
 * location only touches its own row, not every spec row); a removed one when last seen.
 */
const INDEXED_AT_SQL =
  '(case when ?? is null and ?? is not null then ?? else ?? end)';
const INDEXED_AT_REFS = [
  `${SPECS}.removed_at`,
  `${LOCATIONS}.indexed_at`,
  `${LOCATIONS}.indexed_at`,
  `${SPECS}.indexed_at`,
];

/** Every status and blast radius level, in the vocabularies' order (for summaries). */
const STATUS_ORDER: SpecStatus[] = SPEC_STATUSES.map(s => s.value);
const BLAST_RADIUS_ORDER: BlastRadiusLevel[] = BLAST_RADIUS_LEVELS.map(
  b => b.value,
);
/** Sort keys: progress for statuses, severity for blast radius (0 = unknown). */
const STATUS_RANK = new Map(SPEC_STATUSES.map(s => [s.value, s.order]));
const BLAST_RADIUS_RANK = new Map(BLAST_RADIUS_LEVELS.map(b => [b.value, b.order]));

/** The row key and SQL of each sort field (`??` are identifiers, filled from `refs`). */
const SORTS: Record<
  SpecSortField,
  { column: string; sql: string; refs: string[]; nullable: boolean }
> = {
  id: { column: 'spec_id', sql: '??', refs: [`${SPECS}.spec_id`], nullable: true },
  title: { column: 'title', sql: '??', refs: [`${SPECS}.title`], nullable: false },
  status: { column: 'status_rank', sql: '??', refs: [`${SPECS}.status_rank`], nullable: false },
  updated: { column: 'updated', sql: '??', refs: [`${SPECS}.updated`], nullable: true },
  monthlyCostDelta: {
    column: 'monthly_cost_delta',
    sql: '??',
    refs: [`${SPECS}.monthly_cost_delta`],
    nullable: true,
  },
  blastRadius: {
    column: 'blast_radius_rank',
    sql: '??',
    refs: [`${SPECS}.blast_radius_rank`],
    nullable: false,
  },
  indexedAt: {
    column: 'indexed_at',
    sql: INDEXED_AT_SQL,
    refs: INDEXED_AT_REFS,
    nullable: false,
  },
};

/** Ids whose number the next-id allocation must stay above: `SPEC-0042`, `feat-7`. */
const NUMBERED_ID = /^([A-Za-z][A-Za-z0-9]{0,31})-0*(\d{1,9})$/;

type SpecRow = {
  name: string;
  component_ref: string;
  path: string;
  spec_id: string | null;
  title: string;
  search_text: string;
  format: string;
  status: string;
  status_rank: number;
  owner_ref: string;
  blast_radius: string;
  blast_radius_rank: number;
  rollback: string | null;
  downtime: string | null;
  monthly_cost_delta: number | null;
  currency: string | null;
  acceptance_total: number;
  acceptance_done: number;
  updated: string | null;
  error_count: number;
  warning_count: number;
  document: string;
  set_diagnostics: string;
  markdown: string;
  location_target: string;
  view_url: string | null;
  content_hash: string;
  indexed_at: string;
  content_changed_at: string;
  status_changed_at: string;
  removed_at: string | null;
};

type ListedRow = Omit<SpecRow, 'markdown'> & {
  location_error: string | null;
  location_error_at: string | null;
};

type LocationRow = {
  component_ref: string;
  target: string;
  owner_ref: string;
  etag: string | null;
  parser_fingerprint: string | null;
  indexed_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  next_attempt_at: string | null;
  other_files: string;
  warnings: string;
};

/** Columns listed by the API: everything but the markdown, plus the location's error. */
const LISTED_COLUMNS = [
  'name',
  'component_ref',
  'path',
  'spec_id',
  'title',
  'search_text',
  'format',
  'status',
  'status_rank',
  'owner_ref',
  'blast_radius',
  'blast_radius_rank',
  'rollback',
  'downtime',
  'monthly_cost_delta',
  'currency',
  'acceptance_total',
  'acceptance_done',
  'updated',
  'error_count',
  'warning_count',
  'document',
  'set_diagnostics',
  'location_target',
  'view_url',
  'content_hash',
  'content_changed_at',
  'status_changed_at',
  'removed_at',
].map(c => `${SPECS}.${c}`);

/** The columns a document fills; everything people filter or sort on. */
function documentColumns(
  document: SpecDocument,
  setDiagnostics: SpecDiagnostic[],
) {
  const all = [...document.diagnostics, ...setDiagnostics];
  const blastRadius = document.impact.blastRadius.level ?? 'unknown';
  const monthly = document.cost.monthlyDelta;
  return {
    spec_id: document.id ? document.id.slice(0, 255) : null,
    title: document.title,
    search_text: `${document.id ?? ''} ${document.title}`.toLocaleLowerCase(
      'en-US',
    ),
    format: String(document.format).slice(0, 255),
    status: document.status,
    status_rank: STATUS_RANK.get(document.status) ?? 0,
    blast_radius: blastRadius,
    blast_radius_rank: BLAST_RADIUS_RANK.get(blastRadius) ?? 0,
    rollback: document.impact.rollback,
    downtime: document.impact.downtime,
    monthly_cost_delta:
      typeof monthly === 'number' && Number.isFinite(monthly) ? monthly : null,
    currency: document.cost.currency ? document.cost.currency.slice(0, 8) : null,
    acceptance_total: document.acceptance.total,
    acceptance_done: document.acceptance.done,
    updated: document.updated ? document.updated.slice(0, 10) : null,
    error_count: all.filter(d => d.severity === 'error').length,
    warning_count: all.filter(d => d.severity === 'warning').length,
    document: JSON.stringify(document),
    set_diagnostics: JSON.stringify(setDiagnostics),
  };
}

function toRecord(row: ListedRow): SpecRecord {
  const document = JSON.parse(row.document) as SpecDocument;
  const setDiagnostics = JSON.parse(row.set_diagnostics) as SpecDiagnostic[];
  if (setDiagnostics.length) {
    document.diagnostics = [...document.diagnostics, ...setDiagnostics];
  }
  return {
    name: row.name,
    entityRef: specEntityRef(row.name),
    componentRef: row.component_ref,
    ownerRef: row.owner_ref,
    path: row.path,
    locationTarget: row.location_target,
    viewUrl: row.view_url,
    document,
    indexedAt: row.indexed_at,
    contentChangedAt: row.content_changed_at,
    statusChangedAt: row.status_changed_at,
    removedAt: row.removed_at,
    lastRefreshError:
      row.location_error && row.location_error_at
        ? { message: row.location_error, at: row.location_error_at }
        : null,
  };
}

function toStoredLocation(row: LocationRow): StoredLocation {
  return {
    componentRef: row.component_ref,
    target: row.target,
    ownerRef: row.owner_ref,
    etag: row.etag,
    parserFingerprint: row.parser_fingerprint,
    indexedAt: row.indexed_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: Number(row.consecutive_failures),
    nextAttemptAt: row.next_attempt_at,
    otherFiles: JSON.parse(row.other_files),
    warnings: JSON.parse(row.warnings),
  };
}

function toLocationState(row: LocationRow, specCount: number): SpecLocationState {
  return {
    componentRef: row.component_ref,
    target: row.target,
    indexedAt: row.indexed_at,
    lastError:
      row.last_error && row.last_error_at
        ? { message: row.last_error, at: row.last_error_at }
        : null,
    nextAttemptAt: row.next_attempt_at,
    specCount,
    consecutiveFailures: Number(row.consecutive_failures),
    warnings: JSON.parse(row.warnings),
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

type Cursor = { s: string; v: string | number | null; n: string };

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, m => `\\${m}`);
}

/**
 * The knex implementation of {@link SpecStore}, for PostgreSQL and SQLite. Every SQL
 * statement of the plugin lives here.
 */
export class DatabaseSpecStore implements SpecStore {
  readonly #knex: Knex;
  readonly #changeLagMs: number;
  readonly #isPostgres: boolean;

  /**
   * @param options.changeVisibilityLagMs - GET /changes only hands out log entries older
   *   than this, so that a transaction that took its id earlier but committed later is
   *   never skipped (PostgreSQL commits concurrently; SQLite writes one at a time).
   */
  static create(knex: Knex, options?: { changeVisibilityLagMs?: number }) {
    const isSqlite = String(knex.client.config.client).includes('sqlite');
    return new DatabaseSpecStore(
      knex,
      options?.changeVisibilityLagMs ?? (isSqlite ? 0 : 5000),
    );
  }

  private constructor(knex: Knex, changeLagMs: number) {
    this.#knex = knex;
    this.#changeLagMs = changeLagMs;
    this.#isPostgres = String(knex.client.config.client).match(/^(pg|postgres)/) !== null;
  }

  /**
   * A transaction of the refresh, one per location. The index is derived from the spec
   * folders, so on PostgreSQL it commits without waiting for the WAL flush: a crash can only
   * lose the last few refreshed locations (their rows and etags together, atomically), which
   * the next refresh reads again; the flush wait per commit was most of a cold index's time.
   */
  #refreshTransaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.#knex.transaction(async tx => {
      if (this.#isPostgres) {
        await tx.raw('SET LOCAL synchronous_commit TO OFF');
      }
      return fn(tx);
    });
  }

  // ------------------------------------------------------------------ reads

  async listSpecs(options: ListSpecsOptions): Promise<SpecListResponse> {
    const { filter, limit, sort, access } = options;
    const sortKey = `${sort.order === 'desc' ? '-' : ''}${sort.field}`;
    const { column, sql, refs, nullable } = SORTS[sort.field];
    const nameColumn = `${SPECS}.name`;

    const base = () => {
      const query = this.#knex<SpecRow>(SPECS);
      this.#applyFilter(query, filter);
      this.#applyAccess(query, access);
      return query;
    };

    const counting = base().count({ count: '*' }).first();

    const query = base()
      .leftJoin(LOCATIONS, `${LOCATIONS}.component_ref`, `${SPECS}.component_ref`)
      .select(...this.#listedColumns());

    if (options.cursor) {
      const cursor = decodeToken(options.cursor) as Cursor | undefined;
      if (
        !cursor ||
        typeof cursor !== 'object' ||
        typeof cursor.n !== 'string' ||
        cursor.s !== sortKey
      ) {
        throw new InputError(
          `Invalid cursor: it does not belong to a listing sorted by '${sortKey}'`,
        );
      }
      const cmp = sort.order === 'desc' ? '<' : '>';
      const { v, n } = cursor;
      // Rows after the cursor in (value is null, value, name) order; nulls sort last.
      query.where(q => {
        if (v === null || v === undefined) {
          q.whereRaw(`${sql} is null`, refs).andWhere(nameColumn, '>', n);
        } else {
          q.whereRaw(`${sql} ${cmp} ?`, [...refs, v])
            .orWhere(inner =>
              inner
                .whereRaw(`${sql} = ?`, [...refs, v])
                .andWhere(nameColumn, '>', n),
            )
            .orWhereRaw(`${sql} is null`, refs);
        }
      });
    }

    if (nullable) {
      query.orderByRaw(`(${sql} is null) asc`, refs);
    }
    query
      .orderByRaw(`${sql} ${sort.order === 'desc' ? 'desc' : 'asc'}`, refs)
      .orderBy(nameColumn, 'asc')
      .limit(limit + 1);

    // The count and the page run side by side.
    const [countRow, rows] = (await Promise.all([counting, query])) as [
      { count: number | string } | undefined,
      ListedRow[],
    ];
    const totalCount = Number(countRow?.count ?? 0);
    const page = rows.slice(0, limit);
    const response: SpecListResponse = {
      items: page.map(toRecord),
      totalCount,
    };
    if (rows.length > limit) {
      const last = page[page.length - 1] as unknown as Record<string, unknown>;
      const value = last[column] as string | number | null;
      response.nextCursor = encodeToken({
        s: sortKey,
        v: value === null || value === undefined ? null : value,
        n: String(last.name),
      } satisfies Cursor);
    }
    return response;
  }

  async getSpecsByName(
    names: string[],
    access?: SpecAccessFilter,
  ): Promise<SpecRecord[]> {
    const out: SpecRecord[] = [];
    for (const batch of chunks([...new Set(names)], 500)) {
      const query = this.#listedQuery().whereIn(`${SPECS}.name`, batch);
      this.#applyAccess(query, access);
      const rows = (await query) as ListedRow[];
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  async getSpecDetail(
    name: string,
    access?: SpecAccessFilter,
  ): Promise<SpecDetail | undefined> {
    const query = this.#listedQuery()
      .select(`${SPECS}.markdown`)
      .where(`${SPECS}.name`, name);
    this.#applyAccess(query, access);
    const row = (await query.first()) as
      | (ListedRow & { markdown: string })
      | undefined;
    if (!row) {
      return undefined;
    }
    const historyRows = await this.#knex(HISTORY)
      .where({ spec_name: name })
      .orderBy('id', 'asc')
      .select('from_status', 'to_status', 'observed_at');
    const history: SpecStatusChange[] = historyRows.map(h => ({
      from: h.from_status,
      to: h.to_status,
      observedAt: h.observed_at,
    }));
    return {
      ...toRecord(row),
      markdown: row.markdown,
      history,
      location: (await this.getLocationState(row.component_ref)) ?? null,
    };
  }

  async listSpecsOfComponent(
    componentRef: string,
    access?: SpecAccessFilter,
  ): Promise<SpecRecord[]> {
    const query = this.#listedQuery()
      .where(`${SPECS}.component_ref`, componentRef)
      .whereNull(`${SPECS}.removed_at`)
      .orderBy(`${SPECS}.path`, 'asc');
    this.#applyAccess(query, access);
    const rows = (await query) as ListedRow[];
    return rows.map(toRecord);
  }

  async getSummary(options: {
    componentRef?: string;
    access?: SpecAccessFilter;
  }): Promise<SpecSummary> {
    const base = () => {
      const query = this.#knex(SPECS).whereNull(`${SPECS}.removed_at`);
      if (options.componentRef) {
        query.where(`${SPECS}.component_ref`, options.componentRef);
      }
      this.#applyAccess(query, options.access);
      return query;
    };
    const sum = this.#knex.raw('sum(??) as ??', [
      'monthly_cost_delta',
      'monthly',
    ]);

    const byStatusRows = await base()
      .select('status')
      .count({ count: '*' })
      .select(sum)
      .groupBy('status');
    const byBlastRows = await base()
      .select('blast_radius')
      .count({ count: '*' })
      .groupBy('blast_radius');
    const byComponentRows = await base()
      .whereNotNull('monthly_cost_delta')
      .select('component_ref')
      .select(sum)
      .groupBy('component_ref')
      .orderBy('component_ref');
    const byOwnerRows = await base()
      .whereNotNull('monthly_cost_delta')
      .select('owner_ref')
      .select(sum)
      .groupBy('owner_ref')
      .orderBy('owner_ref');
    const currencyRows = await base()
      .whereNotNull('currency')
      .whereNotNull('monthly_cost_delta')
      .distinct('currency')
      .limit(2);

    const byStatus = Object.fromEntries(
      STATUS_ORDER.map(s => [s, 0]),
    ) as Record<SpecStatus, number>;
    const monthlyCostDeltaByStatus = { ...byStatus };
    let total = 0;
    for (const row of byStatusRows as Array<Record<string, unknown>>) {
      const status = row.status as SpecStatus;
      byStatus[status] = Number(row.count);
      monthlyCostDeltaByStatus[status] = Number(row.monthly ?? 0);
      total += Number(row.count);
    }
    const byBlastRadius = Object.fromEntries(
      BLAST_RADIUS_ORDER.map(b => [b, 0]),
    ) as Record<BlastRadiusLevel, number>;
    for (const row of byBlastRows as Array<Record<string, unknown>>) {
      byBlastRadius[row.blast_radius as BlastRadiusLevel] = Number(row.count);
    }
    return {
      total,
      byStatus,
      byBlastRadius,
      monthlyCostDeltaByStatus,
      monthlyCostDeltaByComponent: (
        byComponentRows as Array<Record<string, unknown>>
      ).map(r => ({
        componentRef: String(r.component_ref),
        monthlyCostDelta: Number(r.monthly ?? 0),
      })),
      monthlyCostDeltaByOwner: (
        byOwnerRows as Array<Record<string, unknown>>
      ).map(r => ({
        ownerRef: String(r.owner_ref),
        monthlyCostDelta: Number(r.monthly ?? 0),
      })),
      currency:
        currencyRows.length === 1 ? String(currencyRows[0].currency) : null,
    };
  }

  async getLocationState(
    componentRef: string,
  ): Promise<SpecLocationState | undefined> {
    const row = await this.#locationStates()
      .where(`${LOCATIONS}.component_ref`, componentRef)
      .first();
    return row ? toLocationState(row, Number(row.spec_count)) : undefined;
  }

  async listLocationStates(): Promise<SpecLocationState[]> {
    const rows = await this.#locationStates().orderBy(
      `${LOCATIONS}.component_ref`,
    );
    return rows.map(r => toLocationState(r, Number(r.spec_count)));
  }

  async getChanges(options: {
    since?: string;
    limit: number;
  }): Promise<SpecChangesResponse> {
    const epoch = await this.#getEpoch();
    const visibleBefore = new Date(Date.now() - this.#changeLagMs).toISOString();
    const latest = async () => {
      const row = await this.#knex(CHANGES)
        .where('changed_at', '<=', visibleBefore)
        .max({ id: 'id' })
        .first();
      return Number(row?.id ?? 0);
    };
    const full = async (): Promise<SpecChangesResponse> => ({
      full: true,
      upserted: [],
      removed: [],
      token: encodeToken({ e: epoch, s: await latest() }),
      hasMore: false,
    });

    if (!options.since) {
      return full();
    }
    const token = decodeToken(options.since) as
      | { e?: unknown; s?: unknown }
      | undefined;
    if (
      !token ||
      token.e !== epoch ||
      typeof token.s !== 'number' ||
      !Number.isInteger(token.s) ||
      token.s < 0
    ) {
      return full();
    }
    const prunedThrough = Number(
      (await this.#getMeta('changes_pruned_through')) ?? 0,
    );
    if (token.s < prunedThrough) {
      return full();
    }

    const rows = await this.#knex(CHANGES)
      .where('id', '>', token.s)
      .andWhere('changed_at', '<=', visibleBefore)
      .orderBy('id', 'asc')
      .limit(options.limit + 1)
      .select('id', 'spec_name');
    const page = rows.slice(0, options.limit);
    const names = [...new Set(page.map(r => String(r.spec_name)))];
    const records = await this.getSpecsByName(names);
    const current = new Map(
      records.filter(r => !r.removedAt).map(r => [r.name, r]),
    );
    return {
      full: false,
      upserted: names.filter(n => current.has(n)).map(n => current.get(n)!),
      removed: names
        .filter(n => !current.has(n))
        .map(n => ({ name: n, entityRef: specEntityRef(n) })),
      token: encodeToken({
        e: epoch,
        s: page.length ? Number(page[page.length - 1].id) : token.s,
      }),
      hasMore: rows.length > options.limit,
    };
  }

  async allocateId(prefix: string): Promise<string> {
    const key = prefix.toUpperCase();
    const rows = await this.#knex(COUNTERS)
      .insert({ prefix: key, highest: 1 })
      .onConflict('prefix')
      .merge({ highest: this.#knex.raw('?? + 1', [`${COUNTERS}.highest`]) })
      .returning('highest');
    const row = rows[0] as { highest: number | string } | number;
    return formatId(key, Number(typeof row === 'object' ? row.highest : row));
  }

  async peekId(prefix: string): Promise<string> {
    const key = prefix.toUpperCase();
    const row = await this.#knex(COUNTERS).where({ prefix: key }).first('highest');
    return formatId(key, Number(row?.highest ?? 0) + 1);
  }

  // ------------------------------------------------------------ refresh side

  async listLocations(): Promise<StoredLocation[]> {
    const rows = await this.#knex<LocationRow>(LOCATIONS);
    return rows.map(toStoredLocation);
  }

  async getLocationSnapshot(componentRef: string) {
    const location = await this.#knex<LocationRow>(LOCATIONS)
      .where({ component_ref: componentRef })
      .first();
    const rows = await this.#knex<SpecRow>(SPECS)
      .where({ component_ref: componentRef })
      .select(
        'name',
        'path',
        'content_hash',
        'spec_id',
        'removed_at',
        'set_diagnostics',
      );
    const specs: StoredSpecFile[] = rows.map(r => ({
      name: r.name,
      path: r.path,
      contentHash: r.content_hash,
      specId: r.spec_id,
      removedAt: r.removed_at,
      setDiagnostics: JSON.parse(r.set_diagnostics),
    }));
    return {
      location: location ? toStoredLocation(location) : undefined,
      specs,
    };
  }

  async getDocuments(names: string[]): Promise<Map<string, SpecDocument>> {
    const out = new Map<string, SpecDocument>();
    for (const batch of chunks(names, 500)) {
      const rows = await this.#knex<SpecRow>(SPECS)
        .whereIn('name', batch)
        .select('name', 'document');
      for (const row of rows) {
        out.set(row.name, JSON.parse(row.document));
      }
    }
    return out;
  }

  async listSpecNames(): Promise<string[]> {
    const rows = await this.#knex<SpecRow>(SPECS).select('name');
    return rows.map(r => r.name);
  }

  async syncLocation(sync: LocationSync): Promise<LocationSyncResult> {
    const result: LocationSyncResult = {
      added: [],
      changed: [],
      removed: [],
      statusChanges: 0,
    };
    const at = sync.at;

    await this.#refreshTransaction(async tx => {
      const existing = await tx<SpecRow>(SPECS)
        .where({ component_ref: sync.componentRef })
        .select(
          'name',
          'path',
          'status',
          'content_hash',
          'owner_ref',
          'location_target',
          'view_url',
          'set_diagnostics',
          'removed_at',
          'document',
        );
      const byName = new Map(existing.map(r => [r.name, r]));
      const inserts: Partial<SpecRow>[] = [];
      const history: Array<Record<string, unknown>> = [];
      const seenIds: string[] = [];

      for (const write of sync.specs) {
        const old = byName.get(write.name);
        if (write.content?.document.id) {
          seenIds.push(write.content.document.id);
        }
        if (!old) {
          if (!write.content) {
            throw new Error(
              `Spec ${write.name} is new but came without content`,
            );
          }
          const { document, markdown, contentHash } = write.content;
          inserts.push({
            name: write.name,
            component_ref: sync.componentRef,
            path: write.path,
            ...documentColumns(document, write.setDiagnostics ?? []),
            owner_ref: sync.ownerRef,
            markdown,
            location_target: sync.target,
            view_url: write.viewUrl,
            content_hash: contentHash,
            indexed_at: at,
            content_changed_at: at,
            status_changed_at: at,
            removed_at: null,
          });
          history.push({
            spec_name: write.name,
            from_status: null,
            to_status: document.status,
            observed_at: at,
          });
          result.added.push(write.name);
          continue;
        }

        const patch: Partial<SpecRow> = {};
        const setDiagnostics =
          write.setDiagnostics ?? JSON.parse(old.set_diagnostics);
        if (write.content && write.content.contentHash !== old.content_hash) {
          const { document, markdown, contentHash } = write.content;
          Object.assign(patch, documentColumns(document, setDiagnostics), {
            markdown,
            content_hash: contentHash,
            content_changed_at: at,
          });
          if (document.status !== old.status) {
            patch.status_changed_at = at;
            history.push({
              spec_name: write.name,
              from_status: old.status,
              to_status: document.status,
              observed_at: at,
            });
            result.statusChanges += 1;
          }
        } else if (
          write.setDiagnostics &&
          JSON.stringify(write.setDiagnostics) !== old.set_diagnostics
        ) {
          // Same file, but a sibling changed what the location lint says about it.
          Object.assign(
            patch,
            documentColumns(JSON.parse(old.document), write.setDiagnostics),
          );
          delete patch.document;
        }
        if (old.path !== write.path) patch.path = write.path;
        if (old.removed_at) patch.removed_at = null;
        if (old.owner_ref !== sync.ownerRef) patch.owner_ref = sync.ownerRef;
        if (old.location_target !== sync.target) {
          patch.location_target = sync.target;
        }
        if (old.view_url !== write.viewUrl) patch.view_url = write.viewUrl;

        if (Object.keys(patch).length > 0) {
          await tx(SPECS)
            .where({ name: write.name })
            .update({ ...patch, indexed_at: at });
          result.changed.push(write.name);
        }
      }

      const current = new Set(sync.specs.map(s => s.name));
      const vanished = existing
        .filter(r => !current.has(r.name) && !r.removed_at)
        .map(r => r.name);
      if (vanished.length) {
        // Last seen by the previous successful read of the location.
        const previous = await tx<LocationRow>(LOCATIONS)
          .where({ component_ref: sync.componentRef })
          .first('indexed_at');
        for (const batch of chunks(vanished, 500)) {
          await tx(SPECS)
            .whereIn('name', batch)
            .update({
              removed_at: at,
              ...(previous?.indexed_at ? { indexed_at: previous.indexed_at } : {}),
            });
        }
      }
      result.removed.push(...vanished);

      for (const batch of chunks(inserts, 50)) {
        await tx(SPECS).insert(batch);
      }
      for (const batch of chunks(history, 200)) {
        await tx(HISTORY).insert(batch);
      }
      await this.#logChanges(tx, [
        ...result.added,
        ...result.changed,
        ...result.removed,
      ]);
      await this.#observeIds(tx, seenIds);
      await this.#upsertLocation(tx, {
        component_ref: sync.componentRef,
        target: sync.target,
        owner_ref: sync.ownerRef,
        etag: sync.etag,
        parser_fingerprint: sync.parserFingerprint,
        indexed_at: at,
        last_error: null,
        last_error_at: null,
        consecutive_failures: 0,
        next_attempt_at: null,
        other_files: JSON.stringify(sync.otherFiles),
        warnings: JSON.stringify(sync.warnings),
      });
    });
    return result;
  }

  async touchLocation(input: {
    componentRef: string;
    target: string;
    ownerRef: string;
    etag: string | null;
    at: string;
  }): Promise<void> {
    await this.#refreshTransaction(async tx => {
      const location = await tx<LocationRow>(LOCATIONS)
        .where({ component_ref: input.componentRef })
        .first();
      if (!location) {
        throw new Error(
          `Cannot touch unknown spec location of ${input.componentRef}`,
        );
      }
      if (
        location.owner_ref !== input.ownerRef ||
        location.target !== input.target
      ) {
        // The files did not change but the component did: its specs follow it.
        const names = (
          await tx<SpecRow>(SPECS)
            .where({ component_ref: input.componentRef })
            .whereNull('removed_at')
            .select('name')
        ).map(r => r.name);
        await tx(SPECS)
          .where({ component_ref: input.componentRef })
          .update({ owner_ref: input.ownerRef, location_target: input.target });
        await this.#logChanges(tx, names);
      }
      await tx(LOCATIONS)
        .where({ component_ref: input.componentRef })
        .update({
          target: input.target,
          owner_ref: input.ownerRef,
          etag: input.etag,
          indexed_at: input.at,
          last_error: null,
          last_error_at: null,
          consecutive_failures: 0,
          next_attempt_at: null,
        });
    });
  }

  async touchLocations(componentRefs: string[], at: string): Promise<void> {
    // Specs take their indexedAt from their location: one row per location moves.
    for (const batch of chunks(componentRefs, 500)) {
      await this.#knex(LOCATIONS).whereIn('component_ref', batch).update({
        indexed_at: at,
        last_error: null,
        last_error_at: null,
        consecutive_failures: 0,
        next_attempt_at: null,
      });
    }
  }

  async recordLocationFailure(input: {
    componentRef: string;
    target: string;
    ownerRef: string;
    message: string;
    at: string;
    consecutiveFailures: number;
    nextAttemptAt: string;
  }): Promise<void> {
    const failure = {
      target: input.target,
      owner_ref: input.ownerRef,
      last_error: input.message,
      last_error_at: input.at,
      consecutive_failures: input.consecutiveFailures,
      next_attempt_at: input.nextAttemptAt,
    };
    await this.#knex(LOCATIONS)
      .insert({
        component_ref: input.componentRef,
        etag: null,
        parser_fingerprint: null,
        indexed_at: null,
        other_files: '{}',
        warnings: '[]',
        ...failure,
      })
      .onConflict('component_ref')
      .merge(failure);
  }

  async deleteLocations(componentRefs: string[]): Promise<string[]> {
    const removedSpecs: string[] = [];
    for (const batch of chunks(componentRefs, 200)) {
      await this.#knex.transaction(async tx => {
        const names = (
          await tx<SpecRow>(SPECS)
            .whereIn('component_ref', batch)
            .select('name', 'removed_at')
        ).map(r => ({ name: r.name, removed: Boolean(r.removed_at) }));
        for (const nameBatch of chunks(
          names.map(n => n.name),
          500,
        )) {
          await tx(HISTORY).whereIn('spec_name', nameBatch).delete();
          await tx(SPECS).whereIn('name', nameBatch).delete();
        }
        await tx(LOCATIONS).whereIn('component_ref', batch).delete();
        // Removed specs were already announced; the rest disappear now.
        const announced = names.filter(n => !n.removed).map(n => n.name);
        await this.#logChanges(tx, announced);
        removedSpecs.push(...announced);
      });
    }
    return removedSpecs;
  }

  async prune(options: {
    historyBefore: string;
    removedBefore: string;
    changesBefore: string;
  }): Promise<{ history: number; specs: number; changes: number }> {
    // History: old entries go, but the latest entry of every spec stays.
    const latestPerSpec = this.#knex(HISTORY)
      .max('id')
      .groupBy('spec_name');
    const history = await this.#knex(HISTORY)
      .where('observed_at', '<', options.historyBefore)
      .whereNotIn('id', latestPerSpec)
      .delete();

    let specs = 0;
    const expired = (
      await this.#knex<SpecRow>(SPECS)
        .whereNotNull('removed_at')
        .where('removed_at', '<', options.removedBefore)
        .select('name')
    ).map(r => r.name);
    for (const batch of chunks(expired, 500)) {
      specs += await this.#knex.transaction(async (tx): Promise<number> => {
        await tx(HISTORY).whereIn('spec_name', batch).delete();
        return await tx(SPECS).whereIn('name', batch).delete();
      });
    }

    let changes = 0;
    const newest = await this.#knex(CHANGES)
      .where('changed_at', '<', options.changesBefore)
      .max({ id: 'id' })
      .first();
    const through = Number(newest?.id ?? 0);
    if (through > 0) {
      await this.#knex.transaction(async tx => {
        changes = await tx(CHANGES).where('id', '<=', through).delete();
        const previous = Number(
          (await this.#getMeta('changes_pruned_through', tx)) ?? 0,
        );
        await this.#setMeta(
          'changes_pruned_through',
          String(Math.max(previous, through)),
          tx,
        );
      });
    }
    return { history, specs, changes };
  }

  // ---------------------------------------------------------------- helpers

  /** Location rows with the number of their current specs, in one query. */
  #locationStates() {
    const specCount = this.#knex(SPECS)
      .count('*')
      .whereRaw('?? = ??', [`${SPECS}.component_ref`, `${LOCATIONS}.component_ref`])
      .whereNull(`${SPECS}.removed_at`)
      .as('spec_count');
    return this.#knex<LocationRow & { spec_count: number | string }>(
      LOCATIONS,
    ).select(`${LOCATIONS}.*`, specCount);
  }

  /** What the API lists of a spec: everything but the markdown, plus its location's freshness. */
  #listedColumns() {
    return [
      ...LISTED_COLUMNS,
      this.#knex.raw(`${INDEXED_AT_SQL} as ??`, [
        ...INDEXED_AT_REFS,
        'indexed_at',
      ]),
      `${LOCATIONS}.last_error as location_error`,
      `${LOCATIONS}.last_error_at as location_error_at`,
    ];
  }

  #listedQuery() {
    return this.#knex(SPECS)
      .leftJoin(LOCATIONS, `${LOCATIONS}.component_ref`, `${SPECS}.component_ref`)
      .select(...this.#listedColumns());
  }

  #applyFilter(query: Knex.QueryBuilder, filter: SpecListFilter) {
    const lists: Array<[keyof SpecListFilter, string]> = [
      ['status', 'status'],
      ['format', 'format'],
      ['component', 'component_ref'],
      ['owner', 'owner_ref'],
      ['blastRadius', 'blast_radius'],
      ['rollback', 'rollback'],
      ['downtime', 'downtime'],
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
      query.whereRaw(`?? like ? escape '\\'`, [
        `${SPECS}.search_text`,
        pattern,
      ]);
    }
    if (!filter.includeRemoved) {
      query.whereNull(`${SPECS}.removed_at`);
    }
  }

  #applyAccess(query: Knex.QueryBuilder, access?: SpecAccessFilter) {
    if (!access) {
      return;
    }
    const apply = (q: Knex.QueryBuilder, criteria: SpecAccessFilter) => {
      if ('allOf' in criteria) {
        q.where(inner => {
          for (const c of criteria.allOf) inner.andWhere(x => apply(x, c));
        });
      } else if ('anyOf' in criteria) {
        q.where(inner => {
          for (const c of criteria.anyOf) inner.orWhere(x => apply(x, c));
        });
      } else if ('not' in criteria) {
        q.whereNot(inner => apply(inner, criteria.not));
      } else {
        const column =
          criteria.field === 'ownerRef' ? 'owner_ref' : 'component_ref';
        if (criteria.values.length === 0) {
          q.whereRaw('1 = 0');
        } else {
          q.whereIn(`${SPECS}.${column}`, criteria.values);
        }
      }
    };
    apply(query, access);
  }

  async #logChanges(tx: Knex.Transaction, names: string[]) {
    // The timestamp is taken now, not at the start of the refresh, for GET /changes' lag.
    const changedAt = new Date().toISOString();
    for (const batch of chunks(names, 500)) {
      await tx(CHANGES).insert(
        batch.map(name => ({ spec_name: name, changed_at: changedAt })),
      );
    }
  }

  async #observeIds(tx: Knex.Transaction, ids: string[]) {
    const highest = new Map<string, number>();
    for (const id of ids) {
      const match = NUMBERED_ID.exec(id.trim());
      if (match) {
        const prefix = match[1].toUpperCase();
        const value = Number(match[2]);
        highest.set(prefix, Math.max(highest.get(prefix) ?? 0, value));
      }
    }
    if (highest.size === 0) {
      return;
    }
    // One statement for every prefix; the counter never goes down.
    await tx(COUNTERS)
      .insert([...highest].map(([prefix, value]) => ({ prefix, highest: value })))
      .onConflict('prefix')
      .merge({
        highest: tx.raw(
          'case when ?? < excluded.highest then excluded.highest else ?? end',
          [`${COUNTERS}.highest`, `${COUNTERS}.highest`],
        ),
      });
  }

  async #upsertLocation(tx: Knex.Transaction, row: LocationRow) {
    const { component_ref: _ref, ...rest } = row;
    await tx(LOCATIONS).insert(row).onConflict('component_ref').merge(rest);
  }

  async #getEpoch(): Promise<string> {
    const existing = await this.#getMeta('epoch');
    if (existing) {
      return existing;
    }
    await this.#knex(META)
      .insert({ key: 'epoch', value: randomUUID() })
      .onConflict('key')
      .ignore();
    return (await this.#getMeta('epoch'))!;
  }

  async #getMeta(key: string, tx?: Knex.Transaction) {
    const row = await (tx ?? this.#knex)(META).where({ key }).first();
    return row ? String(row.value) : undefined;
  }

  async #setMeta(key: string, value: string, tx?: Knex.Transaction) {
    await (tx ?? this.#knex)(META)
      .insert({ key, value })
      .onConflict('key')
      .merge({ value });
  }
}

function formatId(prefix: string, value: number): string {
  const width = prefix === 'SPEC' ? 4 : 3;
  return `${prefix}-${String(value).padStart(width, '0')}`;
}
