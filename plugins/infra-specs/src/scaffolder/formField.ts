import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { SpecIdPicker } from './SpecIdPicker';
import { specIdPickerValidation } from './validation';

/** The `SpecIdPicker` field, as the new frontend system's scaffolder loads it. */
export const specIdPickerFormField = createFormField({
  name: 'SpecIdPicker',
  component: SpecIdPicker,
  validation: specIdPickerValidation,
});
