export { InfraSpecSearchResultListItem } from './legacy';
export type { InfraSpecSearchResultListItemProps } from './InfraSpecSearchResultListItem';
export {
  InfraSpecStatusSearchFilter,
  type InfraSpecStatusSearchFilterProps,
} from './InfraSpecStatusSearchFilter';
