// The site-selection screen's thresholds and filters, and the query strings that carry them:
// the same names as the API's (/api/screen, /api/screen/points, /api/schools/{unitid},
// /api/plan), so the page's own address, its links and its API calls share one format.
// Pure and unit-tested (screenParams.test.ts).
import { FIT_STATUSES, type AreaKind, type FitStatus } from './api';

export interface ScreenParams {
  area: AreaKind;
  /** Miles; the slider offers 5 to 100, the API accepts 0 < r <= 500. */
  radius: number;
  /** Q1 goal: immigrants in the area. */
  minImmigrants: number;
  /** Q3 band: `likely` from this many undergraduates… */
  q3Likely: number;
  /** …and `met` from this many. */
  q3Met: number;
}

export interface ScreenFilters {
  states: string[];
  cbsas: string[];
  /** IPEDS CONTROL: 1 public, 2 private nonprofit, 3 private for-profit. */
  controls: number[];
  minUndergrad: number | null;
  maxUndergrad: number | null;
  fits: FitStatus[];
  excludeSpecialFocus: boolean;
}

export const DEFAULT_PARAMS: Readonly<ScreenParams> = {
  area: 'radius',
  radius: 25,
  minImmigrants: 90_000,
  q3Likely: 4_000,
  q3Met: 5_000,
};

export const EMPTY_FILTERS: Readonly<ScreenFilters> = {
  states: [],
  cbsas: [],
  controls: [],
  minUndergrad: null,
  maxUndergrad: null,
  fits: [],
  excludeSpecialFocus: false,
};

export const RADIUS_MIN = 5;
export const RADIUS_MAX = 100;
export const API_RADIUS_MAX = 500;

export const AREA_LABELS: Readonly<Record<AreaKind, string>> = {
  county: 'County',
  metro: 'Metro area',
  radius: 'Radius',
};

export const CONTROL_LABELS: Readonly<Record<number, string>> = {
  1: 'Public',
  2: 'Private nonprofit',
  3: 'Private for-profit',
};

function isArea(value: string | null): value is AreaKind {
  return value === 'county' || value === 'metro' || value === 'radius';
}

/** A finite number from a query value, or null ("", "abc", missing). */
export function parseNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function list(search: URLSearchParams, key: string): string[] {
  const value = search.get(key);
  if (value === null) return [];
  return [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

/** Thresholds from a query string; anything missing or invalid falls back to the default. */
export function paramsFromQuery(search: URLSearchParams): ScreenParams {
  const area = search.get('area');
  const radius = parseNumber(search.get('radius'));
  const minImmigrants = parseNumber(search.get('min_immigrants'));
  const q3Likely = parseNumber(search.get('q3_likely'));
  const q3Met = parseNumber(search.get('q3_met'));
  return {
    area: isArea(area) ? area : DEFAULT_PARAMS.area,
    radius: radius !== null && radius > 0 && radius <= API_RADIUS_MAX ? radius : DEFAULT_PARAMS.radius,
    minImmigrants: minImmigrants !== null && minImmigrants >= 0 ? minImmigrants : DEFAULT_PARAMS.minImmigrants,
    q3Likely: q3Likely !== null && q3Likely >= 0 ? q3Likely : DEFAULT_PARAMS.q3Likely,
    q3Met: q3Met !== null && q3Met >= 0 ? q3Met : DEFAULT_PARAMS.q3Met,
  };
}

export function filtersFromQuery(search: URLSearchParams): ScreenFilters {
  const controls = list(search, 'control')
    .map(Number)
    .filter((n) => n === 1 || n === 2 || n === 3);
  const fits = list(search, 'fit').filter((f): f is FitStatus => (FIT_STATUSES as readonly string[]).includes(f));
  const minUndergrad = parseNumber(search.get('min_undergrad'));
  const maxUndergrad = parseNumber(search.get('max_undergrad'));
  return {
    states: [
      ...new Set(
        list(search, 'state')
          .map((s) => s.toUpperCase())
          .filter((s) => /^[A-Z]{2}$/.test(s)),
      ),
    ],
    cbsas: list(search, 'cbsa').filter((s) => /^\d{5}$/.test(s)),
    controls,
    minUndergrad: minUndergrad !== null && minUndergrad >= 0 ? minUndergrad : null,
    maxUndergrad: maxUndergrad !== null && maxUndergrad >= 0 ? maxUndergrad : null,
    fits,
    excludeSpecialFocus: search.get('special_focus') === 'exclude',
  };
}

/** Writes the thresholds; with `omitDefaults`, only those that differ from the defaults. */
export function appendParams(out: URLSearchParams, p: ScreenParams, omitDefaults = false): URLSearchParams {
  const put = (key: string, value: string | number, fallback: string | number) => {
    if (!omitDefaults || value !== fallback) out.set(key, String(value));
  };
  put('area', p.area, DEFAULT_PARAMS.area);
  put('radius', p.radius, DEFAULT_PARAMS.radius);
  put('min_immigrants', p.minImmigrants, DEFAULT_PARAMS.minImmigrants);
  put('q3_likely', p.q3Likely, DEFAULT_PARAMS.q3Likely);
  put('q3_met', p.q3Met, DEFAULT_PARAMS.q3Met);
  return out;
}

/** Writes the filters that are set (empty lists and blanks are left out). */
export function appendFilters(out: URLSearchParams, f: ScreenFilters): URLSearchParams {
  if (f.states.length > 0) out.set('state', f.states.join(','));
  if (f.cbsas.length > 0) out.set('cbsa', f.cbsas.join(','));
  if (f.controls.length > 0) out.set('control', [...f.controls].sort((a, b) => a - b).join(','));
  if (f.minUndergrad !== null) out.set('min_undergrad', String(f.minUndergrad));
  if (f.maxUndergrad !== null) out.set('max_undergrad', String(f.maxUndergrad));
  if (f.fits.length > 0) {
    out.set('fit', FIT_STATUSES.filter((s) => f.fits.includes(s)).join(','));
  }
  if (f.excludeSpecialFocus) out.set('special_focus', 'exclude');
  return out;
}

/** URLSearchParams encodes commas and colons; lists and "state:MA" read better (and mean the same) without. */
export function queryString(search: URLSearchParams): string {
  return search.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/** The query for GET /api/screen: every threshold (explicit), the filters, and paging. */
export function screenApiQuery(
  p: ScreenParams,
  f: ScreenFilters,
  paging: { offset: number; limit: number },
  partners: readonly number[] = [],
): string {
  const out = appendFilters(appendParams(new URLSearchParams(), p), f);
  if (partners.length > 0) out.set('partners', partners.join(','));
  out.set('offset', String(paging.offset));
  out.set('limit', String(paging.limit));
  return queryString(out);
}

/** The page's own query: thresholds that differ from the defaults, filters, and extras. */
export function pageQuery(p: ScreenParams, f: ScreenFilters, extra: Record<string, string> = {}): string {
  const out = appendFilters(appendParams(new URLSearchParams(), p, true), f);
  for (const [key, value] of Object.entries(extra)) if (value !== '') out.set(key, value);
  return queryString(out);
}

/** Thresholds only (school page, planner): the carried part of a screen link. */
export function thresholdQuery(p: ScreenParams, omitDefaults = true): string {
  return queryString(appendParams(new URLSearchParams(), p, omitDefaults));
}

/** Messages for thresholds the API would refuse, keyed by field; empty when all is well. */
export function validateParams(raw: {
  radius: string;
  minImmigrants: string;
  q3Likely: string;
  q3Met: string;
}): Partial<Record<'radius' | 'minImmigrants' | 'q3Likely' | 'q3Met', string>> {
  const errors: Partial<Record<'radius' | 'minImmigrants' | 'q3Likely' | 'q3Met', string>> = {};
  const radius = parseNumber(raw.radius);
  if (radius === null || radius < RADIUS_MIN || radius > RADIUS_MAX) {
    errors.radius = `Enter a radius from ${RADIUS_MIN} to ${RADIUS_MAX} miles.`;
  }
  const min = parseNumber(raw.minImmigrants);
  if (min === null || min < 0 || !Number.isInteger(min)) errors.minImmigrants = 'Enter a whole number, 0 or more.';
  const likely = parseNumber(raw.q3Likely);
  const met = parseNumber(raw.q3Met);
  if (likely === null || likely < 0 || !Number.isInteger(likely)) errors.q3Likely = 'Enter a whole number, 0 or more.';
  if (met === null || met < 0 || !Number.isInteger(met)) errors.q3Met = 'Enter a whole number, 0 or more.';
  else if (likely !== null && likely > met) errors.q3Met = 'The “met” level must be at least the “likely” level.';
  return errors;
}

/** Parses a comma list of UNITIDs ("166638,217156"), dropping anything that is not one. */
export function parseUnitids(value: string | null): number[] {
  if (value === null) return [];
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d{1,9}$/.test(s))
    .map(Number);
  return [...new Set(ids)];
}
