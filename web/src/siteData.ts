// Data shared by the site-selection pages and cached for the visit: the US shapes, the county
// figures and the metro list. A failed load is not cached (the next page tries again), and
// importing data clears the cache (invalidateSiteData).
import { useEffect, useState } from 'react';
import { api, ApiError, type CountyTable, type Metro } from './api';
import { loadAtlas, type Atlas } from './atlas';
import type { CountyDatum } from './components/UsMap';

let countiesPromise: Promise<Map<string, CountyDatum> & { source?: string }> | null = null;
let metrosPromise: Promise<Metro[]> | null = null;

export function invalidateSiteData(): void {
  countiesPromise = null;
  metrosPromise = null;
}

export function countyMap(table: CountyTable): Map<string, CountyDatum> & { source?: string } {
  const map: Map<string, CountyDatum> & { source?: string } = new Map();
  table.fips.forEach((fips, i) => {
    map.set(fips, {
      fips,
      name: table.name[i] ?? '',
      state: table.state[i] ?? '',
      foreignBorn: table.foreign_born[i] ?? null,
      population: table.total_population[i] ?? null,
      cbsa: table.cbsa[i] ?? '',
    });
  });
  map.source = table.source;
  return map;
}

function loadCounties(): Promise<Map<string, CountyDatum> & { source?: string }> {
  if (countiesPromise === null) {
    const p = api.counties().then(countyMap);
    countiesPromise = p;
    p.catch(() => {
      if (countiesPromise === p) countiesPromise = null;
    });
  }
  return countiesPromise;
}

function loadMetros(): Promise<Metro[]> {
  if (metrosPromise === null) {
    const p = api.metros().then((list) => [...list].sort((a, b) => a.title.localeCompare(b.title)));
    metrosPromise = p;
    p.catch(() => {
      if (metrosPromise === p) metrosPromise = null;
    });
  }
  return metrosPromise;
}

export interface Loaded<T> {
  value: T | null;
  error: unknown;
}

function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: null, error: null });
  useEffect(() => {
    let cancelled = false;
    load().then(
      (value) => {
        if (!cancelled) setState({ value, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState({ value: null, error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load]);
  return state;
}

export function useAtlas(): Loaded<Atlas> {
  return useLoaded(loadAtlas);
}

export function useCounties(): Loaded<Map<string, CountyDatum> & { source?: string }> {
  return useLoaded(loadCounties);
}

export function useMetros(): Loaded<Metro[]> {
  return useLoaded(loadMetros);
}

/** True when the server says no public data has been imported yet (409 failed_precondition). */
export function isNoData(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'failed_precondition';
}

export function errorMessage(error: unknown, fallback = 'Something went wrong.'): string {
  return error instanceof Error && error.message !== '' ? error.message : fallback;
}

/** `value`, updated only after it has stayed the same for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
