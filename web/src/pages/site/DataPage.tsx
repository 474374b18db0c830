// The public data behind the screen: which data sets are loaded (source, vintage, rows), the
// join report, an upload form for new files (administrators and staff), and the reference list
// of legal resources (law schools, legal-service organisations, immigration courts) that Q2's
// public estimate counts. Everyone else sees the tables read-only.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type Dataset, type ImportResult, type LegalResource, type Session } from '../../api';
import { PageTitle } from '../../components/AppShell';
import { ErrorNotice, StatusRegion } from '../../components/Notice';
import { canManageData, SiteNav } from '../../components/SiteSelection';
import { formatCount, formatTimestamp } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { errorMessage, invalidateSiteData } from '../../siteData';

export function DataPage({ session }: { session: Session }) {
  useDocumentTitle('Site selection data');
  const manage = canManageData(session.user.role);
  const [data, setData] = useState<{ datasets: Dataset[]; joins: string[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await api.datasets());
      setLoadError(null);
    } catch (e) {
      setLoadError(errorMessage(e, 'The data sets could not be loaded.'));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <PageTitle>Site selection data</PageTitle>
      <SiteNav />
      <p className="lead">
        The public data sets the screen uses, where they come from and how many rows were loaded.
        {manage
          ? ' Upload new files to replace a data set; each data set is replaced whole, so a failed import leaves the previous one in place.'
          : ' Administrators and staff can import new files.'}
      </p>

      <section className="section" aria-labelledby="datasets-heading">
        <h2 id="datasets-heading">Data sets</h2>
        {loadError !== null && (
          <ErrorNotice>
            {loadError}{' '}
            <button type="button" className="button button--small" onClick={() => void load()}>
              Try again
            </button>
          </ErrorNotice>
        )}
        {data === null && loadError === null && (
          <p className="muted" role="status">
            Loading data sets…
          </p>
        )}
        {data !== null && <DatasetTable datasets={data.datasets} />}
        {data !== null && data.joins.length > 0 && (
          <div className="panel join-report">
            <h3>Join report</h3>
            <ul className="join-report__list">
              {data.joins.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        )}
      </section>

      {manage && (
        <UploadForm
          onImported={() => {
            invalidateSiteData();
            void load();
          }}
        />
      )}

      <LegalResources manage={manage} />
    </>
  );
}

function DatasetTable({ datasets }: { datasets: readonly Dataset[] }) {
  if (datasets.length === 0) {
    return <p className="muted">No data set has been imported yet.</p>;
  }
  return (
    <div className="table-scroll" role="region" aria-label="Data sets" tabIndex={0}>
      <table className="table" data-testid="datasets-table">
        <thead>
          <tr>
            <th scope="col">Data set and file</th>
            <th scope="col">Source</th>
            <th scope="col">Vintage</th>
            <th scope="col" className="cell-number">
              Read
            </th>
            <th scope="col" className="cell-number">
              Loaded
            </th>
            <th scope="col" className="cell-number">
              Skipped
            </th>
            <th scope="col">Imported</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr key={`${d.kind}-${d.file}`}>
              <th scope="row" className="cell-dataset">
                <span className="cell-dataset__kind">{d.kind}</span>
                <span className="cell-dataset__file" title={d.sha256 !== '' ? `SHA-256 ${d.sha256}` : undefined}>
                  {d.file}
                </span>
              </th>
              <td className="cell-source">{d.source}</td>
              <td>{d.vintage}</td>
              <td className="cell-number">{formatCount(d.rows_read)}</td>
              <td className="cell-number">{formatCount(d.rows_loaded)}</td>
              <td className="cell-number">{formatCount(d.rows_skipped)}</td>
              <td className="cell-created">
                {formatTimestamp(d.imported_at)}
                {d.imported_by !== '' && <span className="muted"> by {d.imported_by}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface UploadItem {
  file: File;
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  sent: number;
  result?: ImportResult;
  error?: string;
}

function UploadForm({ onImported }: { onImported(): void }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  function patch(index: number, change: Partial<UploadItem>): void {
    setItems((list) => list.map((item, i) => (i === index ? { ...item, ...change } : item)));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const files = [...(fileRef.current?.files ?? [])];
    if (files.length === 0) {
      setError('Choose one or more files to upload.');
      return;
    }
    setError(null);
    setBusy(true);
    setItems(files.map((file) => ({ file, state: 'waiting', sent: 0 })));
    let imported = false;
    // One file at a time: each import is a transaction on the server.
    for (const [index, file] of files.entries()) {
      patch(index, { state: 'uploading' });
      try {
        const result = await api.importDataset(file, (sent) => patch(index, { sent }));
        patch(index, { state: 'done', sent: file.size, result });
        imported = true;
      } catch (e) {
        patch(index, {
          state: 'failed',
          error: e instanceof ApiError ? e.message : errorMessage(e, 'The upload failed.'),
        });
      }
    }
    setBusy(false);
    if (fileRef.current !== null) fileRef.current.value = '';
    if (imported) onImported();
  }

  const done = items.filter((i) => i.state === 'done').length;
  const failed = items.filter((i) => i.state === 'failed').length;
  return (
    <section className="section panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Import data files</h2>
      <p className="muted">
        The server tells each file’s kind from its header: ACS foreign-born and total population
        (Census API table B05002 or the USDA ERS Atlas “People” CSV), Census centers of
        population and Gazetteer files, the OMB CBSA delineation (list 1), IPEDS directory (HD)
        and fall enrollment, and the Carnegie classification. Gzip-compressed files are accepted
        where the command-line import accepts them. Up to 64 MiB per file.
      </p>
      <form className="form" aria-label="Import data files" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="dataset-files" className="field__label">
            Files
          </label>
          <input id="dataset-files" ref={fileRef} className="input input--file" type="file" multiple disabled={busy} />
        </div>
        {error !== null && <ErrorNotice>{error}</ErrorNotice>}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Importing…' : 'Upload and import'}
        </button>
      </form>
      <StatusRegion
        message={
          !busy && items.length > 0
            ? `${done} of ${items.length} ${items.length === 1 ? 'file' : 'files'} imported${failed > 0 ? `, ${failed} failed` : ''}.`
            : ''
        }
      />
      {items.length > 0 && (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((item, i) => (
            <li key={`${item.file.name}-${i}`} className={`upload upload--${item.state}`} data-testid="upload-item">
              <div className="upload__head">
                <span className="upload__name">{item.file.name}</span>
                <span className="upload__state">
                  {item.state === 'waiting' && 'Waiting'}
                  {item.state === 'uploading' && (item.sent >= item.file.size ? 'Importing…' : 'Uploading…')}
                  {item.state === 'done' && 'Imported'}
                  {item.state === 'failed' && 'Failed'}
                </span>
              </div>
              <progress
                className="upload__progress"
                max={Math.max(1, item.file.size)}
                value={item.state === 'done' ? Math.max(1, item.file.size) : item.sent}
                aria-label={`Upload progress of ${item.file.name}`}
              />
              {item.result !== undefined && (
                <div className="upload__result">
                  <p>
                    {item.result.kind !== '' && <code>{item.result.kind}</code>}{' '}
                    {formatCount(item.result.rows_loaded)} of {formatCount(item.result.rows_read)} rows loaded,{' '}
                    {formatCount(item.result.rows_skipped)} skipped.
                  </p>
                  {item.result.summary !== '' && (
                    <details>
                      <summary>Import summary</summary>
                      <pre className="upload__summary">{item.result.summary}</pre>
                    </details>
                  )}
                  {item.result.problems.length > 0 && (
                    <details>
                      <summary>
                        {item.result.problems.length} {item.result.problems.length === 1 ? 'problem' : 'problems'}
                      </summary>
                      <ul className="problems">
                        {item.result.problems.map((p, j) => (
                          <li key={j}>{p}</li>
                        ))}
                      </ul>
                    </details>
                  )}
                </div>
              )}
              {item.error !== undefined && <p className="field__error">{item.error}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const LEGAL_KIND_LABELS: Readonly<Record<string, string>> = {
  law_school: 'Law school',
  legal_service_org: 'Legal-service organisation',
  immigration_court: 'Immigration court',
};

function LegalResources({ manage }: { manage: boolean }) {
  const [resources, setResources] = useState<LegalResource[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setResources(await api.legalResources());
      setLoadError(null);
    } catch (e) {
      setLoadError(errorMessage(e, 'The reference list could not be loaded.'));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function importCsv(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setStatus('');
    setActionError(null);
    let text = csv;
    const file = fileRef.current?.files?.[0];
    if (file !== undefined) text = await file.text();
    if (text.trim() === '') {
      setActionError('Choose a CSV file or paste CSV text.');
      return;
    }
    setBusy(true);
    try {
      const n = await api.importLegalResources(text.replace(/^\ufeff/, ''));
      setStatus(`Imported ${n} ${n === 1 ? 'legal resource' : 'legal resources'}.`);
      setCsv('');
      if (fileRef.current !== null) fileRef.current.value = '';
      invalidateSiteData();
      await load();
    } catch (e) {
      setActionError(errorMessage(e, 'The import failed.'));
    } finally {
      setBusy(false);
    }
  }

  async function remove(resource: LegalResource): Promise<void> {
    setStatus('');
    setActionError(null);
    try {
      await api.deleteLegalResource(resource.id);
      setResources((list) => (list ?? []).filter((r) => r.id !== resource.id));
      setStatus(`Deleted ${resource.name}.`);
    } catch (e) {
      setActionError(`${resource.name}: ${errorMessage(e, 'could not be deleted.')}`);
    }
  }

  return (
    <section className="section" aria-labelledby="legal-heading">
      <h2 id="legal-heading">
        Legal resources{resources !== null && <span className="count"> ({resources.length})</span>}
      </h2>
      <p className="muted">
        Law schools, recognized legal-service organisations and immigration courts. Q2’s public
        estimate counts those within a school’s reach; it never rises above “likely” on public data
        alone.
      </p>
      <StatusRegion message={status} />
      {actionError !== null && <ErrorNotice>{actionError}</ErrorNotice>}
      {loadError !== null && <ErrorNotice>{loadError}</ErrorNotice>}
      {resources !== null && resources.length === 0 && <p className="muted">The reference list is empty.</p>}
      {resources !== null && resources.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Legal resources" tabIndex={0}>
          <table className="table" data-testid="legal-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">City, state</th>
                <th scope="col">Location</th>
                <th scope="col">Source</th>
                {manage && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {resources.map((r) => (
                <tr key={String(r.id)}>
                  <th scope="row">{r.name}</th>
                  <td>{LEGAL_KIND_LABELS[r.kind] ?? r.kind}</td>
                  <td>
                    {r.city}
                    {r.city !== '' && r.state !== '' ? ', ' : ''}
                    {r.state}
                  </td>
                  <td className="cell-number">
                    {r.lat !== null && r.lon !== null ? `${r.lat.toFixed(4)}, ${r.lon.toFixed(4)}` : '—'}
                  </td>
                  <td>{r.source}</td>
                  {manage && (
                    <td className="cell-actions">
                      <button type="button" className="button button--small" onClick={() => void remove(r)} aria-label={`Delete ${r.name}`}>
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {manage && (
        <div className="panel after-panel">
          <h3 id="legal-import-heading">Import legal resources from CSV</h3>
          <p className="muted">
            The first line must be the header <code>kind,name,city,state,lat,lon,source</code>. Columns:
          </p>
          <ul className="help-list">
            <li>
              <code>kind</code>: <code>law_school</code>, <code>legal_service_org</code> or <code>immigration_court</code>
            </li>
            <li>
              <code>name</code>, <code>city</code>: text (quote values that contain commas)
            </li>
            <li>
              <code>state</code>: the two-letter postal code, for example <code>MA</code>
            </li>
            <li>
              <code>lat</code>, <code>lon</code>: decimal degrees (WGS 84), for example <code>42.3136</code>,{' '}
              <code>-71.0386</code>
            </li>
            <li>
              <code>source</code>: where the row comes from, for example “EOIR recognized organizations, 2024”
            </li>
          </ul>
          <p className="muted">Imported rows are added to the list; a bad row stops the import and names its line and field.</p>
          <form className="form" aria-labelledby="legal-import-heading" onSubmit={(e) => void importCsv(e)}>
            <div className="field">
              <label htmlFor="legal-file" className="field__label">
                CSV file
              </label>
              <input id="legal-file" ref={fileRef} className="input input--file" type="file" accept=".csv,text/csv" disabled={busy} />
            </div>
            <div className="field">
              <label htmlFor="legal-csv" className="field__label">
                Or paste CSV
              </label>
              <textarea
                id="legal-csv"
                className="input textarea"
                rows={5}
                value={csv}
                onChange={(e) => setCsv(e.target.value)}
                spellCheck={false}
                placeholder={'kind,name,city,state,lat,lon,source\nlegal_service_org,Example Legal Aid,Boston,MA,42.35,-71.06,EOIR list 2024'}
                disabled={busy}
              />
            </div>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Importing…' : 'Import CSV'}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
