import { useEffect } from 'react';
import {
  EntityTypePicker,
  useEntityList,
  type EntityTypePickerProps,
} from '@backstage/plugin-catalog-react';
import { isSpecKindFilter } from './filters';

/**
 * The built-in type picker, except for Specs: their `spec.type` is the spec format, which
 * `SpecFormatPicker` filters (with labels). Two filters on one field would overwrite each
 * other, so this one steps aside (and drops its filter) while the kind is Spec.
 *
 * @public
 */
export function SpecAwareEntityTypePicker(props: EntityTypePickerProps) {
  const { filters, updateFilters } = useEntityList();
  const showsSpecs = isSpecKindFilter(filters.kind);
  useEffect(() => {
    if (showsSpecs) updateFilters({ type: undefined });
  }, [showsSpecs, updateFilters]);
  return showsSpecs ? null : <EntityTypePicker {...props} />;
}
