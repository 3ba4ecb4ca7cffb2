import { evidenceTargetsOf } from './targets';

const linked = (
  ...links: Array<['estimate' | 'plan', string]>
): {
  evidence: Array<{ kind: 'estimate' | 'plan'; target: string; line: number }>;
} => ({
  evidence: links.map(([kind, target], i) => ({ kind, target, line: 10 + i })),
});

describe('evidenceTargetsOf', () => {
  it('resolves links against the folder of the spec', () => {
    expect(
      evidenceTargetsOf(
        linked(
          ['estimate', './infracost.json'],
          ['plan', '../../plans/107%20db.json'],
        ),
        'docs/specs/107-payments-db/spec.md',
      ),
    ).toEqual([
      {
        kind: 'estimate',
        source: 'docs/specs/107-payments-db/infracost.json',
        url: false,
        line: 10,
      },
      { kind: 'plan', source: 'docs/plans/107 db.json', url: false, line: 11 },
    ]);
  });

  it('keeps URLs, reads `/` links from the root, and drops query and fragment of paths', () => {
    expect(
      evidenceTargetsOf(
        linked(
          ['estimate', 'https://ci.example.com/jobs/9/infracost.json?raw=1'],
          ['plan', '/evidence/plan.json#top'],
        ),
        'docs/specs/SPEC-0107.md',
      ),
    ).toEqual([
      {
        kind: 'estimate',
        source: 'https://ci.example.com/jobs/9/infracost.json?raw=1',
        url: true,
        line: 10,
      },
      { kind: 'plan', source: 'evidence/plan.json', url: false, line: 11 },
    ]);
  });

  it('takes infracost.json and plan.json beside a spec.md only, and a link wins', () => {
    const siblings = ['spec.md', 'plan.md', 'Infracost.json', 'plan.json'];
    expect(
      evidenceTargetsOf({ evidence: [] }, 'specs/012-kv/spec.md', siblings),
    ).toEqual([
      {
        kind: 'estimate',
        source: 'specs/012-kv/Infracost.json',
        url: false,
        line: null,
      },
      {
        kind: 'plan',
        source: 'specs/012-kv/plan.json',
        url: false,
        line: null,
      },
    ]);
    expect(
      evidenceTargetsOf(
        linked(['plan', './tfplan.json']),
        'specs/012-kv/spec.md',
        siblings,
      ),
    ).toEqual([
      {
        kind: 'estimate',
        source: 'specs/012-kv/Infracost.json',
        url: false,
        line: null,
      },
      {
        kind: 'plan',
        source: 'specs/012-kv/tfplan.json',
        url: false,
        line: 10,
      },
    ]);
    expect(
      evidenceTargetsOf(
        { evidence: [] },
        'docs/specs/SPEC-0107-db.md',
        siblings,
      ),
    ).toEqual([]);
    expect(evidenceTargetsOf({}, 'spec.md', ['plan.json'])).toEqual([
      { kind: 'plan', source: 'plan.json', url: false, line: null },
    ]);
  });

  it('handles Windows separators and absolute spec paths', () => {
    expect(
      evidenceTargetsOf(
        linked(['plan', '.\\out\\plan.json']),
        'C:\\repo\\specs\\spec.md',
      ),
    ).toEqual([
      {
        kind: 'plan',
        source: 'C:/repo/specs/out/plan.json',
        url: false,
        line: 10,
      },
    ]);
    expect(
      evidenceTargetsOf(
        linked(['plan', '../plan.json']),
        '/home/ci/repo/specs/a/spec.md',
      ),
    ).toEqual([
      {
        kind: 'plan',
        source: '/home/ci/repo/specs/plan.json',
        url: false,
        line: 10,
      },
    ]);
    expect(evidenceTargetsOf({}, '/repo/spec.md', ['plan.json'])).toEqual([
      { kind: 'plan', source: '/repo/plan.json', url: false, line: null },
    ]);
  });

  it('names the problem of a link it cannot follow', () => {
    const problem = (target: string, specPath = 'docs/specs/spec.md') =>
      evidenceTargetsOf(linked(['plan', target]), specPath)[0].problem;
    expect(problem('../../../plan.json')).toBe(
      'the path leaves the folder the spec docs/specs/spec.md is read from',
    );
    expect(problem('s3://bucket/plan.json')).toBe(
      "only http(s) URLs and relative paths are read, not 's3:' links",
    );
    expect(problem('file:///etc/plan.json')).toBe(
      "only http(s) URLs and relative paths are read, not 'file:' links",
    );
    expect(problem('C:\\plans\\plan.json')).toBe(
      'an absolute path of this machine is not read; link a path relative to the spec',
    );
    expect(problem('//server/share/plan.json')).toBe(
      'an absolute path of this machine is not read; link a path relative to the spec',
    );
    expect(problem('/plans/plan.json', '/home/ci/repo/spec.md')).toBe(
      "a link from the repository root needs the spec's path relative to that root, not /home/ci/repo/spec.md",
    );
    expect(problem('./plan.json')).toBeUndefined();
  });
});
