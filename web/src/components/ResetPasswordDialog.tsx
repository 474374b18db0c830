// A modal <dialog> (focus trapped and Escape handled by the browser) to set a new password.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, MIN_PASSWORD_LENGTH, type User } from '../api';
import { TextField } from './Field';
import { ErrorNotice } from './Notice';

interface ResetPasswordDialogProps {
  /** The user whose password is being reset; null when closed. */
  user: User | null;
  /** Called when the dialog closes; `message` is set after a successful reset. */
  onClose(message?: string): void;
  reset(user: User, password: string): Promise<void>;
}

export function ResetPasswordDialog({ user, onClose, reset }: ResetPasswordDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (user !== null && !dialog.open) {
      setPassword('');
      setFieldError(undefined);
      setError(null);
      dialog.showModal();
    } else if (user === null && dialog.open) {
      dialog.close();
    }
  }, [user]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (user === null || submitting) return;
    if (password.length < MIN_PASSWORD_LENGTH) {
      setFieldError(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    setSubmitting(true);
    setFieldError(undefined);
    setError(null);
    try {
      await reset(user, password);
      setPassword('');
      onClose(`The password of ${user.username} was reset. Share it with them securely.`);
    } catch (caught) {
      if (caught instanceof ApiError && caught.field === 'password') setFieldError(caught.message);
      else setError(caught instanceof ApiError ? caught.message : 'The password could not be reset.');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="reset-password-title"
      onClose={() => {
        if (user !== null) onClose();
      }}
    >
      {user !== null && (
        <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate>
          <h2 id="reset-password-title" className="dialog__title">
            Reset password for {user.username}
          </h2>
          <p className="muted">
            Set a new password for {user.display_name || user.username}. Their current password
            stops working at once.
          </p>
          <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
          <TextField
            id="reset-password"
            label="New password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoFocus
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={fieldError}
          />
          {error !== null && <ErrorNotice>{error}</ErrorNotice>}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={submitting}>
              {submitting ? 'Saving…' : 'Set password'}
            </button>
            <button type="button" className="button" onClick={() => onClose()} disabled={submitting}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
