// A small map of one school's reach: the counties around it shaded by the share of their
// people within the reach circle, neighbouring counties in grey, the school and the circle
// (d3-geo geoCircle). An azimuthal equal-area projection centred on the school keeps the circle
// round and areas true.
import { geoAzimuthalEqualArea, geoCentroid, geoCircle, geoDistance, geoPath } from 'd3-geo';
import { useMemo } from 'react';
import type { ReachCounty } from '../api';
import type { Atlas } from '../atlas';
import { formatCount, formatShare } from '../format';
import { shareFill } from '../mapScales';

const WIDTH = 480;
const HEIGHT = 360;
const EARTH_RADIUS_MILES = 3958.8;

const centroidCache = new WeakMap<Atlas, Map<string, [number, number]>>();

function centroids(atlas: Atlas): Map<string, [number, number]> {
  let map = centroidCache.get(atlas);
  if (map === undefined) {
    map = new Map();
    for (const f of atlas.counties) map.set(String(f.id), geoCentroid(f));
    centroidCache.set(atlas, map);
  }
  return map;
}

interface ReachMapProps {
  atlas: Atlas;
  lat: number;
  lon: number;
  radiusMiles: number;
  counties: readonly ReachCounty[];
  schoolName: string;
}

export function ReachMap({ atlas, lat, lon, radiusMiles, counties, schoolName }: ReachMapProps) {
  const drawing = useMemo(() => {
    const radiusDegrees = (radiusMiles / EARTH_RADIUS_MILES) * (180 / Math.PI);
    const circle = geoCircle().center([lon, lat]).radius(radiusDegrees)();
    const frame = geoCircle().center([lon, lat]).radius(radiusDegrees * 1.35)();
    const projection = geoAzimuthalEqualArea()
      .rotate([-lon, -lat])
      .fitExtent(
        [
          [12, 12],
          [WIDTH - 12, HEIGHT - 12],
        ],
        frame,
      );
    const path = geoPath(projection);
    const shares = new Map(counties.map((c) => [c.fips, c]));
    const near = (radiusMiles * 2.2 + 120) / EARTH_RADIUS_MILES; // radians
    const shapes: Array<{ fips: string; d: string; fill: string; inReach: boolean }> = [];
    const centers = centroids(atlas);
    for (const f of atlas.counties) {
      const fips = String(f.id);
      const center = centers.get(fips);
      const inReach = shares.has(fips);
      if (!inReach && (center === undefined || geoDistance(center, [lon, lat]) > near)) continue;
      const d = path(f);
      if (d === null || d === '') continue;
      const share = shares.get(fips)?.share_in_reach;
      shapes.push({ fips, d, fill: inReach ? shareFill(share ?? null) : '#f1f3f6', inReach });
    }
    const school = projection([lon, lat]);
    return { shapes, circle: path(circle) ?? '', school };
  }, [atlas, lat, lon, radiusMiles, counties]);

  const listed = [...counties].sort((a, b) => (b.share_in_reach ?? 0) - (a.share_in_reach ?? 0));

  return (
    <figure className="reach-map">
      <svg
        className="reach-map__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Map of the counties within ${radiusMiles} miles of ${schoolName}, shaded by the share of their people within reach`}
      >
        <defs>
          <pattern id="map-no-data" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">
            <rect width="4" height="4" fill="#f4f4f4" />
            <line x1="0" y1="0" x2="0" y2="4" stroke="#a0a0a0" strokeWidth="1.2" />
          </pattern>
        </defs>
        <rect className="reach-map__water" width={WIDTH} height={HEIGHT} />
        <g className="reach-map__counties">
          {drawing.shapes
            .filter((s) => !s.inReach)
            .map((s) => (
              <path key={s.fips} d={s.d} fill={s.fill} />
            ))}
          {drawing.shapes
            .filter((s) => s.inReach)
            .map((s) => (
              <path key={s.fips} d={s.d} fill={s.fill} className="reach-map__in-reach" />
            ))}
        </g>
        <path className="reach-map__circle" d={drawing.circle} />
        {drawing.school !== null && (
          <g className="reach-map__school">
            <circle cx={drawing.school[0]} cy={drawing.school[1]} r={6} />
            <circle cx={drawing.school[0]} cy={drawing.school[1]} r={2} className="reach-map__school-dot" />
          </g>
        )}
      </svg>
      <figcaption className="reach-map__caption">
        The circle is the {radiusMiles}-mile reach; counties are shaded by the share of their people
        within it ({counties.length} {counties.length === 1 ? 'county' : 'counties'}).
      </figcaption>
      {listed.length > 0 && (
        <details className="reach-map__list">
          <summary>Counties in reach</summary>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">County</th>
                <th scope="col" className="cell-number">
                  Immigrants
                </th>
                <th scope="col" className="cell-number">
                  Share in reach
                </th>
              </tr>
            </thead>
            <tbody>
              {listed.map((c) => (
                <tr key={c.fips}>
                  <th scope="row">{c.name || c.fips}</th>
                  <td className="cell-number">{formatCount(c.foreign_born)}</td>
                  <td className="cell-number">{formatShare(c.share_in_reach)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
