// Site selection: every US college screened against the five key questions. Threshold and
// filter changes re-screen at once (debounced, the previous answer stays visible until the
// new one arrives, stale requests are aborted); the map and the ranked table show the answer.
// The page's address carries the thresholds and filters (same names as the API), so a reload,
// a shared link and the school pages use the same screen.
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { canReadPartnerships } from '../../partnerships';
import {
  api,
  FIT_STATUSES,
  isAbortError,
  type AreaKind,
  type FitStatus,
  type ScreenResult,
  type ScreenRow,
  type Session,
} from '../../api';
import { PageTitle } from '../../components/AppShell';
import { ErrorNotice } from '../../components/Notice';
import {
  FitLegend,
  ImmigrantLegend,
  NoDataNotice,
  SiteNav,
  SourcesLine,
  StatusBadge,
} from '../../components/SiteSelection';
import { UsMap, type CountyDatum, type MapPoint, type MapZoom } from '../../components/UsMap';
import { downloadText } from '../../csv';
import { formatCount, formatShare } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { Link, navigate, replaceSearch } from '../../router';
import {
  AREA_LABELS,
  CONTROL_LABELS,
  DEFAULT_PARAMS,
  filtersFromQuery,
  pageQuery,
  paramsFromQuery,
  parseNumber,
  RADIUS_MAX,
  RADIUS_MIN,
  screenApiQuery,
  thresholdQuery,
  validateParams,
  type ScreenFilters,
  type ScreenParams,
} from '../../screenParams';
import {
  DEFAULT_SORT,
  nextSort,
  pageCount,
  pageOf,
  PAGE_SIZE,
  screenRowsToCsv,
  sortRows,
  STATUS_LABELS,
  type SortKey,
  type SortState,
} from '../../screenTable';
import { errorMessage, isNoData, useAtlas, useCounties, useDebounced, useMetros } from '../../siteData';
import { isMappedState, US_STATES } from '../../usStates';

/** The form's state: numbers as typed, so a half-typed value is not overwritten. */
interface Draft {
  area: AreaKind;
  radius: string;
  minImmigrants: string;
  q3Likely: string;
  q3Met: string;
  state: string;
  cbsa: string;
  controls: number[];
  minUndergrad: string;
  maxUndergrad: string;
  fits: FitStatus[];
  excludeSpecialFocus: boolean;
  zoomState: string;
  zoomMetro: string;
}

function draftFromSearch(search: string): Draft {
  const q = new URLSearchParams(search);
  const p = paramsFromQuery(q);
  const f = filtersFromQuery(q);
  const zoom = q.get('zoom') ?? '';
  return {
    area: p.area,
    radius: String(p.radius),
    minImmigrants: String(p.minImmigrants),
    q3Likely: String(p.q3Likely),
    q3Met: String(p.q3Met),
    state: f.states[0] ?? '',
    cbsa: f.cbsas[0] ?? '',
    controls: f.controls,
    minUndergrad: f.minUndergrad === null ? '' : String(f.minUndergrad),
    maxUndergrad: f.maxUndergrad === null ? '' : String(f.maxUndergrad),
    fits: f.fits,
    excludeSpecialFocus: f.excludeSpecialFocus,
    zoomState: zoom.startsWith('state:') ? zoom.slice(6) : '',
    zoomMetro: zoom.startsWith('metro:') ? zoom.slice(6) : '',
  };
}

const ROW_LIMIT = 10_000;

export function ScreenPage({ session }: { session: Session }) {
  useDocumentTitle('Site selection');
  const [draft, setDraft] = useState<Draft>(() => draftFromSearch(window.location.search));
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const errors = validateParams(draft);
  const minU = parseNumber(draft.minUndergrad);
  const maxU = parseNumber(draft.maxUndergrad);
  const sizeError =
    (draft.minUndergrad !== '' && (minU === null || minU < 0)) || (draft.maxUndergrad !== '' && (maxU === null || maxU < 0))
      ? 'Enter whole numbers, 0 or more.'
      : minU !== null && maxU !== null && minU > maxU
        ? 'The minimum must not be above the maximum.'
        : undefined;
  const valid = Object.keys(errors).length === 0 && sizeError === undefined;

  const params: ScreenParams | null = valid
    ? {
        area: draft.area,
        radius: Number(draft.radius),
        minImmigrants: Number(draft.minImmigrants),
        q3Likely: Number(draft.q3Likely),
        q3Met: Number(draft.q3Met),
      }
    : null;
  const filters: ScreenFilters = {
    states: draft.state === '' ? [] : [draft.state],
    cbsas: draft.cbsa === '' ? [] : [draft.cbsa],
    controls: draft.controls,
    minUndergrad: minU,
    maxUndergrad: maxU,
    fits: draft.fits,
    excludeSpecialFocus: draft.excludeSpecialFocus,
  };
  const zoomParam = draft.zoomState !== '' ? `state:${draft.zoomState}` : draft.zoomMetro !== '' ? `metro:${draft.zoomMetro}` : '';
  const ownQuery = params === null ? null : pageQuery(params, filters, { zoom: zoomParam });
  const apiQuery = params === null ? null : screenApiQuery(params, filters, { offset: 0, limit: ROW_LIMIT });
  const debouncedQuery = useDebounced(apiQuery, 150);
  const carried = params === null ? '' : thresholdQuery(params);

  // Keep the address in step with the form (no new history entries).
  useEffect(() => {
    if (ownQuery !== null) replaceSearch(ownQuery);
  }, [ownQuery]);

  const [result, setResult] = useState<ScreenResult | null>(null);
  const [resultError, setResultError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    if (debouncedQuery === null) return undefined;
    const controller = new AbortController();
    setLoading(true);
    api.screen(debouncedQuery, controller.signal).then(
      (r) => {
        setResult(r);
        setResultError(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        setResultError(error);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [debouncedQuery]);

  const atlas = useAtlas();
  const counties = useCounties();
  const metros = useMetros();

  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [result]);
  const sorted = useMemo(() => (result === null ? [] : sortRows(result.rows, sort)), [result, sort]);
  const pages = pageCount(sorted.length);
  const visible = useMemo(() => pageOf(sorted, page), [sorted, page]);

  // The network on the same map: partners (is_partner: signed, launching or active) as diamonds,
  // schools elsewhere in the pipeline as rings, for the roles that may read partnerships.
  const [pipeline, setPipeline] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    if (!canReadPartnerships(session.user.role)) return undefined;
    const controller = new AbortController();
    api.partnerships(controller.signal).then(
      (list) => setPipeline(new Set(list.partnerships.map((p) => p.unitid))),
      () => setPipeline(new Set()),
    );
    return () => controller.abort();
  }, [session.user.role]);
  const points = useMemo<MapPoint[]>(
    () =>
      (result?.rows ?? []).map((r) => ({
        unitid: r.unitid,
        name: r.name,
        city: r.city,
        state: r.state,
        lat: r.lat,
        lon: r.lon,
        fit: r.fit,
        reach: r.reach_immigrants,
        undergrad: r.undergrad,
        marker: r.is_partner ? 'partner' : pipeline.has(r.unitid) ? 'pipeline' : 'school',
      })),
    [result, pipeline],
  );
  const networkCounts = useMemo(() => {
    const rows = result?.rows ?? [];
    const partners = rows.filter((r) => r.is_partner).length;
    const inPipeline = rows.filter((r) => !r.is_partner && pipeline.has(r.unitid)).length;
    return { partners, inPipeline };
  }, [result, pipeline]);
  const zoom: MapZoom = draft.zoomState !== '' ? { kind: 'state', code: draft.zoomState } : draft.zoomMetro !== '' ? { kind: 'metro', cbsa: draft.zoomMetro } : null;

  const [status, setStatus] = useState('');
  function exportCsv(): void {
    downloadText('site-selection.csv', screenRowsToCsv(visible));
    setStatus(`Exported ${visible.length} ${visible.length === 1 ? 'row' : 'rows'} as CSV.`);
  }

  const noData = isNoData(resultError) || isNoData(counties.error);
  const schoolLink = (unitid: number) => `/site-selection/schools/${unitid}${carried === '' ? '' : `?${carried}`}`;

  return (
    <>
      <PageTitle>Site selection</PageTitle>
      <SiteNav search={carried} />
      <p className="lead">
        Every US college screened against SCIJ’s five key questions. Public data answers the need
        for legal services (Q1), estimates attorneys (Q2) and students (Q3); a home on campus (Q4)
        and a champion (Q5) stay unknown until the partnership record has them.
      </p>

      {noData ? (
        <NoDataNotice role={session.user.role} message={errorMessage(resultError ?? counties.error, '')} />
      ) : (
        <>
          <ScreenControls draft={draft} update={update} errors={errors} sizeError={sizeError} metros={metros.value ?? []} />

          {resultError !== null && (
            <ErrorNotice>The screen could not be updated: {errorMessage(resultError)}</ErrorNotice>
          )}

          <section className="section panel map-panel" aria-labelledby="map-heading" aria-busy={loading}>
            <div className="section__header">
              <h2 id="map-heading">Map</h2>
              <div className="zoom-controls">
                <div className="inline-field">
                  <label htmlFor="zoom-state">Zoom to state</label>
                  <select
                    id="zoom-state"
                    className="input select input--compact"
                    value={draft.zoomState}
                    onChange={(e) => update({ zoomState: e.target.value, zoomMetro: '' })}
                  >
                    <option value="">Whole country</option>
                    {US_STATES.filter((s) => isMappedState(s.code)).map((s) => (
                      <option key={s.code} value={s.code}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="inline-field">
                  <label htmlFor="zoom-metro">Zoom to metro</label>
                  <select
                    id="zoom-metro"
                    className="input select input--compact"
                    value={draft.zoomMetro}
                    onChange={(e) => update({ zoomMetro: e.target.value, zoomState: '' })}
                  >
                    <option value="">Whole country</option>
                    {(metros.value ?? [])
                      .filter((m) => m.metropolitan)
                      .map((m) => (
                        <option key={m.cbsa} value={m.cbsa}>
                          {m.title}
                        </option>
                      ))}
                  </select>
                </div>
                {zoom !== null && (
                  <button type="button" className="button button--small" onClick={() => update({ zoomState: '', zoomMetro: '' })}>
                    Show whole country
                  </button>
                )}
              </div>
            </div>
            {atlas.error !== null && <ErrorNotice>The map could not be loaded: {errorMessage(atlas.error)}</ErrorNotice>}
            {atlas.value === null && atlas.error === null && (
              <p className="muted" role="status">
                Loading the map…
              </p>
            )}
            {atlas.value !== null && (
              <UsMap
                atlas={atlas.value}
                counties={counties.value}
                points={points}
                zoom={zoom}
                busy={loading && result !== null}
                label="Map of US counties by immigrant population, with the screened schools coloured by fit"
                describePoint={(p) => <PointSummary point={p} row={result?.rows.find((r) => r.unitid === p.unitid)} radius={params?.radius ?? DEFAULT_PARAMS.radius} />}
                describeCounty={(c, fips, name) => <CountySummary county={c} fips={fips} fallbackName={name} metroTitle={(cbsa) => metros.value?.find((m) => m.cbsa === cbsa)?.title ?? ''} />}
                onOpenPoint={(p) => navigate(schoolLink(p.unitid))}
              />
            )}
            <div className="legends">
              <ImmigrantLegend source={counties.value?.source} />
              <FitLegend counts={result?.counts.fit} />
              {(networkCounts.partners > 0 || networkCounts.inPipeline > 0) && (
                <NetworkMarksLegend partners={networkCounts.partners} pipeline={networkCounts.inPipeline} />
              )}
            </div>
          </section>

          <section
            className="section"
            aria-labelledby="results-heading"
            aria-busy={loading}
            data-testid="results"
            data-loading={loading ? 'true' : 'false'}
          >
            <div className="section__header">
              <h2 id="results-heading">
                Ranked schools
                {result !== null && (
                  <span className="count" data-testid="matching-count">
                    {' '}
                    ({formatCount(result.total_matching)} of {formatCount(result.total_institutions)})
                  </span>
                )}
              </h2>
              <div className="results-actions">
                <span className={loading ? 'loading-dot' : 'loading-dot loading-dot--idle'} role="status">
                  {loading ? 'Updating…' : ''}
                </span>
                <button type="button" className="button" onClick={exportCsv} disabled={visible.length === 0}>
                  Export CSV
                </button>
              </div>
            </div>
            <div className={status ? 'notice notice--success' : 'visually-hidden'} role="status">
              {status}
            </div>
            {result !== null && (
              <>
                <ResultSummary result={result} />
                <SourcesLine reachModel={result.reach_model} datasets={result.datasets} />
                <p className="muted ranking-note">
                  Ranking: overall fit first (met, likely, unknown, not met), then immigrants within the
                  school’s reach, so a school in the middle of a medium-sized immigrant population is
                  not hidden behind one at the edge of a large metro. Click a column heading to sort.
                </p>
                {result.rows.length < result.total_matching && (
                  <p className="muted">The table holds the first {formatCount(result.rows.length)} matching schools.</p>
                )}
                <ScreenTable rows={visible} sort={sort} onSort={(key) => setSort((s) => nextSort(s, key))} schoolLink={schoolLink} />
                <Pager page={Math.min(page, pages - 1)} pages={pages} total={sorted.length} onPage={setPage} />
              </>
            )}
            {result === null && resultError === null && (
              <p className="muted" role="status">
                Screening every institution…
              </p>
            )}
          </section>
        </>
      )}
    </>
  );
}

interface ControlsProps {
  draft: Draft;
  update(patch: Partial<Draft>): void;
  errors: ReturnType<typeof validateParams>;
  sizeError: string | undefined;
  metros: ReadonlyArray<{ cbsa: string; title: string; metropolitan: boolean }>;
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message === undefined ? null : (
    <p id={id} className="field__error">
      {message}
    </p>
  );
}

function ScreenControls({ draft, update, errors, sizeError, metros }: ControlsProps) {
  const radiusNumber = parseNumber(draft.radius);
  const sliderValue = Math.min(RADIUS_MAX, Math.max(RADIUS_MIN, radiusNumber ?? DEFAULT_PARAMS.radius));
  const number = (key: keyof Draft) => (e: ChangeEvent<HTMLInputElement>) => update({ [key]: e.target.value } as Partial<Draft>);
  return (
    <form className="panel screen-controls" aria-label="Thresholds and filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="controls-group">
        <legend>Thresholds</legend>
        <div className="controls-grid">
          <fieldset className="field radio-group">
            <legend className="field__label">Q1 area</legend>
            {(['county', 'metro', 'radius'] as const).map((area) => (
              <label key={area} className="choice">
                <input type="radio" name="area" value={area} checked={draft.area === area} onChange={() => update({ area })} />
                {AREA_LABELS[area]}
              </label>
            ))}
          </fieldset>

          <div className={errors.radius ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor="radius-number">
              Reach radius (miles)
            </label>
            <div className="slider-pair">
              <input
                id="radius-slider"
                type="range"
                min={RADIUS_MIN}
                max={RADIUS_MAX}
                step={1}
                value={sliderValue}
                aria-label="Reach radius slider (miles)"
                onChange={number('radius')}
              />
              <input
                id="radius-number"
                className="input input--number"
                type="number"
                inputMode="numeric"
                min={RADIUS_MIN}
                max={RADIUS_MAX}
                step={1}
                value={draft.radius}
                onChange={number('radius')}
                aria-invalid={errors.radius ? true : undefined}
                aria-describedby={errors.radius ? 'radius-error' : undefined}
              />
            </div>
            <FieldError id="radius-error" message={errors.radius} />
          </div>

          <div className={errors.minImmigrants ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor="min-immigrants">
              Q1 goal: minimum immigrants
            </label>
            <input
              id="min-immigrants"
              className="input"
              type="number"
              inputMode="numeric"
              min={0}
              step={1000}
              value={draft.minImmigrants}
              onChange={number('minImmigrants')}
              aria-invalid={errors.minImmigrants ? true : undefined}
              aria-describedby={errors.minImmigrants ? 'min-immigrants-error' : 'min-immigrants-hint'}
            />
            <p id="min-immigrants-hint" className="field__hint">
              SCIJ’s baseline is 90,000.
            </p>
            <FieldError id="min-immigrants-error" message={errors.minImmigrants} />
          </div>

          <fieldset className="field q3-band">
            <legend className="field__label">Q3 undergraduates</legend>
            <div className="pair">
              <div className={errors.q3Likely ? 'field field--invalid' : 'field'}>
                <label htmlFor="q3-likely" className="field__sublabel">
                  Likely from
                </label>
                <input
                  id="q3-likely"
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={500}
                  value={draft.q3Likely}
                  onChange={number('q3Likely')}
                  aria-invalid={errors.q3Likely ? true : undefined}
                  aria-describedby={errors.q3Likely ? 'q3-likely-error' : undefined}
                />
              </div>
              <div className={errors.q3Met ? 'field field--invalid' : 'field'}>
                <label htmlFor="q3-met" className="field__sublabel">
                  Met from
                </label>
                <input
                  id="q3-met"
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={500}
                  value={draft.q3Met}
                  onChange={number('q3Met')}
                  aria-invalid={errors.q3Met ? true : undefined}
                  aria-describedby={errors.q3Met ? 'q3-met-error' : undefined}
                />
              </div>
            </div>
            <FieldError id="q3-likely-error" message={errors.q3Likely} />
            <FieldError id="q3-met-error" message={errors.q3Met} />
          </fieldset>
        </div>
      </fieldset>

      <fieldset className="controls-group">
        <legend>Filters</legend>
        <div className="controls-grid">
          <div className="field">
            <label className="field__label" htmlFor="filter-state">
              State
            </label>
            <select id="filter-state" className="input select" value={draft.state} onChange={(e) => update({ state: e.target.value })}>
              <option value="">All states</option>
              {US_STATES.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="filter-metro">
              Metro or micro area
            </label>
            <select id="filter-metro" className="input select" value={draft.cbsa} onChange={(e) => update({ cbsa: e.target.value })}>
              <option value="">All areas</option>
              <optgroup label="Metropolitan areas">
                {metros
                  .filter((m) => m.metropolitan)
                  .map((m) => (
                    <option key={m.cbsa} value={m.cbsa}>
                      {m.title}
                    </option>
                  ))}
              </optgroup>
              <optgroup label="Micropolitan areas">
                {metros
                  .filter((m) => !m.metropolitan)
                  .map((m) => (
                    <option key={m.cbsa} value={m.cbsa}>
                      {m.title}
                    </option>
                  ))}
              </optgroup>
            </select>
          </div>
          <fieldset className="field checkbox-group">
            <legend className="field__label">Control</legend>
            {[1, 2, 3].map((c) => (
              <label key={c} className="choice">
                <input
                  type="checkbox"
                  checked={draft.controls.includes(c)}
                  onChange={(e) => update({ controls: toggle(draft.controls, c, e.target.checked) })}
                />
                {CONTROL_LABELS[c]}
              </label>
            ))}
          </fieldset>
          <fieldset className="field">
            <legend className="field__label">Undergraduates</legend>
            <div className="pair">
              <div className="field">
                <label htmlFor="min-undergrad" className="field__sublabel">
                  At least
                </label>
                <input
                  id="min-undergrad"
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={500}
                  value={draft.minUndergrad}
                  onChange={number('minUndergrad')}
                  aria-invalid={sizeError !== undefined ? true : undefined}
                />
              </div>
              <div className="field">
                <label htmlFor="max-undergrad" className="field__sublabel">
                  At most
                </label>
                <input
                  id="max-undergrad"
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={500}
                  value={draft.maxUndergrad}
                  onChange={number('maxUndergrad')}
                  aria-invalid={sizeError !== undefined ? true : undefined}
                />
              </div>
            </div>
            <FieldError id="size-error" message={sizeError} />
          </fieldset>
          <fieldset className="field checkbox-group">
            <legend className="field__label">Overall fit</legend>
            {FIT_STATUSES.map((s) => (
              <label key={s} className="choice">
                <input
                  type="checkbox"
                  checked={draft.fits.includes(s)}
                  onChange={(e) => update({ fits: toggle(draft.fits, s, e.target.checked) })}
                />
                {STATUS_LABELS[s]}
              </label>
            ))}
          </fieldset>
          <div className="field checkbox-group">
            <span className="field__label" aria-hidden="true">
              Focus
            </span>
            <label className="choice">
              <input
                type="checkbox"
                checked={draft.excludeSpecialFocus}
                onChange={(e) => update({ excludeSpecialFocus: e.target.checked })}
              />
              Exclude special-focus institutions
            </label>
          </div>
        </div>
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            update({
              state: '',
              cbsa: '',
              controls: [],
              minUndergrad: '',
              maxUndergrad: '',
              fits: [],
              excludeSpecialFocus: false,
            })
          }
        >
          Clear filters
        </button>
      </fieldset>
    </form>
  );
}

function ResultSummary({ result }: { result: ScreenResult }) {
  const c = result.counts;
  const line = (counts: typeof c.fit) =>
    FIT_STATUSES.map((s) => `${STATUS_LABELS[s].toLowerCase()} ${formatCount(counts[s])}`).join(' · ');
  return (
    <dl className="summary-counts" data-testid="summary-counts">
      <div>
        <dt>Overall fit</dt>
        <dd>{line(c.fit)}</dd>
      </div>
      <div>
        <dt>Q1 need for legal services</dt>
        <dd>{line(c.q1)}</dd>
      </div>
      <div>
        <dt>Q3 interested students</dt>
        <dd>{line(c.q3)}</dd>
      </div>
      <div>
        <dt>Thresholds in force</dt>
        <dd>
          {result.params.area || 'radius'} area, {formatCount(result.params.radius_miles)} mi reach, Q1 goal{' '}
          {formatCount(result.params.min_immigrants)} immigrants, Q3 {formatCount(result.params.q3_likely_undergrad)} /{' '}
          {formatCount(result.params.q3_met_undergrad)} undergraduates
        </dd>
      </div>
    </dl>
  );
}

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: 'rank', label: 'Rank', numeric: true },
  { key: 'name', label: 'School' },
  { key: 'place', label: 'City, state' },
  { key: 'fit', label: 'Fit' },
  { key: 'q1', label: 'Q1' },
  { key: 'q2', label: 'Q2' },
  { key: 'q3', label: 'Q3' },
  { key: 'reach_immigrants', label: 'Immigrants in reach', numeric: true },
  { key: 'metro_share_in_reach', label: 'Metro share in reach', numeric: true },
  { key: 'undergrad', label: 'Undergrads', numeric: true },
];

function ScreenTable({
  rows,
  sort,
  onSort,
  schoolLink,
}: {
  rows: readonly ScreenRow[];
  sort: SortState;
  onSort(key: SortKey): void;
  schoolLink(unitid: number): string;
}) {
  if (rows.length === 0) return <p className="muted">No school matches these filters.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Ranked schools" tabIndex={0}>
      <table className="table screen-table" data-testid="screen-table">
        <thead>
          <tr>
            {COLUMNS.map((col) => {
              const active = sort.key === col.key;
              return (
                <th
                  key={col.key}
                  scope="col"
                  aria-sort={active ? sort.direction : undefined}
                  className={col.numeric === true ? 'cell-number' : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(col.key)}>
                    {col.label}
                    <span className="sort-button__arrow" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unitid} data-unitid={r.unitid} data-rank={r.rank}>
              <td className="cell-number">{r.rank}</td>
              <th scope="row" className="cell-school">
                <Link to={schoolLink(r.unitid)}>{r.name}</Link>
                {r.is_partner && <span className="tag tag--partner">Partner</span>}
              </th>
              <td className="cell-place">
                {r.city}, {r.state}
              </td>
              <td>
                <StatusBadge status={r.fit} />
              </td>
              <td>
                <StatusBadge status={r.q1} />
              </td>
              <td>
                <StatusBadge status={r.q2} />
              </td>
              <td>
                <StatusBadge status={r.q3} />
              </td>
              <td className="cell-number cell-reach">{formatCount(r.reach_immigrants)}</td>
              <td className="cell-number">{formatShare(r.metro_share_in_reach)}</td>
              <td className="cell-number">{formatCount(r.undergrad)}</td>
              <td className="cell-why">
                <details>
                  <summary>
                    Why<span className="visually-hidden"> {r.name}</span>
                  </summary>
                  <p>{r.why || 'No explanation given.'}</p>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage(page: number): void }) {
  if (total === 0) return null;
  const first = page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);
  return (
    <nav className="pager" aria-label="Table pages">
      <button type="button" className="button button--small" onClick={() => onPage(page - 1)} disabled={page === 0}>
        Previous page
      </button>
      <span className="pager__text" data-testid="pager-text">
        Rows {formatCount(first)}–{formatCount(last)} of {formatCount(total)} (page {page + 1} of {pages})
      </span>
      <button type="button" className="button button--small" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>
        Next page
      </button>
    </nav>
  );
}

function PointSummary({ point, row, radius }: { point: MapPoint; row: ScreenRow | undefined; radius: number }) {
  return (
    <div className="map-summary__body">
      <p className="map-summary__title">{point.name}</p>
      <p className="map-summary__line">
        {point.city}, {point.state} · <StatusBadge status={point.fit} prefix="Fit" />
      </p>
      <dl className="map-summary__figures">
        <div>
          <dt>Immigrants within {formatCount(radius)} mi</dt>
          <dd>{formatCount(point.reach)}</dd>
        </div>
        <div>
          <dt>Undergraduates</dt>
          <dd>{formatCount(point.undergrad)}</dd>
        </div>
        {row !== undefined && (
          <div>
            <dt>Metro share in reach</dt>
            <dd>{formatShare(row.metro_share_in_reach)}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

function CountySummary({
  county,
  fips,
  fallbackName,
  metroTitle,
}: {
  county: CountyDatum | undefined;
  fips: string;
  fallbackName: string;
  metroTitle(cbsa: string): string;
}) {
  const share =
    county?.foreignBorn != null && county.population != null && county.population > 0
      ? county.foreignBorn / county.population
      : null;
  const metro = county?.cbsa ? metroTitle(county.cbsa) : '';
  return (
    <div className="map-summary__body">
      <p className="map-summary__title">
        {county?.name || fallbackName || `County ${fips}`}
        {county?.state ? `, ${county.state}` : ''}
      </p>
      <dl className="map-summary__figures">
        <div>
          <dt>Immigrants (foreign-born)</dt>
          <dd>{county?.foreignBorn == null ? 'no data' : formatCount(county.foreignBorn)}</dd>
        </div>
        <div>
          <dt>Population</dt>
          <dd>{formatCount(county?.population)}</dd>
        </div>
        {share !== null && (
          <div>
            <dt>Share foreign-born</dt>
            <dd>{formatShare(share)}</dd>
          </div>
        )}
        {metro !== '' && (
          <div>
            <dt>Metro area</dt>
            <dd>{metro}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** The partner and pipeline marks of the site-selection map, with how many are drawn. */
function NetworkMarksLegend({ partners, pipeline }: { partners: number; pipeline: number }) {
  return (
    <figure className="legend" data-testid="network-legend">
      <figcaption className="legend__title">SCIJ’s network</figcaption>
      <ul className="legend__items">
        <li className="legend__item">
          <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <rect className="us-map__partner" x="3" y="3" width="8" height="8" transform="rotate(45 7 7)" />
          </svg>
          Partner program <span className="legend__count">({partners})</span>
        </li>
        <li className="legend__item">
          <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <circle className="us-map__pipeline" cx="7" cy="7" r="5" />
          </svg>
          In the partnership pipeline <span className="legend__count">({pipeline})</span>
        </li>
      </ul>
    </figure>
  );
}
