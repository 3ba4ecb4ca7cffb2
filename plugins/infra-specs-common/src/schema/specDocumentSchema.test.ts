import Ajv from 'ajv';
import { fixture } from '../__testUtils__/fixtures';
import { parseSpec } from '../parser/parseSpec';
import { specDocumentSchema } from './specDocumentSchema';

const validate = new Ajv({ allErrors: true }).compile(specDocumentSchema);

describe('specDocumentSchema', () => {
  it.each([
    'infrastructure-change.md',
    'infrastructure-feature.md',
    'smaqit-infrastructure.md',
    'seeds/infrastructure-change.md',
    'seeds/infrastructure-feature.md',
    'seeds/smaqit-infrastructure.md',
  ])('accepts the parsed %s', name => {
    const doc = parseSpec(fixture(name));
    expect(validate(doc)).toBe(true);
    expect(validate.errors ?? null).toBeNull();
  });

  it('accepts the documents of bad input', () => {
    for (const text of ['', '\u0000\u0001', '---\nid: [x\n---\n'])
      expect(validate(parseSpec(text))).toBe(true);
  });

  it('rejects documents that break the contract', () => {
    const doc = parseSpec(fixture('infrastructure-change.md'));
    expect(validate({ ...doc, status: 'finished' })).toBe(false);
    expect(validate({ ...doc, created: '05/01/2026' })).toBe(false);
    expect(
      validate({ ...doc, cost: { ...doc.cost, currency: 'dollars' } }),
    ).toBe(false);
    expect(validate({ ...doc, requirements: ['REQ-1'] })).toBe(false);
    expect(
      validate({
        ...doc,
        diagnostics: [
          { severity: 'fatal', line: 0, code: 'Bad Code', message: '' },
        ],
      }),
    ).toBe(false);
    expect(validate({ ...doc, extra: true })).toBe(false);
    const { title, ...untitled } = doc;
    expect(validate(untitled)).toBe(false);
  });
});
