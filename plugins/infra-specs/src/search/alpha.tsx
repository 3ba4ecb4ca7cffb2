/*
 * Search for the new frontend system: how `infra-spec` results look, the result type and
 * the status filter of the search page (`page:search` of @backstage/plugin-search/alpha).
 * Install either `infraSpecsSearchModule` or the extensions inside a plugin, not both.
 */
import DescriptionIcon from '@material-ui/icons/Description';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { INFRA_SPEC_SEARCH_TYPE } from '@infra-specs/backstage-plugin-infra-specs-common';
import { InfraSpecStatusSearchFilter } from './InfraSpecStatusSearchFilter';

/** `infra-spec` results on the search page. @alpha */
export const infraSpecSearchResultListItem = SearchResultListItemBlueprint.make(
  {
    name: 'infra-spec',
    params: {
      icon: <DescriptionIcon />,
      predicate: result => result.type === INFRA_SPEC_SEARCH_TYPE,
      component: () =>
        import('./InfraSpecSearchResultListItem').then(
          m => m.InfraSpecSearchResultListItemContent,
        ),
    },
  },
);

/** "Infrastructure specs" in the search page's result types (`types[]=infra-spec`). @alpha */
export const infraSpecSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'infra-spec',
  params: {
    value: INFRA_SPEC_SEARCH_TYPE,
    name: 'Infrastructure specs',
    icon: <DescriptionIcon />,
  },
});

/** The status filter of the search page, while the result type is `infra-spec`. @alpha */
export const infraSpecStatusSearchFilter = SearchFilterBlueprint.make({
  name: 'infra-spec-status',
  params: {
    component: ({ className }) => (
      <InfraSpecStatusSearchFilter className={className} />
    ),
  },
});

/** @alpha */
export const infraSpecsSearchExtensions = [
  infraSpecSearchResultListItem,
  infraSpecSearchResultType,
  infraSpecStatusSearchFilter,
];

/**
 * Specs on the search page in the new frontend system: their result item, the "Infrastructure
 * specs" result type and the status filter. `createApp({ features: [infraSpecsSearchModule] })`.
 *
 * @alpha
 */
export const infraSpecsSearchModule = createFrontendModule({
  pluginId: 'search',
  extensions: infraSpecsSearchExtensions,
});
