// The network on a US map: current partners (launching or active) as diamonds and schools in
// the pipeline as circles, drawn offline like the site-selection maps (us-atlas, d3-geo Albers
// USA; SVG attributes and CSS classes only, no inline styles). Every mark is a link to its
// partnership, so the keyboard reaches each one (Tab) and Enter opens it.
import { useMemo, type MouseEvent } from 'react';
import { basePaths, MAP_HEIGHT, MAP_WIDTH, type Atlas } from '../atlas';
import type { NetworkMark } from '../partnerships';
import { navigate } from '../router';

export function NetworkMap({ atlas, marks, label }: { atlas: Atlas; marks: readonly NetworkMark[]; label: string }) {
  const base = useMemo(() => basePaths(atlas), [atlas]);
  const projected = useMemo(
    () =>
      marks.flatMap((m) => {
        const xy = base.projection([m.lon, m.lat]);
        return xy === null || !Number.isFinite(xy[0]) ? [] : [{ mark: m, x: xy[0], y: xy[1] }];
      }),
    [marks, base],
  );

  function open(event: MouseEvent<Element>, id: number): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(`/partnerships/${id}`);
  }

  return (
    <svg
      className="network-map"
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
      preserveAspectRatio="xMidYMid meet"
      role="group"
      aria-label={label}
      data-testid="network-map"
    >
      <path className="us-map__nation" d={base.nation} />
      <path className="us-map__state-borders" d={base.stateBorders} />
      {projected.map(({ mark, x, y }) => (
        <a
          key={mark.id}
          href={`/partnerships/${mark.id}`}
          className={`network-map__mark network-map__mark--${mark.kind}`}
          aria-label={`${mark.name}, ${mark.place}: ${mark.stageLabel}`}
          data-kind={mark.kind}
          onClick={(event) => open(event, mark.id)}
        >
          <title>{`${mark.name} (${mark.place}): ${mark.stageLabel}`}</title>
          {mark.kind === 'partner' ? (
            <rect x={x - 6} y={y - 6} width={12} height={12} transform={`rotate(45 ${x} ${y})`} />
          ) : (
            <circle cx={x} cy={y} r={6} />
          )}
        </a>
      ))}
    </svg>
  );
}

/** The legend of the network map, with counts. */
export function NetworkLegend({ partners, pipeline }: { partners: number; pipeline: number }) {
  return (
    <figure className="legend">
      <figcaption className="legend__title">Schools in SCIJ’s network</figcaption>
      <ul className="legend__items">
        <li className="legend__item">
          <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <rect className="network-map__legend-partner" x="3" y="3" width="8" height="8" transform="rotate(45 7 7)" />
          </svg>
          Partner (launching or active) <span className="legend__count">({partners})</span>
        </li>
        <li className="legend__item">
          <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <circle className="network-map__legend-pipeline" cx="7" cy="7" r="5" />
          </svg>
          In the pipeline (any other stage) <span className="legend__count">({pipeline})</span>
        </li>
      </ul>
    </figure>
  );
}
