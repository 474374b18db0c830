// The US map of the site-selection pages: a county choropleth of immigrants, schools as points
// coloured by fit, optional numbered markers and reach circles (planner), zoom to a state or a
// metro area, and a summary of the school or county under the pointer or keyboard focus.
//
// Drawn offline (us-atlas shapes, d3-geo Albers USA); every colour and position is an SVG
// attribute or a CSS class, never an inline style (the CSP forbids them). Zooming applies one
// transform to the map group; strokes keep their width (vector-effect) and markers their size.
//
// Keyboard: the map is one tab stop. ←/→ move between schools (in the table's order, within
// the zoomed view), ↑/↓ between counties (most immigrants first), Enter opens the school,
// Escape clears the summary.
import { geoCircle } from 'd3-geo';
import {
  memo,
  useId,
  useMemo,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import type { FitStatus } from '../api';
import { basePaths, MAP_HEIGHT, MAP_WIDTH, type Atlas, type BasePaths } from '../atlas';
import { countyFill, fitTransform, FIT_COLORS, FIT_DRAW_ORDER, FIT_RADIUS } from '../mapScales';
import { stateByCode } from '../usStates';

export interface MapPoint {
  unitid: number;
  name: string;
  city: string;
  state: string;
  lat: number | null;
  lon: number | null;
  fit: FitStatus;
  reach: number | null;
  undergrad: number | null;
  /**
   * How to draw it: a fit-coloured dot (default), a partner diamond, a numbered pick, or a ring
   * around a school in the partnership pipeline.
   */
  marker?: 'school' | 'partner' | 'pick' | 'pipeline';
  /** Text inside a numbered marker. */
  label?: string;
}

export interface CountyDatum {
  fips: string;
  name: string;
  state: string;
  foreignBorn: number | null;
  population: number | null;
  cbsa: string;
}

export type MapZoom = { kind: 'state'; code: string } | { kind: 'metro'; cbsa: string } | null;

export interface ReachCircle {
  lat: number;
  lon: number;
  miles: number;
  kind: 'partner' | 'pick';
}

interface UsMapProps {
  atlas: Atlas;
  /** County figures by FIPS; null draws the counties without a choropleth. */
  counties: ReadonlyMap<string, CountyDatum> | null;
  points: readonly MapPoint[];
  zoom: MapZoom;
  circles?: readonly ReachCircle[];
  /** The accessible name of the map. */
  label: string;
  describePoint(point: MapPoint): ReactNode;
  describeCounty(county: CountyDatum | undefined, fips: string, name: string): ReactNode;
  onOpenPoint?(point: MapPoint): void;
  busy?: boolean;
}

type Focus = { kind: 'point'; index: number } | { kind: 'county'; fips: string } | null;

const EARTH_RADIUS_MILES = 3958.8;

/** The transform that shows the zoom target, or the whole map. */
function zoomTransform(
  base: BasePaths,
  atlas: Atlas,
  counties: ReadonlyMap<string, CountyDatum> | null,
  zoom: MapZoom,
): { k: number; x: number; y: number } {
  const whole = { k: 1, x: 0, y: 0 };
  if (zoom === null) return whole;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (f: Parameters<BasePaths['path']['bounds']>[0]) => {
    const [[a, b], [c, d]] = base.path.bounds(f);
    if (![a, b, c, d].every(Number.isFinite)) return;
    x0 = Math.min(x0, a);
    y0 = Math.min(y0, b);
    x1 = Math.max(x1, c);
    y1 = Math.max(y1, d);
  };
  if (zoom.kind === 'state') {
    const state = stateByCode(zoom.code);
    const shape = state === undefined ? undefined : atlas.stateById.get(state.fips);
    if (shape !== undefined) add(shape);
  } else if (counties !== null) {
    for (const county of counties.values()) {
      if (county.cbsa !== zoom.cbsa) continue;
      const shape = atlas.countyById.get(county.fips);
      if (shape !== undefined) add(shape);
    }
  }
  if (!Number.isFinite(x0)) return whole;
  return fitTransform([[x0, y0], [x1, y1]], MAP_WIDTH, MAP_HEIGHT);
}

/** Marker radius in map units so that markers keep (about) their screen size when zoomed. */
function markerRadius(fit: FitStatus, k: number): number {
  return (FIT_RADIUS[fit] * Math.min(2, 1 + Math.log2(k) / 4)) / k;
}

const Counties = memo(function Counties({
  base,
  counties,
}: {
  base: BasePaths;
  counties: ReadonlyMap<string, CountyDatum> | null;
}) {
  const shapes: ReactNode[] = [];
  for (const [fips, d] of base.county) {
    const fill = counties === null ? '#eef0f4' : countyFill(counties.get(fips)?.foreignBorn);
    shapes.push(<path key={fips} d={d} fill={fill} data-fips={fips} />);
  }
  return <g className="us-map__counties">{shapes}</g>;
});

interface Projected {
  point: MapPoint;
  index: number;
  x: number;
  y: number;
}

const Points = memo(function Points({ projected, k }: { projected: readonly Projected[]; k: number }) {
  const ordered = useMemo(() => {
    const schools = projected.filter((p) => (p.point.marker ?? 'school') === 'school');
    return FIT_DRAW_ORDER.flatMap((fit) => schools.filter((p) => p.point.fit === fit));
  }, [projected]);
  const specials = projected.filter((p) => (p.point.marker ?? 'school') !== 'school');
  return (
    <g className="us-map__points">
      {ordered.map((p) => (
        <circle
          key={p.point.unitid}
          className={`us-map__point us-map__point--${p.point.fit}`}
          cx={p.x}
          cy={p.y}
          r={markerRadius(p.point.fit, k)}
          fill={FIT_COLORS[p.point.fit]}
          data-i={p.index}
        />
      ))}
      {specials.map((p) => {
        const size = 9 / k;
        if (p.point.marker === 'pipeline') {
          return (
            <circle
              key={`pipeline-${p.point.unitid}`}
              className="us-map__pipeline"
              cx={p.x}
              cy={p.y}
              r={size}
              data-i={p.index}
            />
          );
        }
        if (p.point.marker === 'partner') {
          return (
            <rect
              key={`partner-${p.point.unitid}`}
              className="us-map__partner"
              x={p.x - size}
              y={p.y - size}
              width={size * 2}
              height={size * 2}
              transform={`rotate(45 ${p.x} ${p.y})`}
              data-i={p.index}
            />
          );
        }
        return (
          <g key={`pick-${p.point.unitid}`} className="us-map__pick" data-i={p.index}>
            <circle cx={p.x} cy={p.y} r={size * 1.25} fill={FIT_COLORS[p.point.fit]} data-i={p.index} />
            <text x={p.x} y={p.y} dy="0.35em" fontSize={11 / k} data-i={p.index}>
              {p.point.label ?? ''}
            </text>
          </g>
        );
      })}
    </g>
  );
});

export function UsMap(props: UsMapProps) {
  const { atlas, counties, points, zoom, circles, label, describePoint, describeCounty, onOpenPoint, busy } = props;
  const base = useMemo(() => basePaths(atlas), [atlas]);
  const helpId = useId();
  const [focus, setFocus] = useState<Focus>(null);

  const t = useMemo(() => zoomTransform(base, atlas, counties, zoom), [base, atlas, counties, zoom]);

  const projected = useMemo(() => {
    const out: Projected[] = [];
    points.forEach((point, index) => {
      if (point.lat === null || point.lon === null) return;
      const xy = base.projection([point.lon, point.lat]);
      if (xy === null || !Number.isFinite(xy[0])) return;
      out.push({ point, index, x: xy[0], y: xy[1] });
    });
    return out;
  }, [points, base]);
  const unmapped = points.length - projected.length;

  // What the keyboard can reach: the markers and counties inside the current view.
  const inView = (x: number, y: number) => {
    const sx = t.k * x + t.x;
    const sy = t.k * y + t.y;
    return sx >= 0 && sx <= MAP_WIDTH && sy >= 0 && sy <= MAP_HEIGHT;
  };
  const keyboardPoints = useMemo(
    () => projected.filter((p) => inView(p.x, p.y)).sort((a, b) => a.index - b.index),
    [projected, t],
  );
  const centroids = useMemo(() => {
    const out: Array<{ fips: string; x: number; y: number }> = [];
    for (const f of atlas.counties) {
      const [x, y] = base.path.centroid(f);
      if (Number.isFinite(x) && Number.isFinite(y)) out.push({ fips: String(f.id), x, y });
    }
    return out;
  }, [atlas, base]);
  const keyboardCounties = useMemo(() => {
    const list = centroids
      .filter((c) => inView(c.x, c.y))
      .map((c) => ({ fips: c.fips, value: counties?.get(c.fips)?.foreignBorn ?? -1 }));
    return list.sort((a, b) => b.value - a.value).map((c) => c.fips);
  }, [centroids, counties, t]);

  const focusedPoint =
    focus?.kind === 'point' && focus.index < points.length ? projected.find((p) => p.index === focus.index) : undefined;
  const focusedCounty = focus?.kind === 'county' ? focus.fips : undefined;

  function targetOf(event: MouseEvent<SVGSVGElement>): Focus {
    const element = event.target as Element;
    const i = element.getAttribute('data-i');
    if (i !== null) return { kind: 'point', index: Number(i) };
    const fips = element.getAttribute('data-fips');
    if (fips !== null) return { kind: 'county', fips };
    return null;
  }

  function handlePointerMove(event: PointerEvent<SVGSVGElement>): void {
    const next = targetOf(event);
    if (next === null) return;
    const same =
      (next.kind === 'point' && focus?.kind === 'point' && next.index === focus.index) ||
      (next.kind === 'county' && focus?.kind === 'county' && next.fips === focus.fips);
    if (!same) setFocus(next);
  }

  function handleClick(event: MouseEvent<SVGSVGElement>): void {
    const target = targetOf(event);
    if (target?.kind === 'point') {
      const point = points[target.index];
      if (point !== undefined) onOpenPoint?.(point);
    }
  }

  function move<T>(list: readonly T[], current: T | undefined, delta: number): T | undefined {
    if (list.length === 0) return undefined;
    const at = current === undefined ? -1 : list.indexOf(current);
    if (at === -1) return delta > 0 ? list[0] : list[list.length - 1];
    return list[(at + delta + list.length) % list.length];
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const key = event.key;
    if (key === 'ArrowRight' || key === 'ArrowLeft') {
      const current = focusedPoint === undefined ? undefined : keyboardPoints.find((p) => p.index === focusedPoint.index);
      const next = move(keyboardPoints, current, key === 'ArrowRight' ? 1 : -1);
      if (next !== undefined) setFocus({ kind: 'point', index: next.index });
    } else if (key === 'ArrowDown' || key === 'ArrowUp') {
      const next = move(keyboardCounties, focusedCounty, key === 'ArrowDown' ? 1 : -1);
      if (next !== undefined) setFocus({ kind: 'county', fips: next });
    } else if (key === 'Enter' && focusedPoint !== undefined) {
      onOpenPoint?.(focusedPoint.point);
    } else if (key === 'Escape') {
      setFocus(null);
    } else {
      return;
    }
    event.preventDefault();
  }

  const circlePaths = useMemo(
    () =>
      (circles ?? []).map((c) => ({
        kind: c.kind,
        d: base.path(geoCircle().center([c.lon, c.lat]).radius((c.miles / EARTH_RADIUS_MILES) * (180 / Math.PI))()) ?? '',
      })),
    [circles, base],
  );

  let summary: ReactNode = (
    <p className="map-summary__hint">
      Point at a school or county, or focus the map and use the arrow keys, to see a summary here.
    </p>
  );
  if (focusedPoint !== undefined) summary = describePoint(focusedPoint.point);
  else if (focusedCounty !== undefined) {
    const shape = atlas.countyById.get(focusedCounty);
    summary = describeCounty(counties?.get(focusedCounty), focusedCounty, shape?.properties?.name ?? '');
  }
  const focusedCountyPath = focusedCounty === undefined ? undefined : base.county.get(focusedCounty);

  return (
    <div className={busy === true ? 'map map--busy' : 'map'}>
      <div
        className="map__frame"
        tabIndex={0}
        role="group"
        aria-label={label}
        aria-describedby={helpId}
        onKeyDown={handleKeyDown}
        data-testid="us-map"
      >
        <svg
          className="us-map"
          viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
          preserveAspectRatio="xMidYMid meet"
          aria-hidden="true"
          focusable="false"
          onPointerMove={handlePointerMove}
          onPointerLeave={() => setFocus(null)}
          onClick={handleClick}
        >
          <defs>
            <pattern id="map-no-data" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">
              <rect width="4" height="4" fill="#f4f4f4" />
              <line x1="0" y1="0" x2="0" y2="4" stroke="#a0a0a0" strokeWidth="1.2" />
            </pattern>
          </defs>
          <g transform={`translate(${t.x} ${t.y}) scale(${t.k})`}>
            <path className="us-map__nation" d={base.nation} />
            <Counties base={base} counties={counties} />
            <path className="us-map__county-borders" d={base.countyBorders} />
            <path className="us-map__state-borders" d={base.stateBorders} />
            {focusedCountyPath !== undefined && <path className="us-map__county-focus" d={focusedCountyPath} />}
            {circlePaths.map((c, i) => (
              <path key={i} className={`us-map__reach us-map__reach--${c.kind}`} d={c.d} />
            ))}
            <Points projected={projected} k={t.k} />
            {focusedPoint !== undefined && (
              <circle
                className="us-map__point-focus"
                cx={focusedPoint.x}
                cy={focusedPoint.y}
                r={(markerRadius(focusedPoint.point.fit, t.k) * 1.2 + 4 / t.k)}
              />
            )}
          </g>
        </svg>
        {busy === true && (
          <span className="map__busy" aria-hidden="true">
            Updating…
          </span>
        )}
      </div>
      <div className="map-summary" role="status" aria-live="polite" data-testid="map-summary">
        {summary}
      </div>
      <p id={helpId} className="map__help">
        Keyboard: focus the map, then ←/→ move between schools, ↑/↓ between counties, Enter opens the
        school. The table below lists the same schools.
        {unmapped > 0 && ` ${unmapped} ${unmapped === 1 ? 'school is' : 'schools are'} outside the mapped area (territories) and appear in the table only.`}
      </p>
    </div>
  );
}
