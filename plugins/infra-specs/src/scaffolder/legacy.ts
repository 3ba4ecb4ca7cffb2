import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { infraSpecsPlugin } from '../plugin';
import { SpecIdPicker } from './SpecIdPicker';
import { specIdPickerValidation } from './validation';

/**
 * The `SpecIdPicker` scaffolder field for the legacy frontend system:
 * `<ScaffolderFieldExtensions><SpecIdPickerFieldExtension /></ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const SpecIdPickerFieldExtension = infraSpecsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SpecIdPicker',
    component: SpecIdPicker,
    validation: specIdPickerValidation,
  }),
);
