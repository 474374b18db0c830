// People of the partnerships: students, faculty, administrators and staff of a school, partner
// attorneys (with their mentoring capacity, Q2.1) and community members; champion candidates
// carry the facts Q5 looks at. Filter by role and by school (the address keeps the filter).
// Observers see no e-mail addresses or phone numbers (the server sends them empty).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  api,
  isAbortError,
  PERSON_ROLES,
  type CanRequest,
  type ChampionFacts,
  type Organisation,
  type Person,
  type PersonInput,
  type Session,
  type TriState,
} from '../../api';
import { PageTitle } from '../../components/AppShell';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { ErrorNotice, StatusRegion } from '../../components/Notice';
import { ChampionFacts as ChampionFactsView } from '../../components/PartnershipPanels';
import { DeleteButton, FormError, PartnershipsNav } from '../../components/Partnerships';
import { downloadText } from '../../csv';
import { focusSoon, useFormState, type FieldErrors } from '../../forms';
import { formatCount } from '../../format';
import { useDocumentTitle } from '../../hooks';
import {
  CAN_REQUEST,
  canEditDirectory,
  canReadPartnerships,
  DECISION_POWER,
  parseWhole,
  PARTNERSHIPS_AUDIENCE,
  peopleToCsv,
  PERSON_ROLE_LABELS,
} from '../../partnerships';
import { replaceSearch, useSearch } from '../../router';
import { errorMessage } from '../../siteData';
import { AccessDenied } from '../AccessDenied';

export function PeoplePage({ session }: { session: Session }) {
  if (!canReadPartnerships(session.user.role)) return <AccessDenied what="Partnerships" who={PARTNERSHIPS_AUDIENCE} />;
  return <People canEdit={canEditDirectory(session.user.role)} observer={session.user.role === 'observer'} />;
}

const ROLE_OPTIONS = PERSON_ROLES.map((r) => ({ value: r, label: PERSON_ROLE_LABELS[r] ?? r }));

function filterFromSearch(search: string): { role: string; unitid: string } {
  const q = new URLSearchParams(search);
  const unitid = q.get('unitid') ?? '';
  return { role: q.get('role') ?? '', unitid: /^\d{1,9}$/.test(unitid) ? unitid : '' };
}

function People({ canEdit, observer }: { canEdit: boolean; observer: boolean }) {
  useDocumentTitle('People');
  const search = useSearch();
  const filter = filterFromSearch(search);
  const [schoolText, setSchoolText] = useState(filter.unitid);
  const [list, setList] = useState<Person[] | null>(null);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoadError(null);
    api
      .people({ role: filter.role, unitid: filter.unitid === '' ? null : Number(filter.unitid) }, controller.signal)
      .then(
        (people) => setList([...people].sort((a, b) => a.name.localeCompare(b.name))),
        (e: unknown) => {
          if (!isAbortError(e) && !controller.signal.aborted) setLoadError(e);
        },
      );
    return () => controller.abort();
  }, [filter.role, filter.unitid, attempt]);

  useEffect(() => {
    if (!canEdit) return;
    api.organisations().then((o) => setOrganisations(o.organisations), () => {});
  }, [canEdit]);

  const setFilter = useCallback(
    (patch: Partial<{ role: string; unitid: string }>) => {
      const next = { ...filterFromSearch(window.location.search), ...patch };
      const q = new URLSearchParams();
      if (next.unitid !== '') q.set('unitid', next.unitid);
      if (next.role !== '') q.set('role', next.role);
      replaceSearch(q.toString());
    },
    [],
  );

  function saved(p: Person, isNew: boolean): void {
    setList((l) => [...(l ?? []).filter((x) => x.id !== p.id), p].sort((a, b) => a.name.localeCompare(b.name)));
    setActionError(null);
    setStatus(isNew ? `${p.name} was added.` : `${p.name} was saved.`);
    setEditing(null);
    focusSoon(isNew ? 'person-add' : `person-edit-${p.id}`);
  }

  async function remove(p: Person): Promise<void> {
    setBusyId(p.id);
    setStatus('');
    setActionError(null);
    try {
      await api.deletePerson(p.id);
      setList((l) => (l ?? []).filter((x) => x.id !== p.id));
      setStatus(`${p.name} was deleted.`);
      focusSoon('people-heading');
    } catch (caught) {
      setActionError(`${p.name}: ${errorMessage(caught)}`);
    } finally {
      setBusyId(null);
    }
  }

  const schoolInvalid = schoolText !== '' && !/^\d{1,9}$/.test(schoolText.trim());
  const columns = canEdit ? 8 : 7;
  return (
    <>
      <PageTitle>People</PageTitle>
      <PartnershipsNav />
      <p className="lead">
        Students, faculty, administrators and staff of partner schools, partner attorneys with their mentoring capacity (in
        student pairs), and community members. Champion candidates carry what Q5 asks: decision-making power, funding, a
        work-study position, and not being an undergraduate.
      </p>
      {observer && <p className="muted">As an observer you see no e-mail addresses or phone numbers.</p>}
      <StatusRegion message={status} />
      {actionError !== null && <ErrorNotice>{actionError}</ErrorNotice>}

      <form
        className="filters"
        aria-label="Filter people"
        onSubmit={(e) => {
          e.preventDefault();
          if (!schoolInvalid) setFilter({ unitid: schoolText.trim() });
        }}
      >
        <SelectField id="people-filter-role" label="Role" value={filter.role} onChange={(role) => setFilter({ role })} options={[{ value: '', label: 'All roles' }, ...ROLE_OPTIONS]} />
        <TextField
          id="people-filter-unitid"
          label="School (UNITID)"
          inputMode="numeric"
          value={schoolText}
          onChange={setSchoolText}
          error={schoolInvalid ? 'Enter the school’s UNITID (digits only).' : undefined}
        />
        <div className="filters__actions">
          <button type="submit" className="button">
            Apply
          </button>
          {(filter.role !== '' || filter.unitid !== '') && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setSchoolText('');
                setFilter({ role: '', unitid: '' });
              }}
            >
              Clear filters
            </button>
          )}
        </div>
      </form>

      <section className="section" aria-labelledby="people-heading">
        <div className="section__header">
          <h2 id="people-heading" tabIndex={-1}>
            {filter.role === '' && filter.unitid === '' ? 'Everyone' : 'Matching people'}
            {list !== null && <span className="count"> ({list.length})</span>}
          </h2>
          <div className="toolbar__actions">
            <button
              type="button"
              className="button"
              disabled={list === null || list.length === 0}
              onClick={() => {
                if (list === null) return;
                downloadText('scij-people.csv', peopleToCsv(list));
                setStatus(`Exported ${list.length} ${list.length === 1 ? 'person' : 'people'} as CSV.`);
              }}
            >
              Export CSV
            </button>
            {canEdit && editing !== 'new' && (
              <button id="person-add" type="button" className="button button--primary" onClick={() => setEditing('new')}>
                Add a person
              </button>
            )}
          </div>
        </div>
        {canEdit && editing === 'new' && (
          <div className="panel record-form">
            <PersonForm
              initial={null}
              defaultUnitid={filter.unitid}
              defaultRole={filter.role}
              organisations={organisations}
              onSaved={(p) => saved(p, true)}
              onCancel={() => {
                setEditing(null);
                focusSoon('person-add');
              }}
            />
          </div>
        )}
        {loadError !== null && (
          <ErrorNotice>
            The people could not be loaded: {errorMessage(loadError)}{' '}
            <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </ErrorNotice>
        )}
        {list === null && loadError === null && (
          <p className="muted" role="status">
            Loading the people…
          </p>
        )}
        {list !== null && list.length === 0 && <p className="muted">Nobody matches.</p>}
        {list !== null && list.length > 0 && (
          <div className="table-scroll" role="region" aria-label="People table" tabIndex={0}>
            <table className="table" data-testid="people-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">School</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Contact</th>
                  <th scope="col" className="cell-number">
                    Capacity (pairs)
                  </th>
                  <th scope="col">Champion (Q5)</th>
                  {canEdit && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((p) =>
                  editing === p.id ? (
                    <tr key={p.id}>
                      <td colSpan={columns}>
                        <PersonForm
                          initial={p}
                          defaultUnitid=""
                          defaultRole=""
                          organisations={organisations}
                          onSaved={(x) => saved(x, false)}
                          onCancel={() => {
                            setEditing(null);
                            focusSoon(`person-edit-${p.id}`);
                          }}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={p.id} data-person-id={p.id}>
                      <th scope="row">{p.name}</th>
                      <td>{PERSON_ROLE_LABELS[p.role] ?? p.role}</td>
                      <td>{p.unitid === null ? '—' : p.school_name || `UNITID ${p.unitid}`}</td>
                      <td>{p.organisation_name || '—'}</td>
                      <td className="cell-text">{[p.email, p.phone].filter((s) => s !== '').join(' · ') || '—'}</td>
                      <td className="cell-number">{p.role === 'attorney' ? formatCount(p.capacity_pairs) : '—'}</td>
                      <td className="cell-text">{p.champion.candidate ? <ChampionFactsView person={p} compact /> : '—'}</td>
                      {canEdit && (
                        <td className="cell-actions">
                          <div className="cell-actions__buttons">
                            <button
                              id={`person-edit-${p.id}`}
                              type="button"
                              className="button button--small"
                              aria-label={`Edit ${p.name}`}
                              disabled={busyId === p.id}
                              onClick={() => setEditing(p.id)}
                            >
                              Edit
                            </button>
                            <DeleteButton label={`Delete ${p.name}`} disabled={busyId === p.id} onConfirm={() => void remove(p)} />
                          </div>
                        </td>
                      )}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

type PersonField =
  | 'name'
  | 'role'
  | 'unitid'
  | 'organisation_id'
  | 'email'
  | 'phone'
  | 'capacity_pairs'
  | 'notes'
  | 'candidate'
  | 'decision_power'
  | 'funding'
  | 'work_study'
  | 'undergraduate';
const PERSON_FIELDS: readonly PersonField[] = [
  'name',
  'role',
  'unitid',
  'organisation_id',
  'email',
  'phone',
  'capacity_pairs',
  'notes',
  'candidate',
  'decision_power',
  'funding',
  'work_study',
  'undergraduate',
];

const NO_CHAMPION: ChampionFacts = {
  candidate: false,
  decision_power: 'unknown',
  funding: 'unknown',
  work_study: 'unknown',
  undergraduate: false,
};

function PersonForm({
  initial,
  defaultUnitid,
  defaultRole,
  organisations,
  onSaved,
  onCancel,
}: {
  initial: Person | null;
  defaultUnitid: string;
  defaultRole: string;
  organisations: readonly Organisation[];
  onSaved(p: Person): void;
  onCancel(): void;
}) {
  const form = useFormState(initial === null ? 'person-new' : `person-${initial.id}`, PERSON_FIELDS, {
    school: 'unitid',
    organisation: 'organisation_id',
  });
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState(initial?.role ?? defaultRole);
  const [unitid, setUnitid] = useState(initial?.unitid == null ? defaultUnitid : String(initial.unitid));
  const [organisation, setOrganisation] = useState(initial?.organisation_id == null ? '' : String(initial.organisation_id));
  const [email, setEmail] = useState(initial?.email ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [capacity, setCapacity] = useState(initial?.capacity_pairs == null ? '' : String(initial.capacity_pairs));
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [champion, setChampion] = useState<ChampionFacts>(initial?.champion ?? NO_CHAMPION);
  const attorney = role === 'attorney';
  const orgOptions = [
    { value: '', label: 'No organisation' },
    ...organisations.map((o) => ({ value: String(o.id), label: o.name })),
    ...(initial?.organisation_id != null && !organisations.some((o) => o.id === initial.organisation_id)
      ? [{ value: String(initial.organisation_id), label: initial.organisation_name || `Organisation ${initial.organisation_id}` }]
      : []),
  ];

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const school = parseWhole(unitid);
    const pairs = parseWhole(capacity);
    await form.submit(
      () => {
        const found: FieldErrors<PersonField> = {};
        if (name.trim() === '') found.name = 'Enter the person’s name.';
        if (role === '') found.role = 'Choose a role.';
        if (school === undefined) found.unitid = 'Enter the school’s UNITID (digits only), or leave it empty.';
        if (attorney && (pairs === undefined || (pairs !== null && pairs < 1))) {
          found.capacity_pairs = 'Enter the number of pairs they can mentor in all (1 or more), or leave it empty.';
        }
        if (email.trim() !== '' && !/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = 'Enter an e-mail address, or leave it empty.';
        return found;
      },
      async () => {
        const body: PersonInput = {
          name: name.trim(),
          role,
          unitid: typeof school === 'number' ? school : null,
          organisation_id: organisation === '' ? null : Number(organisation),
          email: email.trim(),
          phone: phone.trim(),
          notes: notes.trim(),
          capacity_pairs: attorney && typeof pairs === 'number' ? pairs : null,
          champion,
        };
        onSaved(initial === null ? await api.createPerson(body) : await api.updatePerson(initial.id, body));
      },
    );
  }

  return (
    <form
      className="form"
      noValidate
      aria-label={initial === null ? 'Add a person' : `Edit ${initial.name}`}
      onSubmit={(e) => void handleSubmit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <TextField id={form.fieldId('name')} label="Name" value={name} onChange={setName} error={form.errors.name} required autoFocus />
        <SelectField id={form.fieldId('role')} label="Role" value={role} onChange={setRole} placeholder="Choose a role…" options={ROLE_OPTIONS} error={form.errors.role} required />
        <TextField
          id={form.fieldId('unitid')}
          label="School (UNITID)"
          inputMode="numeric"
          hint="The IPEDS UNITID of their school, shown on its site-selection page."
          value={unitid}
          onChange={setUnitid}
          error={form.errors.unitid}
        />
        <SelectField id={form.fieldId('organisation_id')} label="Organisation" value={organisation} onChange={setOrganisation} options={orgOptions} error={form.errors.organisation_id} />
        <TextField id={form.fieldId('email')} label="E-mail" type="email" autoComplete="off" value={email} onChange={setEmail} error={form.errors.email} />
        <TextField id={form.fieldId('phone')} label="Phone" type="tel" autoComplete="off" value={phone} onChange={setPhone} error={form.errors.phone} />
        {attorney && (
          <TextField
            id={form.fieldId('capacity_pairs')}
            label="Mentoring capacity (pairs)"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            hint="Student pairs they can mentor in all programs together (Q2.1)."
            value={capacity}
            onChange={setCapacity}
            error={form.errors.capacity_pairs}
          />
        )}
      </div>
      <fieldset className="controls-group champion-fieldset">
        <legend>Champion (Q5)</legend>
        <CheckboxField
          id={form.fieldId('candidate')}
          label="Champion candidate"
          checked={champion.candidate}
          onChange={(candidate) => setChampion((c) => ({ ...c, candidate }))}
          hint="A possible point person at their school."
        />
        {champion.candidate && (
          <>
            <div className="form-grid">
              <SelectField
                id={form.fieldId('decision_power')}
                label="Decision-making power"
                value={champion.decision_power}
                onChange={(v) => setChampion((c) => ({ ...c, decision_power: v as TriState }))}
                options={DECISION_POWER}
                error={form.errors.decision_power}
              />
              <SelectField
                id={form.fieldId('funding')}
                label="Funding"
                value={champion.funding}
                onChange={(v) => setChampion((c) => ({ ...c, funding: v as CanRequest }))}
                options={CAN_REQUEST}
                error={form.errors.funding}
              />
              <SelectField
                id={form.fieldId('work_study')}
                label="Work-study or equivalent position"
                value={champion.work_study}
                onChange={(v) => setChampion((c) => ({ ...c, work_study: v as CanRequest }))}
                options={CAN_REQUEST}
                error={form.errors.work_study}
              />
            </div>
            <CheckboxField
              id={form.fieldId('undergraduate')}
              label="Is an undergraduate student"
              checked={champion.undergraduate}
              onChange={(undergraduate) => setChampion((c) => ({ ...c, undergraduate }))}
            />
          </>
        )}
      </fieldset>
      <TextAreaField id={form.fieldId('notes')} label="Notes" value={notes} onChange={setNotes} error={form.errors.notes} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : initial === null ? 'Add person' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
