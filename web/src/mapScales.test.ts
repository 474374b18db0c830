import { describe, expect, it } from 'vitest';
import {
  countyFill,
  fitTransform,
  FIT_COLORS,
  IMMIGRANT_BREAKS,
  IMMIGRANT_COLORS,
  immigrantLegend,
  NO_DATA_FILL,
  shareFill,
  SHARE_COLORS,
} from './mapScales';

describe('county choropleth', () => {
  it('puts each count in its class, with the breaks starting the next class', () => {
    expect(countyFill(0)).toBe(IMMIGRANT_COLORS[0]);
    expect(countyFill(999)).toBe(IMMIGRANT_COLORS[0]);
    expect(countyFill(1_000)).toBe(IMMIGRANT_COLORS[1]);
    expect(countyFill(89_999)).toBe(IMMIGRANT_COLORS[5]);
    expect(countyFill(90_000)).toBe(IMMIGRANT_COLORS[6]);
    expect(countyFill(5_000_000)).toBe(IMMIGRANT_COLORS[8]);
    expect(IMMIGRANT_COLORS).toHaveLength(IMMIGRANT_BREAKS.length + 1);
  });

  it('hatches counties without data', () => {
    expect(countyFill(null)).toBe(NO_DATA_FILL);
    expect(countyFill(undefined)).toBe(NO_DATA_FILL);
    expect(countyFill(Number.NaN)).toBe(NO_DATA_FILL);
  });

  it('labels every class and "no data" in the legend', () => {
    const legend = immigrantLegend();
    expect(legend.map((l) => l.label)).toEqual([
      '< 1k',
      '1k–5k',
      '5k–10k',
      '10k–25k',
      '25k–50k',
      '50k–90k',
      '90k–250k',
      '250k–1M',
      '≥ 1M',
      'no data',
    ]);
    expect(legend.at(-1)?.fill).toBe(NO_DATA_FILL);
  });
});

describe('share of a county in reach', () => {
  it('uses five classes over 0..1 and clamps', () => {
    expect(shareFill(0)).toBe(SHARE_COLORS[0]);
    expect(shareFill(0.5)).toBe(SHARE_COLORS[2]);
    expect(shareFill(1)).toBe(SHARE_COLORS[4]);
    expect(shareFill(1.7)).toBe(SHARE_COLORS[4]);
    expect(shareFill(null)).toBe(NO_DATA_FILL);
  });
});

describe('fit colours', () => {
  it('gives each status its own colour', () => {
    expect(new Set(Object.values(FIT_COLORS)).size).toBe(4);
  });
});

describe('fitTransform', () => {
  it('centres the bounds and scales them to fit with a margin', () => {
    const t = fitTransform([[100, 100], [200, 150]], 1000, 500, 0);
    expect(t.k).toBe(10); // min(1000/100, 500/50)
    expect(t.k * 150 + t.x).toBeCloseTo(500);
    expect(t.k * 125 + t.y).toBeCloseTo(250);
  });

  it('never zooms out past the whole map nor beyond the maximum', () => {
    expect(fitTransform([[0, 0], [5000, 5000]], 1000, 500).k).toBe(1);
    expect(fitTransform([[10, 10], [10.001, 10.001]], 1000, 500, 0.1, 40).k).toBe(40);
  });
});
