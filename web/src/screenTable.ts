// The ranked table of the site-selection screen: labels, sorting and the CSV of the rows shown.
// Pure and unit-tested (screenTable.test.ts).
import type { FitStatus, PlanPick, ScreenRow } from './api';
import { toCsv } from './csv';

export const STATUS_LABELS: Readonly<Record<FitStatus, string>> = {
  met: 'Met',
  likely: 'Likely',
  unknown: 'Unknown',
  not_met: 'Not met',
};

/** Best first: the order of the ranking and of the "Fit" column when sorted ascending. */
export const STATUS_ORDER: Readonly<Record<FitStatus, number>> = { met: 0, likely: 1, unknown: 2, not_met: 3 };

export type SortKey =
  | 'rank'
  | 'name'
  | 'place'
  | 'fit'
  | 'q1'
  | 'q2'
  | 'q3'
  | 'reach_immigrants'
  | 'metro_share_in_reach'
  | 'undergrad';

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { key: 'rank', direction: 'ascending' };

/** The direction a column starts in when first clicked: numbers of people largest first. */
export function initialDirection(key: SortKey): SortDirection {
  return key === 'reach_immigrants' || key === 'metro_share_in_reach' || key === 'undergrad'
    ? 'descending'
    : 'ascending';
}

/** Clicking a header: the same column flips, another column starts in its natural direction. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: initialDirection(key) };
}

const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });

function compareNullable(a: number | null, b: number | null, sign: number): number {
  // Unknown values sort last in either direction.
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return sign * (a - b);
}

/** A sorted copy of `rows`; ties keep the screen's rank order. */
export function sortRows(rows: readonly ScreenRow[], sort: SortState): ScreenRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: ScreenRow, b: ScreenRow): number => {
    switch (sort.key) {
      case 'rank':
        return sign * (a.rank - b.rank);
      case 'name':
        return sign * collator.compare(a.name, b.name);
      case 'place':
        return sign * (collator.compare(a.state, b.state) || collator.compare(a.city, b.city));
      case 'fit':
      case 'q1':
      case 'q2':
      case 'q3':
        return sign * (STATUS_ORDER[a[sort.key]] - STATUS_ORDER[b[sort.key]]);
      case 'reach_immigrants':
      case 'metro_share_in_reach':
      case 'undergrad':
        return compareNullable(a[sort.key], b[sort.key], sign);
    }
  };
  return [...rows].sort((a, b) => compare(a, b) || a.rank - b.rank);
}

export const PAGE_SIZE = 100;

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function pageOf<T>(rows: readonly T[], page: number, pageSize = PAGE_SIZE): T[] {
  const last = pageCount(rows.length, pageSize) - 1;
  const p = Math.min(Math.max(0, page), last);
  return rows.slice(p * pageSize, (p + 1) * pageSize);
}

export const SCREEN_CSV_HEADER = [
  'rank',
  'unitid',
  'school',
  'city',
  'state',
  'fit',
  'q1',
  'q2',
  'q3',
  'immigrants_within_reach',
  'metro_share_in_reach',
  'undergrad',
  'why',
] as const;

function cell(value: number | null, digits = 0): string | number {
  if (value === null) return '';
  return digits === 0 ? Math.round(value) : Number(value.toFixed(digits));
}

/** The CSV of exactly these rows, in this order, with a header line. */
export function screenRowsToCsv(rows: readonly ScreenRow[]): string {
  return toCsv(
    SCREEN_CSV_HEADER,
    rows.map((r) => [
      r.rank,
      r.unitid,
      r.name,
      r.city,
      r.state,
      r.fit,
      r.q1,
      r.q2,
      r.q3,
      cell(r.reach_immigrants),
      cell(r.metro_share_in_reach, 4),
      cell(r.undergrad),
      r.why,
    ]),
  );
}

export const PLAN_CSV_HEADER = [
  'order',
  'unitid',
  'school',
  'state',
  'marginal_gain',
  'cumulative_covered',
  'standalone_reach',
  'fit',
  'q1',
  'q2',
  'q3',
] as const;

/** The planner's picks as CSV, in pick order, with a header line. */
export function planPicksToCsv(picks: readonly PlanPick[]): string {
  return toCsv(
    PLAN_CSV_HEADER,
    picks.map((p) => [
      p.order,
      p.unitid,
      p.name,
      p.state,
      cell(p.marginal_gain),
      cell(p.cumulative_covered),
      cell(p.standalone_reach),
      p.fit,
      p.q1,
      p.q2,
      p.q3,
    ]),
  );
}
