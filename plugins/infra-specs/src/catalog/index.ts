export {
  SpecFieldFilter,
  SpecStatusFilter,
  SpecFormatFilter,
  SpecBlastRadiusFilter,
  SpecRollbackFilter,
  type SpecEntityFilters,
} from './filters';
export {
  SpecStatusPicker,
  SpecFormatPicker,
  SpecBlastRadiusPicker,
  SpecRollbackPicker,
  type SpecPickerProps,
} from './pickers';
export { SpecAwareEntityTypePicker } from './SpecAwareEntityTypePicker';
export { specCatalogColumns, createSpecColumns } from './columns';
