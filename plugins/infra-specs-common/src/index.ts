/**
 * The infra-specs model, parser and vocabularies, shared by the browser, the backend and the CLI.
 *
 * @packageDocumentation
 */
export * from './model/types';
export * from './api/types';
export * from './entity/constants';
export * from './permissions';
export { renderSpec } from './render/renderSpec';
export {
  SPEC_TEMPLATE_FORMATS,
  SPEC_TEMPLATE_VALUE_KEYS,
  validateSpecTemplateValues,
} from './render/values';
export type {
  SpecTemplateFormat,
  SpecTemplateValues,
  SpecTemplateCostItem,
  SpecTemplateValueProblem,
} from './render/values';
