import type { Entity } from '@backstage/catalog-model';
import { createTemplateFilter } from '@backstage/plugin-scaffolder-node/alpha';
import { DEFAULT_SPEC_DIR } from '../actions/create';
import { specPublishTarget, specPullRequest } from '../lib/publishTarget';

/**
 * Template filter `infraSpecsPublishTarget`: where a new spec of a component goes.
 * `${{ steps['fetch-component'].output.entity | infraSpecsPublishTarget }}` gives
 * `{ kind: 'local', local: true }`, `{ kind: 'remote', local: false, repoUrl, branch, folder, host, webUrl }`
 * or `{ kind: 'none', local: false, reason }`. Given the `infra-specs:create` output as well, a
 * remote target also says where the pull request puts the spec: `pullRequest: { branchName, path, url }`.
 */
export const publishTargetFilter = createTemplateFilter({
  id: 'infraSpecsPublishTarget',
  description:
    "Where a new spec of a component goes: its local spec folder (publish with infra-specs:publish-local) or a Git repository (repoUrl, branch and folder for publish:github:pull-request), from the component's infra-specs.dev/spec-location; with the infra-specs:create output as argument, also the pull request's branch and the spec's path and URL on it",
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
    {
      description: "The pull request's branch and the new spec's URL on it",
      example: `branchName: \${{ (steps['fetch-component'].output.entity | infraSpecsPublishTarget(steps['create-spec'].output)).pullRequest.branchName }}`,
      notes:
        '`pullRequest: { branchName: "infra-specs/spec-0042", path: "network/SPEC-0042-upgrade.md", url: "https://github.com/acme/specs/blob/infra-specs/spec-0042/network/SPEC-0042-upgrade.md" }`',
    },
  ],
  filter: (entity: unknown, spec?: unknown) => {
    const target = specPublishTarget(entity as Entity);
    const created = spec as { id?: unknown; path?: unknown } | undefined;
    if (
      target.kind !== 'remote' ||
      typeof created?.id !== 'string' ||
      typeof created?.path !== 'string'
    ) {
      return target;
    }
    return {
      ...target,
      pullRequest: specPullRequest(
        target,
        { id: created.id, path: created.path },
        DEFAULT_SPEC_DIR,
      ),
    };
  },
});
