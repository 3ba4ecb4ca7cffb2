import type {
  SpecDiagnostic,
  SpecDocument,
  SpecRecord,
  SpecStatus,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** A complete, valid SpecDocument with the given overrides. */
export function makeDocument(overrides: Partial<SpecDocument> = {}): SpecDocument {
  return {
    id: 'SPEC-0101',
    title: 'NAT gateway per availability zone',
    format: 'infrastructure-change',
    status: 'in-review',
    statusText: 'In Review',
    complexity: null,
    author: 'Jane Doe',
    created: '2026-10-27',
    updated: '2026-11-16',
    issue: 'https://github.com/example-org/network-vpc/issues/412',
    impact: {
      blastRadius: { level: 'high', text: 'High — egress of every private subnet' },
      rollback: 'easy',
      downtime: 'none',
    },
    cost: {
      monthlyDelta: 98.55,
      currency: 'USD',
      items: [{ resource: 'NAT Gateway', monthly: 65.7, notes: 'Two more' }],
    },
    acceptance: { total: 5, done: 2 },
    checklists: { total: 40, done: 25 },
    openClarifications: [],
    requirements: ['FR-001', 'FR-002'],
    successCriteria: ['SC-001'],
    diagnostics: [],
    ...overrides,
  };
}

/** A stored spec of the network-vpc component, read from GitHub. */
export function makeRecord(options: {
  name: string;
  status: SpecStatus;
  diagnostics?: SpecDiagnostic[];
}): SpecRecord {
  const path = `${options.name}.md`;
  return {
    name: options.name,
    entityRef: `spec:default/${options.name}`,
    componentRef: 'component:default/network-vpc',
    ownerRef: 'group:default/platform-team',
    path,
    locationTarget: 'https://github.com/example-org/network-vpc/tree/main/docs/specs',
    viewUrl: `https://github.com/example-org/network-vpc/blob/main/docs/specs/${path}`,
    document: makeDocument({
      status: options.status,
      diagnostics: options.diagnostics ?? [],
    }),
    indexedAt: '2026-11-20T09:00:00.000Z',
    contentChangedAt: '2026-11-20T09:00:00.000Z',
    statusChangedAt: '2026-11-20T09:00:00.000Z',
    removedAt: null,
  };
}
