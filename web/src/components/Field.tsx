// Labelled form controls with a hint and an error, wired for assistive technology
// (aria-describedby, aria-invalid). Components own no state; pages do.
import type { ChangeEvent, ReactNode, Ref } from 'react';

interface BaseProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Sets the control's required attribute (every field of this app's forms is required). */
  required?: boolean;
}

function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  const ids = [hint !== undefined ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: BaseProps & { children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password';
  autoComplete?: string;
  minLength?: number;
  maxLength?: number;
  autoFocus?: boolean;
  spellCheck?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { id, value, onChange, type = 'text', error, hint, inputRef } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={id}
        ref={inputRef}
        className="input"
        type={type}
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        required={props.required}
        autoComplete={props.autoComplete}
        minLength={props.minLength}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        spellCheck={props.spellCheck}
        disabled={props.disabled}
        autoCapitalize={type === 'password' ? 'off' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

interface SelectFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  disabled?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const { id, value, onChange, options, placeholder, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <select
        id={id}
        name={id}
        className="input select"
        value={value}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
