import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'Write an Infrastructure Change spec with the next free SPEC-NNNN id, its impact and cost',
    example: `steps:
  - id: create-spec
    action: infra-specs:create
    name: Write the spec
    input:
      format: change
      title: NAT gateway per availability zone
      component: component:default/network-vpc
      owner: group:default/platform-team
      summary: Replace the single NAT gateway with one per AZ so that an AZ outage keeps egress up.
      blastRadius:
        level: high
        description: All egress traffic of eu-west-1
      rollbackComplexity: easy
      downtime: none
      currency: USD
      costItems:
        - resource: NAT Gateway
          monthly: 64.8
          notes: Two more, per AZ
        - resource: Data processing
          monthly: 20
          notes: Estimate
`,
  },
  {
    description:
      'Write an Infrastructure Feature spec with a given id into a chosen path',
    example: `steps:
  - id: create-spec
    action: infra-specs:create
    name: Write the spec
    input:
      format: feature
      id: FEAT-031
      title: Karpenter spot node pool
      component: component:default/eks-cluster
      complexity: 2
      problem: Batch jobs run on on-demand nodes and cost too much.
      monthlyCost: -850
      targetPath: specs/FEAT-031-karpenter-spot.md
`,
  },
  {
    description:
      'Write a smaqit Infrastructure spec named after its concept (INF-OBJECT-STORAGE)',
    example: `steps:
  - id: create-spec
    action: infra-specs:create
    name: Write the spec
    input:
      format: smaqit
      title: Object storage
      component: component:default/observability-stack
      summary: S3 buckets for long-term metrics and logs.
      author: Jane Doe
`,
  },
];
