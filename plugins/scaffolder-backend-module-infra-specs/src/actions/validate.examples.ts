import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description: 'Lint every spec in the workspace; fail on errors',
    example: `steps:
  - id: validate-spec
    action: infra-specs:validate
    name: Check the spec
`,
  },
  {
    description: 'Lint the spec written by infra-specs:create',
    example: `steps:
  - id: validate-spec
    action: infra-specs:validate
    name: Check the spec
    input:
      paths:
        - \${{ steps['create-spec'].output.path }}
`,
  },
  {
    description:
      'Lint finished specs under one folder with a glob, failing on warnings (placeholders left) too',
    example: `steps:
  - id: validate-specs
    action: infra-specs:validate
    name: Check the specs
    input:
      paths:
        - docs/specs/done/**/*.md
      failOn: warning
`,
  },
];
