// The membership fee schedule (P7): bands of undergraduate enrollment by type of school. The
// app proposes each partner's fee from its band. Administrators edit the whole table and save
// it in one go (PUT replaces every band); the shipped bands are examples and say so.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type FeeBand, type FeeSchedule, type Session } from '../../api';
import { PageTitle } from '../../components/AppShell';
import { ErrorNotice, StatusRegion } from '../../components/Notice';
import { FormError, PartnershipsNav } from '../../components/Partnerships';
import { focusSoon } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import {
  canEditFees,
  canReadPartnerships,
  choiceLabel,
  enrollmentRange,
  FEE_CONTROLS,
  FEE_LEVELS,
  formatUsd,
  parseWhole,
  PARTNERSHIPS_AUDIENCE,
} from '../../partnerships';
import { errorMessage } from '../../siteData';
import { AccessDenied } from '../AccessDenied';

export function FeesPage({ session }: { session: Session }) {
  if (!canReadPartnerships(session.user.role)) return <AccessDenied what="Partnerships" who={PARTNERSHIPS_AUDIENCE} />;
  return <Fees canEdit={canEditFees(session.user.role)} />;
}

interface DraftBand {
  key: number;
  control: string;
  level: string;
  min: string;
  max: string;
  fee: string;
  label: string;
}

let nextKey = 1;

function draftOf(b: FeeBand): DraftBand {
  return {
    key: nextKey++,
    control: b.control,
    level: b.level,
    min: String(b.min_undergrad),
    max: b.max_undergrad === null ? '' : String(b.max_undergrad),
    fee: String(b.annual_fee_usd),
    label: b.label,
  };
}

function Fees({ canEdit }: { canEdit: boolean }) {
  useDocumentTitle('Fee schedule');
  const [schedule, setSchedule] = useState<FeeSchedule | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    api.feeBands(controller.signal).then(setSchedule, (e: unknown) => {
      if (!controller.signal.aborted) setLoadError(e);
    });
    return () => controller.abort();
  }, []);

  return (
    <>
      <PageTitle>Fee schedule</PageTitle>
      <PartnershipsNav />
      <p className="lead">
        The membership fee is the first of the five investments (P6a), on a sliding scale by the size and type of school
        (P7). Each partnership’s page proposes the fee of the band its public data falls in; staff may override it there with
        a reason.
      </p>
      <StatusRegion message={status} />
      {loadError !== null && <ErrorNotice>The fee schedule could not be loaded: {errorMessage(loadError)}</ErrorNotice>}
      {schedule === null && loadError === null && (
        <p className="muted" role="status">
          Loading the fee schedule…
        </p>
      )}
      {schedule !== null && (
        <>
          {schedule.examples && (
            <div className="notice notice--warning" data-testid="fee-examples">
              <strong>These are example bands.</strong> SCIJ Network ships them to show how the schedule works; they are not
              SCIJ’s fees. {canEdit ? 'Replace them with the real schedule below.' : 'An administrator will replace them.'}
            </div>
          )}
          <section className="section" aria-labelledby="bands-heading">
            <div className="section__header">
              <h2 id="bands-heading" tabIndex={-1}>
                Bands <span className="count">({schedule.bands.length})</span>
              </h2>
              {canEdit && !editing && (
                <button id="edit-bands" type="button" className="button button--primary" onClick={() => setEditing(true)}>
                  Edit the schedule
                </button>
              )}
            </div>
            {editing ? (
              <BandsEditor
                bands={schedule.bands}
                onSaved={(s) => {
                  setSchedule(s);
                  setEditing(false);
                  setStatus(`The fee schedule was saved (${s.bands.length} ${s.bands.length === 1 ? 'band' : 'bands'}).`);
                  focusSoon('edit-bands');
                }}
                onCancel={() => {
                  setEditing(false);
                  focusSoon('edit-bands');
                }}
              />
            ) : (
              <BandsTable bands={schedule.bands} />
            )}
          </section>
        </>
      )}
    </>
  );
}

function BandsTable({ bands }: { bands: readonly FeeBand[] }) {
  if (bands.length === 0) return <p className="muted">No bands: no fee can be proposed.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Fee bands" tabIndex={0}>
      <table className="table" data-testid="fee-table">
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Level</th>
            <th scope="col">Undergraduate enrollment</th>
            <th scope="col" className="cell-number">
              Annual fee
            </th>
            <th scope="col">Label</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((b) => (
            <tr key={b.id}>
              <td>{choiceLabel(FEE_CONTROLS, b.control)}</td>
              <td>{choiceLabel(FEE_LEVELS, b.level)}</td>
              <td>{enrollmentRange(b)}</td>
              <td className="cell-number">{formatUsd(b.annual_fee_usd)}</td>
              <td>
                {b.label}
                {b.is_example && <span className="tag tag--example">Example</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BandsEditor({
  bands,
  onSaved,
  onCancel,
}: {
  bands: readonly FeeBand[];
  onSaved(schedule: FeeSchedule): void;
  onCancel(): void;
}) {
  const [rows, setRows] = useState<DraftBand[]>(() => bands.map(draftOf));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [details, setDetails] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  function update(key: number, patch: Partial<DraftBand>): void {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    rows.forEach((r) => {
      const min = parseWhole(r.min);
      const max = parseWhole(r.max);
      const fee = parseWhole(r.fee);
      if (r.control === '') found[`${r.key}-control`] = 'Choose.';
      if (r.level === '') found[`${r.key}-level`] = 'Choose.';
      if (typeof min !== 'number') found[`${r.key}-min`] = 'A whole number.';
      if (max === undefined) found[`${r.key}-max`] = 'A whole number, or empty.';
      else if (typeof min === 'number' && typeof max === 'number' && max < min) found[`${r.key}-max`] = 'Not below the minimum.';
      if (typeof fee !== 'number') found[`${r.key}-fee`] = 'Whole dollars.';
      if (r.label.trim() === '') found[`${r.key}-label`] = 'Name the band.';
    });
    return found;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = validate();
    setErrors(found);
    setDetails([]);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      setFormError('Please correct the cells marked below.');
      focusSoon(`band-${first}`);
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const saved = await api.saveFeeBands(
        rows.map((r) => ({
          control: r.control,
          level: r.level,
          min_undergrad: parseWhole(r.min) ?? 0,
          max_undergrad: parseWhole(r.max) ?? null,
          annual_fee_usd: parseWhole(r.fee) ?? 0,
          label: r.label.trim(),
        })),
      );
      onSaved(saved);
    } catch (caught) {
      setFormError(errorMessage(caught, 'The fee schedule could not be saved.'));
      setDetails(caught instanceof ApiError ? caught.details : []);
    } finally {
      setBusy(false);
    }
  }

  function cell(row: DraftBand, n: number, field: 'min' | 'max' | 'fee' | 'label', label: string) {
    const id = `band-${row.key}-${field}`;
    const error = errors[`${row.key}-${field}`];
    return (
      <td className={error ? 'field--invalid' : undefined}>
        <label htmlFor={id} className="visually-hidden">
          {label} of band {n}
        </label>
        <input
          id={id}
          className={field === 'label' ? 'input input--compact input--label' : 'input input--compact input--number'}
          inputMode={field === 'label' ? undefined : 'numeric'}
          value={row[field]}
          onChange={(e) => update(row.key, { [field]: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <span id={`${id}-error`} className="field__error">
            {error}
          </span>
        )}
      </td>
    );
  }

  function select(row: DraftBand, n: number, field: 'control' | 'level', label: string, options: ReadonlyArray<{ value: string; label: string }>) {
    const id = `band-${row.key}-${field}`;
    const error = errors[`${row.key}-${field}`];
    return (
      <td className={error ? 'field--invalid' : undefined}>
        <label htmlFor={id} className="visually-hidden">
          {label} of band {n}
        </label>
        <select
          id={id}
          className="input select input--compact"
          value={row[field]}
          onChange={(e) => update(row.key, { [field]: e.target.value })}
          aria-invalid={error ? true : undefined}
        >
          <option value="" disabled>
            Choose…
          </option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {error && <span className="field__error">{error}</span>}
      </td>
    );
  }

  return (
    <form className="form" noValidate aria-label="Edit the fee schedule" onSubmit={(e) => void handleSubmit(e)}>
      <FormError message={formError} details={details} />
      <p className="muted form-note">
        Saving replaces the whole schedule. Leave the maximum empty for “and more”. Fees are whole US dollars a year.
      </p>
      <div className="table-scroll" role="region" aria-label="Fee bands being edited" tabIndex={0}>
        <table className="table table--compact fee-editor">
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Level</th>
              <th scope="col">Min. undergrads</th>
              <th scope="col">Max. undergrads</th>
              <th scope="col">Annual fee (USD)</th>
              <th scope="col">Label</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                {select(r, i + 1, 'control', 'Control', FEE_CONTROLS)}
                {select(r, i + 1, 'level', 'Level', FEE_LEVELS)}
                {cell(r, i + 1, 'min', 'Minimum undergraduates')}
                {cell(r, i + 1, 'max', 'Maximum undergraduates')}
                {cell(r, i + 1, 'fee', 'Annual fee')}
                {cell(r, i + 1, 'label', 'Label')}
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Remove band ${i + 1}`}
                    onClick={() => {
                      setRows((list) => list.filter((x) => x.key !== r.key));
                      focusSoon('add-band');
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button
          id="add-band"
          type="button"
          className="button"
          onClick={() => {
            const key = nextKey++;
            setRows((list) => [...list, { key, control: 'public', level: 'four_year', min: '0', max: '', fee: '', label: '' }]);
            focusSoon(`band-${key}-min`);
          }}
        >
          Add a band
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save the schedule'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
