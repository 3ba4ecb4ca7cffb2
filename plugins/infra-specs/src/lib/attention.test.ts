import { makeSpec } from '../__testUtils__/specs';
import { specsNeedingAttention } from './attention';

const now = new Date('2026-03-01T12:00:00Z');

describe('specsNeedingAttention', () => {
  it('lists errors, open clarifications and long reviews with their reasons', () => {
    const fine = makeSpec({ name: 'fine', document: { status: 'approved' } });
    const error = makeSpec({
      name: 'error',
      document: {
        diagnostics: [
          { severity: 'error', line: 1, code: 'a', message: 'x' },
          { severity: 'error', line: 2, code: 'b', message: 'y' },
          { severity: 'warning', line: 3, code: 'c', message: 'z' },
        ],
      },
    });
    const questions = makeSpec({
      name: 'questions',
      document: { openClarifications: ['Which region?'] },
    });
    const staleReview = makeSpec({
      name: 'stale',
      document: { status: 'in-review' },
      statusChangedAt: '2026-02-01T12:00:00Z',
    });
    const freshReview = makeSpec({
      name: 'fresh',
      document: { status: 'in-review' },
      statusChangedAt: '2026-02-20T12:00:00Z',
    });
    const result = specsNeedingAttention(
      [fine, questions, freshReview, staleReview, error],
      now,
    );
    expect(result.map(r => [r.spec.name, r.reasons])).toEqual([
      ['error', ['2 errors']],
      ['stale', ['in review for 28 days']],
      ['questions', ['1 open clarification']],
    ]);
  });

  it('counts review time from the status change, exactly 14 days is not yet stale', () => {
    const at14 = makeSpec({
      name: 'at14',
      document: { status: 'in-review' },
      statusChangedAt: '2026-02-15T12:00:00Z',
    });
    const at15 = makeSpec({
      name: 'at15',
      document: { status: 'in-review' },
      statusChangedAt: '2026-02-14T11:00:00Z',
    });
    expect(
      specsNeedingAttention([at14, at15], now).map(r => r.spec.name),
    ).toEqual(['at15']);
  });

  it('ignores removed specs and unreadable timestamps', () => {
    const removed = makeSpec({
      document: { openClarifications: ['x'] },
      removedAt: '2026-02-01T00:00:00Z',
    });
    const badDate = makeSpec({
      document: { status: 'in-review' },
      statusChangedAt: 'nope',
    });
    expect(specsNeedingAttention([removed, badDate], now)).toEqual([]);
  });
});
