/** Shown to assistants and in the actions list; listSpecs.examples.test.ts runs each one. */
export const listSpecsExamples = [
  {
    title: 'Specs in review for a component',
    description: 'What is waiting for approval on payments-api',
    input: { component: ['payments-api'], status: ['in-review' as const] },
  },
  {
    title: 'Specs that understate their cost',
    description: 'The Infracost estimate costs more than the spec claims',
    input: { costDrift: ['over' as const], sort: '-monthlyCostDelta' },
  },
  {
    title: 'Risky approved changes',
    input: {
      status: ['approved' as const],
      blastRadius: ['high' as const, 'critical' as const],
      rollback: ['complex' as const, 'irreversible' as const],
    },
  },
];
