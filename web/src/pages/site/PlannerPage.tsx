// Network expansion planner: given the current partner schools, the next K schools that add the
// most immigrants within reach not already within reach of another program (each person
// counted once). Picks are numbered on the map and listed with their marginal gain.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, isAbortError, type Plan, type SchoolRef, type Session } from '../../api';
import { PageTitle } from '../../components/AppShell';
import { ErrorNotice } from '../../components/Notice';
import { FitLegend, ImmigrantLegend, NoDataNotice, SiteNav, StatusBadge } from '../../components/SiteSelection';
import { UsMap, type MapPoint, type ReachCircle } from '../../components/UsMap';
import { downloadText } from '../../csv';
import { formatCount } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { Link, navigate, replaceSearch } from '../../router';
import {
  appendParams,
  paramsFromQuery,
  parseNumber,
  parseUnitids,
  queryString,
  RADIUS_MAX,
  RADIUS_MIN,
  thresholdQuery,
} from '../../screenParams';
import { planPicksToCsv } from '../../screenTable';
import { errorMessage, isNoData, useAtlas, useCounties, useDebounced } from '../../siteData';
import { isMappedState, US_STATES } from '../../usStates';

/** SCIJ's current programs (the seed): UMass Boston, Brown University, Worcester State. */
export const DEFAULT_PARTNERS: readonly SchoolRef[] = [
  { unitid: 166638, name: 'University of Massachusetts-Boston', city: 'Boston', state: 'MA' },
  { unitid: 217156, name: 'Brown University', city: 'Providence', state: 'RI' },
  { unitid: 168430, name: 'Worcester State University', city: 'Worcester', state: 'MA' },
];

export const K_MIN = 1;
export const K_MAX = 50;

export function PlannerPage({ session }: { session: Session }) {
  useDocumentTitle('Planner');
  const initial = useMemo(() => new URLSearchParams(window.location.search), []);
  const baseParams = useMemo(() => paramsFromQuery(initial), [initial]);
  const [k, setK] = useState(() => {
    const n = parseNumber(initial.get('add'));
    return String(n !== null && n >= K_MIN && n <= K_MAX ? Math.round(n) : 10);
  });
  const [radius, setRadius] = useState(String(baseParams.radius));
  const [state, setState] = useState(() => (initial.get('state') ?? '').split(',')[0]?.toUpperCase() ?? '');
  const [partners, setPartners] = useState<SchoolRef[]>(() => {
    if (!initial.has('partners')) return [...DEFAULT_PARTNERS];
    return parseUnitids(initial.get('partners')).map(
      (unitid) => DEFAULT_PARTNERS.find((p) => p.unitid === unitid) ?? { unitid, name: `UNITID ${unitid}`, city: '', state: '' },
    );
  });

  const kNumber = parseNumber(k);
  const kError = kNumber === null || !Number.isInteger(kNumber) || kNumber < K_MIN || kNumber > K_MAX ? `Enter a whole number from ${K_MIN} to ${K_MAX}.` : undefined;
  const radiusNumber = parseNumber(radius);
  const radiusError = radiusNumber === null || radiusNumber < RADIUS_MIN || radiusNumber > RADIUS_MAX ? `Enter a radius from ${RADIUS_MIN} to ${RADIUS_MAX} miles.` : undefined;

  const params = { ...baseParams, radius: radiusNumber ?? baseParams.radius };
  const carried = thresholdQuery(params);
  const query = useMemo(() => {
    if (kError !== undefined || radiusError !== undefined) return null;
    const q = appendParams(new URLSearchParams(), params);
    q.set('add', String(kNumber));
    q.set('partners', partners.map((p) => p.unitid).join(','));
    if (state !== '') q.set('state', state);
    return queryString(q);
  }, [kError, radiusError, kNumber, carried, partners, state]);
  const debounced = useDebounced(query, 150);

  useEffect(() => {
    if (query === null) return;
    const own = appendParams(new URLSearchParams(), params, true);
    own.set('add', String(kNumber));
    own.set('partners', partners.map((p) => p.unitid).join(','));
    if (state !== '') own.set('state', state);
    replaceSearch(queryString(own));
  }, [query]);

  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    if (debounced === null) return undefined;
    const controller = new AbortController();
    setLoading(true);
    api.plan(debounced, controller.signal).then(
      (p) => {
        setPlan(p);
        setError(null);
        setLoading(false);
        // The server knows the partners' names: fill in any that were only numbers.
        setPartners((list) =>
          list.map((item) => {
            const known = p.partners.find((x) => x.unitid === item.unitid);
            return known !== undefined && item.name.startsWith('UNITID ') ? { ...item, name: known.name, state: known.state } : item;
          }),
        );
      },
      (e: unknown) => {
        if (isAbortError(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [debounced]);

  const atlas = useAtlas();
  const counties = useCounties();

  const points = useMemo<MapPoint[]>(() => {
    if (plan === null) return [];
    const partnerPoints: MapPoint[] = plan.partners.map((p) => ({
      unitid: p.unitid,
      name: p.name,
      city: '',
      state: p.state,
      lat: p.lat,
      lon: p.lon,
      fit: 'unknown',
      reach: null,
      undergrad: null,
      marker: 'partner',
    }));
    const pickPoints: MapPoint[] = plan.picks.map((p) => ({
      unitid: p.unitid,
      name: p.name,
      city: '',
      state: p.state,
      lat: p.lat,
      lon: p.lon,
      fit: p.fit,
      reach: p.standalone_reach,
      undergrad: null,
      marker: 'pick',
      label: String(p.order),
    }));
    return [...pickPoints, ...partnerPoints];
  }, [plan]);
  const circles = useMemo<ReachCircle[]>(() => {
    if (plan === null) return [];
    const miles = plan.radius_miles ?? params.radius;
    const out: ReachCircle[] = [];
    for (const p of plan.partners) if (p.lat !== null && p.lon !== null) out.push({ lat: p.lat, lon: p.lon, miles, kind: 'partner' });
    for (const p of plan.picks) if (p.lat !== null && p.lon !== null) out.push({ lat: p.lat, lon: p.lon, miles, kind: 'pick' });
    return out;
  }, [plan]);

  const [status, setStatus] = useState('');
  const schoolLink = (unitid: number) => `/site-selection/schools/${unitid}${carried === '' ? '' : `?${carried}`}`;

  if (isNoData(error) || isNoData(counties.error)) {
    return (
      <>
        <PageTitle>Planner</PageTitle>
        <SiteNav search={carried} />
        <NoDataNotice role={session.user.role} message={errorMessage(error ?? counties.error, '')} />
      </>
    );
  }

  return (
    <>
      <PageTitle>Planner</PageTitle>
      <SiteNav search={carried} />
      <p className="lead">
        Which schools would add the most immigrants within reach of an SCIJ program, counting each
        person once across the network? Choose how many schools to add and who the current
        partners are.
      </p>

      <form className="panel planner-controls" aria-label="Planner settings" onSubmit={(e) => e.preventDefault()}>
        <div className="controls-grid">
          <div className={kError ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor="plan-k">
              Schools to add (K)
            </label>
            <input
              id="plan-k"
              className="input"
              type="number"
              inputMode="numeric"
              min={K_MIN}
              max={K_MAX}
              step={1}
              value={k}
              onChange={(e) => setK(e.target.value)}
              aria-invalid={kError ? true : undefined}
              aria-describedby={kError ? 'plan-k-error' : undefined}
            />
            {kError && (
              <p id="plan-k-error" className="field__error">
                {kError}
              </p>
            )}
          </div>
          <div className={radiusError ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor="plan-radius">
              Reach radius (miles)
            </label>
            <input
              id="plan-radius"
              className="input"
              type="number"
              inputMode="numeric"
              min={RADIUS_MIN}
              max={RADIUS_MAX}
              step={1}
              value={radius}
              onChange={(e) => setRadius(e.target.value)}
              aria-invalid={radiusError ? true : undefined}
              aria-describedby={radiusError ? 'plan-radius-error' : undefined}
            />
            {radiusError && (
              <p id="plan-radius-error" className="field__error">
                {radiusError}
              </p>
            )}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="plan-state">
              Only schools in
            </label>
            <select id="plan-state" className="input select" value={state} onChange={(e) => setState(e.target.value)}>
              <option value="">All states</option>
              {US_STATES.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <PartnerPicker
          partners={partners}
          onAdd={(s) => setPartners((list) => (list.some((p) => p.unitid === s.unitid) ? list : [...list, s]))}
          onRemove={(unitid) => setPartners((list) => list.filter((p) => p.unitid !== unitid))}
          onReset={() => setPartners([...DEFAULT_PARTNERS])}
        />
      </form>

      {error !== null && <ErrorNotice>The plan could not be computed: {errorMessage(error)}</ErrorNotice>}

      <section className="section panel map-panel" aria-labelledby="plan-map-heading" aria-busy={loading}>
        <h2 id="plan-map-heading">Next picks on the map</h2>
        {atlas.value !== null ? (
          <UsMap
            atlas={atlas.value}
            counties={counties.value}
            points={points}
            circles={circles}
            zoom={state !== '' && isMappedState(state) ? { kind: 'state', code: state } : null}
            busy={loading && plan !== null}
            label="Map of the current partners and the next picks, with their reach circles"
            describePoint={(p) => {
              const pick = plan?.picks.find((x) => x.unitid === p.unitid);
              return (
                <div className="map-summary__body">
                  <p className="map-summary__title">{p.name}</p>
                  <p className="map-summary__line">
                    {p.state} · {p.marker === 'partner' ? 'Current partner' : `Pick ${p.label ?? ''}`}
                  </p>
                  {pick !== undefined && (
                    <dl className="map-summary__figures">
                      <div>
                        <dt>Marginal gain</dt>
                        <dd>{formatCount(pick.marginal_gain)} immigrants</dd>
                      </div>
                      <div>
                        <dt>Within reach on its own</dt>
                        <dd>{formatCount(pick.standalone_reach)}</dd>
                      </div>
                      <div>
                        <dt>Fit</dt>
                        <dd>
                          <StatusBadge status={pick.fit} />
                        </dd>
                      </div>
                    </dl>
                  )}
                </div>
              );
            }}
            describeCounty={(c, fips, name) => (
              <div className="map-summary__body">
                <p className="map-summary__title">
                  {c?.name || name || fips}
                  {c?.state ? `, ${c.state}` : ''}
                </p>
                <p className="map-summary__line">
                  {c?.foreignBorn == null ? 'No data' : `${formatCount(c.foreignBorn)} immigrants (foreign-born)`}
                </p>
              </div>
            )}
            onOpenPoint={(p) => navigate(schoolLink(p.unitid))}
          />
        ) : atlas.error !== null ? (
          <ErrorNotice>The map could not be loaded: {errorMessage(atlas.error)}</ErrorNotice>
        ) : (
          <p className="muted" role="status">
            Loading the map…
          </p>
        )}
        <div className="legends">
          <figure className="legend">
            <figcaption className="legend__title">Markers</figcaption>
            <ul className="legend__items">
              <li className="legend__item">
                <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                  <rect x="3" y="3" width="8" height="8" transform="rotate(45 7 7)" className="us-map__partner" />
                </svg>
                Current partner
              </li>
              <li className="legend__item">
                <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                  <circle cx="7" cy="7" r="6" fill="#0072B2" />
                  <text x="7" y="7" dy="0.35em" className="legend__pick-number">
                    1
                  </text>
                </svg>
                Pick, numbered in order (coloured by fit)
              </li>
              <li className="legend__item">
                <svg className="legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                  <circle cx="7" cy="7" r="5.5" className="us-map__reach us-map__reach--pick" />
                </svg>
                Reach circle ({formatCount(plan?.radius_miles ?? params.radius)} mi)
              </li>
            </ul>
          </figure>
          <FitLegend />
          <ImmigrantLegend source={counties.value?.source} />
        </div>
      </section>

      <section className="section" aria-labelledby="picks-heading" aria-busy={loading}>
        <div className="section__header">
          <h2 id="picks-heading">
            Next {plan?.picks.length ?? ''} picks
          </h2>
          <div className="results-actions">
            <span className={loading ? 'loading-dot' : 'loading-dot loading-dot--idle'} role="status">
              {loading ? 'Updating…' : ''}
            </span>
            <button
              type="button"
              className="button"
              disabled={plan === null || plan.picks.length === 0}
              onClick={() => {
                if (plan === null) return;
                downloadText('planner-picks.csv', planPicksToCsv(plan.picks));
                setStatus(`Exported ${plan.picks.length} picks as CSV.`);
              }}
            >
              Export CSV
            </button>
          </div>
        </div>
        <div className={status ? 'notice notice--success' : 'visually-hidden'} role="status">
          {status}
        </div>
        {plan !== null && (
          <>
            <p className="sources">
              <span className="sources__item">
                <strong>Partners already cover:</strong> {formatCount(plan.partners_covered)} immigrants
              </span>
              <span className="sources__item">
                <strong>Candidates:</strong> {formatCount(plan.candidates)}
              </span>
              <span className="sources__item">
                <strong>Reach model:</strong> {plan.reach_model || 'not stated'}
              </span>
            </p>
            {plan.approximation !== '' && (
              <p className="approximation" data-testid="approximation">
                {plan.approximation}
              </p>
            )}
            {plan.unknown_partners.length > 0 && (
              <p className="notice notice--warning">
                Not in the imported college directory, so not counted as partners:{' '}
                {plan.unknown_partners.map((id) => `UNITID ${id}`).join(', ')}.
              </p>
            )}
            {plan.stopped_early && (
              <p className="notice notice--warning">
                The planner stopped early: no further school adds anyone not already within reach.
              </p>
            )}
            {plan.picks.length === 0 ? (
              <p className="muted">No school adds immigrants within reach with these settings.</p>
            ) : (
              <div className="table-scroll" role="region" aria-label="Next picks" tabIndex={0}>
                <table className="table" data-testid="plan-table">
                  <thead>
                    <tr>
                      <th scope="col" className="cell-number">
                        Order
                      </th>
                      <th scope="col">School</th>
                      <th scope="col">State</th>
                      <th scope="col" className="cell-number">
                        Marginal gain
                      </th>
                      <th scope="col" className="cell-number">
                        Cumulative covered
                      </th>
                      <th scope="col">Fit</th>
                      <th scope="col">Q1</th>
                      <th scope="col">Q3</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.picks.map((p) => (
                      <tr key={p.unitid} data-unitid={p.unitid}>
                        <td className="cell-number">{p.order}</td>
                        <th scope="row">
                          <Link to={schoolLink(p.unitid)}>{p.name}</Link>
                        </th>
                        <td>{p.state}</td>
                        <td className="cell-number">{formatCount(p.marginal_gain)}</td>
                        <td className="cell-number">{formatCount(p.cumulative_covered)}</td>
                        <td>
                          <StatusBadge status={p.fit} />
                        </td>
                        <td>
                          <StatusBadge status={p.q1} />
                        </td>
                        <td>
                          <StatusBadge status={p.q3} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}

function PartnerPicker({
  partners,
  onAdd,
  onRemove,
  onReset,
}: {
  partners: readonly SchoolRef[];
  onAdd(school: SchoolRef): void;
  onRemove(unitid: number): void;
  onReset(): void;
}) {
  const [text, setText] = useState('');
  const debounced = useDebounced(text.trim(), 200);
  const [results, setResults] = useState<SchoolRef[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (debounced.length < 2) {
      setResults(null);
      return undefined;
    }
    const controller = new AbortController();
    api.searchSchools(debounced, 20, controller.signal).then(
      (list) => {
        setResults(list);
        setSearchError(null);
      },
      (e: unknown) => {
        if (!isAbortError(e)) setSearchError(errorMessage(e));
      },
    );
    return () => controller.abort();
  }, [debounced]);

  return (
    <fieldset className="controls-group partner-picker">
      <legend>Current partner schools</legend>
      {partners.length === 0 ? (
        <p className="muted">No partners: the plan starts from an empty network.</p>
      ) : (
        <ul className="chips" aria-label="Current partners">
          {partners.map((p) => (
            <li key={p.unitid} className="chip">
              <span>
                {p.name}
                {p.state !== '' && <span className="muted"> ({p.state})</span>}
              </span>
              <button type="button" className="chip__remove" onClick={() => onRemove(p.unitid)} aria-label={`Remove ${p.name}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="partner-picker__search">
        <div className="field">
          <label className="field__label" htmlFor="partner-search">
            Add a partner
          </label>
          <input
            id="partner-search"
            ref={inputRef}
            className="input"
            type="search"
            value={text}
            placeholder="School name, for example Brown"
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
            aria-describedby="partner-search-hint"
          />
          <p id="partner-search-hint" className="field__hint">
            Type at least two letters, then choose a school from the list.
          </p>
        </div>
        <button type="button" className="button button--small" onClick={onReset}>
          Reset to SCIJ’s current programs
        </button>
      </div>
      {searchError !== null && <ErrorNotice>{searchError}</ErrorNotice>}
      {results !== null && (
        <div className="search-results" role="region" aria-label="Matching schools">
          {results.length === 0 ? (
            <p className="muted">No school matches “{debounced}”.</p>
          ) : (
            <ul className="search-results__list">
              {results.map((s) => {
                const added = partners.some((p) => p.unitid === s.unitid);
                return (
                  <li key={s.unitid}>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={added}
                      onClick={() => {
                        onAdd(s);
                        setText('');
                        inputRef.current?.focus();
                      }}
                    >
                      {added ? 'Added: ' : 'Add '}
                      {s.name}
                      <span className="muted">
                        {' '}
                        ({s.city}, {s.state})
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
