import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  api,
  ApiError,
  decodeUser,
  errorFromResponse,
  isSignedIn,
  onSessionExpired,
  parseRetryAfter,
  resetClientStateForTests,
} from './api';

const USER = {
  id: 1,
  username: 'ana',
  display_name: 'Ana Pérez',
  role: 'admin',
  disabled: false,
  must_change_password: false,
  created_at: 1_700_000_000,
};
const SESSION = {
  user: USER,
  csrf_token: 'token-123',
  idle_timeout_seconds: 900,
  absolute_expires_at: 1_700_043_200,
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

interface Call {
  url: string;
  init: RequestInit;
}

let calls: Call[];
let responses: Response[];

beforeEach(() => {
  resetClientStateForTests();
  calls = [];
  responses = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (next === undefined) throw new TypeError('network down');
    return next;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function header(call: Call | undefined, name: string): string | undefined {
  const headers = (call?.init.headers ?? {}) as Record<string, string>;
  return headers[name];
}

describe('CSRF token', () => {
  it('is sent on unsafe methods after sign-in, never on GET', async () => {
    responses.push(json(200, SESSION), json(200, { users: [USER] }), json(200, { user: USER }));
    await api.login('ana', 'secret-password');
    await api.listUsers();
    await api.updateUser(1, { role: 'staff' });
    expect(header(calls[0], 'X-CSRF-Token')).toBeUndefined();
    expect(header(calls[1], 'X-CSRF-Token')).toBeUndefined();
    expect(calls[2]?.init.method).toBe('PATCH');
    expect(header(calls[2], 'X-CSRF-Token')).toBe('token-123');
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });

  it('is forgotten after logout', async () => {
    responses.push(json(200, SESSION), new Response(null, { status: 204 }), json(401, {}));
    await api.login('ana', 'secret-password');
    await api.logout();
    expect(header(calls[1], 'X-CSRF-Token')).toBe('token-123');
    expect(isSignedIn()).toBe(false);
    await expect(api.createUser({ username: 'b', display_name: 'B', role: 'staff', password: 'x'.repeat(12) })).rejects.toBeInstanceOf(ApiError);
    expect(header(calls[2], 'X-CSRF-Token')).toBeUndefined();
  });
});

describe('401 handling', () => {
  it('a wrong password is an answer, not an expired session', async () => {
    const expired = vi.fn();
    onSessionExpired(expired);
    responses.push(
      json(401, { error: { code: 'unauthenticated', message: 'Invalid username or password.' } }),
    );
    await expect(api.login('ana', 'wrong')).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
      message: 'Invalid username or password.',
    });
    expect(expired).not.toHaveBeenCalled();
  });

  it('a 401 while signed in ends the session and notifies listeners', async () => {
    const expired = vi.fn();
    onSessionExpired(expired);
    responses.push(json(200, SESSION), json(401, { error: { code: 'unauthenticated', message: 'sign in required' } }));
    await api.login('ana', 'secret-password');
    await expect(api.listUsers()).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledTimes(1);
    expect(isSignedIn()).toBe(false);
  });

  it('a 401 naming a field (wrong current password) does not end the session', async () => {
    const expired = vi.fn();
    onSessionExpired(expired);
    responses.push(
      json(200, SESSION),
      json(401, { error: { code: 'unauthenticated', message: 'wrong', field: 'current_password' } }),
    );
    await api.login('ana', 'secret-password');
    await expect(api.changePassword('bad', 'new-password-123')).rejects.toMatchObject({
      field: 'current_password',
    });
    expect(expired).not.toHaveBeenCalled();
    expect(isSignedIn()).toBe(true);
  });

  it('GET /api/auth/me at start-up without a session is not an expiry', async () => {
    const expired = vi.fn();
    onSessionExpired(expired);
    responses.push(json(401, { error: { code: 'unauthenticated', message: 'sign in required' } }));
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('error envelope', () => {
  it('keeps code, message and field', async () => {
    const error = await errorFromResponse(
      json(409, { error: { code: 'already_exists', message: 'taken', field: 'username' } }),
    );
    expect(error).toMatchObject({ status: 409, code: 'already_exists', message: 'taken', field: 'username' });
  });

  it('falls back to the status when the body is not an envelope', async () => {
    const error = await errorFromResponse(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(error).toMatchObject({ status: 502, code: 'unavailable', field: undefined });
    expect(error.message).not.toBe('');
  });

  it('reads Retry-After on 429', async () => {
    const error = await errorFromResponse(
      json(429, { error: { code: 'resource_exhausted', message: 'slow down' } }, { 'Retry-After': '120' }),
    );
    expect(error.retryAfterSeconds).toBe(120);
  });

  it('reports an unreachable server as unavailable', async () => {
    await expect(api.health()).rejects.toMatchObject({ status: 0, code: 'unavailable' });
  });
});

describe('parseRetryAfter', () => {
  it('accepts seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:30:00 GMT', now)).toBe(120);
  });
});

describe('decodeUser', () => {
  it('rejects an unknown role', () => {
    expect(() => decodeUser({ ...USER, role: 'superuser' })).toThrow(ApiError);
  });

  it('fills optional fields', () => {
    const { display_name: _ignored, ...rest } = USER;
    expect(decodeUser(rest).display_name).toBe('');
  });
});
