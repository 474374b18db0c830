// One partnership: who and where, the stage and how to move it (with what each move still
// needs, before trying), the five key questions side by side, and the records that answer
// them: outreach, evidence, homes, attorney commitments, the five investments, the fee, the
// champions and the history. Edit controls appear only when the server says the user may edit.
import { useCallback, useEffect, useState } from 'react';
import {
  api,
  ApiError,
  reportPath,
  type Organisation,
  type PartnershipDetail,
  type Person,
  type Session,
} from '../../api';
import { PageTitle } from '../../components/AppShell';
import { ErrorNotice, StatusRegion } from '../../components/Notice';
import {
  ChampionsSection,
  daysInStage,
  FeeSection,
  HeaderEditForm,
  HistorySection,
  InvestmentsSection,
  StageMoveForm,
} from '../../components/PartnershipPanels';
import {
  AttorneysSection,
  EvidenceSection,
  HomesSection,
  OutreachSection,
  type PartnershipContext,
} from '../../components/PartnershipRecords';
import { AssessmentTable, PartnershipsNav, StageBadge } from '../../components/Partnerships';
import { focusSoon } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { canReadPartnerships, PARTNERSHIPS_AUDIENCE, pathwayLabel, stageLabel } from '../../partnerships';
import { Link } from '../../router';
import { errorMessage } from '../../siteData';
import { AccessDenied } from '../AccessDenied';

export function PartnershipPage({ id, session }: { id: number; session: Session }) {
  if (!canReadPartnerships(session.user.role)) return <AccessDenied what="Partnerships" who={PARTNERSHIPS_AUDIENCE} />;
  return <Partnership id={id} session={session} />;
}

const CONTENTS = [
  { id: 'stage', label: 'Stage' },
  { id: 'questions', label: 'Five questions' },
  { id: 'outreach', label: 'Outreach' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'homes', label: 'Homes' },
  { id: 'attorneys', label: 'Attorneys' },
  { id: 'investments', label: 'Investments' },
  { id: 'fee', label: 'Fee' },
  { id: 'champions', label: 'Champions' },
  { id: 'history', label: 'History' },
];

function Partnership({ id, session }: { id: number; session: Session }) {
  const [detail, setDetail] = useState<PartnershipDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [editingHeader, setEditingHeader] = useState(false);
  useDocumentTitle(detail?.partnership.name ?? 'Partnership');

  useEffect(() => {
    const controller = new AbortController();
    api.partnership(id, controller.signal).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [id]);

  // The people and organisations the record forms offer (only needed to edit).
  const canEdit = detail?.can_edit === true;
  useEffect(() => {
    if (!canEdit) return undefined;
    const controller = new AbortController();
    api.people({}, controller.signal).then(setPeople, () => {});
    api.organisations(controller.signal).then((o) => setOrganisations(o.organisations), () => {});
    return () => controller.abort();
  }, [canEdit]);

  const apply = useCallback((next: PartnershipDetail, message: string) => {
    setDetail(next);
    setActionError(null);
    setStatus(message);
  }, []);
  const fail = useCallback((caught: unknown) => {
    setStatus('');
    setActionError(errorMessage(caught, 'That could not be done.'));
  }, []);

  if (error !== null) {
    const notFound = error instanceof ApiError && (error.code === 'not_found' || error.status === 404);
    const denied = error instanceof ApiError && error.status === 403;
    return (
      <>
        <PageTitle>{notFound ? 'Partnership not found' : denied ? 'You do not have access to this page' : 'Partnership'}</PageTitle>
        <PartnershipsNav />
        <ErrorNotice>
          {notFound
            ? 'There is no partnership with this number that you may see.'
            : denied
              ? 'Your role does not give access to partnerships.'
              : `The partnership could not be loaded: ${errorMessage(error)}`}
        </ErrorNotice>
        <p>
          <Link to="/partnerships">Back to the pipeline</Link>
        </p>
      </>
    );
  }
  if (detail === null) {
    return (
      <>
        <PageTitle>Partnership</PageTitle>
        <PartnershipsNav />
        <p className="muted" role="status">
          Loading the partnership…
        </p>
      </>
    );
  }

  const p = detail.partnership;
  const ctx: PartnershipContext = { detail, role: session.user.role, people, organisations, apply, fail };
  return (
    <>
      <p className="breadcrumb">
        <Link to="/partnerships">← Back to the pipeline</Link>
      </p>
      <PageTitle>{p.name}</PageTitle>
      <PartnershipsNav />
      <StatusRegion message={status} />
      {actionError !== null && <ErrorNotice>{actionError}</ErrorNotice>}

      <section className="panel partnership-header" aria-label="About the partnership" data-testid="partnership-header">
        <p className="school-header__place">
          {[p.city, p.state].filter((s) => s !== '').join(', ')} <span className="muted">· UNITID {p.unitid}</span>{' '}
          <StageBadge stage={p.stage} label={p.stage_label} />
        </p>
        {editingHeader ? (
          <HeaderEditForm
            detail={detail}
            session={session}
            onSaved={(d) => {
              apply(d, 'The partnership was saved.');
              setEditingHeader(false);
              focusSoon('edit-header');
            }}
            onCancel={() => {
              setEditingHeader(false);
              focusSoon('edit-header');
            }}
          />
        ) : (
          <>
            <dl className="facts">
              <div>
                <dt>Stage</dt>
                <dd data-testid="current-stage" data-stage={p.stage}>
                  {p.stage_label}
                </dd>
              </div>
              <div>
                <dt>Days in this stage</dt>
                <dd>{daysInStage(p.days_in_stage)}</dd>
              </div>
              <div>
                <dt>Pathway</dt>
                <dd>{pathwayLabel(p.pathway, p.pathway_label)}</dd>
              </div>
              <div>
                <dt>Initiated by</dt>
                <dd>{p.initiated_by || '—'}</dd>
              </div>
              <div>
                <dt>Owner</dt>
                <dd>{p.owner === null ? 'No owner' : p.owner.display_name || p.owner.username}</dd>
              </div>
              <div>
                <dt>Next step</dt>
                <dd>
                  {p.next_step || '—'}
                  {p.next_step_due !== '' && <span className="muted"> (due {p.next_step_due})</span>}
                </dd>
              </div>
            </dl>
            <div className="form-actions">
              {detail.can_edit && (
                <button id="edit-header" type="button" className="button button--small" onClick={() => setEditingHeader(true)}>
                  Edit pathway, owner and next step
                </button>
              )}
              <a className="button button--small" href={reportPath(p.unitid)} target="_blank" rel="noopener noreferrer">
                Printable report<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
              <Link className="button button--small" to={`/site-selection/schools/${p.unitid}`}>
                Site selection page
              </Link>
            </div>
          </>
        )}
      </section>

      <nav className="contents" aria-label="On this page">
        <ul>
          {CONTENTS.map((c) => (
            <li key={c.id}>
              <a href={`#${c.id}`}>{c.label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section className="section panel" id="stage" aria-labelledby="stage-heading" data-testid="section-stage">
        <h2 id="stage-heading">Stage</h2>
        <p>
          Now: <StageBadge stage={p.stage} label={p.stage_label} /> for {daysInStage(p.days_in_stage)}
          {p.paused_from !== null && <> (paused from {stageLabel(p.paused_from)})</>}
          {p.stage_reason !== '' && <span className="muted"> · Reason: {p.stage_reason}</span>}
        </p>
        {p.next_stage !== null && (
          <div className={p.blockers.length === 0 ? 'status-box status-box--ok' : 'status-box status-box--missing'}>
            <p className="status-box__title">
              {p.blockers.length === 0
                ? `Nothing blocks the next stage, ${stageLabel(p.next_stage)}.`
                : `Blocked for ${stageLabel(p.next_stage)} by:`}
            </p>
            {p.blockers.length > 0 && (
              <ul className="status-box__lines">
                {p.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {detail.can_edit ? (
          <>
            <h3>Move to another stage</h3>
            <p className="muted">
              A move may skip stages or go back; it is checked against the gates of every stage it reaches. Pausing or
              declining needs a reason.
            </p>
            <StageMoveForm detail={detail} onMoved={apply} />
          </>
        ) : (
          detail.transitions.length > 0 && (
            <details className="transitions">
              <summary>What each move would need</summary>
              <ul>
                {detail.transitions.map((t) => (
                  <li key={t.to}>
                    {t.label}: {t.allowed ? 'every gate met' : t.missing.join('; ')}
                  </li>
                ))}
              </ul>
            </details>
          )
        )}
      </section>

      <section className="section" id="questions" aria-labelledby="questions-heading">
        <h2 id="questions-heading">The five key questions</h2>
        <p className="muted">
          What public data says, what the partnership record says, and the two combined. Reaching “Agreement signed” needs
          every combined answer at least likely, and Q5 met.
        </p>
        <AssessmentTable answers={detail.answers} caption={`The five key questions for ${p.name}`} />
      </section>

      <OutreachSection ctx={ctx} />
      <EvidenceSection ctx={ctx} />
      <HomesSection ctx={ctx} />
      <AttorneysSection ctx={ctx} />
      <InvestmentsSection ctx={ctx} />
      <FeeSection ctx={ctx} />
      <ChampionsSection detail={detail} />
      <HistorySection detail={detail} />
    </>
  );
}
