/**
 * The infra-specs backend plugin: indexes spec folders of catalog components and serves
 * them over REST. Permission policy authors use the conditions exported here.
 *
 * @packageDocumentation
 */
export { infraSpecsPlugin as default } from './plugin';
export {
  infraSpecsConditions,
  createInfraSpecsConditionalDecision,
} from './permissions/rules';
export type { SpecAccessCondition } from './database/SpecStore';
export type { InfraSpecResource } from './permissions/rules';
