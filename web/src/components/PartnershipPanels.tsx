// The other parts of a partnership page: the header's edit form, the stage move (with every
// gate's verdict shown before the move is tried, and an administrator's override), the five
// investments (P6), the fee (P7), the champions (Q5) and the history.
import { useEffect, useState, type FormEvent } from 'react';
import {
  api,
  type Investment,
  type InvestmentPatch,
  type InvestmentStatus,
  type OrganizerKind,
  type PartnershipDetail,
  type Pathway,
  type Person,
  type Session,
  type User,
} from '../api';
import { focusSoon, useFormState, type FieldErrors } from '../forms';
import { formatCount, formatTimestamp } from '../format';
import {
  CAN_REQUEST,
  canCreatePartnership,
  championGaps,
  choiceLabel,
  DECISION_POWER,
  formatUsd,
  INVESTMENT_STATUSES,
  isIsoDate,
  ORGANIZER_KINDS,
  parseWhole,
  PERSON_ROLE_LABELS,
  stageLabel,
} from '../partnerships';
import { Link } from '../router';
import { CheckboxField, SelectField, TextAreaField, TextField } from './Field';
import { PathwayField } from './NewPartnershipForm';
import { Check, FormError } from './Partnerships';
import { personOptions, type PartnershipContext } from './PartnershipRecords';

// ---- Header: pathway, initiated by, owner, next step ----

// A stale `version` (someone else saved first) is a form-level error: the server's message says
// to reload.
type HeaderField = 'pathway' | 'initiated_by' | 'owner_user_id' | 'next_step' | 'next_step_due';
const HEADER_FIELDS: readonly HeaderField[] = ['pathway', 'initiated_by', 'owner_user_id', 'next_step', 'next_step_due'];

export function HeaderEditForm({
  detail,
  session,
  onSaved,
  onCancel,
}: {
  detail: PartnershipDetail;
  session: Session;
  onSaved(detail: PartnershipDetail): void;
  onCancel(): void;
}) {
  const p = detail.partnership;
  const form = useFormState('edit-partnership', HEADER_FIELDS, { owner: 'owner_user_id' });
  const [pathway, setPathway] = useState(p.pathway === null ? '' : String(p.pathway));
  const [initiatedBy, setInitiatedBy] = useState(p.initiated_by);
  const [owner, setOwner] = useState(p.owner === null ? '' : String(p.owner.id));
  const [nextStep, setNextStep] = useState(p.next_step);
  const [due, setDue] = useState(p.next_step_due);
  const [users, setUsers] = useState<User[] | null>(null);

  // Administrators may pick any active account as the owner; others choose themselves or nobody.
  useEffect(() => {
    if (session.user.role !== 'admin') return;
    api.listUsers().then(
      (list) => setUsers(list.filter((u) => !u.disabled)),
      () => setUsers(null),
    );
  }, [session.user.role]);

  const ownerOptions = [{ value: '', label: 'No owner' }];
  const seen = new Set<string>(['']);
  const add = (id: string, label: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    ownerOptions.push({ value: id, label });
  };
  if (p.owner !== null) add(String(p.owner.id), p.owner.display_name || p.owner.username);
  add(String(session.user.id), `Me (${session.user.display_name || session.user.username})`);
  for (const u of users ?? []) add(String(u.id), `${u.display_name || u.username} (${u.username})`);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await form.submit(
      () => {
        const found: FieldErrors<HeaderField> = {};
        if (pathway === '') found.pathway = 'Choose the pathway.';
        if (initiatedBy.trim() === '') found.initiated_by = 'Say who made the first contact.';
        if (due !== '' && !isIsoDate(due)) found.next_step_due = 'Enter a date (YYYY-MM-DD) or leave it empty.';
        return found;
      },
      async () => {
        const saved = await api.updatePartnership(p.id, {
          pathway: Number(pathway) as Pathway,
          initiated_by: initiatedBy.trim(),
          owner_user_id: owner === '' ? null : Number(owner),
          next_step: nextStep.trim(),
          next_step_due: due,
          version: p.version,
        });
        onSaved(saved);
      },
    );
  }

  return (
    <form className="form" noValidate aria-label="Edit the partnership" onSubmit={(e) => void handleSubmit(e)}>
      <FormError message={form.formError} details={form.formDetails} />
      <PathwayField idPrefix={form.fieldId('pathway')} value={pathway} onChange={setPathway} error={form.errors.pathway} />
      <div className="form-grid">
        <TextField id={form.fieldId('initiated_by')} label="Initiated by" value={initiatedBy} onChange={setInitiatedBy} error={form.errors.initiated_by} required />
        <SelectField id={form.fieldId('owner_user_id')} label="Owner" value={owner} onChange={setOwner} options={ownerOptions} error={form.errors.owner_user_id} />
        <TextField id={form.fieldId('next_step')} label="Next step" value={nextStep} onChange={setNextStep} error={form.errors.next_step} />
        <TextField id={form.fieldId('next_step_due')} label="Next step due" type="date" value={due} onChange={setDue} error={form.errors.next_step_due} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ---- Stage move ----

type MoveField = 'to' | 'reason' | 'override';
const MOVE_FIELDS: readonly MoveField[] = ['to', 'reason', 'override'];

export function StageMoveForm({ detail, onMoved }: { detail: PartnershipDetail; onMoved(detail: PartnershipDetail, message: string): void }) {
  const form = useFormState('stage-move', MOVE_FIELDS);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const chosen = detail.transitions.find((t) => t.to === to);
  const mayOverride = detail.can_override && chosen !== undefined && !chosen.allowed;
  const reasonRequired = chosen !== undefined && (chosen.needs_reason || (mayOverride && override));

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await form.submit(
      () => {
        const found: FieldErrors<MoveField> = {};
        if (chosen === undefined) found.to = 'Choose the stage to move to.';
        if (reasonRequired && reason.trim() === '') {
          found.reason = override ? 'An override needs a written reason.' : 'This move needs a written reason.';
        }
        return found;
      },
      async () => {
        if (chosen === undefined) return;
        const body: { to: string; reason?: string; override?: boolean } = { to: chosen.to };
        if (reason.trim() !== '') body.reason = reason.trim();
        if (mayOverride && override) body.override = true;
        const moved = await api.moveStage(detail.partnership.id, body);
        setTo('');
        setReason('');
        setOverride(false);
        onMoved(moved, `Moved to ${moved.partnership.stage_label || chosen.label}.`);
      },
    );
  }

  return (
    <form className="form stage-move" noValidate aria-label="Move to another stage" onSubmit={(e) => void handleSubmit(e)}>
      <FormError message={form.formError} details={form.formDetails} id="stage-move-error" />
      <div className="form-grid">
        <SelectField
          id={form.fieldId('to')}
          label="Move to stage"
          value={to}
          onChange={(v) => {
            setTo(v);
            setOverride(false);
          }}
          placeholder="Choose a stage…"
          options={detail.transitions.map((t) => ({
            value: t.to,
            label: t.allowed ? t.label : `${t.label} (gates not met)`,
          }))}
          error={form.errors.to}
          required
        />
      </div>
      {chosen !== undefined && (
        <div
          className={chosen.allowed ? 'status-box status-box--ok' : 'status-box status-box--missing'}
          data-testid="move-preview"
          data-allowed={chosen.allowed}
        >
          {chosen.allowed ? (
            <p className="status-box__title">Every gate of this move is met.</p>
          ) : (
            <>
              <p className="status-box__title">The server will refuse this move while this is missing:</p>
              <ul className="status-box__lines">
                {chosen.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
          {chosen.needs_reason && <p>This move needs a written reason.</p>}
        </div>
      )}
      {mayOverride && (
        <CheckboxField
          id={form.fieldId('override')}
          label="Override the gate"
          checked={override}
          onChange={setOverride}
          hint="Administrators only, with a written reason. The override, the reason and what was missing are kept in the history and the audit log."
        />
      )}
      <TextAreaField
        id={form.fieldId('reason')}
        label="Reason"
        hint={reasonRequired ? 'Required for this move.' : 'Optional; kept in the history.'}
        value={reason}
        onChange={setReason}
        error={form.errors.reason}
        required={reasonRequired}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Moving…' : 'Move'}
        </button>
      </div>
    </form>
  );
}

// ---- Investments (P6) ----

export function InvestmentsSection({ ctx }: { ctx: PartnershipContext }) {
  const { detail } = ctx;
  const inPlace = detail.investments.filter((i) => i.status === 'in_place').length;
  return (
    <section className="section panel" id="investments" aria-labelledby="investments-heading" data-testid="section-investments">
      <h2 id="investments-heading" tabIndex={-1}>
        The five investments <span className="count">({inPlace} of {detail.investments.length} in place)</span>
      </h2>
      <p className="muted">
        What the school puts in place (P6): a membership fee, a Campus Organizer, space, academic credit, and collaboration on
        mutual projects. A partnership becomes active only when all five are in place.
      </p>
      {detail.investments.length === 0 ? (
        <p className="muted">The server listed no investments.</p>
      ) : (
        <ul className="investment-list">
          {detail.investments.map((inv) => (
            <li key={inv.key} className="investment" data-key={inv.key} data-status={inv.status}>
              {detail.can_edit ? (
                <InvestmentForm ctx={ctx} investment={inv} />
              ) : (
                <InvestmentView investment={inv} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function investmentTitle(inv: Investment): string {
  return `(${inv.key}) ${inv.title}`;
}

function InvestmentView({ investment: inv }: { investment: Investment }) {
  return (
    <>
      <h3 className="investment__title">{investmentTitle(inv)}</h3>
      <p>
        <span className={`investment-status investment-status--${inv.status}`}>{choiceLabel(INVESTMENT_STATUSES, inv.status)}</span>
      </p>
      {inv.details !== '' && <p className="record__line">{inv.details}</p>}
      {inv.key === 'b' && <OrganizerLine investment={inv} />}
    </>
  );
}

function OrganizerLine({ investment: inv }: { investment: Investment }) {
  const o = inv.organizer;
  if (o.person_id === null && o.kind === '') return <p className="muted">No Campus Organizer chosen yet.</p>;
  return (
    <p className="record__line">
      Campus Organizer: {o.person_name || 'not named'}
      {o.kind !== '' && ` (${choiceLabel(ORGANIZER_KINDS, o.kind).toLowerCase()})`} ·{' '}
      <Check ok={o.multilingual} yes="multilingual" no="not multilingual" /> ·{' '}
      <Check ok={o.immigrant_or_first_gen} yes="immigrant or first-generation" no="not immigrant or first-generation" />
    </p>
  );
}

type InvestmentField = 'status' | 'details' | 'person_id' | 'kind' | 'multilingual' | 'immigrant_or_first_gen';
const INVESTMENT_FIELDS: readonly InvestmentField[] = ['status', 'details', 'person_id', 'kind', 'multilingual', 'immigrant_or_first_gen'];

function InvestmentForm({ ctx, investment: inv }: { ctx: PartnershipContext; investment: Investment }) {
  const formId = `investment-${inv.key}`;
  const form = useFormState(formId, INVESTMENT_FIELDS);
  const [status, setStatus] = useState(inv.status);
  const [details, setDetails] = useState(inv.details);
  const [person, setPerson] = useState(inv.organizer.person_id === null ? '' : String(inv.organizer.person_id));
  const [kind, setKind] = useState(inv.organizer.kind);
  const [multilingual, setMultilingual] = useState(inv.organizer.multilingual);
  const [firstGen, setFirstGen] = useState(inv.organizer.immigrant_or_first_gen);
  const changed =
    status !== inv.status ||
    details !== inv.details ||
    (inv.key === 'b' &&
      (person !== (inv.organizer.person_id === null ? '' : String(inv.organizer.person_id)) ||
        kind !== inv.organizer.kind ||
        multilingual !== inv.organizer.multilingual ||
        firstGen !== inv.organizer.immigrant_or_first_gen));

  // Follow the server when it changes the investment (after a save), like the users table does.
  // (Compared by value: every answer of the server is a new object, and unsaved edits of the
  // other investments must survive a save of this one.)
  const serverKey = JSON.stringify(inv);
  const [seen, setSeen] = useState(serverKey);
  if (seen !== serverKey) {
    setSeen(serverKey);
    setStatus(inv.status);
    setDetails(inv.details);
    setPerson(inv.organizer.person_id === null ? '' : String(inv.organizer.person_id));
    setKind(inv.organizer.kind);
    setMultilingual(inv.organizer.multilingual);
    setFirstGen(inv.organizer.immigrant_or_first_gen);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await form.submit(
      () => ({}),
      async () => {
        const patch: InvestmentPatch = {
          status: status as InvestmentStatus,
          details: details.trim(),
        };
        if (inv.key === 'b') {
          patch.organizer = {
            person_id: person === '' ? null : Number(person),
            kind: kind as OrganizerKind,
            multilingual,
            immigrant_or_first_gen: firstGen,
          };
        }
        const saved = await api.updateRecord(ctx.detail.partnership.id, 'investments', inv.id, patch);
        ctx.apply(saved, `Investment (${inv.key}) was saved.`);
      },
    );
  }

  const titleId = `${formId}-title`;
  return (
    <form className="form investment__form" noValidate aria-labelledby={titleId} onSubmit={(e) => void handleSubmit(e)}>
      <h3 id={titleId} className="investment__title">
        {investmentTitle(inv)}
      </h3>
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <SelectField
          id={form.fieldId('status')}
          label={`Status of (${inv.key})`}
          value={status}
          onChange={setStatus}
          options={INVESTMENT_STATUSES}
          error={form.errors.status}
        />
        <TextField id={form.fieldId('details')} label={`Details of (${inv.key})`} value={details} onChange={setDetails} error={form.errors.details} />
      </div>
      {inv.key === 'b' && (
        <fieldset className="controls-group organizer-fieldset">
          <legend>Campus Organizer</legend>
          <p className="field__hint">
            A work-study or equivalent position; strong preference for someone multilingual and immigrant or first-generation.
          </p>
          <div className="form-grid">
            <SelectField
              id={form.fieldId('person_id')}
              label="Person"
              value={person}
              onChange={setPerson}
              options={personOptions(ctx.people, { id: inv.organizer.person_id, name: inv.organizer.person_name }, () => true, 'Not chosen yet')}
              error={form.errors.person_id}
            />
            <SelectField id={form.fieldId('kind')} label="Position held by" value={kind} onChange={setKind} options={ORGANIZER_KINDS} error={form.errors.kind} />
          </div>
          <CheckboxField id={form.fieldId('multilingual')} label="Multilingual" checked={multilingual} onChange={setMultilingual} />
          <CheckboxField id={form.fieldId('immigrant_or_first_gen')} label="Immigrant or first-generation" checked={firstGen} onChange={setFirstGen} />
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--small button--primary" disabled={form.busy || !changed}>
          {form.busy ? 'Saving…' : `Save (${inv.key})`}
        </button>
      </div>
    </form>
  );
}

// ---- Fee (P7) ----

type FeeField = 'fee_override_usd' | 'fee_override_reason';
const FEE_FIELDS: readonly FeeField[] = ['fee_override_usd', 'fee_override_reason'];

export function FeeSection({ ctx }: { ctx: PartnershipContext }) {
  const { detail } = ctx;
  const fee = detail.fee;
  const [editing, setEditing] = useState(false);
  return (
    <section className="section panel" id="fee" aria-labelledby="fee-heading" data-testid="section-fee">
      <div className="section__header">
        <h2 id="fee-heading" tabIndex={-1}>
          Membership fee
        </h2>
        {detail.can_edit && canCreatePartnership(ctx.role) && !editing && (
          <button id="fee-edit" type="button" className="button button--small" onClick={() => setEditing(true)}>
            Override the fee
          </button>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>Proposed from the fee schedule</dt>
          <dd data-testid="fee-proposed">
            {formatUsd(fee.proposed_usd)}
            {fee.proposed_usd !== null && ' a year'}
          </dd>
        </div>
        <div>
          <dt>Band</dt>
          <dd>
            {fee.band === null ? 'No band applies' : fee.band.label}
            {fee.band?.is_example === true && <span className="tag tag--example">Example fee schedule</span>}
          </dd>
        </div>
        <div>
          <dt>Override</dt>
          <dd>{fee.override_usd === null ? 'None' : `${formatUsd(fee.override_usd)} a year`}</dd>
        </div>
        <div>
          <dt>Fee that applies</dt>
          <dd>
            <strong>{formatUsd(fee.effective_usd)}</strong>
          </dd>
        </div>
      </dl>
      {fee.reason !== '' && <p className="muted">{fee.reason}</p>}
      {fee.override_reason !== '' && <p>Reason for the override: {fee.override_reason}</p>}
      <p className="muted">
        <Link to="/partnerships/fees">See the fee schedule</Link>
      </p>
      {editing && (
        <FeeForm
          ctx={ctx}
          onClose={() => {
            setEditing(false);
            focusSoon('fee-edit');
          }}
        />
      )}
    </section>
  );
}

function FeeForm({ ctx, onClose }: { ctx: PartnershipContext; onClose(): void }) {
  const fee = ctx.detail.fee;
  const form = useFormState('fee', FEE_FIELDS);
  const [amount, setAmount] = useState(fee.override_usd === null ? '' : String(fee.override_usd));
  const [reason, setReason] = useState(fee.override_reason);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const n = parseWhole(amount);
    await form.submit(
      () => {
        const found: FieldErrors<FeeField> = {};
        if (n === undefined) found.fee_override_usd = 'Enter a whole number of dollars, or leave it empty for no override.';
        if (typeof n === 'number' && reason.trim() === '') found.fee_override_reason = 'An override needs a reason.';
        return found;
      },
      async () => {
        const saved = await api.updatePartnership(ctx.detail.partnership.id, {
          fee_override_usd: typeof n === 'number' ? n : null,
          fee_override_reason: typeof n === 'number' ? reason.trim() : '',
        });
        ctx.apply(saved, typeof n === 'number' ? 'The fee override was saved.' : 'The fee override was removed.');
        onClose();
      },
    );
  }

  return (
    <form className="form" noValidate aria-label="Override the fee" onSubmit={(e) => void handleSubmit(e)} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <TextField
          id={form.fieldId('fee_override_usd')}
          label="Override amount (USD a year)"
          type="number"
          inputMode="numeric"
          min={0}
          step={100}
          hint="Empty: no override, the proposed fee applies."
          value={amount}
          onChange={setAmount}
          error={form.errors.fee_override_usd}
          autoFocus
        />
      </div>
      <TextAreaField id={form.fieldId('fee_override_reason')} label="Reason for the override" value={reason} onChange={setReason} error={form.errors.fee_override_reason} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save the fee'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ---- Champions (Q5) ----

export function ChampionsSection({ detail }: { detail: PartnershipDetail }) {
  const unitid = detail.partnership.unitid;
  return (
    <section className="section panel" id="champions" aria-labelledby="champions-heading" data-testid="section-champions">
      <h2 id="champions-heading">
        Champions <span className="count">({detail.champions.length})</span>
      </h2>
      <p className="muted">
        A point person who is not an undergraduate, with decision-making power, who has or can request funding and a
        work-study or equivalent position (Q5). Champion candidates are people of this school:{' '}
        <Link to={`/partnerships/people?unitid=${unitid}`}>see and edit them on the People page</Link>.
      </p>
      {detail.champions.length === 0 ? (
        <p className="muted">No champion candidate recorded for this school yet.</p>
      ) : (
        <ul className="record-list">
          {detail.champions.map((p) => (
            <li key={p.id} className="record">
              <div className="record__body">
                <ChampionFacts person={p} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A champion candidate's Q5 facts; `compact` leaves out the name (a table row already shows it). */
export function ChampionFacts({ person: p, compact = false }: { person: Person; compact?: boolean }) {
  const gaps = championGaps(p);
  const c = p.champion;
  return (
    <>
      {!compact && (
        <p className="record__title">
          <strong>{p.name}</strong> <span className="muted">· {PERSON_ROLE_LABELS[p.role] ?? p.role}</span>
          {p.email !== '' && <span className="muted"> · {p.email}</span>}
        </p>
      )}
      <p className="record__line">
        Decision-making power: {choiceLabel(DECISION_POWER, c.decision_power)} · Funding: {choiceLabel(CAN_REQUEST, c.funding)} ·
        Work-study position: {choiceLabel(CAN_REQUEST, c.work_study)} · {c.undergraduate ? 'Undergraduate' : 'Not an undergraduate'}
      </p>
      <p className={gaps.length === 0 ? 'verdict verdict--yes' : 'verdict verdict--no'}>
        {gaps.length === 0 ? <strong>Meets Q5</strong> : <>Does not meet Q5 yet: {gaps.join('; ')}</>}
      </p>
    </>
  );
}

// ---- History ----

export function HistorySection({ detail }: { detail: PartnershipDetail }) {
  return (
    <section className="section" id="history" aria-labelledby="history-heading">
      <h2 id="history-heading">
        History <span className="count">({detail.history.length})</span>
      </h2>
      {detail.history.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="History" tabIndex={0}>
          <table className="table table--compact" data-testid="history-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Stage</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {detail.history.map((h) => (
                <tr key={h.id}>
                  <td className="cell-created">{formatTimestamp(h.at)}</td>
                  <td>{h.username || '—'}</td>
                  <td>
                    {h.summary || h.action}
                    {h.override && <span className="tag tag--override">Gate overridden</span>}
                  </td>
                  <td>
                    {h.from_stage !== '' || h.to_stage !== ''
                      ? `${h.from_stage === '' ? '—' : stageLabel(h.from_stage)} → ${h.to_stage === '' ? '—' : stageLabel(h.to_stage)}`
                      : '—'}
                  </td>
                  <td>{h.reason || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function daysInStage(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
}
