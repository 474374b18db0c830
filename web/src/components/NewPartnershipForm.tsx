// "New partnership" (staff and administrators): the school chosen by name from the imported
// directory (GET /api/schools?q=), the pathway that started it (P1), who initiated it, the owner
// and the next step. On success the page opens the new partnership.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, isAbortError, type PartnershipDetail, type Pathway, type SchoolRef, type Session } from '../api';
import { focusSoon, useFormState } from '../forms';
import { isIsoDate, PATHWAYS } from '../partnerships';
import { errorMessage, useDebounced } from '../siteData';
import { TextField } from './Field';
import { FormError } from './Partnerships';

type FieldName = 'unitid' | 'pathway' | 'initiated_by' | 'owner_user_id' | 'next_step' | 'next_step_due';
const FIELDS: readonly FieldName[] = ['unitid', 'pathway', 'initiated_by', 'owner_user_id', 'next_step', 'next_step_due'];

export function NewPartnershipForm({
  session,
  initialSchool,
  onCreated,
  onCancel,
}: {
  session: Session;
  initialSchool: SchoolRef | null;
  onCreated(detail: PartnershipDetail): void;
  onCancel(): void;
}) {
  const form = useFormState('new-partnership', FIELDS, { school: 'unitid', owner: 'owner_user_id' });
  const [school, setSchool] = useState<SchoolRef | null>(initialSchool);
  const [text, setText] = useState('');
  const debounced = useDebounced(text.trim(), 200);
  const [results, setResults] = useState<SchoolRef[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [pathway, setPathway] = useState<string>('');
  const [initiatedBy, setInitiatedBy] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [due, setDue] = useState('');

  useEffect(() => {
    if (initialSchool !== null) setSchool(initialSchool);
  }, [initialSchool]);

  useEffect(() => {
    if (debounced.length < 2 || school !== null) {
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
  }, [debounced, school]);

  function choose(s: SchoolRef): void {
    setSchool(s);
    setText('');
    setResults(null);
    focusSoon('new-partnership-pathway');
  }

  function handleSearchKey(event: KeyboardEvent<HTMLInputElement>): void {
    // Enter in the search box picks the only match instead of submitting a form without a school.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (results !== null && results.length === 1 && results[0] !== undefined) choose(results[0]);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    await form.submit(
      () => {
        const found: Partial<Record<FieldName, string>> = {};
        if (school === null) found.unitid = 'Choose the school: type part of its name, then pick it from the list.';
        if (pathway === '') found.pathway = 'Choose the pathway that started the partnership.';
        if (initiatedBy.trim() === '') found.initiated_by = 'Say who made the first contact.';
        if (due !== '' && !isIsoDate(due)) found.next_step_due = 'Enter a date (YYYY-MM-DD) or leave it empty.';
        return found;
      },
      async () => {
        if (school === null) return;
        const detail = await api.createPartnership({
          unitid: school.unitid,
          pathway: Number(pathway) as Pathway,
          initiated_by: initiatedBy.trim(),
          owner_user_id: Number(session.user.id),
          next_step: nextStep.trim(),
          next_step_due: due,
        });
        onCreated(detail);
      },
    );
  }

  const unitidId = form.fieldId('unitid');
  return (
    <form className="form" aria-label="New partnership" noValidate onSubmit={(e) => void handleSubmit(e)}>
      <FormError message={form.formError} details={form.formDetails} />
      <div className={form.errors.unitid ? 'field field--invalid' : 'field'}>
        {school === null ? (
          <>
            <label className="field__label" htmlFor={unitidId}>
              School
            </label>
            <p id={`${unitidId}-hint`} className="field__hint">
              Type at least two letters of the school’s name, then choose it from the list.
            </p>
            <input
              id={unitidId}
              className="input"
              type="search"
              autoComplete="off"
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={handleSearchKey}
              aria-invalid={form.errors.unitid ? true : undefined}
              aria-describedby={`${unitidId}-hint${form.errors.unitid ? ` ${unitidId}-error` : ''}`}
            />
          </>
        ) : (
          <>
            <span className="field__label">School</span>
            <p className="chosen-school" data-testid="chosen-school">
              <strong>{school.name}</strong>
              <span className="muted"> ({schoolPlace(school)})</span>{' '}
              <button
                id={unitidId}
                type="button"
                className="button button--small"
                onClick={() => {
                  setSchool(null);
                  focusSoon('new-partnership-unitid');
                }}
              >
                Change school
              </button>
            </p>
          </>
        )}
        {form.errors.unitid && (
          <p id={`${unitidId}-error`} className="field__error">
            {form.errors.unitid}
          </p>
        )}
      </div>
      {searchError !== null && <FormError message={searchError} />}
      {school === null && results !== null && (
        <div className="search-results" role="region" aria-label="Matching schools">
          {results.length === 0 ? (
            <p className="muted">No school matches “{debounced}”.</p>
          ) : (
            <ul className="search-results__list">
              {results.map((s) => (
                <li key={s.unitid}>
                  <button type="button" className="button button--small" onClick={() => choose(s)}>
                    Choose {s.name}
                    <span className="muted">
                      {' '}
                      ({s.city}, {s.state})
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <PathwayField
        idPrefix="new-partnership-pathway"
        value={pathway}
        onChange={setPathway}
        error={form.errors.pathway}
      />

      <div className="form-grid">
        <TextField
          id={form.fieldId('initiated_by')}
          label="Initiated by"
          hint="Who made the first contact (a person, an office or an organisation)."
          value={initiatedBy}
          onChange={setInitiatedBy}
          error={form.errors.initiated_by}
          required
        />
        <TextField
          id={form.fieldId('next_step')}
          label="Next step"
          hint="Optional."
          value={nextStep}
          onChange={setNextStep}
          error={form.errors.next_step}
        />
        <TextField
          id={form.fieldId('next_step_due')}
          label="Next step due"
          type="date"
          hint="Optional."
          value={due}
          onChange={setDue}
          error={form.errors.next_step_due}
        />
      </div>
      <p className="muted form-note">
        You will be its owner; change the owner later on the partnership’s page.
      </p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Creating…' : 'Create partnership'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** P1's three pathways as radio buttons with their descriptions. */
export function PathwayField({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
}) {
  // The first radio has the id `idPrefix` itself (the form's field id), so focusing the field
  // after an error lands on the group.
  return (
    <fieldset className={error ? 'field field--invalid pathway-field' : 'field pathway-field'} aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend className="field__label">Pathway (P1)</legend>
      {PATHWAYS.map((p) => (
        <div key={p.value} className="radio-option">
          <input
            id={p.value === 1 ? idPrefix : `${idPrefix}-${p.value}`}
            type="radio"
            name={idPrefix}
            value={String(p.value)}
            checked={value === String(p.value)}
            onChange={() => onChange(String(p.value))}
            aria-describedby={`${idPrefix}-${p.value}-description`}
          />
          <label htmlFor={p.value === 1 ? idPrefix : `${idPrefix}-${p.value}`} className="radio-option__label">
            {p.label}
          </label>
          <p id={`${idPrefix}-${p.value}-description`} className="field__hint radio-option__hint">
            {p.description}
          </p>
        </div>
      ))}
      {error && (
        <p id={`${idPrefix}-error`} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function schoolPlace(school: SchoolRef): string {
  const place = [school.city, school.state].filter((s) => s !== '').join(', ');
  return place === '' ? `UNITID ${school.unitid}` : `${place}; UNITID ${school.unitid}`;
}
