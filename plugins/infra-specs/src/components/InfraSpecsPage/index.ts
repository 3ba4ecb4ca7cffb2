export { InfraSpecsPage, InfraSpecsPortfolio } from './InfraSpecsPage';
