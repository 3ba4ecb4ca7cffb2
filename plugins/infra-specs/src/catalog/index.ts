export {
  SpecFieldFilter,
  SpecStatusFilter,
  SpecFormatFilter,
  SpecBlastRadiusFilter,
  SpecRollbackFilter,
  SpecCostDriftFilter,
  type SpecEntityFilters,
} from './filters';
export {
  SpecStatusPicker,
  SpecFormatPicker,
  SpecBlastRadiusPicker,
  SpecRollbackPicker,
  SpecCostDriftPicker,
  type SpecPickerProps,
} from './pickers';
export { SpecAwareEntityTypePicker } from './SpecAwareEntityTypePicker';
export { specCatalogColumns, createSpecColumns } from './columns';
