import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  CatalogAutocomplete,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import {
  SPEC_ENTITY_KIND,
  type VocabularyEntry,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { isSpecKindFilter, type SpecEntityFilters } from './filters';

type SpecFilterName =
  | 'status'
  | 'format'
  | 'blastRadius'
  | 'rollback'
  | 'costDrift';
type SpecFilterClass = new (values: string[]) => NonNullable<
  SpecEntityFilters[SpecFilterName]
>;

/** Values of a URL query parameter (`filters[status]=a&filters[status]=b` or one value). */
function queryValues(parameter: unknown): string[] {
  return [parameter]
    .flat()
    .filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * A multi-select over one `spec.*` field of Spec entities, shown only while the list shows the
 * Spec kind. Options come from the vocabulary (in its order) plus any other value the catalog
 * holds; counts come from the catalog's facets. The first selection comes from the URL
 * (`filters[<name>]=...`), like the built-in pickers; a link that names the entity field instead
 * (`filters[spec.costDrift]=over`) is read too, and the list then writes it back as the name.
 */
export function SpecFieldPicker(props: {
  name: SpecFilterName;
  label: string;
  /** The entity field for facets, e.g. `spec.status`. */
  path: string;
  vocabulary: ReadonlyArray<VocabularyEntry>;
  Filter: SpecFilterClass;
  /** Selected when neither the URL nor an earlier selection says otherwise. */
  initialFilter?: string[];
}) {
  const { name, label, path, vocabulary, Filter, initialFilter } = props;
  const catalogApi = useApi(catalogApiRef);
  const { filters, updateFilters, queryParameters } =
    useEntityList<SpecEntityFilters>();
  const queryParameter =
    queryParameters[name] ??
    (queryParameters as Record<string, string | string[] | undefined>)[path];
  const showsSpecs = isSpecKindFilter(filters.kind);

  const fromQuery = useMemo(
    () => queryValues(queryParameter),
    [queryParameter],
  );
  const [selected, setSelected] = useState<string[]>(() =>
    fromQuery.length ? fromQuery : filters[name]?.values ?? initialFilter ?? [],
  );
  // A new URL (back/forward, a pasted link) wins over the current selection.
  useEffect(() => {
    if (fromQuery.length) setSelected(fromQuery);
  }, [fromQuery]);

  // The filter applies only to a Spec list; other kinds do not have these fields.
  useEffect(() => {
    updateFilters({
      [name]: showsSpecs && selected.length ? new Filter(selected) : undefined,
    });
  }, [name, showsSpecs, selected, Filter, updateFilters]);

  const { value: counts } = useAsync(async () => {
    if (!showsSpecs) return undefined;
    const { facets } = await catalogApi.getEntityFacets({
      facets: [path],
      filter: { kind: SPEC_ENTITY_KIND },
    });
    return new Map((facets[path] ?? []).map(f => [f.value, f.count]));
  }, [catalogApi, path, showsSpecs]);

  const options = useMemo(() => {
    const known = vocabulary.map(v => v.value);
    const others = [...(counts?.keys() ?? []), ...selected].filter(
      v => !known.includes(v),
    );
    return [...known, ...new Set(others)];
  }, [vocabulary, counts, selected]);

  if (!showsSpecs) return null;

  const labelOf = (value: string) =>
    vocabulary.find(v => v.value === value)?.label ?? value;
  return (
    <Box pb={1} pt={1} data-testid={`spec-${name}-picker`}>
      <CatalogAutocomplete<string, true>
        multiple
        disableCloseOnSelect
        label={label}
        name={`spec-${name}-picker`}
        options={options}
        value={selected}
        onChange={(_event, values) => setSelected(values)}
        getOptionLabel={labelOf}
        renderOption={(option, { selected: isSelected }) => (
          <FormControlLabel
            control={<Checkbox checked={isSelected} size="small" />}
            label={
              counts
                ? `${labelOf(option)} (${counts.get(option) ?? 0})`
                : labelOf(option)
            }
            onClick={event => event.preventDefault()}
          />
        )}
      />
    </Box>
  );
}
