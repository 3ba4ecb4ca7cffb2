import type {
  EntitySpecsResponse,
  NextIdResponse,
  RefreshResponse,
  SpecDetail,
  SpecDocument,
  SpecListResponse,
  SpecLocationState,
  SpecQuery,
  SpecRecord,
  SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { NotFoundError } from '@backstage/errors';
import type { InfraSpecsApi } from '../api/InfraSpecsApi';

type DeepPartialDocument = Partial<Omit<SpecDocument, 'impact' | 'cost'>> & {
  impact?: Partial<SpecDocument['impact']>;
  cost?: Partial<SpecDocument['cost']>;
};

export type SpecRecordInput = Partial<Omit<SpecRecord, 'document'>> & {
  document?: DeepPartialDocument;
};

/** A complete SpecRecord with sensible values; override what the test is about. */
export function makeSpec(input: SpecRecordInput = {}): SpecRecord {
  const id = input.document?.id ?? 'SPEC-0001';
  const name = input.name ?? `${String(id).toLowerCase()}-example`;
  const doc = input.document ?? {};
  const document: SpecDocument = {
    id,
    title: 'Example change',
    format: 'infrastructure-change',
    status: 'draft',
    statusText: 'Draft',
    complexity: null,
    author: 'Jane Doe',
    created: '2026-01-05',
    updated: '2026-02-01',
    issue: null,
    acceptance: { total: 4, done: 1 },
    checklists: { total: 10, done: 3 },
    openClarifications: [],
    requirements: [],
    successCriteria: [],
    diagnostics: [],
    ...doc,
    impact: {
      blastRadius: { level: 'medium', text: 'One zone' },
      rollback: 'easy',
      downtime: 'none',
      ...doc.impact,
    },
    cost: {
      monthlyDelta: 100,
      currency: 'USD',
      items: [],
      ...doc.cost,
    },
  };
  const { document: _ignored, ...rest } = input;
  return {
    name,
    entityRef: `spec:default/${name}`,
    componentRef: 'component:default/payments-api',
    ownerRef: 'group:default/payments-team',
    path: `${id}.md`,
    locationTarget: 'url:https://github.com/acme/payments/tree/main/docs/specs',
    viewUrl: `https://github.com/acme/payments/blob/main/docs/specs/${id}.md`,
    indexedAt: '2026-02-02T10:00:00Z',
    contentChangedAt: '2026-02-01T10:00:00Z',
    statusChangedAt: '2026-02-01T10:00:00Z',
    removedAt: null,
    ...rest,
    document,
  };
}

export function makeLocation(
  input: Partial<SpecLocationState> = {},
): SpecLocationState {
  return {
    componentRef: 'component:default/payments-api',
    target: 'url:https://github.com/acme/payments/tree/main/docs/specs',
    indexedAt: '2026-02-02T10:00:00Z',
    lastError: null,
    nextAttemptAt: null,
    specCount: 0,
    ...input,
  };
}

const matches = (values: string[] | undefined, value: string | null) =>
  !values?.length || (value !== null && values.includes(value));

/**
 * An in-memory {@link InfraSpecsApi}: filters, sorts and pages like the backend does, so that
 * components are tested against the behaviour of the API rather than canned answers.
 */
export class FakeInfraSpecsApi implements InfraSpecsApi {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  markdown = new Map<string, string>();
  location: SpecLocationState | null = makeLocation();
  failWith?: Error;
  /** Answer GET /summary like a backend from before evidence: no `estimated`, no `byCostDrift`. */
  withoutEvidenceSummary = false;

  constructor(public specs: SpecRecord[] = []) {}

  async listSpecs(query: SpecQuery = {}): Promise<SpecListResponse> {
    this.#record('listSpecs', query);
    const q = query.q?.toLowerCase();
    let items = this.specs.filter(
      s =>
        matches(query.status, s.document.status) &&
        matches(query.format, s.document.format) &&
        matches(query.component, s.componentRef) &&
        matches(query.owner, s.ownerRef) &&
        matches(query.blastRadius, s.document.impact.blastRadius.level) &&
        matches(query.rollback, s.document.impact.rollback) &&
        matches(query.downtime, s.document.impact.downtime) &&
        matches(query.costDrift, s.document.cost.drift ?? null) &&
        (!q ||
          `${s.document.id} ${s.document.title}`.toLowerCase().includes(q)),
    );
    const sort = query.sort ?? '-updated';
    const desc = sort.startsWith('-');
    const field = sort.replace(/^-/, '');
    const key = (s: SpecRecord): string | number => {
      if (field === 'title') return s.document.title;
      if (field === 'id') return s.document.id ?? '';
      if (field === 'monthlyCostDelta')
        return s.document.cost.monthlyDelta ?? 0;
      return s.document.updated ?? '';
    };
    const compare = (a: SpecRecord, b: SpecRecord) => {
      const ka = key(a);
      const kb = key(b);
      if (ka < kb) return -1;
      if (ka > kb) return 1;
      return a.name.localeCompare(b.name);
    };
    items = [...items].sort((a, b) => (desc ? -compare(a, b) : compare(a, b)));
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 50;
    const page = items.slice(offset, offset + limit);
    return {
      items: page,
      totalCount: items.length,
      nextCursor:
        offset + limit < items.length ? String(offset + limit) : undefined,
    };
  }

  async getSpec(name: string): Promise<SpecDetail> {
    this.#record('getSpec', name);
    const spec = this.specs.find(s => s.name === name);
    if (!spec) throw new NotFoundError(`No spec named '${name}'`);
    return {
      ...spec,
      markdown: this.markdown.get(name) ?? `# Spec: ${spec.document.title}`,
      history: [
        { from: null, to: 'draft', observedAt: '2026-01-05T10:00:00Z' },
        ...(spec.document.status !== 'draft'
          ? [
              {
                from: 'draft' as const,
                to: spec.document.status,
                observedAt: spec.statusChangedAt,
              },
            ]
          : []),
      ],
      location: this.location,
    };
  }

  async getEntitySpecs(entityRef: string): Promise<EntitySpecsResponse> {
    this.#record('getEntitySpecs', entityRef);
    return {
      items: this.specs.filter(s => s.componentRef === entityRef),
      location: this.location,
    };
  }

  async getSummary(options: { entityRef?: string } = {}): Promise<SpecSummary> {
    this.#record('getSummary', options);
    const specs = this.specs.filter(
      s => !options.entityRef || s.componentRef === options.entityRef,
    );
    const byStatus = {
      draft: 0,
      'in-review': 0,
      approved: 0,
      implemented: 0,
      superseded: 0,
      rejected: 0,
      unknown: 0,
    };
    const costByStatus = { ...byStatus };
    const byBlastRadius = {
      low: 0,
      medium: 0,
      high: 0,
      critical: 0,
      unknown: 0,
    };
    const byOwner = new Map<string, number>();
    const byComponent = new Map<string, number>();
    const estimatedByStatus = { ...byStatus };
    const estimatedCountByStatus = { ...byStatus };
    const estimatedByOwner = new Map<string, number>();
    const byCostDrift = { over: 0, under: 0, ok: 0 };
    let estimated = 0;
    for (const s of specs) {
      const estimate = s.document.cost.estimate;
      if (estimate) {
        estimated += 1;
        estimatedCountByStatus[s.document.status] += 1;
        estimatedByStatus[s.document.status] += estimate.monthlyDelta;
        estimatedByOwner.set(
          s.ownerRef,
          (estimatedByOwner.get(s.ownerRef) ?? 0) + estimate.monthlyDelta,
        );
      }
      if (s.document.cost.drift) byCostDrift[s.document.cost.drift] += 1;
    }
    for (const s of specs) {
      const delta = s.document.cost.monthlyDelta ?? 0;
      byStatus[s.document.status] += 1;
      costByStatus[s.document.status] += delta;
      byBlastRadius[s.document.impact.blastRadius.level] += 1;
      byOwner.set(s.ownerRef, (byOwner.get(s.ownerRef) ?? 0) + delta);
      byComponent.set(
        s.componentRef,
        (byComponent.get(s.componentRef) ?? 0) + delta,
      );
    }
    return {
      total: specs.length,
      byStatus,
      byBlastRadius,
      monthlyCostDeltaByStatus: costByStatus,
      monthlyCostDeltaByOwner: [...byOwner].map(([ownerRef, v]) => ({
        ownerRef,
        monthlyCostDelta: v,
      })),
      monthlyCostDeltaByComponent: [...byComponent].map(
        ([componentRef, v]) => ({ componentRef, monthlyCostDelta: v }),
      ),
      currency: 'USD',
      ...(this.withoutEvidenceSummary
        ? {}
        : {
            estimated: {
              count: estimated,
              byStatus: estimatedCountByStatus,
              monthlyCostDeltaByStatus: estimatedByStatus,
              monthlyCostDeltaByOwner: [...estimatedByOwner].map(
                ([ownerRef, v]) => ({ ownerRef, monthlyCostDelta: v }),
              ),
              currency: 'USD',
            },
            byCostDrift,
          }),
    };
  }

  async refresh(
    options: { entityRef?: string } = {},
  ): Promise<RefreshResponse> {
    this.#record('refresh', options);
    return { locations: this.location ? [this.location] : [] };
  }

  async getNextId(prefix: string): Promise<NextIdResponse> {
    this.#record('getNextId', prefix);
    return { id: `${prefix}-0001` };
  }

  #record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
    if (this.failWith) throw this.failWith;
  }
}
