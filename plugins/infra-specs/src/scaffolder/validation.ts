import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { SPEC_ID_PATTERN } from '@infra-specs/backstage-plugin-infra-specs-common';
import { duplicateMessage, findSpecById, specIdApi } from './specIds';

/**
 * Runs when the user leaves the page: a malformed id or one an indexed spec already uses
 * blocks the step. An unreachable specs backend does not (the scaffolder action checks
 * again when it runs).
 */
export const specIdPickerValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  const id = value?.trim();
  if (!id) {
    return;
  }
  if (!SPEC_ID_PATTERN.test(id)) {
    validation.addError(
      `${id} is not a spec id: use letters, digits and dashes, e.g. SPEC-0042, FEAT-012 or INF-NAT-GATEWAY`,
    );
    return;
  }
  const specs = specIdApi(context.apiHolder);
  if (!specs) {
    return;
  }
  try {
    const spec = await findSpecById(specs, id);
    if (spec) {
      validation.addError(duplicateMessage(id, spec));
    }
  } catch {
    // the backend is missing or down: the create action checks again
  }
};
