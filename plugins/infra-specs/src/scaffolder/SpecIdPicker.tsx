import { useEffect, useMemo, useRef, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import { useApiHolder } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { SPEC_ID_PATTERN } from '@infra-specs/backstage-plugin-infra-specs-common';
import { duplicateMessage, findSpecById, specIdApi } from './specIds';

/** `ui:options` of the SpecIdPicker field. */
export interface SpecIdPickerUiOptions {
  /**
   * Prefix of numbered ids (`SPEC` gives `SPEC-0043`): the field shows the next free one.
   * Without it no id is suggested (smaqit specs are named after their concept when the field stays empty).
   */
  prefix?: string;
  /** Wait this long after the last keystroke before checking for duplicates. Default 400 ms. */
  debounceMs?: number;
}

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'free' }
  | { state: 'taken'; message: string }
  | { state: 'invalid'; message: string }
  | { state: 'unavailable' };

/**
 * Scaffolder field for a spec id: shows the next free id of its prefix, and tells while the
 * user types when an id is already used by an indexed spec. Left empty, the field lets
 * `infra-specs:create` reserve that id when the task runs, so two people filling the form
 * at once never get the same id and opening the form uses no id up.
 */
export const SpecIdPicker = (
  props: FieldExtensionComponentProps<string, SpecIdPickerUiOptions>,
) => {
  const {
    onChange,
    formData,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
    disabled,
    readonly,
  } = props;
  const apis = useApiHolder();
  const specs = useMemo(() => specIdApi(apis), [apis]);
  const options = uiSchema?.['ui:options'] ?? {};
  const prefix = options.prefix;
  const debounceMs = options.debounceMs ?? 400;

  const [nextFree, setNextFree] = useState<string | undefined>();
  const [previewError, setPreviewError] = useState<string | undefined>();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const requested = useRef(false);

  // Look the next free id up once; it is only shown, the create action reserves it.
  useEffect(() => {
    if (requested.current || !prefix || !specs) {
      return;
    }
    requested.current = true;
    specs.getNextId(prefix).then(
      ({ id }) => setNextFree(id),
      () =>
        setPreviewError(
          'Could not look up the next free id (is the infra-specs backend installed?); leave the field empty to allocate one when the spec is created',
        ),
    );
  }, [specs, prefix]);

  const value = formData ?? '';
  useEffect(() => {
    const id = value.trim();
    if (!id) {
      setCheck({ state: 'idle' });
      return undefined;
    }
    if (!SPEC_ID_PATTERN.test(id)) {
      setCheck({
        state: 'invalid',
        message:
          'Use letters, digits and dashes, e.g. SPEC-0042, FEAT-012 or INF-NAT-GATEWAY',
      });
      return undefined;
    }
    if (!specs) {
      setCheck({ state: 'unavailable' });
      return undefined;
    }
    let cancelled = false;
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      findSpecById(specs, id).then(
        spec => {
          if (!cancelled) {
            setCheck(
              spec
                ? { state: 'taken', message: duplicateMessage(id, spec) }
                : { state: 'free' },
            );
          }
        },
        () => !cancelled && setCheck({ state: 'unavailable' }),
      );
    }, debounceMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [value, specs, debounceMs]);

  let helperText: string =
    schema.description ??
    (prefix
      ? 'Leave empty to take the next free id, or type one'
      : 'Leave empty to name the spec after its title');
  if (nextFree && !value.trim()) {
    helperText = `Leave empty to take ${nextFree}, the next free id (reserved when the spec is created), or type one`;
  }
  if (previewError) helperText = previewError;
  if (check.state === 'checking')
    helperText = 'Checking whether the id is free…';
  if (check.state === 'free') helperText = `${value.trim()} is free`;
  if (check.state === 'unavailable')
    helperText = 'Could not check whether the id is free';
  const error =
    check.state === 'taken' ||
    check.state === 'invalid' ||
    (rawErrors?.length ?? 0) > 0;
  if (check.state === 'taken' || check.state === 'invalid')
    helperText = check.message;

  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Spec ID'}
      placeholder={nextFree ?? (prefix ? `${prefix}-…` : 'INF-<CONCEPT>')}
      value={value}
      required={required}
      disabled={disabled || readonly}
      error={error}
      helperText={helperText}
      onChange={e => onChange(e.target.value || undefined)}
      margin="normal"
      fullWidth
      inputProps={{
        'aria-label': schema.title ?? 'Spec ID',
        spellCheck: false,
      }}
    />
  );
};
