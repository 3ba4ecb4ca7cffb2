/**
 * The infra-specs model, parser and vocabularies, shared by the browser, the backend and the CLI.
 *
 * @packageDocumentation
 */
export * from './model/types';
export * from './api/types';
export {
  InfraSpecsApiClient,
  type InfraSpecsApiClientOptions,
  type InfraSpecsApiRequestOptions,
  type SpecSummaryQuery,
  type SpecChangesQuery,
} from './api/InfraSpecsApiClient';
export * from './entity/constants';
export * from './permissions';
export * from './search/types';
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

export {
  parseSpec,
  lintSpec,
  SPEC_PARSER_VERSION,
  type ParseSpecOptions,
} from './parser/parseSpec';
export { markdownToPlainText } from './parser/plainText';
export { parseMoney, type ParsedMoney } from './parser/money';
export { parseDate } from './parser/dates';
export {
  defaultSpecFormats,
  createSpecFormatRegistry,
} from './parser/formats/registry';
export type {
  SpecFormatDefinition,
  SpecFormatRegistry,
} from './parser/formats/types';
export type { SpecDocumentContext, SpecMetadataEntry } from './parser/context';
export type {
  MarkdownStructure,
  MdSection,
  MdParagraph,
  MdListItem,
  MdTable,
  MdTableRow,
} from './parser/document';
export {
  readSpecFields,
  type SpecFields,
  type SpecReadOptions,
  type ExpectedSection,
} from './parser/fields/readSpecFields';
export type { HeaderOptions } from './parser/fields/header';

export {
  checkEvidence,
  type SpecEvidenceInput,
  type SpecEvidenceOptions,
} from './evidence/checkEvidence';
export {
  costDriftOf,
  DEFAULT_COST_DRIFT_THRESHOLDS,
  type CostDriftThresholds,
} from './evidence/drift';
export { readInfracostEstimate } from './evidence/infracost';
export { readTerraformPlan } from './evidence/terraformPlan';
export {
  evidenceReadFailure,
  type EvidenceDiagnostic,
  type EvidenceReadResult,
} from './evidence/readResult';
export { evidenceTargetsOf, type SpecEvidenceTarget } from './evidence/targets';

export { lintSpecSet } from './lint/lintSpecSet';
export { isSpecFile } from './lint/isSpecFile';

export type {
  VocabularyEntry,
  RankedVocabularyEntry,
} from './vocabulary/types';
export {
  SPEC_STATUSES,
  statusPhase,
  isOpenStatus,
  type SpecStatusEntry,
  type SpecStatusPhase,
} from './vocabulary/statuses';
export { vocabularyValues } from './vocabulary/values';
export {
  BLAST_RADIUS_LEVELS,
  ROLLBACK_COMPLEXITIES,
  DOWNTIME_REQUIREMENTS,
} from './vocabulary/levels';
export { SPEC_FORMATS } from './vocabulary/formats';
export { SPEC_COST_DRIFTS } from './vocabulary/costDrift';
export {
  vocabularyEntry,
  statusLabel,
  blastRadiusLabel,
  rollbackLabel,
  downtimeLabel,
  formatLabel,
  statusColor,
  blastRadiusColor,
  costDriftLabel,
} from './vocabulary/labels';
export {
  normalizeStatus,
  normalizeRollback,
  normalizeDowntime,
  normalizeBlastRadius,
  type Normalized,
  type VocabularyDiagnostic,
} from './vocabulary/normalize';

export {
  SPEC_ID_PATTERN,
  SPEC_ID_PREFIX_PATTERN,
  parseNumberedId,
  formatNumberedId,
  nextNumberedId,
  findSpecIds,
  type NumberedSpecId,
} from './ids/numberedIds';
export { smaqitIdFromTitle } from './ids/smaqitIds';
export {
  SPEC_SHORT_FORMATS,
  SPEC_SHORT_FORMAT_NAMES,
  type SpecShortFormat,
} from './ids/shortFormats';
export {
  allocateSpecId,
  type AllocateSpecIdOptions,
  type AllocatedSpecId,
} from './ids/allocateSpecId';

export { specDocumentSchema } from './schema/specDocumentSchema';
export { specEntitySchema } from './schema/specEntitySchema';

export type { SpecEntity, SpecEntitySpec } from './entity/SpecEntity';
export { specEntityName } from './entity/specEntityName';
export { specToEntity, type SpecToEntityInput } from './entity/specToEntity';

export {
  SPEC_ATTENTION_REASONS,
  specAttentionOf,
  type SpecAttention,
  type SpecAttentionOptions,
  type SpecAttentionReason,
} from './attention/specAttention';
