import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { ErrorNotice, WarningNotice } from '../components/Notice';
import { TextField } from '../components/Field';
import { tooManyAttemptsMessage } from '../format';
import { useDocumentTitle } from '../hooks';
import { navigate, takeReturnTo } from '../router';
import { useSession } from '../session';

export const SESSION_EXPIRED_MESSAGE =
  'Your session has expired (15 minutes without activity, or 12 hours after sign-in). ' +
  'Please sign in again.';

function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return tooManyAttemptsMessage(error.retryAfterSeconds);
    if (error.status === 401) return error.message || 'Invalid username or password.';
    return error.message;
  }
  return 'Sign-in failed. Please try again.';
}

export function LoginPage() {
  useDocumentTitle('Sign in');
  const { signIn, expired, dismissExpired } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (submitting) return;
    if (username.trim() === '' || password === '') {
      setError('Enter your username and password.');
      (username.trim() === '' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const returnTo = takeReturnTo();
      await signIn(username.trim(), password);
      dismissExpired();
      navigate(returnTo ?? '/', { replace: true });
    } catch (caught) {
      setError(loginErrorMessage(caught));
      setPassword('');
      setSubmitting(false);
      passwordRef.current?.focus();
    }
  }

  return (
    <div className="login">
      <header className="login__header">
        <span className="brand__mark brand__mark--large" aria-hidden="true">
          S
        </span>
        <p className="login__org">
          <span className="login__name">SCIJ Network</span>
          <span className="login__tagline">Student Clinic for Immigrant Justice</span>
        </p>
      </header>
      <main className="login__card" id="main">
        <h1 className="login__title">Sign in</h1>
        {expired && <WarningNotice>{SESSION_EXPIRED_MESSAGE}</WarningNotice>}
        {error !== null && <ErrorNotice id="login-error">{error}</ErrorNotice>}
        <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate>
          <TextField
            id="username"
            label="Username"
            value={username}
            onChange={setUsername}
            autoComplete="username"
            spellCheck={false}
            autoFocus
            required
            inputRef={usernameRef}
          />
          <TextField
            id="password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
            inputRef={passwordRef}
          />
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="login__help">
          Accounts are created by an SCIJ administrator. If you cannot sign in, ask your
          administrator to reset your password.
        </p>
      </main>
    </div>
  );
}
