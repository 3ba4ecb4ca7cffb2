import type { Entity } from '@backstage/catalog-model';
import { createTemplateFilter } from '@backstage/plugin-scaffolder-node/alpha';
import { specPublishTarget } from '../lib/publishTarget';

/**
 * Template filter `infraSpecsPublishTarget`: where a new spec of a component goes.
 * `${{ steps['fetch-component'].output.entity | infraSpecsPublishTarget }}` gives
 * `{ kind: 'local', local: true }`, `{ kind: 'remote', local: false, repoUrl, branch, folder, host }`
 * or `{ kind: 'none', local: false, reason }`.
 */
export const publishTargetFilter = createTemplateFilter({
  id: 'infraSpecsPublishTarget',
  description:
    "Where a new spec of a component goes: its local spec folder (publish with infra-specs:publish-local) or a Git repository (repoUrl, branch and folder for publish:github:pull-request), from the component's infra-specs.dev/spec-location",
  examples: [
    {
      description: 'Publish locally only when the spec folder is local',
      example: `if: \${{ (steps['fetch-component'].output.entity | infraSpecsPublishTarget).local }}`,
      notes: '`{ kind: "local", local: true }`',
    },
    {
      description: 'The repository of a Git-hosted spec folder',
      example: `repoUrl: \${{ (steps['fetch-component'].output.entity | infraSpecsPublishTarget).repoUrl }}`,
      notes: '`github.com?owner=acme&repo=network`',
    },
  ],
  filter: (entity: unknown) => specPublishTarget(entity as Entity),
});
