// Form state shared by the partnership pages: field errors from local checks or from the
// server (`error.field`), one form-level message, a busy flag, and focus on the first field in
// error, so every form behaves the same for keyboard and screen-reader users.
import { useCallback, useState } from 'react';
import { ApiError } from './api';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface SubmitFailure<F extends string> {
  message: string;
  details: string[];
  field: F | undefined;
}

/**
 * What a failed call means for a form: the message, the server's details, and the form's own
 * field the server named (its `field`, or the last part of a dotted path such as "organizer.kind",
 * or an alias), when the form has it.
 */
export function submitFailure<F extends string>(
  caught: unknown,
  fields: readonly F[],
  aliases: Readonly<Record<string, F>> = {},
  fallback = 'That could not be saved. Please try again.',
): SubmitFailure<F> {
  if (!(caught instanceof ApiError)) {
    return { message: caught instanceof Error && caught.message !== '' ? caught.message : fallback, details: [], field: undefined };
  }
  let field: F | undefined;
  const named = caught.field;
  if (named !== undefined) {
    const candidates = [named, named.split('.').at(-1) ?? named];
    for (const c of candidates) {
      if (aliases[c] !== undefined) {
        field = aliases[c];
        break;
      }
      if ((fields as readonly string[]).includes(c)) {
        field = c as F;
        break;
      }
    }
  }
  return { message: caught.message, details: caught.details, field };
}

export interface FormState<F extends string> {
  errors: FieldErrors<F>;
  formError: string | null;
  formDetails: string[];
  busy: boolean;
  /** The id of a field's control: `${formId}-${field}`. */
  fieldId(field: F): string;
  /**
   * Runs the local checks, then `task`. Field errors go next to their fields and focus moves to
   * the first one. Resolves true when the task succeeded.
   */
  submit(check: () => FieldErrors<F>, task: () => Promise<void>): Promise<boolean>;
  clear(): void;
}

export function useFormState<F extends string>(
  formId: string,
  fields: readonly F[],
  aliases: Readonly<Record<string, F>> = {},
): FormState<F> {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [formDetails, setFormDetails] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const fieldId = useCallback((field: F) => `${formId}-${field}`, [formId]);
  const focus = useCallback((field: F) => focusSoon(`${formId}-${field}`), [formId]);

  const clear = useCallback(() => {
    setErrors({});
    setFormError(null);
    setFormDetails([]);
  }, []);

  const submit = async (check: () => FieldErrors<F>, task: () => Promise<void>): Promise<boolean> => {
    if (busy) return false;
    const found = check();
    const first = fields.find((f) => found[f] !== undefined);
    setErrors(found);
    setFormDetails([]);
    if (first !== undefined) {
      setFormError('Please correct the fields marked below.');
      focus(first);
      return false;
    }
    setFormError(null);
    setBusy(true);
    try {
      await task();
      setErrors({});
      return true;
    } catch (caught) {
      const failure = submitFailure(caught, fields, aliases);
      setFormError(failure.message);
      setFormDetails(failure.details);
      if (failure.field !== undefined) {
        setErrors({ [failure.field]: failure.message } as FieldErrors<F>);
        focus(failure.field);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { errors, formError, formDetails, busy, fieldId, submit, clear };
}

/**
 * Focuses an element by id once React has committed the render that shows it (tried again for
 * a few frames, since a state change may mount the element only after this call returns).
 */
export function focusSoon(id: string, attempts = 12): void {
  const attempt = (left: number) => {
    const element = document.getElementById(id);
    if (element instanceof HTMLElement) element.focus();
    else if (left > 0) window.setTimeout(() => attempt(left - 1), 16);
  };
  window.setTimeout(() => attempt(attempts), 0);
}
