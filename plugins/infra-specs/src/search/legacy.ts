import { createPlugin } from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { INFRA_SPEC_SEARCH_TYPE } from '@infra-specs/backstage-plugin-infra-specs-common';
import type { InfraSpecSearchResultListItemProps } from './InfraSpecSearchResultListItem';

/**
 * Legacy frontend system: a plugin that only provides the search result item; the infra-specs
 * pages come with the main plugin.
 */
const infraSpecsSearchPlugin = createPlugin({ id: 'infra-specs-search' });

/**
 * Renders `infra-spec` search results in the legacy search page:
 * `<SearchResult><InfraSpecSearchResultListItem icon={<DescriptionIcon />} /></SearchResult>`.
 *
 * @public
 */
export const InfraSpecSearchResultListItem: (
  props: InfraSpecSearchResultListItemProps,
) => JSX.Element | null = infraSpecsSearchPlugin.provide(
  createSearchResultListItemExtension({
    name: 'InfraSpecSearchResultListItem',
    component: () =>
      import('./InfraSpecSearchResultListItem').then(
        m => m.InfraSpecSearchResultListItemContent,
      ),
    predicate: result => result.type === INFRA_SPEC_SEARCH_TYPE,
  }),
);
