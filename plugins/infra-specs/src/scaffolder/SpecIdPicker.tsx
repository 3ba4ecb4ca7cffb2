import { useEffect, useMemo, useRef, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import { useApiHolder } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  SPEC_ID_PATTERN,
  duplicateMessage,
  findSpecById,
  specIdSource,
} from './specIds';

/** `ui:options` of the SpecIdPicker field. */
export interface SpecIdPickerUiOptions {
  /**
   * Prefix of numbered ids to reserve (`SPEC` gives `SPEC-0043`). Without it no id is
   * reserved (smaqit specs are named after their concept when the field stays empty).
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
 * Scaffolder field for a spec id: reserves and shows the next free id of its prefix, and
 * tells while the user types when an id is already used by an indexed spec.
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
  const source = useMemo(() => specIdSource(apis), [apis]);
  const options = uiSchema?.['ui:options'] ?? {};
  const prefix = options.prefix;
  const debounceMs = options.debounceMs ?? 400;

  const [reserved, setReserved] = useState<string | undefined>();
  const [reserveError, setReserveError] = useState<string | undefined>();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const requested = useRef(false);

  // Reserve an id once, and only when the form has none yet (coming back to the page keeps it).
  useEffect(() => {
    if (requested.current || formData || !prefix || !source) {
      return;
    }
    requested.current = true;
    source.nextId(prefix).then(
      id => {
        setReserved(id);
        onChange(id);
      },
      () =>
        setReserveError(
          'Could not reserve an id (is the infra-specs backend installed?); leave the field empty to allocate one when the spec is created',
        ),
    );
  }, [source, formData, onChange, prefix]);

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
    if (id === reserved) {
      setCheck({ state: 'free' });
      return undefined;
    }
    if (!source) {
      setCheck({ state: 'unavailable' });
      return undefined;
    }
    let cancelled = false;
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      findSpecById(source, id).then(
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
  }, [value, reserved, source, debounceMs]);

  let helperText: string =
    schema.description ??
    (prefix
      ? `Leave the reserved id, or type another one`
      : 'Leave empty to name the spec after its title');
  if (reserveError) helperText = reserveError;
  if (check.state === 'checking')
    helperText = 'Checking whether the id is free…';
  if (check.state === 'free' && value.trim() === reserved) {
    helperText = `${reserved} is the next free id and is reserved for this spec`;
  } else if (check.state === 'free') {
    helperText = `${value.trim()} is free`;
  }
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
      placeholder={prefix ? `${prefix}-…` : 'INF-<CONCEPT>'}
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
