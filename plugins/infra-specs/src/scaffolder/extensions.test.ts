import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { specIdPickerFormFieldExtension } from './alpha';
import { SpecIdPickerFieldExtension } from './legacy';
import { SpecIdPicker } from './SpecIdPicker';
import { specIdPickerValidation } from './validation';

describe('SpecIdPicker extensions', () => {
  it('registers the field with the new frontend system under the name templates use', async () => {
    const tester = createExtensionTester(specIdPickerFormFieldExtension);
    const loader = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = (await loader()) as unknown as Record<string, unknown>;
    expect(field).toMatchObject({
      name: 'SpecIdPicker',
      component: SpecIdPicker,
      validation: specIdPickerValidation,
    });
  });

  it('exports a legacy field extension component', () => {
    expect(typeof SpecIdPickerFieldExtension).toBe('function');
  });
});
