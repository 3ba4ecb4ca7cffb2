import { createPlugin } from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { SpecIdPicker } from './SpecIdPicker';
import { specIdPickerValidation } from './validation';

/**
 * Legacy frontend system: a plugin that only provides the scaffolder field; the
 * infra-specs pages come with the main plugin.
 */
const infraSpecsScaffolderPlugin = createPlugin({
  id: 'infra-specs-scaffolder',
});

/**
 * The `SpecIdPicker` scaffolder field for the legacy frontend system:
 * `<ScaffolderFieldExtensions><SpecIdPickerFieldExtension /></ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const SpecIdPickerFieldExtension = infraSpecsScaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SpecIdPicker',
    component: SpecIdPicker,
    validation: specIdPickerValidation,
  }),
);
