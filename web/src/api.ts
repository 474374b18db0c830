// The one client for the SCIJ Network HTTP API (same origin, under /api).
//
// - Every request is same-origin with `credentials: 'same-origin'`; the session cookie is
//   HttpOnly and never touched here.
// - The CSRF token from login / `GET /api/auth/me` is kept in memory only (never in storage)
//   and sent as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE.
// - Failures become `ApiError` values carrying the error envelope
//   `{"error":{"code","message","field"}}`, the HTTP status and, for 429, `Retry-After`.
// - A 401 on any call while signed in means the session ended on the server (idle or absolute
//   timeout, or revoked): the in-memory token is dropped and `onSessionExpired` listeners run.
//
//   const session = await api.login('ana', 'correct horse battery');
//   const { users } = await api.listUsers();

export const ROLES = [
  'admin',
  'staff',
  'organizer',
  'champion',
  'student',
  'attorney',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  staff: 'Staff',
  organizer: 'Campus organizer',
  champion: 'Champion',
  student: 'Student',
  attorney: 'Attorney',
  observer: 'Observer',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export type UserId = string | number;

export interface User {
  id: UserId;
  username: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  must_change_password: boolean;
  /** Unix seconds or an ISO 8601 string, depending on the server; see formatTimestamp. */
  created_at: string | number;
}

export interface Session {
  user: User;
  csrf_token: string;
  idle_timeout_seconds: number;
  /** Unix seconds. */
  absolute_expires_at: number;
}

export interface Health {
  status: string;
  version: string;
  store: { ok: boolean; backend: string; schema_version: number };
}

export type ErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'already_exists'
  | 'failed_precondition'
  | 'payload_too_large'
  | 'resource_exhausted'
  | 'unavailable'
  | 'internal';

const ERROR_CODES: readonly string[] = [
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
  'not_found',
  'already_exists',
  'failed_precondition',
  'payload_too_large',
  'resource_exhausted',
  'unavailable',
  'internal',
];

export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  password: string;
}

export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  display_name?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Seconds to wait before retrying (from Retry-After), when the server sent it. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    field?: string,
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A fallback code when a failure arrives without a readable envelope. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid_argument';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'not_found';
    case 409:
      return 'already_exists';
    case 412:
      return 'failed_precondition';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'resource_exhausted';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'internal';
  }
}

const FALLBACK_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  invalid_argument: 'The request was not valid.',
  unauthenticated: 'You are not signed in.',
  permission_denied: 'You do not have permission to do that.',
  not_found: 'Not found.',
  already_exists: 'That already exists.',
  failed_precondition: 'That cannot be done right now.',
  payload_too_large: 'The request is too large.',
  resource_exhausted: 'Too many requests. Please wait and try again.',
  unavailable: 'The service is unavailable. Please try again shortly.',
  internal: 'Something went wrong on the server. Please try again.',
};

/** Parses Retry-After: delay-seconds or an HTTP date. Returns whole seconds, or undefined. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds an ApiError from a failed response, tolerating bodies that are not an envelope. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let code = codeForStatus(response.status);
  let message: string | undefined;
  let field: string | undefined;
  try {
    const body: unknown = await response.json();
    if (isObject(body) && isObject(body.error)) {
      const error = body.error;
      if (typeof error.code === 'string' && ERROR_CODES.includes(error.code)) {
        code = error.code as ErrorCode;
      }
      if (typeof error.message === 'string' && error.message !== '') message = error.message;
      if (typeof error.field === 'string' && error.field !== '') field = error.field;
    }
  } catch {
    // Not JSON (a proxy error page, an empty body): keep the status-derived code.
  }
  return new ApiError(
    response.status,
    code,
    message ?? FALLBACK_MESSAGES[code],
    field,
    parseRetryAfter(response.headers.get('Retry-After')),
  );
}

// ---- Decoders: the server is trusted, but a malformed answer must not crash the page. ----

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string): ApiError {
  return new ApiError(0, 'internal', `Unexpected response from the server (${what}).`);
}

export function decodeUser(value: unknown): User {
  if (!isObject(value)) throw malformed('user');
  const { id, username, display_name, role, disabled, must_change_password, created_at } = value;
  if (typeof id !== 'string' && typeof id !== 'number') throw malformed('user.id');
  if (typeof username !== 'string') throw malformed('user.username');
  if (!isRole(role)) throw malformed('user.role');
  return {
    id,
    username,
    display_name: typeof display_name === 'string' ? display_name : '',
    role,
    disabled: disabled === true,
    must_change_password: must_change_password === true,
    created_at: typeof created_at === 'string' || typeof created_at === 'number' ? created_at : '',
  };
}

export function decodeSession(value: unknown): Session {
  if (!isObject(value)) throw malformed('session');
  const { user, csrf_token, idle_timeout_seconds, absolute_expires_at } = value;
  if (typeof csrf_token !== 'string' || csrf_token === '') throw malformed('csrf_token');
  return {
    user: decodeUser(user),
    csrf_token,
    idle_timeout_seconds: typeof idle_timeout_seconds === 'number' ? idle_timeout_seconds : 900,
    absolute_expires_at: typeof absolute_expires_at === 'number' ? absolute_expires_at : 0,
  };
}

function decodeUserEnvelope(value: unknown): User {
  if (!isObject(value)) throw malformed('user envelope');
  return decodeUser(value.user);
}

function decodeUserList(value: unknown): User[] {
  if (!isObject(value) || !Array.isArray(value.users)) throw malformed('users');
  return value.users.map(decodeUser);
}

function decodeHealth(value: unknown): Health {
  if (!isObject(value) || typeof value.status !== 'string') throw malformed('health');
  const store = isObject(value.store) ? value.store : {};
  return {
    status: value.status,
    version: typeof value.version === 'string' ? value.version : '',
    store: {
      ok: store.ok === true,
      backend: typeof store.backend === 'string' ? store.backend : '',
      schema_version: typeof store.schema_version === 'number' ? store.schema_version : 0,
    },
  };
}

// ---- Session state kept by the client (in memory only). ----

type Listener = () => void;

let csrfToken: string | null = null;
let signedIn = false;
let lastActivityAt = 0;
const expiryListeners = new Set<Listener>();
const activityListeners = new Set<Listener>();

/** Runs `listener` when a call fails with 401 while signed in. Returns an unsubscribe. */
export function onSessionExpired(listener: Listener): () => void {
  expiryListeners.add(listener);
  return () => {
    expiryListeners.delete(listener);
  };
}

/** Runs `listener` after every successful authenticated call (the server's idle clock). */
export function onActivity(listener: Listener): () => void {
  activityListeners.add(listener);
  return () => {
    activityListeners.delete(listener);
  };
}

/** Milliseconds since the epoch of the last successful call the server saw while signed in. */
export function lastActivity(): number {
  return lastActivityAt;
}

export function isSignedIn(): boolean {
  return signedIn;
}

function startSession(session: Session): Session {
  csrfToken = session.csrf_token;
  signedIn = true;
  lastActivityAt = Date.now();
  return session;
}

function endSession(): void {
  csrfToken = null;
  signedIn = false;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  /** A 401 here is an answer (wrong password, no session yet), not an expired session. */
  unauthenticatedIsAnswer?: boolean;
}

async function request(method: Method, path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (UNSAFE_METHODS.has(method) && csrfToken !== null) {
    headers['X-CSRF-Token'] = csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(
      0,
      'unavailable',
      'Cannot reach the server. Check your connection and try again.',
    );
  }

  if (!response.ok) {
    const error = await errorFromResponse(response);
    // A 401 naming a field (a wrong current password, say) answers the request; any other 401
    // while signed in means the server no longer knows this session.
    const sessionEnded =
      response.status === 401 &&
      signedIn &&
      options.unauthenticatedIsAnswer !== true &&
      error.field === undefined;
    if (sessionEnded) {
      endSession();
      for (const listener of [...expiryListeners]) listener();
    }
    throw error;
  }

  if (signedIn) {
    lastActivityAt = Date.now();
    for (const listener of [...activityListeners]) listener();
  }
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed('not JSON');
  }
}

export const api = {
  async health(): Promise<Health> {
    return decodeHealth(await request('GET', '/api/health'));
  },

  async login(username: string, password: string): Promise<Session> {
    // A fresh sign-in replaces whatever session the client thought it had.
    endSession();
    const body = await request('POST', '/api/auth/login', {
      body: { username, password },
      unauthenticatedIsAnswer: true,
    });
    return startSession(decodeSession(body));
  },

  /** The current session, or an ApiError with status 401 when there is none. */
  async me(): Promise<Session> {
    const body = await request('GET', '/api/auth/me', { unauthenticatedIsAnswer: !signedIn });
    return startSession(decodeSession(body));
  },

  async logout(): Promise<void> {
    try {
      await request('POST', '/api/auth/logout', { unauthenticatedIsAnswer: true });
    } finally {
      endSession();
    }
  },

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await request('POST', '/api/auth/password', {
      body: { current_password: currentPassword, new_password: newPassword },
    });
  },

  async listUsers(): Promise<User[]> {
    return decodeUserList(await request('GET', '/api/users'));
  },

  async createUser(user: NewUser): Promise<User> {
    return decodeUserEnvelope(await request('POST', '/api/users', { body: user }));
  },

  async updateUser(id: UserId, patch: UserPatch): Promise<User> {
    const path = `/api/users/${encodeURIComponent(String(id))}`;
    return decodeUserEnvelope(await request('PATCH', path, { body: patch }));
  },

  async resetPassword(id: UserId, password: string): Promise<void> {
    const path = `/api/users/${encodeURIComponent(String(id))}/reset-password`;
    await request('POST', path, { body: { password } });
  },
};

/** For unit tests only: forget the in-memory session. */
export function resetClientStateForTests(): void {
  endSession();
  lastActivityAt = 0;
  expiryListeners.clear();
  activityListeners.clear();
}

/** Minimum length of a new password; the server is authoritative and may ask for more. */
export const MIN_PASSWORD_LENGTH = 12;
