import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      "Copy the spec written by infra-specs:create into the component's local spec folder",
    example: `steps:
  - id: publish-spec
    action: infra-specs:publish-local
    name: Add the spec to the component's spec folder
    input:
      sourcePath: \${{ steps['create-spec'].output.path }}
      component: \${{ parameters.component }}
`,
  },
  {
    description: 'Publish under another file name, replacing an existing file',
    example: `steps:
  - id: publish-spec
    action: infra-specs:publish-local
    name: Replace the spec
    input:
      sourcePath: docs/specs/SPEC-0042-upgrade-eks.md
      component: component:default/eks-cluster
      targetPath: SPEC-0042-upgrade-eks/spec.md
      overwrite: true
`,
  },
];
