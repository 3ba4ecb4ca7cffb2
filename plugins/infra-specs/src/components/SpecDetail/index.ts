export { SpecDetail, SpecDetailView, factsOf } from './SpecDetail';
export { SpecFacts, type SpecFactValues } from './SpecFacts';
