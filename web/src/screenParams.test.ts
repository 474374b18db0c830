import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  EMPTY_FILTERS,
  filtersFromQuery,
  pageQuery,
  paramsFromQuery,
  parseUnitids,
  screenApiQuery,
  thresholdQuery,
  validateParams,
} from './screenParams';

describe('paramsFromQuery', () => {
  it('uses DOMAIN.md defaults when nothing is given', () => {
    expect(paramsFromQuery(new URLSearchParams(''))).toEqual(DEFAULT_PARAMS);
    expect(DEFAULT_PARAMS).toEqual({ area: 'radius', radius: 25, minImmigrants: 90_000, q3Likely: 4_000, q3Met: 5_000 });
  });

  it('reads every threshold and ignores invalid values', () => {
    const q = new URLSearchParams('area=metro&radius=50&min_immigrants=120000&q3_likely=3000&q3_met=4500');
    expect(paramsFromQuery(q)).toEqual({ area: 'metro', radius: 50, minImmigrants: 120_000, q3Likely: 3_000, q3Met: 4_500 });
    const bad = new URLSearchParams('area=planet&radius=0&min_immigrants=-5&q3_likely=abc&q3_met=');
    expect(paramsFromQuery(bad)).toEqual(DEFAULT_PARAMS);
    expect(paramsFromQuery(new URLSearchParams('radius=501')).radius).toBe(25);
    expect(paramsFromQuery(new URLSearchParams('radius=500')).radius).toBe(500);
  });
});

describe('filtersFromQuery', () => {
  it('parses comma lists, drops junk and duplicates', () => {
    const q = new URLSearchParams(
      'state=ma,RI,xyz,MA&cbsa=14460,123&control=1,3,9&fit=met,nope,likely&min_undergrad=4000&max_undergrad=x&special_focus=exclude',
    );
    expect(filtersFromQuery(q)).toEqual({
      states: ['MA', 'RI'],
      cbsas: ['14460'],
      controls: [1, 3],
      minUndergrad: 4000,
      maxUndergrad: null,
      fits: ['met', 'likely'],
      excludeSpecialFocus: true,
    });
    expect(filtersFromQuery(new URLSearchParams(''))).toEqual(EMPTY_FILTERS);
  });
});

describe('query strings', () => {
  it('sends every threshold, the filters that are set, and paging to the API', () => {
    const query = screenApiQuery(
      { ...DEFAULT_PARAMS, radius: 10 },
      { ...EMPTY_FILTERS, states: ['MA', 'RI'], controls: [3, 1], fits: ['likely', 'met'], excludeSpecialFocus: true },
      { offset: 0, limit: 100 },
    );
    expect(query).toBe(
      'area=radius&radius=10&min_immigrants=90000&q3_likely=4000&q3_met=5000' +
        '&state=MA,RI&control=1,3&fit=met,likely&special_focus=exclude&offset=0&limit=100',
    );
  });

  it('adds partners when given', () => {
    const query = screenApiQuery(DEFAULT_PARAMS, EMPTY_FILTERS, { offset: 100, limit: 100 }, [166638, 217156]);
    expect(query).toContain('partners=166638,217156');
    expect(query).toContain('offset=100');
  });

  it('keeps only non-default thresholds in the page address, with extras', () => {
    expect(pageQuery(DEFAULT_PARAMS, EMPTY_FILTERS)).toBe('');
    expect(pageQuery({ ...DEFAULT_PARAMS, area: 'county' }, { ...EMPTY_FILTERS, minUndergrad: 0 }, { zoom: 'state:MA', x: '' })).toBe(
      'area=county&min_undergrad=0&zoom=state:MA',
    );
    expect(thresholdQuery({ ...DEFAULT_PARAMS, q3Met: 6000 })).toBe('q3_met=6000');
    expect(thresholdQuery(DEFAULT_PARAMS, false)).toBe('area=radius&radius=25&min_immigrants=90000&q3_likely=4000&q3_met=5000');
  });

  it('round-trips through the address', () => {
    const params = { area: 'metro' as const, radius: 40, minImmigrants: 50_000, q3Likely: 2_000, q3Met: 3_000 };
    const filters = { ...EMPTY_FILTERS, cbsas: ['14460'], fits: ['met' as const], maxUndergrad: 20_000 };
    const q = new URLSearchParams(pageQuery(params, filters));
    expect(paramsFromQuery(q)).toEqual(params);
    expect(filtersFromQuery(q)).toEqual(filters);
  });
});

describe('validateParams', () => {
  it('accepts the defaults', () => {
    expect(validateParams({ radius: '25', minImmigrants: '90000', q3Likely: '4000', q3Met: '5000' })).toEqual({});
  });

  it('names each field that is wrong', () => {
    const errors = validateParams({ radius: '4', minImmigrants: '1.5', q3Likely: '6000', q3Met: '5000' });
    expect(Object.keys(errors).sort()).toEqual(['minImmigrants', 'q3Met', 'radius']);
    expect(validateParams({ radius: '', minImmigrants: '', q3Likely: '', q3Met: '' })).toHaveProperty('radius');
    expect(validateParams({ radius: '100', minImmigrants: '0', q3Likely: '0', q3Met: '0' })).toEqual({});
    expect(validateParams({ radius: '101', minImmigrants: '0', q3Likely: '0', q3Met: '0' })).toHaveProperty('radius');
  });
});

describe('parseUnitids', () => {
  it('keeps numbers only, once each', () => {
    expect(parseUnitids('166638, 217156,abc,,166638')).toEqual([166638, 217156]);
    expect(parseUnitids(null)).toEqual([]);
  });
});
