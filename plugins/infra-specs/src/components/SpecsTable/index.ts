export {
  SpecsTable,
  type SpecsTableColumn,
  type SpecsTableProps,
} from './SpecsTable';
export { CostFooter } from './CostFooter';
