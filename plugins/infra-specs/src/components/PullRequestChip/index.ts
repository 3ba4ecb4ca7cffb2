export { PullRequestChip, pullRequestLabel } from './PullRequestChip';
