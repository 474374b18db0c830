// The partnership pipeline: every partnership the user may see, as a board (one column per
// stage, with what blocks the next stage), a sortable table, or the network on a US map. Staff
// and administrators start new partnerships here; "Export CSV" is the server's own CSV.
import { useEffect, useMemo, useState } from 'react';
import {
  api,
  PARTNERSHIPS_CSV_PATH,
  type PartnershipList,
  type PartnershipSummary,
  type SchoolRef,
  type Session,
} from '../../api';
import { PageTitle } from '../../components/AppShell';
import { NetworkLegend, NetworkMap } from '../../components/NetworkMap';
import { NewPartnershipForm } from '../../components/NewPartnershipForm';
import { ErrorNotice } from '../../components/Notice';
import { PartnershipsNav, StageBadge } from '../../components/Partnerships';
import { formatCount } from '../../format';
import { useDocumentTitle } from '../../hooks';
import {
  canCreatePartnership,
  canReadPartnerships,
  DEFAULT_PIPELINE_SORT,
  groupByStage,
  networkMarks,
  nextPipelineSort,
  PARTNERSHIPS_AUDIENCE,
  pathwayLabel,
  sortPartnerships,
  stageLabel,
  type PipelineSort,
  type PipelineSortKey,
} from '../../partnerships';
import { focusSoon } from '../../forms';
import { Link, navigate, replaceSearch, useSearch } from '../../router';
import { errorMessage, useAtlas } from '../../siteData';
import { AccessDenied } from '../AccessDenied';

type View = 'board' | 'table' | 'map';
const VIEWS: ReadonlyArray<{ id: View; label: string }> = [
  { id: 'board', label: 'Board' },
  { id: 'table', label: 'Table' },
  { id: 'map', label: 'Network map' },
];

export function PipelinePage({ session }: { session: Session }) {
  if (!canReadPartnerships(session.user.role)) return <AccessDenied what="Partnerships" who={PARTNERSHIPS_AUDIENCE} />;
  return <Pipeline session={session} />;
}

function viewOf(search: string): View {
  const v = new URLSearchParams(search).get('view');
  return v === 'table' || v === 'map' ? v : 'board';
}

function Pipeline({ session }: { session: Session }) {
  useDocumentTitle('Partnerships');
  const search = useSearch();
  const view = viewOf(search);
  const newParam = new URLSearchParams(search).get('new');
  const role = session.user.role;
  const mayCreate = canCreatePartnership(role);

  const [list, setList] = useState<PartnershipList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [creating, setCreating] = useState(mayCreate && newParam !== null);
  const [initialSchool, setInitialSchool] = useState<SchoolRef | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api.partnerships(controller.signal).then(setList, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [attempt]);

  // "Start a partnership" on a school page arrives as ?new=UNITID: pre-fill the school.
  useEffect(() => {
    if (!mayCreate || newParam === null || !/^\d{1,9}$/.test(newParam)) return undefined;
    setCreating(true);
    const controller = new AbortController();
    api.assessment(Number(newParam), controller.signal).then(
      (a) => setInitialSchool({ unitid: a.unitid || Number(newParam), name: a.name || `UNITID ${newParam}`, city: '', state: '' }),
      () => {
        if (!controller.signal.aborted) setInitialSchool(null);
      },
    );
    return () => controller.abort();
  }, [newParam, mayCreate]);

  function setView(next: View): void {
    const q = new URLSearchParams(search);
    if (next === 'board') q.delete('view');
    else q.set('view', next);
    replaceSearch(q.toString());
  }

  function closeForm(): void {
    setCreating(false);
    setInitialSchool(null);
    const q = new URLSearchParams(search);
    q.delete('new');
    replaceSearch(q.toString());
    focusSoon('new-partnership-button');
  }

  const scoped = role === 'organizer' || role === 'champion';
  return (
    <>
      <PageTitle>Partnerships</PageTitle>
      <PartnershipsNav />
      <p className="lead">
        Each school from first contact to a running program: the pathway that started it, community support (P3–P5), the
        five key questions and the five investments. A move to another stage is checked against the gates of every stage
        it reaches.
      </p>
      {scoped && (
        <p className="muted" data-testid="scope-note">
          As a {role === 'organizer' ? 'campus organizer' : 'champion'} you see your own school’s partnership only.
        </p>
      )}

      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Show the pipeline as">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              className={view === v.id ? 'segmented__button segmented__button--current' : 'segmented__button'}
              aria-pressed={view === v.id}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <div className="toolbar__actions">
          <a className="button" href={PARTNERSHIPS_CSV_PATH} download="partnerships.csv">
            Export CSV
          </a>
          {mayCreate && !creating && (
            <button
              id="new-partnership-button"
              type="button"
              className="button button--primary"
              onClick={() => {
                setCreating(true);
                focusSoon('new-partnership-unitid');
              }}
            >
              New partnership
            </button>
          )}
        </div>
      </div>

      {mayCreate && creating && (
        <section className="section panel" aria-labelledby="new-partnership-heading">
          <h2 id="new-partnership-heading">New partnership</h2>
          <NewPartnershipForm
            session={session}
            initialSchool={initialSchool}
            onCreated={(detail) => navigate(`/partnerships/${detail.partnership.id}`)}
            onCancel={closeForm}
          />
        </section>
      )}

      {error !== null && (
        <ErrorNotice>
          The partnerships could not be loaded: {errorMessage(error)}{' '}
          <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </ErrorNotice>
      )}
      {list === null && error === null && (
        <p className="muted" role="status">
          Loading the partnerships…
        </p>
      )}
      {list !== null && (
        <div className="section" data-testid="pipeline" data-view={view}>
          <p className="muted" role="status">
            {list.partnerships.length === 0
              ? 'No partnerships yet.'
              : `${formatCount(list.partnerships.length)} ${list.partnerships.length === 1 ? 'partnership' : 'partnerships'}.`}
          </p>
          {view === 'board' && <Board list={list} />}
          {view === 'table' && <PipelineTable list={list} />}
          {view === 'map' && <NetworkView list={list.partnerships} />}
        </div>
      )}
    </>
  );
}

function Board({ list }: { list: PartnershipList }) {
  const columns = useMemo(() => groupByStage(list.partnerships, list.stages), [list]);
  return (
    <div className="board" data-testid="board">
      {columns.map((column) => {
        const headingId = `board-${column.stage}-heading`;
        return (
          <section
            key={column.stage}
            className={`board__column board__column--${column.stage}`}
            aria-labelledby={headingId}
            data-testid={`board-column-${column.stage}`}
            data-stage={column.stage}
          >
            <h2 id={headingId} className="board__heading">
              {column.label} <span className="count">({column.items.length})</span>
            </h2>
            {column.items.length === 0 ? (
              <p className="board__empty">None</p>
            ) : (
              <ul className="board__cards">
                {column.items.map((p) => (
                  <li key={p.id}>
                    <BoardCard partnership={p} stages={list.stages} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function days(n: number): string {
  return n === 1 ? '1 day in this stage' : `${formatCount(n)} days in this stage`;
}

function BoardCard({ partnership: p, stages }: { partnership: PartnershipSummary; stages: PartnershipList['stages'] }) {
  return (
    <article className="board-card" data-partnership-id={p.id} aria-labelledby={`card-${p.id}-name`}>
      <h3 id={`card-${p.id}-name`} className="board-card__name">
        <Link to={`/partnerships/${p.id}`}>{p.name}</Link>
      </h3>
      <p className="board-card__place">{[p.city, p.state].filter((s) => s !== '').join(', ')}</p>
      <p className="board-card__meta">
        <abbr title={pathwayLabel(p.pathway, p.pathway_label)}>{p.pathway === null ? 'No pathway' : `Pathway ${p.pathway}`}</abbr> ·{' '}
        {days(p.days_in_stage)}
      </p>
      {p.stage === 'paused' && p.paused_from !== null && (
        <p className="board-card__meta">
          Paused from {stageLabel(p.paused_from, stages)}
          {p.stage_reason !== '' ? `: ${p.stage_reason}` : ''}
        </p>
      )}
      {p.stage === 'declined' && p.stage_reason !== '' && <p className="board-card__meta">Reason: {p.stage_reason}</p>}
      {p.next_step !== '' && (
        <p className="board-card__next">
          <span className="board-card__label">Next step:</span> {p.next_step}
          {p.next_step_due !== '' && <span className="muted"> (due {p.next_step_due})</span>}
        </p>
      )}
      {p.next_stage !== null && p.blockers.length > 0 && (
        <div className="board-card__blockers">
          <p className="board-card__label">Blocked for {stageLabel(p.next_stage, stages)} by:</p>
          <ul>
            {p.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

const COLUMNS: ReadonlyArray<{ key: PipelineSortKey; label: string; numeric?: boolean }> = [
  { key: 'name', label: 'School' },
  { key: 'place', label: 'City, state' },
  { key: 'stage', label: 'Stage' },
  { key: 'pathway', label: 'Pathway' },
  { key: 'days', label: 'Days in stage', numeric: true },
  { key: 'next_step', label: 'Next step' },
  { key: 'due', label: 'Due' },
  { key: 'owner', label: 'Owner' },
];

function PipelineTable({ list }: { list: PartnershipList }) {
  const [sort, setSort] = useState<PipelineSort>(DEFAULT_PIPELINE_SORT);
  const rows = useMemo(() => sortPartnerships(list.partnerships, sort, list.stages), [list, sort]);
  if (rows.length === 0) return <p className="muted">Nothing to list.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Partnerships table" tabIndex={0}>
      <table className="table pipeline-table" data-testid="pipeline-table">
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
                  <button type="button" className="sort-button" onClick={() => setSort((s) => nextPipelineSort(s, col.key))}>
                    {col.label}
                    <span className="sort-button__arrow" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">Blocked by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} data-partnership-id={p.id}>
              <th scope="row">
                <Link to={`/partnerships/${p.id}`}>{p.name}</Link>
              </th>
              <td className="cell-place">{[p.city, p.state].filter((s) => s !== '').join(', ')}</td>
              <td>
                <StageBadge stage={p.stage} label={p.stage_label} />
              </td>
              <td>{p.pathway === null ? '—' : p.pathway}</td>
              <td className="cell-number">{formatCount(p.days_in_stage)}</td>
              <td>{p.next_step || '—'}</td>
              <td className="cell-place">{p.next_step_due || '—'}</td>
              <td>{p.owner === null ? '—' : p.owner.display_name || p.owner.username}</td>
              <td className="cell-blockers">
                {p.blockers.length === 0 ? (
                  '—'
                ) : (
                  <ul>
                    {p.blockers.map((b) => (
                      <li key={b}>{b}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NetworkView({ list }: { list: readonly PartnershipSummary[] }) {
  const atlas = useAtlas();
  const { marks, unmapped } = useMemo(() => networkMarks(list), [list]);
  const partners = marks.filter((m) => m.kind === 'partner').length;
  return (
    <section className="panel map-panel" aria-labelledby="network-heading">
      <h2 id="network-heading">The network</h2>
      {atlas.value !== null ? (
        <>
          <NetworkMap atlas={atlas.value} marks={marks} label="Partners and pipeline schools on a map of the United States" />
          <div className="legends">
            <NetworkLegend partners={partners} pipeline={marks.length - partners} />
          </div>
          <p className="map__help">
            Each mark links to its partnership (Tab moves between them, Enter opens one).
            {unmapped > 0 &&
              ` ${unmapped} ${unmapped === 1 ? 'school has' : 'schools have'} no location in the public data and ${unmapped === 1 ? 'is' : 'are'} not on the map.`}
          </p>
        </>
      ) : atlas.error !== null ? (
        <ErrorNotice>The map could not be loaded: {errorMessage(atlas.error)}</ErrorNotice>
      ) : (
        <p className="muted" role="status">
          Loading the map…
        </p>
      )}
    </section>
  );
}
