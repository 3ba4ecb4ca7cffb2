/*
 * Property tests: the readers never throw on any JSON or text, and whatever they return checks
 * into a document valid against specDocumentSchema. Random JSON, and random edits of the real
 * fixtures (fields deleted, replaced by other JSON values, texts cut short).
 */
import Ajv from 'ajv';
import fc from 'fast-check';
import { fixture } from '../__testUtils__/fixtures';
import { propertyParameters } from '../__testUtils__/propertySeed';
import { parseSpec } from '../parser/parseSpec';
import { specDocumentSchema } from '../schema/specDocumentSchema';
import { readInfracostEstimate } from './infracost';
import { readTerraformPlan } from './terraformPlan';

const validate = new Ajv({ allErrors: true }).compile(specDocumentSchema);
const SPEC = fixture('evidence/spec.md');
const FIXTURES = [
  'infracost-agreeing.json',
  'infracost-drifting.json',
  'infracost-multi-project.json',
  'infracost-null-costs.json',
  'plan-replace-db.json',
  'plan-no-changes.json',
].map(name => fixture(`evidence/${name}`));

function check(text: string) {
  const estimate = readInfracostEstimate(text, 'infracost.json');
  const plan = readTerraformPlan(text, 'plan.json');
  for (const result of [estimate, plan])
    expect('diagnostic' in result || 'value' in result).toBe(true);
  const doc = parseSpec(SPEC, { evidence: { estimate, plan } });
  expect(doc.diagnostics.map(d => d.code)).not.toContain('internal-error');
  expect(validate(doc)).toBe(true);
}

/** Sets `path` (a list of keys) in a copy of `value` to `replacement`, or deletes it. */
function edit(
  value: unknown,
  path: string[],
  replacement: unknown,
  remove: boolean,
): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null)
    return remove ? undefined : replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...value };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const key = keys[path[0].length % keys.length];
  const next = edit(
    (copy as Record<string, unknown>)[key],
    path.slice(1),
    replacement,
    remove,
  );
  if (next === undefined && !Array.isArray(copy))
    delete (copy as Record<string, unknown>)[key];
  else (copy as Record<string, unknown>)[key] = next;
  return copy;
}

describe('evidence readers (properties)', () => {
  it('never throw on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), value =>
        expect(() => check(JSON.stringify(value))).not.toThrow(),
      ),
      propertyParameters({ numRuns: 200 }),
    );
  });

  it('never throw on edited fixtures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(
          fc.record({
            path: fc.array(fc.string({ maxLength: 6 }), {
              minLength: 1,
              maxLength: 6,
            }),
            replacement: fc.jsonValue({ maxDepth: 2 }),
            remove: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (text, edits) => {
          let value: unknown = JSON.parse(text);
          for (const e of edits)
            value = edit(value, e.path, e.replacement, e.remove);
          expect(() => check(JSON.stringify(value) ?? 'null')).not.toThrow();
        },
      ),
      propertyParameters({ numRuns: 150 }),
    );
  });

  it('never throw on cut or arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.nat(),
        fc.string({ maxLength: 200 }),
        (text, cut, tail) =>
          expect(() =>
            check(text.slice(0, cut % text.length) + tail),
          ).not.toThrow(),
      ),
      propertyParameters({ numRuns: 150 }),
    );
  });
});
