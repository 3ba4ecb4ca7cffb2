export { EntitySpecsCard } from './EntitySpecsCard';
