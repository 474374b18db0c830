// Labelled form controls with a hint and an error, wired for assistive technology
// (aria-describedby, aria-invalid). Components own no state; pages do.
import type { ChangeEvent, KeyboardEvent, ReactNode, Ref } from 'react';

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
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'number' | 'search';
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
  min?: number;
  step?: number;
  placeholder?: string;
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
        inputMode={props.inputMode}
        min={props.min}
        step={props.step}
        placeholder={props.placeholder}
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
  /** Options in labelled groups (<optgroup>), after `options`. */
  groups?: ReadonlyArray<{ label: string; options: ReadonlyArray<{ value: string; label: string }> }>;
  placeholder?: string;
  disabled?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const { id, value, onChange, options, groups, placeholder, error, hint } = props;
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
        {groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  rows?: number;
  maxLength?: number;
  disabled?: boolean;
}

/** A multi-line text field. Enter adds a line; Ctrl+Enter (or ⌘+Enter) submits the form. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, value, onChange, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={id}
        name={id}
        className="input textarea textarea--prose"
        value={value}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        onKeyDown={(event: KeyboardEvent<HTMLTextAreaElement>) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  disabled?: boolean;
}

/** A checkbox with its label to the right (and an optional hint below). */
export function CheckboxField({ id, label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  return (
    <div className="field field--checkbox">
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
          aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        />
        {label}
      </label>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
