import { fixture } from '../__testUtils__/fixtures';
import { parseSpec } from '../parser/parseSpec';
import { isSpecFile } from './isSpecFile';

const spec = parseSpec(fixture('infrastructure-change.md'));

describe('isSpecFile', () => {
  it('accepts recognised specs in both layouts and in done/ folders', () => {
    expect(isSpecFile('docs/specs/SPEC-0042-eks.md', spec)).toBe(true);
    expect(isSpecFile('docs/specs/012-kvstore/spec.md', spec)).toBe(true);
    expect(
      isSpecFile('docs/specs/done/2026-Q3/012-kvstore/spec.md', spec),
    ).toBe(true);
    expect(isSpecFile('C:\\repo\\docs\\specs\\x.markdown', spec)).toBe(true);
  });

  it.each([
    'docs/specs/012-kvstore/plan.md',
    'docs/specs/012-kvstore/clarifications.md',
    'docs/specs/012-kvstore/tasks.md',
    'docs/specs/012-kvstore/SUMMARY.md',
    'docs/specs/README.md',
    'docs/platform-constitution.md',
    'docs/specs/constitution.md',
    'docs/specs/templates/spec-infrastructure.md',
    'docs/specs/spec.txt',
  ])('rejects %s whatever it contains', path => {
    expect(isSpecFile(path, spec)).toBe(false);
  });

  it('rejects unrecognised markdown and blank templates', () => {
    expect(
      isSpecFile(
        'docs/specs/notes.md',
        parseSpec('# Meeting notes\n\nNothing.\n'),
      ),
    ).toBe(false);
    expect(
      isSpecFile(
        'docs/specs/new.md',
        parseSpec(fixture('seeds/infrastructure-change.md')),
      ),
    ).toBe(false);
    expect(
      isSpecFile(
        'docs/specs/new.md',
        parseSpec(fixture('seeds/smaqit-infrastructure.md')),
      ),
    ).toBe(false);
    expect(isSpecFile('docs/specs/empty.md', parseSpec(''))).toBe(false);
  });

  it('keeps a spec whose only gap is its id', () => {
    const noId = parseSpec(
      '# Spec: Rotate certificates\n\n**Status**: draft\n\n## Summary\n\nRotate.\n',
    );
    expect(noId.blank).toBe(false);
    expect(isSpecFile('docs/specs/rotate.md', noId)).toBe(true);
  });
});
