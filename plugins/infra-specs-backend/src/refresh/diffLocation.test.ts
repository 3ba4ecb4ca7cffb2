import type { SpecDiagnostic } from '@infra-specs/backstage-plugin-infra-specs-common';
import { makeDocument } from '../__testUtils__/documents';
import type {
  LocationChanges,
  LocationSync,
  SpecWrite,
  StoredSpecState,
} from '../database/SpecStore';
import { diffLocation } from './diffLocation';

const OWNER = 'group:default/team-a';
const TARGET = 'https://git.example.com/acme/a/tree/main/specs';
const DUPLICATE: SpecDiagnostic = {
  severity: 'warning',
  line: 1,
  code: 'duplicate-id',
  message: 'dup',
};

/** A stored spec `name` at `name.md`, hash `h-name`, status draft, as the last read left it. */
function stored(
  name: string,
  overrides: Partial<StoredSpecState> = {},
): StoredSpecState {
  return {
    name,
    path: `${name}.md`,
    status: 'draft',
    contentHash: `h-${name}`,
    ownerRef: OWNER,
    locationTarget: TARGET,
    viewUrl: `${TARGET}/${name}.md`,
    setDiagnostics: [],
    removedAt: null,
    ...overrides,
  };
}

/** The file of `name` unchanged since `stored(name)`. */
function same(name: string, overrides: Partial<SpecWrite> = {}): SpecWrite {
  return {
    name,
    path: `${name}.md`,
    viewUrl: `${TARGET}/${name}.md`,
    ...overrides,
  };
}

/** The file of `name` with new content (`hash`) and this status and id. */
function edited(
  name: string,
  options: {
    hash?: string;
    status?: 'draft' | 'approved';
    id?: string | null;
  } = {},
  overrides: Partial<SpecWrite> = {},
): SpecWrite {
  const document = makeDocument({
    id: options.id === undefined ? 'SPEC-0001' : options.id,
    status: options.status ?? 'draft',
  });
  return {
    ...same(name),
    setDiagnostics: [],
    content: {
      markdown: `# ${name}`,
      contentHash: options.hash ?? `h2-${name}`,
      document,
    },
    ...overrides,
  };
}

function syncOf(
  specs: SpecWrite[],
  overrides: Partial<LocationSync> = {},
): LocationSync {
  return {
    componentRef: 'component:default/a',
    target: TARGET,
    ownerRef: OWNER,
    etag: 'e1',
    parserFingerprint: 'p1',
    at: '2026-03-01T00:00:00.000Z',
    specs,
    otherFiles: {},
    warnings: [],
    ...overrides,
  };
}

/** The parts of a plan a case checks: names of inserts and patches, the patched fields. */
function summarize(changes: LocationChanges) {
  return {
    inserts: changes.inserts.map(i => i.name),
    patches: changes.patches.map(({ content, ...rest }) => ({
      ...rest,
      ...(content
        ? {
            content: {
              status: content.document.status,
              statusChanged: content.statusChanged,
            },
          }
        : {}),
    })),
    removals: changes.removals,
    history: changes.history,
    seenIds: changes.seenIds,
    statusChanges: changes.statusChanges,
  };
}

const NOTHING = {
  inserts: [],
  patches: [],
  removals: [],
  history: [],
  seenIds: [],
  statusChanges: 0,
};

describe('diffLocation', () => {
  it.each<
    [
      string,
      StoredSpecState[],
      LocationSync,
      Partial<ReturnType<typeof summarize>>,
    ]
  >([
    ['an empty location stays empty', [], syncOf([]), {}],
    [
      'a new file is added with its first status in the history',
      [],
      syncOf([edited('s1', { status: 'approved', id: 'SPEC-0042' })]),
      {
        inserts: ['s1'],
        history: [{ name: 's1', from: null, to: 'approved' }],
        seenIds: ['SPEC-0042'],
      },
    ],
    [
      'an unchanged file changes nothing',
      [stored('s1')],
      syncOf([same('s1')]),
      {},
    ],
    [
      'content with the stored hash is not new content',
      [stored('s1')],
      syncOf([edited('s1', { hash: 'h-s1' })]),
      { seenIds: ['SPEC-0001'] },
    ],
    [
      'new content with the same status is a change without history',
      [stored('s1')],
      syncOf([edited('s1')]),
      {
        patches: [
          { name: 's1', content: { status: 'draft', statusChanged: false } },
        ],
        seenIds: ['SPEC-0001'],
      },
    ],
    [
      'a new status goes into the history',
      [stored('s1')],
      syncOf([edited('s1', { status: 'approved' })]),
      {
        patches: [
          { name: 's1', content: { status: 'approved', statusChanged: true } },
        ],
        history: [{ name: 's1', from: 'draft', to: 'approved' }],
        seenIds: ['SPEC-0001'],
        statusChanges: 1,
      },
    ],
    [
      'new location lint on an unchanged file is a change',
      [stored('s1')],
      syncOf([same('s1', { setDiagnostics: [DUPLICATE] })]),
      { patches: [{ name: 's1', setDiagnostics: [DUPLICATE] }] },
    ],
    [
      'the same location lint is no change',
      [stored('s1', { setDiagnostics: [DUPLICATE] })],
      syncOf([same('s1', { setDiagnostics: [DUPLICATE] })]),
      {},
    ],
    [
      'no location lint (not run) keeps the stored one',
      [stored('s1', { setDiagnostics: [DUPLICATE] })],
      syncOf([same('s1')]),
      {},
    ],
    [
      'a moved file keeps its name and gets the new path',
      [stored('s1')],
      syncOf([
        same('s1', { path: 'done/s1.md', viewUrl: `${TARGET}/done/s1.md` }),
      ]),
      {
        patches: [
          { name: 's1', path: 'done/s1.md', viewUrl: `${TARGET}/done/s1.md` },
        ],
      },
    ],
    [
      'a new owner of the component moves to its specs',
      [stored('s1')],
      syncOf([same('s1')], { ownerRef: 'group:default/team-b' }),
      { patches: [{ name: 's1', ownerRef: 'group:default/team-b' }] },
    ],
    [
      'another folder of the component moves to its specs',
      [stored('s1')],
      syncOf([same('s1')], { target: 'dir:/srv/specs' }),
      { patches: [{ name: 's1', locationTarget: 'dir:/srv/specs' }] },
    ],
    [
      'a vanished file is removed',
      [stored('s1'), stored('s2')],
      syncOf([same('s1')]),
      { removals: ['s2'] },
    ],
    [
      'a spec removed before is not removed again',
      [stored('s1', { removedAt: '2026-02-01T00:00:00.000Z' })],
      syncOf([]),
      {},
    ],
    [
      'a removed spec whose file is back is restored, keeping its history',
      [stored('s1', { removedAt: '2026-02-01T00:00:00.000Z' })],
      syncOf([same('s1')]),
      { patches: [{ name: 's1', restored: true }] },
    ],
    [
      'several changes at once, in file order',
      [stored('s1'), stored('s2'), stored('s3')],
      syncOf([
        edited('s3', { status: 'approved', id: 'SPEC-0003' }),
        edited('s0', { id: null }),
        same('s1'),
      ]),
      {
        inserts: ['s0'],
        patches: [
          { name: 's3', content: { status: 'approved', statusChanged: true } },
        ],
        removals: ['s2'],
        history: [
          { name: 's3', from: 'draft', to: 'approved' },
          { name: 's0', from: null, to: 'draft' },
        ],
        seenIds: ['SPEC-0003'],
        statusChanges: 1,
      },
    ],
  ])('%s', (_title, before, sync, expected) => {
    expect(summarize(diffLocation(before, sync))).toEqual({
      ...NOTHING,
      ...expected,
    });
  });

  it('inserts carry their content and location lint; changed content keeps the stored lint when none ran', () => {
    const added = edited('s2', {}, { setDiagnostics: undefined });
    const changed = edited('s1', {}, { setDiagnostics: undefined });
    const changes = diffLocation(
      [stored('s1', { setDiagnostics: [DUPLICATE] })],
      syncOf([changed, added]),
    );
    expect(changes.inserts).toEqual([
      {
        name: 's2',
        path: 's2.md',
        viewUrl: `${TARGET}/s2.md`,
        content: { ...added.content, setDiagnostics: [] },
      },
    ]);
    expect(changes.patches[0].content).toEqual({
      ...changed.content,
      setDiagnostics: [DUPLICATE],
      statusChanged: false,
    });
  });

  it('refuses a new spec without content', () => {
    expect(() => diffLocation([], syncOf([same('s1')]))).toThrow(
      'Spec s1 is new but came without content',
    );
  });
});
