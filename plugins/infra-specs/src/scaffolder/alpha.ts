import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The `SpecIdPicker` scaffolder field for the new frontend system
 * (`scaffolder-form-field:infra-specs/spec-id-picker`), loaded when a form needs it.
 *
 * @alpha
 */
export const specIdPickerFormFieldExtension = FormFieldBlueprint.make({
  name: 'spec-id-picker',
  params: {
    field: () => import('./formField').then(m => m.specIdPickerFormField),
  },
});
