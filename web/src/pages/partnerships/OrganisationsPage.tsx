// Organisations SCIJ talks to (P3): their kind decides whether their letters count as community
// support. Everyone with partnership access reads the list; staff, administrators, organizers
// and champions add and edit; the CSV export is built in the browser from the list shown.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, type Organisation, type OrganisationKind, type Session } from '../../api';
import { PageTitle } from '../../components/AppShell';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { ErrorNotice, StatusRegion } from '../../components/Notice';
import { DeleteButton, FormError, PartnershipsNav } from '../../components/Partnerships';
import { downloadText } from '../../csv';
import { focusSoon, useFormState, type FieldErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import {
  canCreatePartnership,
  canEditDirectory,
  canReadPartnerships,
  DEFAULT_ORGANISATION_KINDS,
  organisationKindGroups,
  organisationsToCsv,
  PARTNERSHIPS_AUDIENCE,
} from '../../partnerships';
import { errorMessage } from '../../siteData';
import { US_STATES } from '../../usStates';
import { AccessDenied } from '../AccessDenied';

export function OrganisationsPage({ session }: { session: Session }) {
  if (!canReadPartnerships(session.user.role)) return <AccessDenied what="Partnerships" who={PARTNERSHIPS_AUDIENCE} />;
  return <Organisations canEdit={canEditDirectory(session.user.role)} canDelete={canCreatePartnership(session.user.role)} />;
}

function Organisations({ canEdit, canDelete }: { canEdit: boolean; canDelete: boolean }) {
  useDocumentTitle('Organisations');
  const [list, setList] = useState<Organisation[] | null>(null);
  const [kinds, setKinds] = useState<OrganisationKind[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const answer = await api.organisations();
      setList([...answer.organisations].sort((a, b) => a.name.localeCompare(b.name)));
      setKinds(answer.kinds);
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  function saved(o: Organisation, isNew: boolean): void {
    setList((l) => [...(l ?? []).filter((x) => x.id !== o.id), o].sort((a, b) => a.name.localeCompare(b.name)));
    setActionError(null);
    setStatus(isNew ? `${o.name} was added.` : `${o.name} was saved.`);
    setEditing(null);
    focusSoon(isNew ? 'organisation-add' : `organisation-edit-${o.id}`);
  }

  async function remove(o: Organisation): Promise<void> {
    setBusyId(o.id);
    setStatus('');
    setActionError(null);
    try {
      await api.deleteOrganisation(o.id);
      setList((l) => (l ?? []).filter((x) => x.id !== o.id));
      setStatus(`${o.name} was deleted.`);
      focusSoon('organisations-heading');
    } catch (caught) {
      setActionError(`${o.name}: ${errorMessage(caught)}`);
    } finally {
      setBusyId(null);
    }
  }

  function exportCsv(): void {
    if (list === null) return;
    downloadText('scij-organisations.csv', organisationsToCsv(list));
    setStatus(`Exported ${list.length} ${list.length === 1 ? 'organisation' : 'organisations'} as CSV.`);
  }

  const kindList = kinds.length > 0 ? kinds : DEFAULT_ORGANISATION_KINDS;
  return (
    <>
      <PageTitle>Organisations</PageTitle>
      <PartnershipsNav />
      <p className="lead">
        Organisations working with immigrants, and others SCIJ talks to. Letters of recommendation, formal partnerships and
        written requests count as community support only when they come from a community organizing group, a legal service
        agency, an immigration services agency, an organisation serving immigrants, a public school or another nonprofit
        (P3, P4).
      </p>
      <StatusRegion message={status} />
      {actionError !== null && <ErrorNotice>{actionError}</ErrorNotice>}

      <section className="section" aria-labelledby="organisations-heading">
        <div className="section__header">
          <h2 id="organisations-heading" tabIndex={-1}>
            All organisations{list !== null && <span className="count"> ({list.length})</span>}
          </h2>
          <div className="toolbar__actions">
            <button type="button" className="button" onClick={exportCsv} disabled={list === null || list.length === 0}>
              Export CSV
            </button>
            {canEdit && editing !== 'new' && (
              <button id="organisation-add" type="button" className="button button--primary" onClick={() => setEditing('new')}>
                Add an organisation
              </button>
            )}
          </div>
        </div>
        {canEdit && editing === 'new' && (
          <div className="panel record-form">
            <OrganisationForm
              initial={null}
              kinds={kindList}
              onSaved={(o) => saved(o, true)}
              onCancel={() => {
                setEditing(null);
                focusSoon('organisation-add');
              }}
            />
          </div>
        )}
        {loadError !== null && (
          <ErrorNotice>
            The organisations could not be loaded: {errorMessage(loadError)}{' '}
            <button type="button" className="button button--small" onClick={() => void load()}>
              Try again
            </button>
          </ErrorNotice>
        )}
        {list === null && loadError === null && (
          <p className="muted" role="status">
            Loading the organisations…
          </p>
        )}
        {list !== null && list.length === 0 && <p className="muted">No organisation recorded yet.</p>}
        {list !== null && list.length > 0 && (
          <div className="table-scroll" role="region" aria-label="Organisations table" tabIndex={0}>
            <table className="table" data-testid="organisations-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Community support (P3)</th>
                  <th scope="col">City, state</th>
                  <th scope="col">Contacts</th>
                  <th scope="col">Notes</th>
                  {canEdit && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((o) =>
                  editing === o.id ? (
                    <tr key={o.id}>
                      <td colSpan={canEdit ? 7 : 6}>
                        <OrganisationForm
                          initial={o}
                          kinds={kindList}
                          onSaved={(x) => saved(x, false)}
                          onCancel={() => {
                            setEditing(null);
                            focusSoon(`organisation-edit-${o.id}`);
                          }}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={o.id} data-organisation-id={o.id}>
                      <th scope="row">{o.name}</th>
                      <td>{o.kind_label}</td>
                      <td>{o.p3 ? 'Counts' : 'Does not count'}</td>
                      <td className="cell-place">{[o.city, o.state].filter((s) => s !== '').join(', ') || '—'}</td>
                      <td className="cell-text">{o.contacts || '—'}</td>
                      <td className="cell-text">{o.notes || '—'}</td>
                      {canEdit && (
                        <td className="cell-actions">
                          <div className="cell-actions__buttons">
                            <button
                              id={`organisation-edit-${o.id}`}
                              type="button"
                              className="button button--small"
                              aria-label={`Edit ${o.name}`}
                              disabled={busyId === o.id}
                              onClick={() => setEditing(o.id)}
                            >
                              Edit
                            </button>
                            {canDelete && (
                              <DeleteButton label={`Delete ${o.name}`} disabled={busyId === o.id} onConfirm={() => void remove(o)} />
                            )}
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

type OrgField = 'name' | 'kind' | 'city' | 'state' | 'contacts' | 'notes';
const ORG_FIELDS: readonly OrgField[] = ['name', 'kind', 'city', 'state', 'contacts', 'notes'];

const STATE_OPTIONS = [{ value: '', label: 'No state' }, ...US_STATES.map((s) => ({ value: s.code, label: s.name }))];

function OrganisationForm({
  initial,
  kinds,
  onSaved,
  onCancel,
}: {
  initial: Organisation | null;
  kinds: readonly OrganisationKind[];
  onSaved(o: Organisation): void;
  onCancel(): void;
}) {
  const form = useFormState(initial === null ? 'organisation-new' : `organisation-${initial.id}`, ORG_FIELDS);
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState(initial?.kind ?? '');
  const [city, setCity] = useState(initial?.city ?? '');
  const [state, setState] = useState(initial?.state ?? '');
  const [contacts, setContacts] = useState(initial?.contacts ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await form.submit(
      () => {
        const found: FieldErrors<OrgField> = {};
        if (name.trim() === '') found.name = 'Enter the organisation’s name.';
        if (kind === '') found.kind = 'Choose what kind of organisation it is.';
        return found;
      },
      async () => {
        const body = { name: name.trim(), kind, city: city.trim(), state, contacts: contacts.trim(), notes: notes.trim() };
        onSaved(initial === null ? await api.createOrganisation(body) : await api.updateOrganisation(initial.id, body));
      },
    );
  }

  return (
    <form
      className="form"
      noValidate
      aria-label={initial === null ? 'Add an organisation' : `Edit ${initial.name}`}
      onSubmit={(e) => void handleSubmit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <FormError message={form.formError} details={form.formDetails} />
      <div className="form-grid">
        <TextField id={form.fieldId('name')} label="Name" value={name} onChange={setName} error={form.errors.name} required autoFocus />
        <SelectField
          id={form.fieldId('kind')}
          label="Kind"
          value={kind}
          onChange={setKind}
          placeholder="Choose a kind…"
          options={[]}
          groups={organisationKindGroups(kinds)}
          hint="Whether its letters count as community support depends on the kind."
          error={form.errors.kind}
          required
        />
        <TextField id={form.fieldId('city')} label="City" value={city} onChange={setCity} error={form.errors.city} />
        <SelectField
          id={form.fieldId('state')}
          label="State"
          value={state}
          onChange={setState}
          options={STATE_OPTIONS.some((o) => o.value === state) ? STATE_OPTIONS : [...STATE_OPTIONS, { value: state, label: state }]}
          error={form.errors.state}
        />
      </div>
      <TextAreaField id={form.fieldId('contacts')} label="Contacts" hint="Names, e-mail addresses, phone numbers." value={contacts} onChange={setContacts} error={form.errors.contacts} />
      <TextAreaField id={form.fieldId('notes')} label="Notes" value={notes} onChange={setNotes} error={form.errors.notes} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : initial === null ? 'Add organisation' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
