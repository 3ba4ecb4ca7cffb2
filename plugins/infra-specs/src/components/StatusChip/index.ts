export { StatusChip, BlastRadiusChip } from './StatusChip';
