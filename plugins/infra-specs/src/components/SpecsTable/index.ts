export { SpecsTable, type SpecsTableProps } from './SpecsTable';
export { type SpecsTableColumn } from './columns';
export { CostFooter } from './CostFooter';
