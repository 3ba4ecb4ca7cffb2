export {
  AcceptanceProgress,
  CostDelta,
  SpecBadges,
  UpdatedDate,
  relativeTime,
} from './SpecFields';
