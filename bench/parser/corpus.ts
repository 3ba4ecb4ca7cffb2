/*
 * A deterministic corpus of spec documents in the three formats (seeded PRNG), shaped like the
 * demo specs: metadata header, prose, requirement lists, checklists, impact and cost tables, code
 * blocks; about one in twenty has a big table (a few hundred rows).
 */

/** mulberry32: tiny, fast, deterministic. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'cluster node pool gateway route traffic canary upgrade rollback monitor alert metric log trace ' +
  'database replica snapshot backup restore network subnet vpc peering endpoint service mesh tls ' +
  'certificate secret rotation policy quota budget latency throughput capacity autoscaling kubernetes ' +
  'terraform opentofu helm flux crossplane composition claim controller operator storage volume bucket ' +
  'queue stream consumer producer cache index schema migration region zone failover outage incident'
).split(' ');
const STATUSES = [
  'Draft',
  'In Review',
  'Approved ✅',
  'Implemented',
  'done',
  'Superseded',
  'Rejected',
  'in progress',
];
const LEVELS = ['Low', 'Medium', 'High', 'Critical'];
const ROLLBACKS = ['Easy', 'Moderate', 'Complex', 'Irreversible'];
const DOWNTIMES = ['None', 'Maintenance Window', 'Full Outage'];

export function generateCorpus(count: number, seed = 42): string[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(list: T[]) => list[int(list.length)];
  const words = (n: number) =>
    Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => {
    const s = words(8 + int(14));
    return `${s[0].toUpperCase()}${s.slice(1)} \`${pick(WORDS)}-${int(
      99,
    )}\` and **${pick(WORDS)}**.`;
  };
  const paragraph = (n: number) =>
    Array.from({ length: n }, sentence).join(' ');
  const date = () =>
    `202${4 + int(3)}-${String(1 + int(12)).padStart(2, '0')}-${String(
      1 + int(28),
    ).padStart(2, '0')}`;
  const money = () =>
    `${rnd() < 0.3 ? '-' : ''}$${(int(5000) + 1).toLocaleString('en-US')}`;
  const checklist = (n: number) =>
    Array.from(
      { length: n },
      () => `- [${rnd() < 0.5 ? 'x' : ' '}] ${words(5 + int(6))}`,
    ).join('\n');
  const bigTable = () =>
    rnd() < 0.05
      ? `\n\n### Inventory\n\n| Resource | Region | Monthly Cost | Notes |\n|---|---|---|---|\n${Array.from(
          { length: 150 + int(250) },
          (_, i) =>
            `| ${pick(WORDS)}-${i} | eu-west-${1 + int(3)} | $${int(
              900,
            )} | ${words(4)} |`,
        ).join('\n')}\n`
      : '';
  const impact = () =>
    `| Aspect | Assessment |\n|--------|------------|\n| **Blast Radius** | ${pick(
      LEVELS,
    )} — ${words(6)} |\n` +
    `| **Rollback Complexity** | ${pick(
      ROLLBACKS,
    )} |\n| **Downtime Required** | ${pick(
      DOWNTIMES,
    )} |\n| **Cost Impact** | ${money()}/month |`;
  const cost = () => {
    const rows = 2 + int(5);
    return `| Resource | Monthly Cost | Notes |\n|----------|--------------|-------|\n${Array.from(
      { length: rows },
      () => `| ${words(2)} | ${money()} | ${words(3)} |`,
    ).join('\n')}\n| **Total Delta** | **${money()}** | |`;
  };
  const requirements = (prefix: string, n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `- **${prefix}-${String(i + 1).padStart(3, '0')}**: ${sentence()}`,
    ).join('\n');
  const code = () =>
    `\`\`\`yaml\n${Array.from(
      { length: 4 + int(8) },
      () => `${pick(WORDS)}: ${pick(WORDS)}`,
    ).join('\n')}\n\`\`\``;

  const change = (n: number) => `# Spec: ${words(4)}

**Spec ID**: SPEC-${String(n).padStart(4, '0')}
**GitHub Issue**: [#${n}](https://github.com/example/repo/issues/${n})
**Status**: ${pick(STATUSES)}
**Author**: ${pick(['Jane Doe', 'Sam Okafor', 'Lee Chen'])}
**Created**: ${date()}
**Last Updated**: ${date()}

---

## Summary

${paragraph(2)}

## Motivation

### Problem Statement

${paragraph(3 + int(3))}

### Impact Assessment

${impact()}

### Functional Requirements

${requirements('FR', 3 + int(6))}

### Success Criteria

${requirements('SC', 2 + int(4))}

### Open Clarifications

${
  rnd() < 0.3
    ? `- [NEEDS CLARIFICATION: ${words(8)}?]`
    : `- [x] CL-1: ${words(6)}? ${words(5)}.`
}

## Design

${paragraph(4)}

${code()}

| Stack | Action | Resources Affected |
|-------|--------|-------------------|
| \`opentofu/${pick(WORDS)}/\` | Modify | ${words(3)} |
| \`opentofu/${pick(WORDS)}/\` | Add | ${words(3)} |${bigTable()}

## Implementation Plan

### Phase 1

${checklist(3 + int(4))}

### Phase 2

${checklist(3 + int(4))}

## Cost Impact

${cost()}

## Review Checklist

${checklist(8 + int(10))}

## Validation Checklist

${checklist(5)}

## References

- ${paragraph(1)}
`;

  const feature = (n: number) => `# Specification: FEAT-${n} ${words(3)}

**Template Type**: Infrastructure Feature
**Complexity Level**: ${1 + int(3)}
**Status**: ${pick(STATUSES)}
**Author**: ${pick(['Jane Doe', 'Sam Okafor'])}
**Created**: ${date()}

---

## 1. Context & Goals

**Problem Statement**: ${paragraph(2)}

**Motivation**: ${paragraph(1)}

### Impact Assessment

${impact()}

## 2. Architecture

${paragraph(3)}

${code()}

| Component | Current | Proposed | Reason |
|-----------|---------|----------|--------|
| ${words(1)} | ${words(2)} | ${words(2)} | ${words(3)} |
| ${words(1)} | ${words(2)} | ${words(2)} | ${words(3)} |${bigTable()}

## 4. Deployment Strategy

- **Strategy**: ${words(5)}
- **Rollback trigger**: ${words(6)}

### Pre-Deployment Checklist

${checklist(6)}

## 6. Acceptance Criteria

${checklist(5 + int(5))}

## 7. Scaling & Performance

| Metric | Target |
|--------|--------|
| Uptime | 99.9% |
| Response time (p95) | < ${int(500)}ms |

## 9. Cost Impact

${cost()}
`;

  const smaqit = (n: number) => {
    const concept = `${pick(WORDS).toUpperCase()}-${pick(WORDS).toUpperCase()}`;
    return `---
id: INF-${concept}
status: ${pick(['draft', 'in-review', 'approved', 'implemented'])}
created: ${date()}
updated: ${date()}
prompt_version: ${n.toString(16)}
---

# ${words(4)}

## References

### Implements

- [BUS-${pick(WORDS).toUpperCase()}](../business/x.md) — ${words(6)}

## Scope

### Included

${paragraph(2)}

### Excluded

${paragraph(1)}

## Compute Resources

| Service | Type | CPU | Memory | Storage | Purpose |
|---------|------|-----|--------|---------|---------|
| ${pick(WORDS)} | Container | ${1 + int(8)} vCPU | ${
      4 + int(60)
    } GiB | 20 GiB | ${words(5)} |${bigTable()}

## Networking

${paragraph(3)}

### Impact Assessment

${impact()}

## Cost Impact

${cost()}

## Acceptance Criteria

${Array.from(
  { length: 3 + int(5) },
  (_, i) =>
    `- [${rnd() < 0.5 ? 'x' : ' '}] INF-${concept}-${String(i + 1).padStart(
      3,
      '0',
    )}: ${sentence()}`,
).join('\n')}

---

*Generated with smaqit v0.6.2-beta*
`;
  };

  return Array.from({ length: count }, (_, i) => {
    const kind = i % 3;
    return kind === 0 ? change(i) : kind === 1 ? feature(i) : smaqit(i);
  });
}
