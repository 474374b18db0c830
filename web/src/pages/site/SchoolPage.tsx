// One school against the five key questions: who it is, its overall fit, one card per question
// (status, sentence, figures, threshold, sources, notes, rules) and a small map of its reach.
// The thresholds come from the address (the same query as the screen's), so the answers match
// the list the user came from.
import { useEffect, useMemo, useState } from 'react';
import { api, isAbortError, ApiError, type Answer, type Assessment, type SchoolDetail, type Session } from '../../api';
import { PageTitle } from '../../components/AppShell';
import { ErrorNotice } from '../../components/Notice';
import { AssessmentTable, StageBadge } from '../../components/Partnerships';
import { ReachMap } from '../../components/ReachMap';
import { Legend, NoDataNotice, SiteNav, StatusBadge, CONTROL_SHORT } from '../../components/SiteSelection';
import { formatCount, formatFigure, humanize } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { shareLegend } from '../../mapScales';
import { canCreatePartnership, canReadPartnerships } from '../../partnerships';
import { Link, navigate, useSearch } from '../../router';
import { AREA_LABELS, DEFAULT_PARAMS, paramsFromQuery, parseUnitids, thresholdQuery } from '../../screenParams';
import { errorMessage, isNoData, useAtlas } from '../../siteData';

const QUESTIONS = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'] as const;

const QUESTION_TITLES: Readonly<Record<(typeof QUESTIONS)[number], string>> = {
  Q1: 'Need for legal services',
  Q2: 'Enough attorneys',
  Q3: 'Enough interested students',
  Q4: 'A home on campus',
  Q5: 'A champion',
};

function titleOf(question: string): string {
  return (QUESTIONS as readonly string[]).includes(question) ? QUESTION_TITLES[question as (typeof QUESTIONS)[number]] : '';
}

export function SchoolPage({ unitid, session }: { unitid: number; session: Session }) {
  const search = useSearch();
  const params = useMemo(() => paramsFromQuery(new URLSearchParams(search)), [search]);
  const partners = useMemo(() => parseUnitids(new URLSearchParams(search).get('partners')), [search]);
  const carried = thresholdQuery(params);
  const apiQuery = useMemo(() => {
    const q = new URLSearchParams(thresholdQuery(params, false));
    if (partners.length > 0) q.set('partners', partners.join(','));
    return q.toString().replace(/%2C/gi, ',');
  }, [params, partners]);

  const [detail, setDetail] = useState<SchoolDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api.school(unitid, apiQuery, controller.signal).then(setDetail, (e: unknown) => {
      if (!isAbortError(e)) setError(e);
    });
    return () => controller.abort();
  }, [unitid, apiQuery]);
  const atlas = useAtlas();

  useDocumentTitle(detail?.school.name ?? 'School');
  const back = `/site-selection${carried === '' ? '' : `?${carried}`}`;

  if (error !== null) {
    const notFound = error instanceof ApiError && error.code === 'not_found';
    return (
      <>
        <PageTitle>{notFound ? 'School not found' : 'School'}</PageTitle>
        <SiteNav search={carried} />
        {isNoData(error) ? (
          <NoDataNotice role={session.user.role} message={errorMessage(error, '')} />
        ) : (
          <ErrorNotice>
            {notFound ? `There is no institution with UNITID ${unitid}.` : errorMessage(error)}
          </ErrorNotice>
        )}
        <p>
          <Link to={back}>Back to the screen</Link>
        </p>
      </>
    );
  }
  if (detail === null) {
    return (
      <>
        <PageTitle>School</PageTitle>
        <SiteNav search={carried} />
        <p className="muted" role="status">
          Loading the school’s answers…
        </p>
      </>
    );
  }

  const { school } = detail;
  const signals = [
    school.hbcu && 'HBCU',
    school.tribal && 'Tribal college',
    school.hsi && 'Hispanic-serving (HSI)',
    school.msi && 'Minority-serving (MSI)',
  ].filter((s): s is string => typeof s === 'string');
  const answers = QUESTIONS.map(
    (q) =>
      detail.answers.find((a) => a.question === q) ?? {
        question: q,
        title: QUESTION_TITLES[q],
        rules: '',
        status: 'unknown' as const,
        figures: [],
        threshold: '',
        sources: [],
        sentence: 'The server gave no answer for this question.',
        notes: [],
      },
  );
  const radius = detail.reach.radius_miles ?? params.radius;

  return (
    <>
      <p className="breadcrumb">
        <Link to={back}>← Back to the screen</Link>
      </p>
      <PageTitle>{school.name}</PageTitle>
      <SiteNav search={carried} />
      <section className="panel school-header" aria-label="About the school">
        <p className="school-header__place">
          {school.city}, {school.state}
          {school.metro !== '' && <span className="muted"> · {school.metro}</span>}
          {school.is_partner && <span className="tag tag--partner">Current partner</span>}
        </p>
        <dl className="facts">
          <div>
            <dt>Control</dt>
            <dd>{school.control !== null ? (CONTROL_SHORT[school.control] ?? String(school.control)) : '—'}</dd>
          </div>
          <div>
            <dt>Sector</dt>
            <dd>{school.sector_label || '—'}</dd>
          </div>
          <div>
            <dt>Carnegie class</dt>
            <dd>{school.carnegie_label || '—'}</dd>
          </div>
          <div>
            <dt>Undergraduates</dt>
            <dd>{formatCount(school.undergrad)}</dd>
          </div>
          <div>
            <dt>County</dt>
            <dd>{school.county_name || school.county_fips || '—'}</dd>
          </div>
          <div>
            <dt>UNITID</dt>
            <dd>{school.unitid}</dd>
          </div>
        </dl>
        <p className="signals">
          <span className="signals__label">Student-population signals:</span>{' '}
          {signals.length > 0
            ? signals.map((s) => (
                <span key={s} className="tag">
                  {s}
                </span>
              ))
            : 'none in the public data (HBCU, tribal, HSI, MSI)'}
        </p>
      </section>

      <section className="section panel fit-panel" aria-labelledby="fit-heading">
        <h2 id="fit-heading">
          Overall fit: <StatusBadge status={detail.fit} />
        </h2>
        <p data-testid="fit-sentence">{detail.fit_sentence}</p>
        <p className="muted">
          Screened with: {AREA_LABELS[params.area].toLowerCase()} area for Q1, {formatCount(radius)}-mile reach, Q1 goal{' '}
          {formatCount(params.minImmigrants)} immigrants, Q3 likely from {formatCount(params.q3Likely)} and met from{' '}
          {formatCount(params.q3Met)} undergraduates
          {params.radius === DEFAULT_PARAMS.radius && params.minImmigrants === DEFAULT_PARAMS.minImmigrants ? ' (SCIJ’s defaults)' : ''}. Reach
          model: {detail.reach_model || 'not stated'}.
        </p>
      </section>

      <PartnershipAssessment unitid={school.unitid} name={school.name} session={session} />

      <div className="school-body">
        <section className="section answers" aria-labelledby="answers-heading">
          <h2 id="answers-heading">The five key questions</h2>
          <ol className="answer-list">
            {answers.map((a) => (
              <li key={a.question}>
                <AnswerCard answer={a} />
              </li>
            ))}
          </ol>
        </section>

        <section className="section panel reach-panel" aria-labelledby="reach-heading">
          <h2 id="reach-heading">Reach</h2>
          {school.lat === null || school.lon === null ? (
            <p className="muted">The public data has no location for this school.</p>
          ) : atlas.value !== null ? (
            <>
              <ReachMap
                atlas={atlas.value}
                lat={school.lat}
                lon={school.lon}
                radiusMiles={radius}
                counties={detail.reach.counties}
                schoolName={school.name}
              />
              <Legend title="Share of the county’s people within reach" items={shareLegend()} />
            </>
          ) : atlas.error !== null ? (
            <ErrorNotice>The map could not be loaded: {errorMessage(atlas.error)}</ErrorNotice>
          ) : (
            <p className="muted" role="status">
              Loading the map…
            </p>
          )}
        </section>
      </div>
    </>
  );
}

function AnswerCard({ answer }: { answer: Answer }) {
  const id = `answer-${answer.question}`;
  return (
    <article className={`answer-card answer-card--${answer.status}`} aria-labelledby={`${id}-title`} data-testid={id} data-status={answer.status}>
      <header className="answer-card__header">
        <h3 id={`${id}-title`} className="answer-card__title">
          <span className="answer-card__q">{answer.question}</span> {answer.title || titleOf(answer.question)}
        </h3>
        <StatusBadge status={answer.status} />
      </header>
      <p className="answer-card__sentence" data-testid={`${id}-sentence`}>
        {answer.sentence || 'No explanation given.'}
      </p>
      {answer.figures.length > 0 && (
        <dl className="answer-card__figures">
          {answer.figures.map((f) => (
            <div key={f.name}>
              <dt>{humanize(f.name)}</dt>
              <dd>{formatFigure(f.value, f.unit)}</dd>
            </div>
          ))}
        </dl>
      )}
      <dl className="answer-card__meta">
        {answer.threshold !== '' && (
          <div>
            <dt>Threshold</dt>
            <dd>{answer.threshold}</dd>
          </div>
        )}
        <div>
          <dt>Sources</dt>
          <dd>
            {answer.sources.length > 0
              ? answer.sources
                  .map((s) => `${s.source || s.kind}${s.vintage !== '' ? ` (${s.vintage})` : ''}`)
                  .join('; ')
              : 'none: the partnership record will answer this'}
          </dd>
        </div>
        {answer.rules !== '' && (
          <div>
            <dt>Rules</dt>
            <dd>{answer.rules}</dd>
          </div>
        )}
      </dl>
      {answer.notes.length > 0 && (
        <ul className="answer-card__notes">
          {answer.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

/**
 * The five questions with public data, the partnership record and the two combined side by
 * side (GET /api/schools/{unitid}/assessment), and the way to the school's partnership, or
 * for staff and administrators a button to start one.
 */
function PartnershipAssessment({ unitid, name, session }: { unitid: number; name: string; session: Session }) {
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api.assessment(unitid, controller.signal).then(setAssessment, (e: unknown) => {
      if (!isAbortError(e) && !controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [unitid]);

  const role = session.user.role;
  const partnership = assessment?.partnership ?? null;
  return (
    <section className="section panel" aria-labelledby="assessment-heading" data-testid="school-assessment">
      <div className="section__header">
        <h2 id="assessment-heading">Public data and the partnership record</h2>
        {assessment !== null && partnership !== null && canReadPartnerships(role) && (
          <p className="assessment__partnership" data-testid="school-partnership">
            <Link to={`/partnerships/${partnership.id}`}>Open the partnership</Link>{' '}
            <StageBadge stage={partnership.stage} label={partnership.stage_label} />
          </p>
        )}
        {assessment !== null && partnership === null && canCreatePartnership(role) && (
          <button type="button" className="button button--primary" onClick={() => navigate(`/partnerships?new=${unitid}`)}>
            Start a partnership
          </button>
        )}
      </div>
      {error !== null ? (
        <p className="muted">The combined assessment could not be loaded: {errorMessage(error)}</p>
      ) : assessment === null ? (
        <p className="muted" role="status">
          Loading the combined assessment…
        </p>
      ) : (
        <>
          <p className="muted">
            {partnership === null
              ? 'No partnership with this school yet: the record-based answers are empty, so Q2 stays an estimate and Q4 and Q5 unknown.'
              : 'The partnership’s records (attorney commitments, evidence of interest, homes on campus, champions) complete what public data cannot answer.'}{' '}
            Combined fit: <StatusBadge status={assessment.fit} />
          </p>
          <AssessmentTable answers={assessment.answers} caption={`The five key questions for ${name}`} />
        </>
      )}
    </section>
  );
}
