import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  api,
  ApiError,
  decodeCountyTable,
  decodeScreenResult,
  isAbortError,
  resetClientStateForTests,
} from './api';

interface Call {
  url: string;
  init: RequestInit;
}

let calls: Call[];

beforeEach(() => {
  resetClientStateForTests();
  calls = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function respondWith(...responses: Response[]): void {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const next = responses.shift();
    if (next === undefined) throw new TypeError('network down');
    return next;
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('screen decoding', () => {
  it('keeps nulls as unknown and unknown statuses as "unknown"', () => {
    const result = decodeScreenResult({
      params: { area: 'radius', radius_miles: 25 },
      reach_model: 'county disk model',
      datasets: [{ kind: 'acs', source: 'ACS', vintage: '2017-2021', rows: 3227 }],
      total_institutions: 6163,
      total_matching: 1,
      counts: { fit: { met: 1 } },
      rows: [{ rank: 1, unitid: 166638, name: 'UMass Boston', fit: 'met', q1: 'weird', reach_immigrants: null, undergrad: '12345' }],
    });
    const row = result.rows[0]!;
    expect(row.fit).toBe('met');
    expect(row.q1).toBe('unknown');
    expect(row.reach_immigrants).toBeNull();
    expect(row.undergrad).toBe(12345);
    expect(result.counts.fit).toEqual({ met: 1, likely: 0, unknown: 0, not_met: 0 });
    expect(result.datasets[0]?.vintage).toBe('2017-2021');
  });

  it('refuses an answer without rows', () => {
    expect(() => decodeScreenResult({ total_matching: 3 })).toThrow(ApiError);
  });

  it('pads county FIPS codes to five digits', () => {
    const table = decodeCountyTable({ fips: [1001, '06037'], name: ['Autauga', 'Los Angeles'], foreign_born: [null, 3400000] });
    expect(table.fips).toEqual(['01001', '06037']);
    expect(table.foreign_born).toEqual([null, 3400000]);
    expect(table.cbsa).toEqual(['', '']);
  });
});

describe('site-selection calls', () => {
  it('passes the query string and reports 409 failed_precondition', async () => {
    respondWith(json(409, { error: { code: 'failed_precondition', message: 'no public data imported yet' } }));
    const error = await api.screen('radius=10&limit=100').catch((e: unknown) => e);
    expect(calls[0]?.url).toBe('/api/screen?radius=10&limit=100');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('failed_precondition');
  });

  it('rejects an aborted request with an AbortError, not an ApiError', async () => {
    respondWith(json(200, { rows: [] }));
    const controller = new AbortController();
    controller.abort();
    const error = await api.screen('', controller.signal).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(calls[0]?.url).toBe('/api/screen');
  });

  it('sends the legal-resource CSV as text/csv with the CSRF token', async () => {
    respondWith(
      json(200, { user: { id: 1, username: 'a', role: 'staff' }, csrf_token: 'tok' }),
      json(200, { imported: 2 }),
    );
    await api.login('a', 'password-password');
    const n = await api.importLegalResources('kind,name,city,state,lat,lon,source\n');
    expect(n).toBe(2);
    const headers = calls[1]?.init.headers as Record<string, string>;
    expect(calls[1]?.url).toBe('/api/legal-resources/import');
    expect(headers['Content-Type']).toBe('text/csv');
    expect(headers['X-CSRF-Token']).toBe('tok');
    expect(calls[1]?.init.body).toBe('kind,name,city,state,lat,lon,source\n');
  });

  it('encodes the school search', async () => {
    respondWith(json(200, { schools: [{ unitid: '217156', name: 'Brown University', city: 'Providence', state: 'RI' }] }));
    const schools = await api.searchSchools('brown & co', 5);
    expect(calls[0]?.url).toBe('/api/schools?q=brown+%26+co&limit=5');
    expect(schools).toEqual([{ unitid: 217156, name: 'Brown University', city: 'Providence', state: 'RI' }]);
  });
});
