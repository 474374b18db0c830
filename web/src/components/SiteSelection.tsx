// Pieces shared by the site-selection pages: the sub-navigation, status badges, legends, the
// "no data yet" explanation and the line naming the data sets behind the figures.
import type { ReactNode } from 'react';
import { FIT_STATUSES, type DatasetRef, type FitStatus, type Role, type StatusCounts } from '../api';
import { formatCount } from '../format';
import { FIT_COLORS, immigrantLegend, NO_DATA_FILL, type LegendItem } from '../mapScales';
import { Link, usePathname } from '../router';
import { STATUS_LABELS } from '../screenTable';

const SUB_NAV = [
  { path: '/site-selection', label: 'Screen' },
  { path: '/site-selection/plan', label: 'Planner' },
  { path: '/site-selection/data', label: 'Data' },
];

/** Screen, Planner, Data. `search` keeps the thresholds when moving between Screen and Planner. */
export function SiteNav({ search = '' }: { search?: string }) {
  const pathname = usePathname();
  return (
    <nav className="subnav" aria-label="Site selection">
      <ul className="subnav__list">
        {SUB_NAV.map((item) => {
          const current =
            item.path === '/site-selection'
              ? pathname === item.path || pathname.startsWith('/site-selection/schools/')
              : pathname === item.path;
          const to = item.path === '/site-selection/data' || search === '' ? item.path : `${item.path}?${search}`;
          return (
            <li key={item.path}>
              <Link
                to={to}
                className={current ? 'subnav__link subnav__link--current' : 'subnav__link'}
                aria-current={current ? 'page' : undefined}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function StatusBadge({ status, prefix }: { status: FitStatus; prefix?: string }) {
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {prefix !== undefined && <span className="badge__prefix">{prefix} </span>}
      {STATUS_LABELS[status]}
    </span>
  );
}

export function canManageData(role: Role): boolean {
  return role === 'admin' || role === 'staff';
}

/** Shown instead of figures while no public data has been imported (API 409). */
export function NoDataNotice({ role, message }: { role: Role; message: string }) {
  return (
    <div className="notice notice--warning" role="alert" data-testid="no-data">
      <p>
        <strong>No public data has been imported yet.</strong> The screen needs the Census county
        population (ACS foreign-born), county geography and metro areas, and the IPEDS college
        files before it can answer the key questions.
      </p>
      {message !== '' && <p className="muted-in-notice">The server said: {message}</p>}
      {canManageData(role) ? (
        <p>
          <Link to="/site-selection/data">Import the data files on the Data page</Link>, or run{' '}
          <code>scij data import</code> on the server.
        </p>
      ) : (
        <p>Ask an SCIJ administrator or staff member to import them.</p>
      )}
    </div>
  );
}

function Swatch({ fill }: { fill: string }) {
  return (
    <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      {fill === NO_DATA_FILL ? (
        <>
          <rect width="14" height="14" fill="#f4f4f4" />
          <path d="M-2,4 l6,-6 M0,14 l14,-14 M10,16 l6,-6" stroke="#a0a0a0" strokeWidth="1.4" />
        </>
      ) : (
        <rect width="14" height="14" fill={fill} />
      )}
      <rect width="14" height="14" fill="none" stroke="#8391a5" strokeWidth="1" />
    </svg>
  );
}

export function Legend({ title, items }: { title: string; items: readonly LegendItem[] }) {
  return (
    <figure className="legend">
      <figcaption className="legend__title">{title}</figcaption>
      <ul className="legend__items">
        {items.map((item) => (
          <li key={item.label} className="legend__item">
            <Swatch fill={item.fill} />
            {item.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function ImmigrantLegend({ source }: { source?: string | undefined }) {
  return (
    <Legend
      title={`Immigrants (foreign-born) per county${source !== undefined && source !== '' ? `, ${source}` : ''}`}
      items={immigrantLegend()}
    />
  );
}

export function FitLegend({ counts }: { counts?: StatusCounts | undefined }) {
  return (
    <figure className="legend">
      <figcaption className="legend__title">Schools by overall fit</figcaption>
      <ul className="legend__items">
        {FIT_STATUSES.map((status) => (
          <li key={status} className="legend__item">
            <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <circle cx="7" cy="7" r={status === 'met' ? 6 : status === 'likely' ? 5.25 : 4} fill={FIT_COLORS[status]} stroke="#fff" />
            </svg>
            {STATUS_LABELS[status]}
            {counts !== undefined && <span className="legend__count"> ({formatCount(counts[status])})</span>}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** "Reach model: county disk model. Data: ACS … 2017-2021 (3,227 rows); …" */
export function SourcesLine({
  reachModel,
  datasets,
  extra,
}: {
  reachModel: string;
  datasets: readonly DatasetRef[];
  extra?: ReactNode;
}) {
  return (
    <p className="sources" data-testid="sources">
      <span className="sources__item">
        <strong>Reach model:</strong> <span data-testid="reach-model">{reachModel || 'not stated'}</span>
      </span>
      {datasets.length > 0 && (
        <span className="sources__item">
          <strong>Data:</strong>{' '}
          {datasets
            .map(
              (d) =>
                `${d.source || d.kind}${d.vintage !== '' ? ` ${d.vintage}` : ''}${d.rows !== null ? ` (${formatCount(d.rows)} rows)` : ''}`,
            )
            .join('; ')}
        </span>
      )}
      {extra}
    </p>
  );
}

export const CONTROL_SHORT: Readonly<Record<number, string>> = {
  1: 'Public',
  2: 'Private nonprofit',
  3: 'For-profit',
};
