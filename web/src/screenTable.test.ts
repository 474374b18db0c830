import { describe, expect, it } from 'vitest';
import type { PlanPick, ScreenRow } from './api';
import {
  nextSort,
  pageCount,
  pageOf,
  planPicksToCsv,
  SCREEN_CSV_HEADER,
  screenRowsToCsv,
  sortRows,
} from './screenTable';

function row(partial: Partial<ScreenRow>): ScreenRow {
  return {
    rank: 1,
    unitid: 1,
    name: 'A',
    city: 'Boston',
    state: 'MA',
    lat: 42,
    lon: -71,
    control: 1,
    cbsa: '14460',
    metro: 'Boston',
    undergrad: 5000,
    fit: 'met',
    q1: 'met',
    q2: 'likely',
    q3: 'met',
    q4: 'unknown',
    q5: 'unknown',
    q1_area: 'radius',
    area_immigrants: 100,
    county_immigrants: 100,
    metro_immigrants: 200,
    reach_immigrants: 100,
    metro_share_in_reach: 0.5,
    metro_center_miles: 1,
    is_partner: false,
    why: '',
    ...partial,
  };
}

const rows = [
  row({ rank: 1, unitid: 10, name: 'Zeta College', state: 'NY', fit: 'met', reach_immigrants: 500, undergrad: null }),
  row({ rank: 2, unitid: 20, name: 'alpha University', state: 'CA', fit: 'likely', reach_immigrants: null, undergrad: 9000 }),
  row({ rank: 3, unitid: 30, name: 'Beta Institute', state: 'CA', city: 'Anaheim', fit: 'not_met', reach_immigrants: 900, undergrad: 100 }),
];

describe('sortRows', () => {
  it('sorts by rank, name (case-insensitive) and place', () => {
    expect(sortRows(rows, { key: 'rank', direction: 'descending' }).map((r) => r.unitid)).toEqual([30, 20, 10]);
    expect(sortRows(rows, { key: 'name', direction: 'ascending' }).map((r) => r.unitid)).toEqual([20, 30, 10]);
    expect(sortRows(rows, { key: 'place', direction: 'ascending' }).map((r) => r.unitid)).toEqual([30, 20, 10]);
  });

  it('orders statuses best first and puts unknown numbers last either way', () => {
    expect(sortRows(rows, { key: 'fit', direction: 'descending' }).map((r) => r.unitid)).toEqual([30, 20, 10]);
    expect(sortRows(rows, { key: 'reach_immigrants', direction: 'descending' }).map((r) => r.unitid)).toEqual([30, 10, 20]);
    expect(sortRows(rows, { key: 'reach_immigrants', direction: 'ascending' }).map((r) => r.unitid)).toEqual([10, 30, 20]);
    expect(sortRows(rows, { key: 'undergrad', direction: 'ascending' }).map((r) => r.unitid)).toEqual([30, 20, 10]);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, { key: 'name', direction: 'descending' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts numbers largest first', () => {
    expect(nextSort({ key: 'rank', direction: 'ascending' }, 'rank')).toEqual({ key: 'rank', direction: 'descending' });
    expect(nextSort({ key: 'rank', direction: 'ascending' }, 'reach_immigrants')).toEqual({
      key: 'reach_immigrants',
      direction: 'descending',
    });
    expect(nextSort({ key: 'rank', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'ascending' });
  });
});

describe('paging', () => {
  it('cuts pages of 100 and clamps the page number', () => {
    const many = Array.from({ length: 250 }, (_, i) => i);
    expect(pageCount(250)).toBe(3);
    expect(pageCount(0)).toBe(1);
    expect(pageOf(many, 0)).toHaveLength(100);
    expect(pageOf(many, 2)).toEqual(many.slice(200));
    expect(pageOf(many, 9)).toEqual(many.slice(200));
    expect(pageOf(many, -1)[0]).toBe(0);
  });
});

describe('CSV', () => {
  it('writes a header and exactly the given rows in order', () => {
    const csv = screenRowsToCsv([rows[2]!, rows[0]!]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(SCREEN_CSV_HEADER.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('3,30,Beta Institute,Anaheim,CA,not_met,met,likely,met,900,0.5,100,');
    expect(lines[2]).toBe('1,10,Zeta College,Boston,NY,met,met,likely,met,500,0.5,,');
  });

  it('quotes names with commas and rounds figures', () => {
    const csv = screenRowsToCsv([
      row({ name: 'University of X, Y', reach_immigrants: 812345.5, metro_share_in_reach: 0.812345, why: '=cmd' }),
    ]);
    expect(csv.split('\r\n')[1]).toBe('1,1,"University of X, Y",Boston,MA,met,met,likely,met,812346,0.8123,5000,\'=cmd');
  });

  it('writes the planner picks', () => {
    const pick: PlanPick = {
      order: 1,
      unitid: 7,
      name: 'P',
      state: 'TX',
      lat: 1,
      lon: 2,
      marginal_gain: 10.4,
      cumulative_covered: 20,
      standalone_reach: null,
      fit: 'likely',
      q1: 'met',
      q2: 'unknown',
      q3: 'likely',
    };
    expect(planPicksToCsv([pick])).toBe(
      'order,unitid,school,state,marginal_gain,cumulative_covered,standalone_reach,fit,q1,q2,q3\r\n1,7,P,TX,10,20,,likely,met,unknown,likely\r\n',
    );
  });
});
