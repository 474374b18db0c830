// Pieces shared by the partnership pages: the sub-navigation, stage badges, the five questions
// side by side (public data, record, combined), form-level errors with the server's details,
// and a two-step delete button (no window.confirm, so it works the same for every input).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AssessmentAnswer, FitStatus } from '../api';
import { Link, usePathname } from '../router';
import { StatusBadge } from './SiteSelection';

const SUB_NAV = [
  { path: '/partnerships', label: 'Pipeline' },
  { path: '/partnerships/organisations', label: 'Organisations' },
  { path: '/partnerships/people', label: 'People' },
  { path: '/partnerships/fees', label: 'Fee schedule' },
];

export function PartnershipsNav() {
  const pathname = usePathname();
  return (
    <nav className="subnav" aria-label="Partnerships">
      <ul className="subnav__list">
        {SUB_NAV.map((item) => {
          const current =
            item.path === '/partnerships'
              ? pathname === item.path || /^\/partnerships\/\d+/.test(pathname)
              : pathname === item.path;
          return (
            <li key={item.path}>
              <Link
                to={item.path}
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

export function StageBadge({ stage, label }: { stage: string; label: string }) {
  return (
    <span className={`stage-badge stage-badge--${stage}`} data-stage={stage}>
      {label}
    </span>
  );
}

/** A form's error: the message and, when the server sent them, the details as a list. */
export function FormError({ message, details = [], id }: { message: string | null; details?: readonly string[]; id?: string }) {
  if (message === null) return null;
  return (
    <div className="notice notice--error" role="alert" id={id}>
      <p className="notice__message">{message}</p>
      {details.length > 0 && (
        <ul className="notice__details">
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Delete" first, then "Confirm delete" / "Cancel" in its place. */
export function DeleteButton({
  label,
  onConfirm,
  disabled,
}: {
  /** The accessible name, for example "Delete Ana Pérez". */
  label: string;
  onConfirm(): void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) deleteRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button
        ref={deleteRef}
        type="button"
        className="button button--small button--danger"
        aria-label={label}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        Delete
      </button>
    );
  }
  return (
    <span className="confirm-delete">
      <button
        ref={confirmRef}
        type="button"
        className="button button--small button--danger-solid"
        aria-label={`Confirm: ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Confirm delete
      </button>
      <button type="button" className="button button--small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

const QUESTION_TITLES: Readonly<Record<string, string>> = {
  Q1: 'Need for legal services',
  Q2: 'Enough attorneys',
  Q3: 'Enough interested students',
  Q4: 'A home on campus',
  Q5: 'A champion',
};

function Cell({
  status,
  sentence,
  lines,
  sources,
  none,
}: {
  status: FitStatus | null;
  sentence: string;
  lines?: readonly string[];
  sources?: readonly string[];
  none: string;
}) {
  if (status === null) return <span className="muted">{none}</span>;
  return (
    <>
      <StatusBadge status={status} />
      {sentence !== '' && <p className="assessment__sentence">{sentence}</p>}
      {lines !== undefined && lines.length > 0 && (
        <ul className="assessment__lines">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {sources !== undefined && sources.length > 0 && <p className="assessment__sources">Source: {sources.join('; ')}</p>}
    </>
  );
}

/** The five key questions: what public data says, what the partnership record says, combined. */
export function AssessmentTable({ answers, caption }: { answers: readonly AssessmentAnswer[]; caption: ReactNode }) {
  const ordered = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].map(
    (q) =>
      answers.find((a) => a.question === q) ?? {
        question: q,
        title: QUESTION_TITLES[q] ?? '',
        rules: '',
        public: null,
        record: null,
        combined: 'unknown' as const,
      },
  );
  const extra = answers.filter((a) => !['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].includes(a.question));
  return (
    <div className="table-scroll" role="region" aria-label="The five key questions" tabIndex={0}>
      <table className="table assessment" data-testid="assessment-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Public data</th>
            <th scope="col">Partnership record</th>
            <th scope="col">Combined</th>
          </tr>
        </thead>
        <tbody>
          {[...ordered, ...extra].map((a) => (
            <tr key={a.question} data-question={a.question} data-combined={a.combined}>
              <th scope="row" className="assessment__question">
                <span className="answer-card__q">{a.question}</span> {a.title || QUESTION_TITLES[a.question]}
                {a.rules !== '' && <span className="assessment__rules">Rules {a.rules}</span>}
              </th>
              <td>
                <Cell
                  status={a.public?.status ?? null}
                  sentence={a.public?.sentence ?? ''}
                  sources={a.public?.sources ?? []}
                  none="Public data does not answer this."
                />
              </td>
              <td>
                <Cell
                  status={a.record?.status ?? null}
                  sentence={a.record?.sentence ?? ''}
                  lines={a.record?.lines ?? []}
                  none="Nothing in the partnership record yet."
                />
              </td>
              <td className="assessment__combined">
                <StatusBadge status={a.combined} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A yes/no mark with text (not colour alone). */
export function Check({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <span className={ok ? 'check check--ok' : 'check check--missing'}>
      <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {ok ? yes : no}
    </span>
  );
}
