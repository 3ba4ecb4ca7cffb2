import { useEffect } from 'react';
import usePrevious from 'react-use/esm/usePrevious';
import { SearchFilter, useSearch } from '@backstage/plugin-search-react';
import {
  INFRA_SPEC_SEARCH_TYPE,
  SPEC_STATUSES,
} from '@infra-specs/backstage-plugin-infra-specs-common';

const STATUS_VALUES = [...SPEC_STATUSES]
  .sort((a, b) => (a.order || 99) - (b.order || 99))
  .map(({ value, label }) => ({ value, label }));

/** Props of {@link InfraSpecStatusSearchFilter}. @public */
export interface InfraSpecStatusSearchFilterProps {
  className?: string;
  label?: string;
}

/**
 * The spec status filter of the search page (`filters[status]=in-review`), shown while the
 * result type is `infra-spec`. It drops the filter when another type is chosen: other
 * documents have no status, and a hidden filter would silently hide them.
 *
 * @public
 */
export function InfraSpecStatusSearchFilter(
  props: InfraSpecStatusSearchFilterProps,
) {
  const { types, setFilters } = useSearch();
  const showsSpecs = types.length === 1 && types[0] === INFRA_SPEC_SEARCH_TYPE;
  const showedSpecs = usePrevious(showsSpecs);
  useEffect(() => {
    if (showedSpecs && !showsSpecs) {
      setFilters(({ status: _dropped, ...others }) => others);
    }
  }, [showedSpecs, showsSpecs, setFilters]);

  if (!showsSpecs) return null;
  return (
    <SearchFilter.Select
      className={props.className}
      label={props.label ?? 'Status'}
      name="status"
      values={STATUS_VALUES}
    />
  );
}
