import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import CallMergeIcon from '@material-ui/icons/CallMerge';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';

/** What a spec's pull request says in a few words: `Proposed in PR #7`, `PR #7 open`. */
export function pullRequestLabel(
  spec: Pick<SpecRecord, 'pullRequest' | 'proposed'>,
): string | undefined {
  const pull = spec.pullRequest;
  if (!pull) return undefined;
  return spec.proposed
    ? `Proposed in PR #${pull.number}`
    : `PR #${pull.number} ${pull.state}`;
}

/**
 * The pull request that proposes or changes a spec, as a chip that opens it; nothing when none
 * does. A proposed spec's chip is filled: it is not merged, unlike every other row.
 */
export function PullRequestChip(props: {
  spec: Pick<SpecRecord, 'pullRequest' | 'proposed'>;
}) {
  const { spec } = props;
  const label = pullRequestLabel(spec);
  if (!label || !spec.pullRequest) return null;
  const pull = spec.pullRequest;
  const title = spec.proposed
    ? `Only on the branch of pull request #${pull.number}${
        pull.title ? ` (${pull.title})` : ''
      }; not merged`
    : `Pull request #${pull.number}${
        pull.title ? ` (${pull.title})` : ''
      } changes this spec`;
  return (
    <Tooltip title={title}>
      <Chip
        size="small"
        color={spec.proposed ? 'primary' : 'default'}
        variant={spec.proposed ? 'default' : 'outlined'}
        icon={<CallMergeIcon />}
        label={label}
        clickable
        component="a"
        href={pull.url}
        target="_blank"
        rel="noopener noreferrer"
      />
    </Tooltip>
  );
}
