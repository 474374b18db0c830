// The record sections of a partnership that hold lists of entries: the outreach log (P3, P4),
// evidence of interest and support (P2, Q3.3), candidate homes (Q4) and attorney commitments
// (Q2). Every change is sent to the server, which answers the whole partnership again.
import { useState, type FormEvent } from 'react';
import {
  api,
  HOME_FEATURE_KEYS,
  type AttorneyCommitment,
  type AttorneyMode,
  type EvidenceCategory,
  type EvidenceEntry,
  type HomeEntry,
  type HomeFeatures,
  type HomeKind,
  type HomeStatus,
  type Organisation,
  type OutreachEntry,
  type PartnershipDetail,
  type Person,
  type Role,
} from '../api';
import { useFormState, type FieldErrors } from '../forms';
import { formatCount } from '../format';
import {
  ATTORNEY_MODES,
  choiceLabel,
  EVIDENCE_CATEGORIES,
  EVIDENCE_KINDS,
  evidenceCountLabel,
  HOME_FEATURES,
  HOME_KINDS,
  HOME_STATUSES,
  isIsoDate,
  OUTREACH_KINDS,
  parseWhole,
  today,
  type Choice,
} from '../partnerships';
import { Link } from '../router';
import { CheckboxField, SelectField, TextAreaField, TextField } from './Field';
import { Check, FormError } from './Partnerships';
import { RecordSection, type RecordFormProps } from './RecordSection';

/** What the record sections need from the page. */
export interface PartnershipContext {
  detail: PartnershipDetail;
  /** The signed-in user's role (some changes are for staff and administrators only). */
  role: Role;
  people: readonly Person[];
  organisations: readonly Organisation[];
  /** Shows the server's new answer and a confirmation in the page's status line. */
  apply(detail: PartnershipDetail, message: string): void;
  /** Shows an error that belongs to no form (a failed delete). */
  fail(error: unknown): void;
}

function idOrNull(value: string): number | null {
  return value === '' ? null : Number(value);
}

/** Options for a person select; keeps the current choice even when the list lacks it. */
export function personOptions(
  people: readonly Person[],
  current: { id: number | null; name: string } | null,
  filter: (p: Person) => boolean = () => true,
  none = 'Nobody in particular',
): Choice[] {
  const options: Choice[] = none === '' ? [] : [{ value: '', label: none }];
  for (const p of people.filter(filter)) {
    const where = p.school_name || p.organisation_name;
    options.push({ value: String(p.id), label: where !== '' ? `${p.name} (${where})` : p.name });
  }
  if (current !== null && current.id !== null && !options.some((o) => o.value === String(current.id))) {
    options.push({ value: String(current.id), label: current.name || `Person ${current.id}` });
  }
  return options;
}

function organisationOptions(list: readonly Organisation[], current: { id: number | null; name: string } | null): Choice[] {
  const options: Choice[] = [{ value: '', label: 'No organisation' }];
  for (const o of list) {
    options.push({ value: String(o.id), label: `${o.name} (${o.kind_label}${o.p3 ? ', P3' : ''})` });
  }
  if (current !== null && current.id !== null && !options.some((o) => o.value === String(current.id))) {
    options.push({ value: String(current.id), label: current.name || `Organisation ${current.id}` });
  }
  return options;
}

function FormButtons({ busy, isNew, onCancel, noun }: { busy: boolean; isNew: boolean; onCancel(): void; noun: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Saving…' : isNew ? `Add ${noun}` : 'Save changes'}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

async function removeRecord(ctx: PartnershipContext, kind: 'outreach' | 'evidence' | 'homes' | 'attorneys', id: number, message: string) {
  try {
    ctx.apply(await api.deleteRecord(ctx.detail.partnership.id, kind, id), message);
  } catch (caught) {
    ctx.fail(caught);
  }
}

// ---- Outreach log (P3, P4) ----

type OutreachField = 'date' | 'kind' | 'summary' | 'organisation_id' | 'person_id' | 'attachment_ref';
const OUTREACH_FIELDS: readonly OutreachField[] = ['date', 'kind', 'summary', 'organisation_id', 'person_id', 'attachment_ref'];

export function OutreachSection({ ctx }: { ctx: PartnershipContext }) {
  const { detail } = ctx;
  return (
    <RecordSection<OutreachEntry>
      id="outreach"
      title="Outreach log"
      noun="an outreach entry"
      intro={
        <p className="muted">
          Every contact, with its kind. Only letters of recommendation, formal partnerships and written requests for SCIJ to
          come, from an organisation working closely with immigrants (P3), count as community support (P4).
        </p>
      }
      summary={
        <div
          className={detail.community_support.affirmed ? 'status-box status-box--ok' : 'status-box status-box--missing'}
          data-testid="community-support"
          data-affirmed={detail.community_support.affirmed}
        >
          <p className="status-box__title">
            <Check ok={detail.community_support.affirmed} yes="Community support affirmed" no="Community support not yet affirmed" />
          </p>
          {detail.community_support.sentence !== '' && <p>{detail.community_support.sentence}</p>}
        </div>
      }
      items={detail.outreach}
      canEdit={detail.can_edit}
      empty="No outreach logged yet."
      itemName={(o) => `outreach entry ${o.kind_label} of ${o.date}`}
      renderItem={(o) => (
        <>
          <p className="record__title">
            <strong>{o.kind_label}</strong> <span className="muted">· {o.date}</span>
          </p>
          {(o.organisation_name !== '' || o.person_name !== '') && (
            <p className="record__line">
              {[o.organisation_name, o.person_name].filter((s) => s !== '').join(' · ')}
            </p>
          )}
          {o.summary !== '' && <p className="record__line">{o.summary}</p>}
          {o.attachment_ref !== '' && <p className="record__line muted">Attachment: {o.attachment_ref}</p>}
          <p className={o.counts ? 'verdict verdict--yes' : 'verdict verdict--no'} data-testid="outreach-verdict">
            <strong>{o.counts ? 'Counts as community support' : 'Does not count'}</strong>
            {o.count_reason !== '' && <span>: {o.count_reason}</span>}
          </p>
        </>
      )}
      renderForm={(props) => <OutreachForm ctx={ctx} {...props} />}
      onDelete={(o) => removeRecord(ctx, 'outreach', o.id, 'The outreach entry was deleted.')}
    />
  );
}

function OutreachForm({ ctx, initial, onDone, onCancel }: RecordFormProps<OutreachEntry> & { ctx: PartnershipContext }) {
  const formId = initial === null ? 'outreach-new' : `outreach-${initial.id}`;
  const form = useFormState(formId, OUTREACH_FIELDS, { organisation: 'organisation_id', person: 'person_id' });
  const [date, setDate] = useState(initial?.date ?? today());
  const [kind, setKind] = useState(initial?.kind ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [organisation, setOrganisation] = useState(initial?.organisation_id == null ? '' : String(initial.organisation_id));
  const [person, setPerson] = useState(initial?.person_id == null ? '' : String(initial.person_id));
  const [attachment, setAttachment] = useState(initial?.attachment_ref ?? '');

  const chosenOrg = ctx.organisations.find((o) => String(o.id) === organisation);
  const counting = OUTREACH_KINDS.find((k) => k.value === kind)?.counting === true;
  const preview =
    kind === ''
      ? null
      : counting && chosenOrg?.p3 === true
        ? `A ${choiceLabel(OUTREACH_KINDS, kind).toLowerCase()} from ${chosenOrg.name} will count as community support.`
        : counting
          ? 'This kind counts only when it comes from an organisation of a P3 kind.'
          : 'This kind never counts as community support (P4), though it is worth logging.';

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await form.submit(
      () => {
        const found: FieldErrors<OutreachField> = {};
        if (!isIsoDate(date)) found.date = 'Enter the date of the contact (YYYY-MM-DD).';
        if (kind === '') found.kind = 'Choose what kind of contact it was.';
        if (summary.trim() === '') found.summary = 'Summarise the contact.';
        return found;
      },
      async () => {
        const body = {
          date,
          kind,
          summary: summary.trim(),
          organisation_id: idOrNull(organisation),
          person_id: idOrNull(person),
          attachment_ref: attachment.trim(),
        };
        const id = ctx.detail.partnership.id;
        const detail =
          initial === null ? await api.addRecord(id, 'outreach', body) : await api.updateRecord(id, 'outreach', initial.id, body);
        ctx.apply(detail, initial === null ? 'The outreach entry was added.' : 'The outreach entry was saved.');
        onDone('');
      },
    );
  }

  return (
    <form
      className="form"
      noValidate
      aria-label={initial === null ? 'Add an outreach entry' : 'Edit outreach entry'}
      onSubmit={(e) => void handleSubmit(e)}
    >
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <TextField id={form.fieldId('date')} label="Date" type="date" value={date} onChange={setDate} error={form.errors.date} required autoFocus />
        <SelectField
          id={form.fieldId('kind')}
          label="Kind"
          value={kind}
          onChange={setKind}
          placeholder="Choose a kind…"
          options={OUTREACH_KINDS}
          error={form.errors.kind}
          required
        />
        <SelectField
          id={form.fieldId('organisation_id')}
          label="Organisation"
          value={organisation}
          onChange={setOrganisation}
          options={organisationOptions(ctx.organisations, initial === null ? null : { id: initial.organisation_id, name: initial.organisation_name })}
          hint={
            <>
              Not listed? <Link to="/partnerships/organisations">Add it on the Organisations page</Link>.
            </>
          }
          error={form.errors.organisation_id}
        />
        <SelectField
          id={form.fieldId('person_id')}
          label="Person"
          value={person}
          onChange={setPerson}
          options={personOptions(ctx.people, initial === null ? null : { id: initial.person_id, name: initial.person_name })}
          error={form.errors.person_id}
        />
      </div>
      {preview !== null && (
        <p className="muted form-note" data-testid="outreach-preview">
          {preview}
        </p>
      )}
      <TextAreaField id={form.fieldId('summary')} label="Summary" value={summary} onChange={setSummary} error={form.errors.summary} required />
      <TextField
        id={form.fieldId('attachment_ref')}
        label="Attachment reference"
        hint="Optional: where the letter or message is kept (a file name or a link)."
        value={attachment}
        onChange={setAttachment}
        error={form.errors.attachment_ref}
      />
      <FormButtons busy={form.busy} isNew={initial === null} onCancel={onCancel} noun="entry" />
    </form>
  );
}

// ---- Evidence (P2, Q3.3) ----

type EvidenceField = 'date' | 'category' | 'kind' | 'count' | 'person_id' | 'description';
const EVIDENCE_FIELDS: readonly EvidenceField[] = ['date', 'category', 'kind', 'count', 'person_id', 'description'];

export function EvidenceSection({ ctx }: { ctx: PartnershipContext }) {
  const { detail } = ctx;
  const p2 = detail.p2;
  const ok = p2.student_interest && p2.faculty_support;
  return (
    <RecordSection<EvidenceEntry>
      id="evidence"
      title="Evidence of interest and support"
      noun="evidence"
      intro={
        <p className="muted">
          Student interest (interest-form sign-ups, a club or course on immigrant justice, written communication from 5 or
          more students) and faculty or administration support (an advisor recruited, a positive introductory meeting, a
          clear written communication of interest).
        </p>
      }
      summary={
        <div
          className={!p2.required || ok ? 'status-box status-box--ok' : 'status-box status-box--missing'}
          data-testid="p2-status"
        >
          <p className="status-box__title">
            {p2.required ? 'Pathway 2 needs both (P2):' : 'Not required for this pathway (P2 applies to pathway 2), but it counts for Q3:'}
          </p>
          <ul className="status-box__checks">
            <li>
              <Check ok={p2.student_interest} yes="Student interest shown" no="No student interest recorded" />
            </li>
            <li>
              <Check ok={p2.faculty_support} yes="Faculty or administration support shown" no="No faculty or administration support recorded" />
            </li>
          </ul>
          {p2.lines.length > 0 && (
            <ul className="status-box__lines">
              {p2.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          {p2.required && p2.missing.length > 0 && (
            <>
              <p className="status-box__title">Missing:</p>
              <ul className="status-box__lines">
                {p2.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      }
      items={detail.evidence}
      canEdit={detail.can_edit}
      empty="No evidence recorded yet."
      itemName={(e) => `evidence ${e.kind_label} of ${e.date}`}
      renderItem={(e) => (
        <>
          <p className="record__title">
            <strong>{e.kind_label}</strong>{' '}
            <span className="muted">
              · {choiceLabel(EVIDENCE_CATEGORIES, e.category)} · {e.date}
            </span>
          </p>
          {e.count !== null && evidenceCountLabel(e.category, e.kind) !== undefined && (
            <p className="record__line">
              {evidenceCountLabel(e.category, e.kind)}: {formatCount(e.count)}
            </p>
          )}
          {e.person_name !== '' && <p className="record__line">{e.person_name}</p>}
          {e.description !== '' && <p className="record__line">{e.description}</p>}
        </>
      )}
      renderForm={(props) => <EvidenceForm ctx={ctx} {...props} />}
      onDelete={(e) => removeRecord(ctx, 'evidence', e.id, 'The evidence was deleted.')}
    />
  );
}

function EvidenceForm({ ctx, initial, onDone, onCancel }: RecordFormProps<EvidenceEntry> & { ctx: PartnershipContext }) {
  const formId = initial === null ? 'evidence-new' : `evidence-${initial.id}`;
  const form = useFormState(formId, EVIDENCE_FIELDS, { person: 'person_id' });
  const [date, setDate] = useState(initial?.date ?? today());
  const [category, setCategory] = useState<string>(initial?.category ?? 'student_interest');
  const [kind, setKind] = useState(initial?.kind ?? '');
  const [count, setCount] = useState(initial?.count == null ? '' : String(initial.count));
  const [person, setPerson] = useState(initial?.person_id == null ? '' : String(initial.person_id));
  const [description, setDescription] = useState(initial?.description ?? '');
  const kinds = EVIDENCE_KINDS[category] ?? [];
  const countLabel = evidenceCountLabel(category, kind);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const parsed = parseWhole(count);
    await form.submit(
      () => {
        const found: FieldErrors<EvidenceField> = {};
        if (!isIsoDate(date)) found.date = 'Enter the date (YYYY-MM-DD).';
        if (kind === '' || !kinds.some((k) => k.value === kind)) found.kind = 'Choose what kind of evidence it is.';
        if (countLabel !== undefined && (parsed === undefined || parsed === null || parsed < 1)) {
          found.count = 'Enter a whole number, 1 or more.';
        }
        if (description.trim() === '') found.description = 'Describe the evidence (what, from whom).';
        return found;
      },
      async () => {
        const body = {
          date,
          category: category as EvidenceCategory,
          kind,
          count: countLabel !== undefined && typeof parsed === 'number' ? parsed : null,
          person_id: idOrNull(person),
          description: description.trim(),
        };
        const id = ctx.detail.partnership.id;
        const detail =
          initial === null ? await api.addRecord(id, 'evidence', body) : await api.updateRecord(id, 'evidence', initial.id, body);
        ctx.apply(detail, initial === null ? 'The evidence was added.' : 'The evidence was saved.');
        onDone('');
      },
    );
  }

  return (
    <form className="form" noValidate aria-label={initial === null ? 'Add evidence' : 'Edit evidence'} onSubmit={(e) => void handleSubmit(e)}>
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <TextField id={form.fieldId('date')} label="Date" type="date" value={date} onChange={setDate} error={form.errors.date} required autoFocus />
        <SelectField
          id={form.fieldId('category')}
          label="Category"
          value={category}
          onChange={(v) => {
            setCategory(v);
            setKind('');
          }}
          options={EVIDENCE_CATEGORIES}
          error={form.errors.category}
          required
        />
        <SelectField
          id={form.fieldId('kind')}
          label="Kind"
          value={kind}
          onChange={setKind}
          placeholder="Choose a kind…"
          options={kinds}
          error={form.errors.kind}
          required
        />
        {countLabel !== undefined && (
          <TextField
            id={form.fieldId('count')}
            label={countLabel}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={count}
            onChange={setCount}
            error={form.errors.count}
            required
          />
        )}
        <SelectField
          id={form.fieldId('person_id')}
          label="Person"
          value={person}
          onChange={setPerson}
          options={personOptions(ctx.people, initial === null ? null : { id: initial.person_id, name: initial.person_name })}
          error={form.errors.person_id}
        />
      </div>
      <TextAreaField
        id={form.fieldId('description')}
        label="Description"
        value={description}
        onChange={setDescription}
        error={form.errors.description}
        required
      />
      <FormButtons busy={form.busy} isNew={initial === null} onCancel={onCancel} noun="evidence" />
    </form>
  );
}

// ---- Candidate homes (Q4) ----

type HomeField = 'unit' | 'kind' | 'status' | 'has_staff' | 'notes' | 'features';
const HOME_FIELDS: readonly HomeField[] = ['unit', 'kind', 'status', 'has_staff', 'notes', 'features'];

function emptyFeatures(): HomeFeatures {
  return {
    listserv: { present: false, note: '' },
    space: { present: false, note: '' },
    funding: { present: false, note: '' },
    paid_positions: { present: false, note: '' },
    cross_department: { present: false, note: '' },
  };
}

export function HomesSection({ ctx }: { ctx: PartnershipContext }) {
  const { detail } = ctx;
  return (
    <RecordSection<HomeEntry>
      id="homes"
      title="Candidate homes on campus"
      noun="a candidate home"
      intro={
        <p className="muted">
          An institute, center, department or office with staff that gives the program stability beyond one person (Q4): met
          when a confirmed home has staff; likely when a candidate has staff or two or more of the features.
        </p>
      }
      items={detail.homes}
      canEdit={detail.can_edit}
      empty="No candidate home recorded yet."
      itemName={(h) => `home ${h.unit}`}
      renderItem={(h) => {
        const present = HOME_FEATURES.filter((f) => h.features[f.key].present).length;
        return (
          <>
            <p className="record__title">
              <strong>{h.unit}</strong>{' '}
              <span className="muted">
                · {choiceLabel(HOME_KINDS, h.kind)} · {choiceLabel(HOME_STATUSES, h.status)} ·{' '}
                {h.has_staff ? 'has staff' : 'no staff'} · {present} of 5 features
              </span>
            </p>
            <ul className="feature-list">
              {HOME_FEATURES.map((f) => (
                <li key={f.key}>
                  <Check ok={h.features[f.key].present} yes={f.label} no={f.label} />
                  {h.features[f.key].note !== '' && <span className="muted"> — {h.features[f.key].note}</span>}
                </li>
              ))}
            </ul>
            {h.notes !== '' && <p className="record__line">{h.notes}</p>}
          </>
        );
      }}
      renderForm={(props) => <HomeForm ctx={ctx} {...props} />}
      onDelete={(h) => removeRecord(ctx, 'homes', h.id, `The home ${h.unit} was deleted.`)}
    />
  );
}

function HomeForm({ ctx, initial, onDone, onCancel }: RecordFormProps<HomeEntry> & { ctx: PartnershipContext }) {
  const formId = initial === null ? 'home-new' : `home-${initial.id}`;
  const form = useFormState(formId, HOME_FIELDS);
  const [unit, setUnit] = useState(initial?.unit ?? '');
  const [kind, setKind] = useState(initial?.kind ?? '');
  const [status, setStatus] = useState(initial?.status ?? 'candidate');
  const [hasStaff, setHasStaff] = useState(initial?.has_staff ?? false);
  const [features, setFeatures] = useState<HomeFeatures>(initial?.features ?? emptyFeatures());
  const [notes, setNotes] = useState(initial?.notes ?? '');

  function setFeature(key: keyof HomeFeatures, patch: Partial<HomeFeatures[keyof HomeFeatures]>): void {
    setFeatures((f) => ({ ...f, [key]: { ...f[key], ...patch } }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await form.submit(
      () => {
        const found: FieldErrors<HomeField> = {};
        if (unit.trim() === '') found.unit = 'Name the unit (for example “Center for Latin American Studies”).';
        if (kind === '') found.kind = 'Choose what kind of unit it is.';
        return found;
      },
      async () => {
        const cleaned = Object.fromEntries(
          HOME_FEATURE_KEYS.map((k) => [k, { present: features[k].present, note: features[k].note.trim() }]),
        ) as HomeFeatures;
        const body = {
          unit: unit.trim(),
          kind: kind as HomeKind,
          status: status as HomeStatus,
          has_staff: hasStaff,
          features: cleaned,
          notes: notes.trim(),
        };
        const id = ctx.detail.partnership.id;
        const detail = initial === null ? await api.addRecord(id, 'homes', body) : await api.updateRecord(id, 'homes', initial.id, body);
        ctx.apply(detail, initial === null ? `The home ${body.unit} was added.` : `The home ${body.unit} was saved.`);
        onDone('');
      },
    );
  }

  return (
    <form className="form" noValidate aria-label={initial === null ? 'Add a candidate home' : 'Edit candidate home'} onSubmit={(e) => void handleSubmit(e)}>
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <TextField id={form.fieldId('unit')} label="Unit" value={unit} onChange={setUnit} error={form.errors.unit} required autoFocus />
        <SelectField
          id={form.fieldId('kind')}
          label="Kind of unit"
          value={kind}
          onChange={setKind}
          placeholder="Choose a kind…"
          options={HOME_KINDS}
          error={form.errors.kind}
          required
        />
        <SelectField id={form.fieldId('status')} label="Status" value={status} onChange={setStatus} options={HOME_STATUSES} error={form.errors.status} />
      </div>
      <CheckboxField id={form.fieldId('has_staff')} label="The unit has staff" checked={hasStaff} onChange={setHasStaff} />
      <fieldset className="controls-group features-fieldset" id={form.fieldId('features')}>
        <legend>Features (Q4)</legend>
        {form.errors.features && <p className="field__error">{form.errors.features}</p>}
        <div className="features-grid">
          {HOME_FEATURES.map((f) => (
            <div key={f.key} className="feature-row">
              <CheckboxField
                id={`${formId}-feature-${f.key}`}
                label={f.label}
                checked={features[f.key].present}
                onChange={(present) => setFeature(f.key, { present })}
              />
              <TextField
                id={`${formId}-feature-${f.key}-note`}
                label={`Note on ${f.label.toLowerCase()}`}
                value={features[f.key].note}
                onChange={(note) => setFeature(f.key, { note })}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <TextAreaField id={form.fieldId('notes')} label="Notes" value={notes} onChange={setNotes} error={form.errors.notes} />
      <FormButtons busy={form.busy} isNew={initial === null} onCancel={onCancel} noun="home" />
    </form>
  );
}

// ---- Attorney commitments (Q2) ----

type AttorneyField = 'person_id' | 'pairs' | 'languages' | 'mode' | 'notes';
const ATTORNEY_FIELDS: readonly AttorneyField[] = ['person_id', 'pairs', 'languages', 'mode', 'notes'];

export function AttorneysSection({ ctx }: { ctx: PartnershipContext }) {
  const { detail } = ctx;
  const q2 = detail.q2;
  const firstYear = q2.counted_pairs >= q2.first_year_pairs;
  return (
    <RecordSection<AttorneyCommitment>
      id="attorneys"
      title="Attorney commitments"
      noun="an attorney commitment"
      intro={
        <p className="muted">
          Partner attorneys and the student pairs each commits to mentor in this program (Q2.1). Capacity already committed to
          another program in the same area is not counted twice (Q2.3): commitments are served oldest first.
        </p>
      }
      summary={
        <div className={firstYear ? 'status-box status-box--ok' : 'status-box status-box--missing'} data-testid="q2-totals">
          <dl className="totals">
            <div>
              <dt>Pairs committed</dt>
              <dd>{formatCount(q2.committed_pairs)}</dd>
            </div>
            <div>
              <dt>Pairs counted (Q2.3)</dt>
              <dd data-testid="q2-counted">{formatCount(q2.counted_pairs)}</dd>
            </div>
            <div>
              <dt>First-year goal</dt>
              <dd>
                <Check ok={firstYear} yes={`${q2.first_year_pairs} pairs: met`} no={`${q2.first_year_pairs} pairs: not yet`} />
              </dd>
            </div>
            <div>
              <dt>Growth potential</dt>
              <dd>
                <Check ok={q2.growth} yes={`${q2.growth_pairs} pairs: reached`} no={`${q2.growth_pairs} pairs: not yet`} />
              </dd>
            </div>
          </dl>
        </div>
      }
      items={detail.attorneys}
      canEdit={detail.can_edit}
      empty="No attorney has committed yet."
      itemName={(a) => `commitment of ${a.attorney_name}`}
      renderItem={(a) => (
        <>
          <p className="record__title">
            <strong>{a.attorney_name}</strong>{' '}
            <span className="muted">
              · {formatCount(a.pairs)} {a.pairs === 1 ? 'pair' : 'pairs'} committed, {formatCount(a.counted_pairs)} counted
              {a.capacity_pairs !== null && ` · capacity ${formatCount(a.capacity_pairs)} in all`}
            </span>
          </p>
          <p className="record__line">
            {[a.languages !== '' ? `Languages: ${a.languages}` : '', a.mode !== '' ? choiceLabel(ATTORNEY_MODES, a.mode) : '']
              .filter((s) => s !== '')
              .join(' · ')}
          </p>
          {a.shared_with.length > 0 && (
            <div className="record__line shared-with">
              <p>
                Also committed to other programs in the same area; their capacity is counted once (Q2.3), oldest commitment
                first:
              </p>
              <ul>
                {a.shared_with.map((s) => (
                  <li key={s.partnership_id}>
                    <Link to={`/partnerships/${s.partnership_id}`}>{s.name}</Link>: {formatCount(s.pairs)}{' '}
                    {s.pairs === 1 ? 'pair' : 'pairs'}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {a.pairs !== a.counted_pairs && a.shared_with.length === 0 && (
            <p className="record__line muted">Only {formatCount(a.counted_pairs)} counted: the attorney’s capacity is smaller.</p>
          )}
          {a.notes !== '' && <p className="record__line">{a.notes}</p>}
        </>
      )}
      renderForm={(props) => <AttorneyForm ctx={ctx} {...props} />}
      onDelete={(a) => removeRecord(ctx, 'attorneys', a.id, `The commitment of ${a.attorney_name} was deleted.`)}
    />
  );
}

function AttorneyForm({ ctx, initial, onDone, onCancel }: RecordFormProps<AttorneyCommitment> & { ctx: PartnershipContext }) {
  const formId = initial === null ? 'attorney-new' : `attorney-${initial.id}`;
  const form = useFormState(formId, ATTORNEY_FIELDS, { person: 'person_id' });
  const [person, setPerson] = useState(initial === null ? '' : String(initial.person_id));
  const [pairs, setPairs] = useState(initial === null ? '1' : String(initial.pairs));
  const [languages, setLanguages] = useState(initial?.languages ?? '');
  const [mode, setMode] = useState(initial?.mode ?? 'both');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const attorneys = ctx.people.filter((p) => p.role === 'attorney');
  const options = personOptions(
    ctx.people,
    initial === null ? null : { id: initial.person_id, name: initial.attorney_name },
    (p) => p.role === 'attorney',
    '',
  ).map((o) => {
    const p = attorneys.find((a) => String(a.id) === o.value);
    return p?.capacity_pairs != null ? { ...o, label: `${o.label}, capacity ${p.capacity_pairs}` } : o;
  });

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const n = parseWhole(pairs);
    await form.submit(
      () => {
        const found: FieldErrors<AttorneyField> = {};
        if (person === '') found.person_id = 'Choose the attorney.';
        if (typeof n !== 'number' || n < 1) found.pairs = 'Enter the number of pairs, 1 or more.';
        return found;
      },
      async () => {
        if (typeof n !== 'number') return;
        const body = {
          person_id: Number(person),
          pairs: n,
          languages: languages.trim(),
          mode: mode as AttorneyMode,
          notes: notes.trim(),
        };
        const id = ctx.detail.partnership.id;
        const detail =
          initial === null ? await api.addRecord(id, 'attorneys', body) : await api.updateRecord(id, 'attorneys', initial.id, body);
        ctx.apply(detail, initial === null ? 'The attorney commitment was added.' : 'The attorney commitment was saved.');
        onDone('');
      },
    );
  }

  return (
    <form
      className="form"
      noValidate
      aria-label={initial === null ? 'Add an attorney commitment' : 'Edit attorney commitment'}
      onSubmit={(e) => void handleSubmit(e)}
    >
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <SelectField
          id={form.fieldId('person_id')}
          label="Attorney"
          value={person}
          onChange={setPerson}
          placeholder={options.length === 0 ? 'No attorney recorded yet' : 'Choose an attorney…'}
          options={options}
          hint={
            <>
              People with the role attorney. Not listed? <Link to="/partnerships/people">Add them on the People page</Link>.
            </>
          }
          error={form.errors.person_id}
          required
        />
        <TextField
          id={form.fieldId('pairs')}
          label="Pairs committed"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={pairs}
          onChange={setPairs}
          error={form.errors.pairs}
          required
        />
        <TextField id={form.fieldId('languages')} label="Languages" hint="Optional, for example “Spanish, Haitian Creole”." value={languages} onChange={setLanguages} error={form.errors.languages} />
        <SelectField id={form.fieldId('mode')} label="Mentoring" value={mode} onChange={setMode} options={ATTORNEY_MODES} error={form.errors.mode} />
      </div>
      <TextAreaField id={form.fieldId('notes')} label="Notes" value={notes} onChange={setNotes} error={form.errors.notes} />
      <FormButtons busy={form.busy} isNew={initial === null} onCancel={onCancel} noun="commitment" />
    </form>
  );
}
