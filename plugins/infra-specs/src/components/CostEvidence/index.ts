export { ClaimedCost } from './ClaimedCost';
export { CostDriftBadge } from './CostDriftBadge';
