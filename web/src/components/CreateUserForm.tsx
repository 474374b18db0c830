import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, isRole, MIN_PASSWORD_LENGTH, ROLE_LABELS, ROLES, type User } from '../api';
import { SelectField, TextField } from './Field';
import { ErrorNotice } from './Notice';

type FieldName = 'username' | 'display_name' | 'role' | 'password';
const FIELD_NAMES: readonly string[] = ['username', 'display_name', 'role', 'password'];

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface CreateUserFormProps {
  onCreated(user: User): void;
  /** Called when the admin submits, so the page can clear older messages. */
  onSubmitStart(): void;
}

export function CreateUserForm({ onCreated, onSubmitStart }: CreateUserFormProps) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);

  function validate(): Partial<Record<FieldName, string>> {
    const found: Partial<Record<FieldName, string>> = {};
    if (username.trim() === '') found.username = 'Enter a username.';
    if (displayName.trim() === '') found.display_name = 'Enter the person’s name.';
    if (!isRole(role)) found.role = 'Choose a role.';
    if (password.length < MIN_PASSWORD_LENGTH) {
      found.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    }
    return found;
  }

  function focusField(name: string): void {
    const element = document.getElementById(`new-user-${name}`);
    if (element instanceof HTMLElement) element.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (submitting) return;
    onSubmitStart();
    const found = validate();
    setErrors(found);
    const firstInvalid = Object.keys(found)[0];
    if (firstInvalid !== undefined) {
      setFormError('Please correct the fields marked below.');
      focusField(firstInvalid);
      return;
    }
    if (!isRole(role)) return;
    setFormError(null);
    setSubmitting(true);
    try {
      const user = await api.createUser({
        username: username.trim(),
        display_name: displayName.trim(),
        role,
        password,
      });
      setUsername('');
      setDisplayName('');
      setRole('');
      setPassword('');
      setShowPassword(false);
      setErrors({});
      onCreated(user);
      usernameRef.current?.focus();
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFormError(caught.message);
        if (caught.field !== undefined && FIELD_NAMES.includes(caught.field)) {
          setErrors({ [caught.field]: caught.message });
          focusField(caught.field);
        }
      } else {
        setFormError('The user could not be created. Please try again.');
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-label="Add a user">
      <p className="muted form-note">
        All fields are required. Share the initial password with the person securely; they
        should change it after signing in.
      </p>
      {formError !== null && <ErrorNotice>{formError}</ErrorNotice>}
      <div className="form-grid">
        <TextField
          id="new-user-username"
          label="Username"
          value={username}
          onChange={setUsername}
          autoComplete="off"
          spellCheck={false}
          required
          hint="Used to sign in."
          error={errors.username}
          inputRef={usernameRef}
        />
        <TextField
          id="new-user-display_name"
          label="Display name"
          value={displayName}
          onChange={setDisplayName}
          autoComplete="off"
          required
          hint="As colleagues know them."
          error={errors.display_name}
        />
        <SelectField
          id="new-user-role"
          label="Role"
          value={role}
          onChange={setRole}
          options={ROLE_OPTIONS}
          placeholder="Choose a role…"
          required
          hint="What they can see and do."
          error={errors.role}
        />
        <div className="field-with-toggle">
          <TextField
            id="new-user-password"
            label="Initial password"
            type={showPassword ? 'text' : 'password'}
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            spellCheck={false}
            required
            minLength={MIN_PASSWORD_LENGTH}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={errors.password}
          />
          <button
            type="button"
            className="button button--small button--quiet"
            aria-pressed={showPassword}
            aria-controls="new-user-password"
            onClick={() => setShowPassword((v) => !v)}
          >
            {showPassword ? 'Hide password' : 'Show password'}
          </button>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
