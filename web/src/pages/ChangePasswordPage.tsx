import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, MIN_PASSWORD_LENGTH } from '../api';
import { PageTitle } from '../components/AppShell';
import { TextField } from '../components/Field';
import { ErrorNotice, StatusRegion } from '../components/Notice';
import { useDocumentTitle } from '../hooks';
import { useSession } from '../session';

type FieldName = 'current_password' | 'new_password' | 'confirm';

export function ChangePasswordPage() {
  useDocumentTitle('Change password');
  const { refresh, session } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setStatus('');
    setFormError(null);
    const found: Partial<Record<FieldName, string>> = {};
    if (current === '') found.current_password = 'Enter your current password.';
    if (next.length < MIN_PASSWORD_LENGTH) {
      found.new_password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    } else if (next === current) {
      found.new_password = 'Choose a password different from the current one.';
    }
    if (confirm !== next) found.confirm = 'The two new passwords do not match.';
    setErrors(found);
    const firstInvalid = (['current_password', 'new_password', 'confirm'] as const).find(
      (name) => found[name] !== undefined,
    );
    if (firstInvalid !== undefined) {
      setFormError('Please correct the fields marked below.');
      const id = firstInvalid === 'confirm' ? 'confirm_password' : firstInvalid;
      document.getElementById(id)?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setStatus('Your password was changed.');
      await refresh().catch(() => undefined);
    } catch (caught) {
      if (caught instanceof ApiError) {
        const field = caught.field === 'password' ? 'new_password' : caught.field;
        if (field === 'current_password' || field === 'new_password') {
          setErrors({ [field]: caught.message });
        }
        setFormError(caught.message);
      } else {
        setFormError('The password could not be changed. Please try again.');
      }
      currentRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <PageTitle>Change password</PageTitle>
      <p className="lead">
        Choose a password of at least {MIN_PASSWORD_LENGTH} characters that you do not use
        anywhere else. A short phrase of several words works well.
      </p>
      <StatusRegion message={status} />
      <div className="panel panel--narrow">
        {formError !== null && <ErrorNotice>{formError}</ErrorNotice>}
        <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate>
          {/* Lets password managers file the new password under the right account. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={session?.user.username ?? ''}
            readOnly
            hidden
          />
          <TextField
            id="current_password"
            label="Current password"
            type="password"
            value={current}
            onChange={setCurrent}
            autoComplete="current-password"
            required
            error={errors.current_password}
            inputRef={currentRef}
          />
          <TextField
            id="new_password"
            label="New password"
            type="password"
            value={next}
            onChange={setNext}
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={errors.new_password}
          />
          <TextField
            id="confirm_password"
            label="New password, again"
            type="password"
            value={confirm}
            onChange={setConfirm}
            autoComplete="new-password"
            required
            error={errors.confirm}
          />
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? 'Saving…' : 'Change password'}
          </button>
        </form>
      </div>
    </>
  );
}
