/*
 * Deterministic spec folders for the index benchmark: N components x M specs in the three
 * formats, filled-in (no placeholders), with the usual companions (README, plan.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, deterministic. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['Draft', 'In Review', 'Approved', 'Implemented', 'Superseded', 'Rejected'];
const BLAST = ['Low', 'Medium', 'High', 'Critical'];
const ROLLBACK = ['Easy', 'Moderate', 'Complex', 'Irreversible'];
const DOWNTIME = ['None', 'Maintenance Window', 'Full Outage'];
const TOPICS = [
  'NAT gateway per AZ',
  'EKS upgrade',
  'Aurora major version upgrade',
  'VPC flow logs',
  'Karpenter migration',
  'Loki retention',
  'Redis cluster mode',
  'Transit gateway attachment',
  'GPU node pool',
  'Secrets rotation',
];

type Pick = <T>(items: T[]) => T;

function changeSpec(id: string, title: string, pick: Pick, rnd: () => number) {
  const cost = Math.round(rnd() * 2000 - 500);
  const status = pick(STATUSES);
  return `# Spec: ${title}

**Spec ID**: ${id}
**GitHub Issue**: [#${Math.floor(rnd() * 2000)}](https://github.com/example-org/infra/issues/1)
**Status**: ${status}
**Author**: Jane Doe
**Created**: 2026-0${1 + Math.floor(rnd() * 8)}-1${Math.floor(rnd() * 9)}
**Last Updated**: 2026-0${1 + Math.floor(rnd() * 8)}-2${Math.floor(rnd() * 8)}

---

## Summary

${title} for the production environment, generated for the benchmark.

---

## Motivation

### Problem Statement

The current setup of ${title.toLowerCase()} does not survive the loss of one availability zone and
costs more than planned. This spec changes it in a way that can be rolled out without downtime.

### Impact Assessment

| Aspect | Assessment |
|--------|------------|
| **Blast Radius** | ${pick(BLAST)} — workloads of this component during the switch |
| **Rollback Complexity** | ${pick(ROLLBACK)} |
| **Downtime Required** | ${pick(DOWNTIME)} |
| **Cost Impact** | ${cost >= 0 ? '+' : '-'}$${Math.abs(cost)}/month |

### Functional Requirements

- **FR-001**: Infrastructure MUST run one instance per availability zone.
- **FR-002**: Infrastructure MUST keep existing endpoints stable.
- **FR-003**: Infrastructure SHOULD alarm on saturation.

### Success Criteria

- **SC-001**: A simulated zone loss leaves the other zones working.
- **SC-002**: Monthly cost stays within the estimate.

---

## Implementation Plan

### Phase 1: Preparation

- [x] Create feature branch
- [${rnd() > 0.5 ? 'x' : ' '}] Add OpenTofu configuration

### Phase 2: Apply

- [ ] Apply to staging first
- [ ] Apply to production

---

## Cost Impact

| Resource | Monthly Cost | Notes |
|----------|--------------|-------|
| Compute | $${Math.abs(cost)} | On-demand |
| **Total Delta** | **${cost >= 0 ? '+' : '-'}$${Math.abs(cost)}** | |

---

## Validation Checklist

- [x] \`tofu validate\` passes
- [${rnd() > 0.5 ? 'x' : ' '}] \`trivy config\` shows no critical issues
- [ ] Peer review completed
`;
}

function featureSpec(id: string, title: string, pick: Pick, rnd: () => number) {
  return `# Specification: ${id} ${title}

**Template Type**: Infrastructure Feature
**Complexity Level**: ${1 + Math.floor(rnd() * 3)}
**Status**: ${pick(STATUSES).toLowerCase()}

---

## 1. Context & Goals

**Problem Statement**: ${title} is needed to scale the platform.

**Motivation**: Reliability and cost.

**Success Metrics**: 99.95% uptime, p95 latency under 200 ms.

---

## 2. Architecture

### Changes Summary

| Component | Current | Proposed | Reason |
|-----------|---------|----------|--------|
| Cluster | single AZ | three AZ | resilience |

---

## 4. Deployment Strategy

### Rollout Plan

- **Strategy**: Canary
- **Rollback trigger**: error rate above 1%
- **Rollback steps**: revert the Helm release

---

## 6. Acceptance Criteria

- [x] Deployed to staging and passing all health checks
- [${rnd() > 0.5 ? 'x' : ' '}] Load tested at expected peak traffic
- [ ] Rollback tested and verified
- [ ] Monitoring and alerting in place
`;
}

function smaqitSpec(id: string, title: string, pick: Pick) {
  return `---
id: ${id}
status: ${pick(STATUSES).toLowerCase()}
created: 2026-03-01T10:00:00Z
prompt_version: 3f2a1bc
---

# ${title}

## Scope

### Included

${title} for every production cluster.

### Excluded

Development clusters.

## Acceptance Criteria

- [x] INF-${id.slice(4)}-001: The resource exists in every region
- [ ] INF-${id.slice(4)}-002: Alerts fire on failure

---
*Generated with smaqit*
`;
}

export interface GeneratedCatalog {
  root: string;
  components: Array<{ name: string; dir: string }>;
  specCount: number;
}

/** Writes `components` folders of `specsPerComponent` specs each under `root`. */
export function generate(root: string, components: number, specsPerComponent: number): GeneratedCatalog {
  const rnd = random(20260601);
  const pick: Pick = items => items[Math.floor(rnd() * items.length)];
  const out: GeneratedCatalog = { root, components: [], specCount: 0 };
  let specNumber = 1;
  for (let c = 0; c < components; c++) {
    const name = `svc-${String(c).padStart(4, '0')}`;
    const dir = join(root, name, 'docs', 'specs');
    mkdirSync(join(dir, 'done'), { recursive: true });
    writeFileSync(join(dir, 'README.md'), `# Specs of ${name}\n\nHow we write specs here.\n`);
    for (let s = 0; s < specsPerComponent; s++) {
      const title = `${pick(TOPICS)} ${c}-${s}`;
      const kind = rnd();
      let file: string;
      let content: string;
      if (kind < 0.6) {
        const id = `SPEC-${String(specNumber++).padStart(4, '0')}`;
        file = s === 0 ? `done/${id}.md` : `${id}.md`;
        content = changeSpec(id, title, pick, rnd);
      } else if (kind < 0.85) {
        const id = `FEAT-${String(specNumber++).padStart(3, '0')}`;
        mkdirSync(join(dir, id), { recursive: true });
        writeFileSync(join(dir, id, 'plan.md'), `# Plan for ${id}\n\n1. Do it.\n`);
        file = `${id}/spec.md`;
        content = featureSpec(id, title, pick, rnd);
      } else {
        const id = `INF-C${c}S${s}`;
        file = `${id}.md`;
        content = smaqitSpec(id, title, pick);
      }
      writeFileSync(join(dir, file), content);
      out.specCount += 1;
    }
    out.components.push({ name, dir });
  }
  return out;
}
