// Colours, classes and legends of the site-selection maps. Pure and unit-tested
// (mapScales.test.ts). Palettes are colour-blind safe: the county choropleth is a single-hue
// sequential ramp (ColorBrewer Purples), school fit uses Okabe–Ito colours plus marker size.
import { scaleQuantize, scaleThreshold } from 'd3-scale';
import type { FitStatus } from './api';
import { formatCompact } from './format';

/** Class breaks for immigrants (foreign-born) per county; 90,000 is the Q1 goal's default. */
export const IMMIGRANT_BREAKS = [1_000, 5_000, 10_000, 25_000, 50_000, 90_000, 250_000, 1_000_000] as const;

/** ColorBrewer "Purples", 9 classes (one more than the breaks). */
export const IMMIGRANT_COLORS = [
  '#fcfbfd',
  '#efedf5',
  '#dadaeb',
  '#bcbddc',
  '#9e9ac8',
  '#807dba',
  '#6a51a3',
  '#54278f',
  '#3f007d',
] as const;

/** The fill for counties without a figure: an SVG pattern (hatching) defined by the map. */
export const NO_DATA_FILL = 'url(#map-no-data)';

export const immigrantScale = scaleThreshold<number, string>()
  .domain([...IMMIGRANT_BREAKS])
  .range([...IMMIGRANT_COLORS]);

/** The fill of a county from its immigrant count (null: no data). */
export function countyFill(foreignBorn: number | null | undefined): string {
  if (foreignBorn === null || foreignBorn === undefined || !Number.isFinite(foreignBorn)) return NO_DATA_FILL;
  return immigrantScale(foreignBorn);
}

export interface LegendItem {
  label: string;
  fill: string;
}

/** One legend entry per class, "< 1k", "1k–5k", …, "≥ 1M", then "no data". */
export function immigrantLegend(): LegendItem[] {
  const b = IMMIGRANT_BREAKS;
  const items: LegendItem[] = [];
  for (let i = 0; i <= b.length; i += 1) {
    const lo = b[i - 1];
    const hi = b[i];
    const label =
      lo === undefined ? `< ${formatCompact(hi!)}` : hi === undefined ? `≥ ${formatCompact(lo)}` : `${formatCompact(lo)}–${formatCompact(hi)}`;
    items.push({ label, fill: IMMIGRANT_COLORS[i]! });
  }
  items.push({ label: 'no data', fill: NO_DATA_FILL });
  return items;
}

/** Okabe–Ito: blue, orange, grey, vermillion. */
export const FIT_COLORS: Readonly<Record<FitStatus, string>> = {
  met: '#0072B2',
  likely: '#E69F00',
  unknown: '#8c8c8c',
  not_met: '#D55E00',
};

/** Marker radius in map pixels (at zoom 1): stronger fits are larger and drawn on top. */
export const FIT_RADIUS: Readonly<Record<FitStatus, number>> = { met: 4, likely: 3.5, unknown: 2.25, not_met: 2 };

/** Drawing order: the weakest first so the best fits are never hidden. */
export const FIT_DRAW_ORDER: readonly FitStatus[] = ['not_met', 'unknown', 'likely', 'met'];

/** Share of a county's people within reach (0..1), five classes for the school's reach map. */
export const SHARE_COLORS = ['#efedf5', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;

export const shareScale = scaleQuantize<string>().domain([0, 1]).range([...SHARE_COLORS]);

export function shareFill(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return NO_DATA_FILL;
  return shareScale(Math.min(1, Math.max(0, share)));
}

export function shareLegend(): LegendItem[] {
  return SHARE_COLORS.map((fill, i) => ({ label: `${i * 20}–${(i + 1) * 20}%`, fill }));
}

/**
 * A zoom transform that fits `bounds` (in map pixels) into a `width` × `height` view with a
 * margin, never zooming out past the whole map or in past `maxScale`.
 */
export function fitTransform(
  bounds: [[number, number], [number, number]],
  width: number,
  height: number,
  padding = 0.1,
  maxScale = 40,
): { k: number; x: number; y: number } {
  const [[x0, y0], [x1, y1]] = bounds;
  const dx = Math.max(x1 - x0, 1e-6);
  const dy = Math.max(y1 - y0, 1e-6);
  const k = Math.min(maxScale, Math.max(1, (1 - padding) * Math.min(width / dx, height / dy)));
  return { k, x: width / 2 - (k * (x0 + x1)) / 2, y: height / 2 - (k * (y0 + y1)) / 2 };
}
