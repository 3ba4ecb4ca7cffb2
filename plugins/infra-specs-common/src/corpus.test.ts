/*
 * The real corpus (shared/corpus/real, spec folders of another repository, next to the repo
 * checkout): every file parses, each spec reads as what its authors wrote, companion files and
 * blank templates are not specs, and the set-wide checks flag what a reader of the folder sees.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { isSpecFile } from './lint/isSpecFile';
import { lintSpecSet } from './lint/lintSpecSet';
import type { SpecDocument } from './model/types';
import { parseSpec } from './parser/parseSpec';

const PACKAGE_DIR = resolve(__dirname, '..');
const CORPUS =
  process.env.INFRA_SPECS_CORPUS_DIR ??
  resolve(PACKAGE_DIR, '..', '..', '..', 'shared', 'corpus', 'real');
const present = existsSync(CORPUS);
if (!present) {
  // Straight to stderr: jest drops console output of a file whose tests are all skipped.
  process.stderr.write(
    `Real spec corpus not found at ${CORPUS} (set INFRA_SPECS_CORPUS_DIR); corpus tests skipped\n`,
  );
}
const describeCorpus = present ? describe : describe.skip;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const REF = 'cloud-native-ref';
const DONE = `${REF}/docs/specs/done`;

describeCorpus('real corpus', () => {
  const parsed = new Map<string, SpecDocument>();
  beforeAll(() => {
    for (const file of walk(CORPUS)) {
      const path = relative(CORPUS, file).split('\\').join('/');
      parsed.set(path, parseSpec(readFileSync(file, 'utf8'), { path }));
    }
  });
  const doc = (path: string) => {
    const found = parsed.get(path);
    if (!found) throw new Error(`corpus file missing: ${path}`);
    return found;
  };

  it('parses every file without an internal error', () => {
    expect(parsed.size).toBeGreaterThanOrEqual(45);
    for (const [path, document] of parsed) {
      expect({
        path,
        internal: document.diagnostics.filter(d => d.code === 'internal-error'),
      }).toEqual({
        path,
        internal: [],
      });
    }
  });

  it('reads every spec.md and the legacy single-file spec as infrastructure-change specs', () => {
    const specs = [...parsed.keys()]
      .filter(p => p.endsWith('/spec.md') || p.includes('/completed/'))
      .sort();
    expect(specs).toHaveLength(13);
    for (const path of specs) {
      const document = doc(path);
      expect({
        path,
        format: document.format,
        spec: isSpecFile(path, document),
      }).toEqual({
        path,
        format: 'infrastructure-change',
        spec: true,
      });
      expect(document.id).toMatch(/^SPEC-\d+$/);
      expect(document.created).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(document.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(document.requirements.length).toBeGreaterThanOrEqual(5);
      expect(document.successCriteria.length).toBeGreaterThanOrEqual(3);
      expect(document.diagnostics.filter(d => d.severity === 'error')).toEqual(
        [],
      );
    }
  });

  it('reads SPEC-0000 (done, migrated) with its dates and no issue', () => {
    const document = doc(`${DONE}/2024-Q1/0000-eks-pod-identity/spec.md`);
    expect(document).toMatchObject({
      id: 'SPEC-0000',
      title: 'EKS Pod Identity Composition',
      status: 'implemented',
      statusText: 'done',
      created: '2024-01-15',
      updated: '2026-04-18', // "2026-04-18 (migrated to 4-artifact structure)"
      issue: null, // "N/A (foundational composition, predates SDD workflow)"
      requirements: ['FR-001', 'FR-002', 'FR-003', 'FR-004', 'FR-005'],
      successCriteria: ['SC-001', 'SC-002', 'SC-003'],
      openClarifications: [],
      summary:
        'A Crossplane composition that provides secure AWS IAM access for Kubernetes pods using EKS Pod Identity, eliminating the need for long-lived credentials.',
    });
  });

  it('reads SPEC-001 ("TBD" issue, "None at this stage" questions)', () => {
    const document = doc(
      `${REF}/docs/specs/done/2026-Q2/0001-llm-platform-prometheus-autoscaling/spec.md`,
    );
    expect(document).toMatchObject({
      id: 'SPEC-001',
      title: 'vLLM autoscaling on production-realistic signals',
      status: 'implemented',
      created: '2026-05-07',
      updated: '2026-05-07',
      issue: null,
      openClarifications: [],
    });
    expect(document.requirements).toEqual([
      'FR-001',
      'FR-002',
      'FR-003',
      'FR-004',
      'FR-005',
      'FR-006',
    ]);
    expect(document.successCriteria).toHaveLength(7);
  });

  it('reads SPEC-002: issue link, one open question, CL-N lines resolved', () => {
    const document = doc(
      `${DONE}/2026-Q3/002-composition-owned-gateway-routing/spec.md`,
    );
    expect(document).toMatchObject({
      id: 'SPEC-002',
      title:
        'Composition-owned AI Gateway routing with weighted LoRA canary for InferenceService',
      status: 'draft',
      created: '2026-07-07',
      updated: '2026-07-07',
      issue: 'https://github.com/Smana/cloud-native-ref/issues/1558',
      checklists: { total: 1, done: 0 },
    });
    expect(document.requirements).toHaveLength(8);
    expect(document.successCriteria).toEqual([
      'SC-001',
      'SC-002',
      'SC-003',
      'SC-004',
      'SC-005',
      'SC-006',
    ]);
    expect(document.openClarifications).toHaveLength(1);
    expect(document.openClarifications[0]).toMatch(
      /^Observation \(non-blocking, resolved during T010 e2e\): do Envoy/,
    );
  });

  it('reads SPEC-004 and SPEC-011: NEEDS CLARIFICATION markers in open items', () => {
    const four = doc(
      `${DONE}/2026-Q3/004-per-inferenceservice-inferencepool-endpoint/spec.md`,
    );
    expect(four.requirements).toHaveLength(11);
    expect(four.requirements[10]).toBe('FR-011');
    expect(four.openClarifications).toHaveLength(1);
    expect(four.openClarifications[0]).toMatch(
      /^The GAIE v1\.5\.0 inferencepool chart does not expose/,
    );
    const eleven = doc(
      `${DONE}/2026-Q3/011-inferencepool-saturation-keda/spec.md`,
    );
    expect(eleven).toMatchObject({
      id: 'SPEC-011',
      title: 'Opt-in InferencePool saturation autoscaling (KEDA)',
      created: '2026-07-18',
      issue: 'https://github.com/Smana/cloud-native-ref/issues/1636',
    });
    expect(eleven.openClarifications).toHaveLength(3);
    expect(eleven.openClarifications[1]).toBe(
      'Default value for spec.scaling.saturationThreshold — needs empirical tuning; start conservative.',
    );
  });

  it('reads SPEC-003, SPEC-007 (twice), SPEC-008 and SPEC-009', () => {
    expect(
      doc(
        `${DONE}/2026-Q3/003-inferenceservice-spec-engineargs-escape/spec.md`,
      ),
    ).toMatchObject({
      id: 'SPEC-003',
      issue: 'https://github.com/Smana/cloud-native-ref/issues/1569',
      openClarifications: [], // "_None — all known unknowns resolved as CL-1…CL-4 below._"
    });
    const app = doc(
      `${DONE}/2026-Q3/007-app-composition-workload-types/spec.md`,
    );
    expect(app).toMatchObject({
      id: 'SPEC-007',
      issue: null,
      created: '2026-07-14',
      openClarifications: [],
    });
    expect(app.requirements).toHaveLength(13);
    const flux = doc(
      `${DONE}/2026-Q3/007-flux-schema-validation-replace/spec.md`,
    );
    expect(flux).toMatchObject({
      id: 'SPEC-007',
      title:
        'Flux schema validation — replace kubeconform/Datree, render Kustomize+Helm into one validated bundle',
      issue: 'https://github.com/Smana/cloud-native-ref/issues/1578',
      created: '2026-07-13',
    });
    expect(
      doc(`${DONE}/2026-Q3/008-app-wizard-self-service-ui/spec.md`)
        .requirements,
    ).toHaveLength(14);
    const nine = doc(`${DONE}/2026-Q3/009-app-wizard-oss-split/spec.md`);
    expect(nine).toMatchObject({
      id: 'SPEC-009',
      status: 'approved',
      statusText: 'approved',
    });
    expect(nine.requirements).toHaveLength(11); // NFR-001..003 are not FR ids
    expect(nine.successCriteria).toHaveLength(8);
  });

  it('reads the legacy single-file spec (full template: review checklists, validation)', () => {
    const document = doc(
      `${REF}/legacy/docs/specs/completed/0000-#0-eks-pod-identity-composition.md`,
    );
    expect(document).toMatchObject({
      id: 'SPEC-0000',
      title: 'EKS Pod Identity Composition',
      status: 'implemented',
      statusText: 'Implemented',
      author: 'Platform Team',
      created: '2024-01-15',
      updated: '2024-01-15',
      issue: null,
      acceptance: { total: 8, done: 8 }, // "## Validation" checklists
      checklists: { total: 27, done: 27 },
      requirements: ['FR-001', 'FR-002', 'FR-003', 'FR-004', 'FR-005'],
      successCriteria: ['SC-001', 'SC-002', 'SC-003'],
    });
  });

  it('does not take plans, clarifications, summaries, READMEs or blank templates for specs', () => {
    const notSpecs = [...parsed.keys()].filter(
      p => !(p.endsWith('/spec.md') || p.includes('/completed/')),
    );
    expect(
      notSpecs.filter(p => p.endsWith('plan.md')).length,
    ).toBeGreaterThanOrEqual(16);
    for (const path of notSpecs) {
      expect({ path, spec: isSpecFile(path, doc(path)) }).toEqual({
        path,
        spec: false,
      });
    }
    // The templates are recognised as the change format, and are blank.
    const template = doc(
      `${REF}/legacy/docs/specs/templates/spec-infrastructure.md`,
    );
    expect(template).toMatchObject({
      format: 'infrastructure-change',
      id: null,
      blank: true,
    });
    expect(isSpecFile('docs/specs/spec-infrastructure.md', template)).toBe(
      false,
    ); // blank even outside templates/
  });

  it('flags both SPEC-007 specs as duplicate ids, and drafts sitting in done/', () => {
    const underDocs = [...parsed]
      .filter(([p]) => p.startsWith(`${REF}/docs/`))
      .map(([path, document]) => ({ path, document }));
    const result = lintSpecSet(underDocs);
    const byCode = (code: string) =>
      [...result]
        .filter(([, ds]) => ds.some(d => d.code === code))
        .map(([p]) => p.replace(`${DONE}/`, ''));
    expect(byCode('duplicate-id').sort()).toEqual([
      '2026-Q3/007-app-composition-workload-types/spec.md',
      '2026-Q3/007-flux-schema-validation-replace/spec.md',
    ]);
    const dup = result
      .get(`${DONE}/2026-Q3/007-app-composition-workload-types/spec.md`)!
      .find(d => d.code === 'duplicate-id');
    expect(dup).toEqual({
      severity: 'warning',
      line: 3,
      code: 'duplicate-id',
      message: `Id SPEC-007 is also used by ${DONE}/2026-Q3/007-flux-schema-validation-replace/spec.md`,
    });
    // 002-008 (007 twice) and 011 say draft, 009 approved: all ten sit in done/.
    expect(byCode('status-location-mismatch')).toHaveLength(10);
    expect(byCode('status-location-mismatch')).not.toContain(
      '2024-Q1/0000-eks-pod-identity/spec.md',
    );

    // With the legacy folder in the same set, the migrated SPEC-0000 copy is a duplicate too.
    const all = lintSpecSet(
      [...parsed].map(([path, document]) => ({ path, document })),
    );
    const duplicates = [...all]
      .filter(([, ds]) => ds.some(d => d.code === 'duplicate-id'))
      .map(([p]) => p);
    expect(duplicates).toHaveLength(4);
    expect(duplicates).toContain(
      `${REF}/legacy/docs/specs/completed/0000-#0-eks-pod-identity-composition.md`,
    );
  });
});
