/*
 * Specs on the search page: their result item, the "Infrastructure specs" result type and
 * the status filter: /search?query=nat%20gateway&types[]=infra-spec&filters[status]=in-review
 */
export { infraSpecsSearchModule as searchModule } from '@infra-specs/backstage-plugin-infra-specs/alpha';
