// Who is signed in, for the whole app. Loads the session once at start-up (GET /api/auth/me),
// signs in and out, and turns an expired session into the login page with a banner.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError, isSignedIn, lastActivity, onActivity, onSessionExpired, type Session } from './api';
import { navigate } from './router';

export type SessionStatus = 'loading' | 'signed-out' | 'signed-in';

export interface SessionContextValue {
  status: SessionStatus;
  session: Session | null;
  /** True after the server ended a session the user had; the login page shows a banner. */
  expired: boolean;
  /** Set when the start-up check could not reach the server at all. */
  startupError: string | null;
  signIn(username: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
  /** Reloads the session from the server (after a password change, say). */
  refresh(): Promise<void>;
  dismissExpired(): void;
  retryStartup(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

// A tab that had a session remembers that (not the session itself) so that a reload after the
// session timed out can say so instead of silently showing the login page.
const HAD_SESSION_KEY = 'scij.hadSession';

function rememberHadSession(value: boolean): void {
  try {
    if (value) window.sessionStorage.setItem(HAD_SESSION_KEY, '1');
    else window.sessionStorage.removeItem(HAD_SESSION_KEY);
  } catch {
    // Storage may be unavailable (privacy settings); the banner is a nicety.
  }
}

function hadSession(): boolean {
  try {
    return window.sessionStorage.getItem(HAD_SESSION_KEY) === '1';
  } catch {
    return false;
  }
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** Slack added to the server's deadlines before the client checks, to absorb clock skew. */
const CHECK_SLACK_MS = 5_000;
const MIN_CHECK_DELAY_MS = 30_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [session, setSession] = useState<Session | null>(null);
  const [expired, setExpired] = useState(false);
  const [startupError, setStartupError] = useState<string | null>(null);
  const [startupAttempt, setStartupAttempt] = useState(0);
  const [activityTick, setActivityTick] = useState(0);
  const checkTimer = useRef<number | undefined>(undefined);

  // Start-up: is there a session already (cookie from an earlier visit)?
  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then((s) => {
        if (cancelled) return;
        rememberHadSession(true);
        setSession(s);
        setStatus('signed-in');
        setStartupError(null);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) {
          setExpired(hadSession());
          rememberHadSession(false);
          setSession(null);
          setStatus('signed-out');
          setStartupError(null);
        } else {
          setStartupError(error instanceof Error ? error.message : 'Cannot reach the server.');
        }
      });
    return () => {
      cancelled = true;
    };
  }, [startupAttempt]);

  // Any 401 while signed in: back to the login page, remembering where the user was.
  useEffect(
    () =>
      onSessionExpired(() => {
        const from = currentPath();
        rememberHadSession(false);
        setSession(null);
        setStatus('signed-out');
        setExpired(true);
        navigate('/login', { replace: true, returnTo: from === '/login' ? '/' : from });
      }),
    [],
  );

  useEffect(() => onActivity(() => setActivityTick((t) => t + 1)), []);

  // Show the expiry promptly even if the user does nothing: once the idle or absolute limit
  // has passed, ask the server (which answers 401, and the listener above takes over). The
  // check runs only after a deadline, so it never keeps an idle session alive.
  useEffect(() => {
    window.clearTimeout(checkTimer.current);
    if (status !== 'signed-in' || session === null) return undefined;
    const idleDeadline = lastActivity() + session.idle_timeout_seconds * 1000;
    const absoluteDeadline =
      session.absolute_expires_at > 0 ? session.absolute_expires_at * 1000 : Number.POSITIVE_INFINITY;
    const deadline = Math.min(idleDeadline, absoluteDeadline) + CHECK_SLACK_MS;
    const delay = Math.max(MIN_CHECK_DELAY_MS, deadline - Date.now());
    checkTimer.current = window.setTimeout(() => {
      if (!isSignedIn()) return;
      api
        .me()
        .then((s) => setSession(s))
        .catch(() => {
          // A 401 is handled by onSessionExpired; anything else: try again at the next tick.
          setActivityTick((t) => t + 1);
        });
    }, Math.min(delay, 2_147_483_000));
    return () => window.clearTimeout(checkTimer.current);
  }, [status, session, activityTick]);

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await api.login(username, password);
    rememberHadSession(true);
    setExpired(false);
    setSession(s);
    setStatus('signed-in');
    return s;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Whatever the server says (already expired, unreachable), the client forgets the session.
    }
    rememberHadSession(false);
    setExpired(false);
    setSession(null);
    setStatus('signed-out');
    navigate('/login', { replace: true });
  }, []);

  const refresh = useCallback(async () => {
    const s = await api.me();
    setSession(s);
  }, []);

  const dismissExpired = useCallback(() => setExpired(false), []);
  const retryStartup = useCallback(() => {
    setStartupError(null);
    setStartupAttempt((n) => n + 1);
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      status,
      session,
      expired,
      startupError,
      signIn,
      signOut,
      refresh,
      dismissExpired,
      retryStartup,
    }),
    [status, session, expired, startupError, signIn, signOut, refresh, dismissExpired, retryStartup],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
