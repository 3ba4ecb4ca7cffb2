import { parseSpec } from '../parser/parseSpec';
import { lintSpecSet } from './lintSpecSet';

const spec = (id: string, status: string, title = 'Thing') =>
  parseSpec(`# Spec: ${title}\n\n**Spec ID**: ${id}\n**Status**: ${status}\n`);

describe('lintSpecSet', () => {
  it('flags every spec sharing an id, naming the others, case-insensitively', () => {
    const result = lintSpecSet([
      { path: 'a/spec.md', document: spec('SPEC-007', 'implemented', 'A') },
      { path: 'b/spec.md', document: spec('spec-007', 'implemented', 'B') },
      { path: 'c/spec.md', document: spec('SPEC-007', 'implemented', 'C') },
      { path: 'd/spec.md', document: spec('SPEC-008', 'implemented') },
    ]);
    expect(result.get('a/spec.md')).toEqual([
      {
        severity: 'warning',
        line: 3,
        code: 'duplicate-id',
        message: 'Id SPEC-007 is also used by b/spec.md, c/spec.md',
      },
    ]);
    expect(result.get('b/spec.md')?.[0].message).toBe(
      'Id spec-007 is also used by a/spec.md, c/spec.md',
    );
    expect(result.get('d/spec.md')).toEqual([]);
  });

  it('flags unfinished statuses in finished folders, and only those', () => {
    const result = lintSpecSet([
      { path: 'done/2026-Q3/a/spec.md', document: spec('SPEC-1', 'draft') },
      { path: 'specs/completed/b.md', document: spec('SPEC-2', 'In Review') },
      { path: 'Archive/c.md', document: spec('SPEC-3', 'approved') },
      { path: 'done/d.md', document: spec('SPEC-4', 'implemented') },
      { path: 'done/e.md', document: spec('SPEC-5', 'superseded') },
      { path: 'active/f.md', document: spec('SPEC-6', 'draft') },
      { path: 'specs/done-ish/g.md', document: spec('SPEC-7', 'draft') },
    ]);
    const flagged = [...result]
      .filter(([, ds]) => ds.length > 0)
      .map(([p]) => p);
    expect(flagged).toEqual([
      'done/2026-Q3/a/spec.md',
      'specs/completed/b.md',
      'Archive/c.md',
    ]);
    expect(result.get('specs/completed/b.md')).toEqual([
      {
        severity: 'warning',
        line: 4,
        code: 'status-location-mismatch',
        message:
          "Status is 'in-review' but the spec sits in the 'completed/' folder of finished specs",
      },
    ]);
  });

  it('flags a spec of unknown status in a finished folder too: it is open (isOpenStatus)', () => {
    const result = lintSpecSet([
      { path: 'done/h.md', document: spec('SPEC-8', 'whatever') },
    ]);
    expect(result.get('done/h.md')?.map(d => d.code)).toEqual([
      'status-location-mismatch',
    ]);
  });

  it('ignores files that are not specs', () => {
    const plan = parseSpec(
      '# Plan: Thing\n\n**Spec ID**: SPEC-1\n**Status**: draft\n',
    );
    const result = lintSpecSet([
      { path: 'done/x/spec.md', document: spec('SPEC-1', 'implemented') },
      { path: 'done/x/plan.md', document: plan },
    ]);
    expect(result.get('done/x/spec.md')).toEqual([]);
    expect(result.get('done/x/plan.md')).toEqual([]);
  });
});
