/**
 * Spreadsheet import: pick a CSV or .xlsx file (button or drop); see which
 * header row and sheet were taken (and pick others), the encoding and the
 * number conventions; map columns; say once what the file's own words and
 * slash dates mean; see every converted value next to its original; fix bad
 * cells in place and re-check; save the mapping as a named profile (or a
 * file); then import in one undoable step, or only the valid rows after an
 * explicit confirmation.
 */
import { FILE_LIMITS } from '../../../shared/ipc/file-limits';
import { readLocalFile } from '../../platform/file-refusal';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TemplateColumn } from '../../../shared/csv';
import { parseProfileText, profileFitsHeader, profileToJson, MAX_PROFILE_BYTES, type ImportProfile } from '../../../shared/import/spreadsheet';
import { useDb } from '../../db/db-context';
import { importPortfolio, ImportCancelledError, type ImportSummary } from '../../db/repositories/import-portfolio';
import { listImportProfiles, saveImportProfile } from '../../db/repositories/import-profiles';
import { ValidationError, StorageError } from '../../db/errors';
import { usePlatform } from '../../platform/platform-context';
import { readSpreadsheetFile, ReadCancelledError, type PickedFile, type SpreadsheetReadResult } from '../../interop/read-spreadsheet';
import { checkSummary, editKey, mappedColumns, NO_CHOICES, readOptions, TARGETS, type MappingChoices } from './mapping';
import './import.css';

type Phase =
  | { step: 'pick'; error?: string }
  | { step: 'reading'; fileName: string; progress: number }
  | { step: 'mapping' }
  | { step: 'confirm-skip' }
  | { step: 'writing'; done: number; total: number }
  | { step: 'done'; summary: ImportSummary; skipped: number };

const ERRORS_SHOWN = 200;
/** Longer lists are virtualised (only the rows in view are in the page). */
const PLAIN_ROWS = 60;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function SpreadsheetImport() {
  const db = useDb();
  const platform = usePlatform();
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const [file, setFile] = useState<PickedFile | null>(null);
  const [result, setResult] = useState<SpreadsheetReadResult | null>(null);
  const [choices, setChoices] = useState<MappingChoices>(NO_CHOICES);
  const [checking, setChecking] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [profiles, setProfiles] = useState<ImportProfile[]>([]);
  const [profileName, setProfileName] = useState('');
  const [profileMessage, setProfileMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    void listImportProfiles(db).then(setProfiles);
  }, [db]);

  async function load(picked: PickedFile) {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'reading', fileName: picked.name, progress: 0 });
    try {
      const first = await readSpreadsheetFile(picked, {
        signal: controller.signal,
        onProgress: (progress) => setPhase({ step: 'reading', fileName: picked.name, progress }),
      });
      if (controller.signal.aborted) throw new ReadCancelledError();
      if (first.headerRow === 0 && first.errors.length > 0) {
        setPhase({ step: 'pick', error: first.errors[0]!.reason });
        return;
      }
      setFile(picked);
      setChoices(NO_CHOICES);
      setDrafts({});
      setProfileMessage(null);
      setResult(first);
      setProfileName(picked.name.replace(/\.[^.]+$/, ''));
      setPhase({ step: 'mapping' });
    } catch (error) {
      if (error instanceof ReadCancelledError) setPhase({ step: 'pick', error: 'Reading the file was cancelled. Nothing was imported.' });
      else setPhase({ step: 'pick', error: `Could not read ${picked.name}: the file is damaged or not a spreadsheet.` });
    } finally {
      abort.current = null;
    }
  }

  /** Re-reads with the new choices; a later change wins over an earlier one still running. */
  async function recheck(next: MappingChoices) {
    if (!file) return;
    setChoices(next);
    const mine = ++generation.current;
    setChecking(true);
    try {
      const r = await readSpreadsheetFile(file, readOptions(next));
      if (mine === generation.current) setResult(r);
    } finally {
      if (mine === generation.current) setChecking(false);
    }
  }

  async function pick() {
    const picked = await platform.openFile({
      title: 'Import a spreadsheet',
      filters: [{ name: 'Spreadsheets', extensions: ['csv', 'xlsx', 'txt', 'tsv'] }],
      maxBytes: FILE_LIMITS.spreadsheet, kind: 'spreadsheet',
    });
    if (picked) await load(picked);
  }

  async function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    const dropped = event.dataTransfer.files[0];
    if (dropped) await load(await readLocalFile(dropped, FILE_LIMITS.spreadsheet, 'spreadsheet'));
  }

  async function write() {
    if (!result) return;
    const controller = new AbortController();
    abort.current = controller;
    const total = result.portfolio.products.length;
    const skipped = result.rowsWithErrors.length;
    setPhase({ step: 'writing', done: 0, total });
    try {
      const summary = await importPortfolio(db, result.portfolio, {
        columns: mappedColumns(result),
        signal: controller.signal,
        onProgress: (done, all) => setPhase({ step: 'writing', done, total: all }),
      });
      setPhase({ step: 'done', summary, skipped });
    } catch (error) {
      const message = error instanceof ImportCancelledError ? error.message
        : error instanceof ValidationError || error instanceof StorageError ? error.message
          : 'The import failed. Nothing was written.';
      setResult(null);
      setPhase({ step: 'pick', error: message });
    } finally {
      abort.current = null;
    }
  }

  function reset() {
    setResult(null);
    setFile(null);
    setChoices(NO_CHOICES);
    setPhase({ step: 'pick' });
  }

  async function saveProfile() {
    if (!result) return;
    const name = profileName.trim();
    if (name === '') {
      setProfileMessage('Give the profile a name first.');
      return;
    }
    try {
      setProfiles(await saveImportProfile(db, { ...result.profile, name }));
      setProfileMessage(`Saved as profile “${name}”. It is offered again when a file with this header comes in.`);
    } catch (error) {
      setProfileMessage(error instanceof ValidationError || error instanceof StorageError ? error.message : 'The profile could not be saved.');
    }
  }

  async function exportProfile() {
    if (!result) return;
    const name = profileName.trim() || 'Import profile';
    await platform.saveFile({
      title: 'Save the import profile',
      suggestedName: `${name.replace(/[^\w.-]+/g, '-')}.import-profile.json`,
      bytes: new TextEncoder().encode(profileToJson({ ...result.profile, name })),
      filters: [{ name: 'Import profile', extensions: ['json'] }],
      mimeType: 'application/json',
    });
  }

  async function loadProfileFile() {
    const picked = await platform.openFile({ title: 'Open an import profile', filters: [{ name: 'Import profile', extensions: ['json'] }], maxBytes: FILE_LIMITS.profile, kind: 'profile' });
    if (!picked) return;
    if (picked.bytes.length > MAX_PROFILE_BYTES) {
      setProfileMessage(`${picked.name}: larger than ${MAX_PROFILE_BYTES / 1024} KiB, not an import profile.`);
      return;
    }
    const parsed = parseProfileText(new TextDecoder().decode(picked.bytes));
    if (!parsed.ok) {
      setProfileMessage(`${picked.name}: ${parsed.error}.`);
      return;
    }
    applyProfile(parsed.profile);
  }

  function applyProfile(profile: ImportProfile) {
    setProfileName(profile.name);
    setProfileMessage(`Profile “${profile.name}” applied.`);
    void recheck({ ...NO_CHOICES, profile });
  }

  const fitting = useMemo(
    () => (result && !result.profileApplied ? profiles.find((p) => profileFitsHeader(p, result.header)) ?? null : null),
    [profiles, result],
  );

  const summary = result ? checkSummary(result) : null;
  const errorCount = result?.errors.length ?? 0;
  const blocking = result ? result.errors.filter((e) => e.row === 0 || e.row === result.headerRow) : [];
  const converted = result ? result.notes.filter((n) => n.understoodAs !== 'skipped') : [];

  return (
    <section className="import-panel" aria-labelledby="sheet-import-title">
      <h2 id="sheet-import-title">Import a spreadsheet</h2>
      {phase.step === 'pick' && (
        <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
          <p>
            A CSV or Excel (.xlsx) file with one row per component: the template, or your own sheet in English or German (title rows,
            group headers, semicolons, decimal commas and Windows encodings are fine; every value read differently is shown).
          </p>
          <button type="button" onClick={() => void pick()}>Choose a spreadsheet…</button>
          <span className="hint"> or drop the file here.</span>
          {phase.error && <p role="alert" className="error-text">{phase.error}</p>}
        </div>
      )}

      {phase.step === 'reading' && (
        <div>
          <p>Reading {phase.fileName}…</p>
          <progress aria-label="Reading the file" max={1} value={phase.progress} />
          <button type="button" onClick={() => abort.current?.abort()}>Cancel</button>
        </div>
      )}

      {result && file && (phase.step === 'mapping' || phase.step === 'confirm-skip') && (
        <div className="mapping" aria-busy={checking}>
          <p>
            <strong>{file.name}</strong>: {plural(result.rows.length, 'data row')}.
          </p>
          <dl className="detected">
            {result.sheets && (
              <>
                <dt><label htmlFor="sheet-pick">Sheet</label></dt>
                <dd>
                  <select id="sheet-pick" value={result.sheet} disabled={phase.step !== 'mapping'} onChange={(e) => void recheck({ ...choices, sheet: e.target.value, headerRow: undefined, columnMap: {}, edits: {} })}>
                    {result.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
                  </select>
                </dd>
              </>
            )}
            <dt><label htmlFor="header-pick">Header row</label></dt>
            <dd>
              <select id="header-pick" value={result.headerRow} disabled={phase.step !== 'mapping'} onChange={(e) => void recheck({ ...choices, headerRow: Number(e.target.value), columnMap: {}, edits: {} })}>
                {result.headerCandidates.map((c) => (
                  <option key={c.row} value={c.row}>Row {c.row}{c.score > 0 ? ` (${plural(c.score, 'known column')})` : ''}: {c.preview}</option>
                ))}
              </select>
              <span className="hint"> header on row {result.headerRow}{result.sheet !== undefined ? ` of sheet “${result.sheet}”` : ''}</span>
            </dd>
            {result.encoding && (<><dt>Encoding</dt><dd>{result.encoding}{result.separator ? `, ${result.separator}-separated` : ''}</dd></>)}
            <dt><label htmlFor="locale-pick">Conventions</label></dt>
            <dd>
              <select id="locale-pick" value={choices.locale} disabled={phase.step !== 'mapping'} onChange={(e) => void recheck({ ...choices, locale: e.target.value as MappingChoices['locale'] })}>
                <option value="auto">Detect</option>
                <option value="en">English (12.5 · 40,000)</option>
                <option value="de">German (12,5 · 40.000)</option>
              </select>
              <span className="hint"> {result.localeReason}</span>
            </dd>
            {result.profileApplied && (<><dt>Profile</dt><dd>“{result.profileApplied}” applied</dd></>)}
          </dl>
          {fitting && (
            <p className="confirm-inline">
              The saved profile “{fitting.name}” fits this file’s header.{' '}
              <button type="button" onClick={() => applyProfile(fitting)}>Apply “{fitting.name}”</button>
            </p>
          )}

          <h3>Columns</h3>
          <table className="mapping-table" aria-label="Column mapping">
            <thead>
              <tr><th scope="col">Column in the file</th><th scope="col">Reads as</th><th scope="col">Why</th><th scope="col">First values</th></tr>
            </thead>
            <tbody>
              {result.columns.map((c) => (
                <tr key={c.index}>
                  <th scope="row">{c.header || `(column ${c.index + 1}, no header)`}</th>
                  <td>
                    <select
                      aria-label={`Template column for “${c.header || `column ${c.index + 1}`}”`}
                      value={c.column ?? ''}
                      disabled={phase.step !== 'mapping'}
                      onChange={(e) => void recheck({ ...choices, columnMap: { ...choices.columnMap, [c.index]: (e.target.value || null) as TemplateColumn | null } })}
                    >
                      <option value="">(ignore this column)</option>
                      {TARGETS.map((t) => <option key={t} value={t}>{t}</option>)}
                    </select>
                  </td>
                  <td className="hint">{c.how}</td>
                  <td className="sample">{result.rows.slice(0, 3).map((r) => r.cells[c.index] ?? '').filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {blocking.map((e, i) => <p key={i} role="alert" className="error-text">{e.reason}</p>)}

          {result.questions.map((q) => (
            <fieldset key={q.column} className="question">
              <legend>Which order do the dates in “{q.header}” use? ({q.samples.join(', ')})</legend>
              <label><input type="radio" name={`order-${q.column}`} onChange={() => void recheck({ ...choices, dateOrder: { ...choices.dateOrder, [q.column]: 'dmy' } })} /> Day first: 01/02/2035 is 1 February 2035</label>
              <label><input type="radio" name={`order-${q.column}`} onChange={() => void recheck({ ...choices, dateOrder: { ...choices.dateOrder, [q.column]: 'mdy' } })} /> Month first: 01/02/2035 is 2 January 2035</label>
            </fieldset>
          ))}

          {result.enums.some((t) => t.values.some((v) => v.how !== 'exact')) && (
            <>
              <h3>Values</h3>
              <p className="hint">Each value of the file is asked once; the choice is kept in the import profile.</p>
              {result.enums.filter((t) => t.values.some((v) => v.how !== 'exact')).map((t) => (
                <table key={t.column} className="enum-table" aria-label={`Values of “${t.header}”`}>
                  <thead><tr><th scope="col">“{t.header}” in the file</th><th scope="col">Rows</th><th scope="col">Means</th></tr></thead>
                  <tbody>
                    {t.values.filter((v) => v.how !== 'exact').map((v) => (
                      <tr key={v.original} className={v.mappedTo === null ? 'unmapped' : undefined}>
                        <th scope="row">{v.original}</th>
                        <td>{v.count}</td>
                        <td>
                          <select
                            aria-label={`Meaning of “${v.original}” in “${t.header}”`}
                            value={v.mappedTo ?? ''}
                            disabled={phase.step !== 'mapping'}
                            onChange={(e) => void recheck({ ...choices, enumMap: { ...choices.enumMap, [t.column]: { ...(choices.enumMap[t.column] ?? {}), [v.original]: e.target.value } } })}
                          >
                            <option value="">(choose)</option>
                            {t.allowed.map((a) => <option key={a} value={a}>{a}</option>)}
                          </select>
                          {v.how && v.how !== 'chosen' ? <span className="hint"> {v.how}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
            </>
          )}

          <h3>Check</h3>
          <p role="status">
            {checking ? 'Checking… ' : ''}
            {plural(summary!.dataRows, 'row')}, {plural(summary!.products, 'product')} ready with {plural(summary!.components, 'component')}:
            {' '}{errorCount === 0 ? 'no errors.' : `${plural(errorCount, 'error')}; ${plural(summary!.rowsWithErrors, 'row')} cannot be imported yet.`}
            {converted.length > 0 ? ` ${plural(converted.length, 'value')} read differently from how ${converted.length === 1 ? 'it is' : 'they are'} written (listed below).` : ''}
          </p>
          {errorCount > 0 && (
            <>
              <table className="error-table" aria-label="Errors">
                <thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Problem</th><th scope="col">Fix</th></tr></thead>
                <tbody>
                  {result.errors.slice(0, ERRORS_SHOWN).map((e, i) => {
                    const cell = result.cells.find((c) => c.error && c.row === e.row && (result.header[c.col] ?? '') === e.column);
                    const key = cell ? editKey(cell.row, cell.col) : null;
                    return (
                      <tr key={i}>
                        <td>{e.row || '–'}</td>
                        <td>{e.column ?? '–'}</td>
                        <td>{e.reason}</td>
                        <td>
                          {key && cell && (
                            <input
                              type="text"
                              aria-label={`Fix row ${e.row}, ${e.column}`}
                              value={drafts[key] ?? cell.original}
                              disabled={phase.step !== 'mapping'}
                              onChange={(ev) => setDrafts({ ...drafts, [key]: ev.target.value })}
                            />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {errorCount > ERRORS_SHOWN && <p className="hint">The first {ERRORS_SHOWN} errors are listed.</p>}
              {Object.keys(drafts).length > 0 && phase.step === 'mapping' && (
                <button type="button" onClick={() => { const edits = { ...choices.edits, ...drafts }; setDrafts({}); void recheck({ ...choices, edits }); }}>
                  Re-check with the fixed cells
                </button>
              )}
            </>
          )}

          {phase.step === 'mapping' && (
            <div className="actions">
              {errorCount === 0 && summary!.products > 0 && (
                <button type="button" className="primary" onClick={() => void write()}>
                  Import {plural(summary!.products, 'product')}
                </button>
              )}
              {errorCount > 0 && summary!.products > 0 && (
                <button type="button" onClick={() => setPhase({ step: 'confirm-skip' })}>Import only the valid rows…</button>
              )}
              <button type="button" onClick={reset}>Choose another file</button>
            </div>
          )}
          {phase.step === 'confirm-skip' && (
            <div className="confirm" role="group" aria-label="Confirm skipping rows">
              <p>
                <strong>{summary!.rowsWithErrors} of {summary!.dataRows} rows will be skipped</strong> (the rows with errors; a product whose
                values differ between its rows is skipped whole). {plural(summary!.products, 'product')} will be imported.
              </p>
              <button type="button" className="primary" onClick={() => void write()}>
                Skip {plural(summary!.rowsWithErrors, 'row')} and import the rest
              </button>
              <button type="button" onClick={() => setPhase({ step: 'mapping' })}>Back</button>
            </div>
          )}

          <fieldset className="profile">
            <legend>Import profile</legend>
            <label>Name <input type="text" value={profileName} onChange={(e) => setProfileName(e.target.value)} maxLength={200} /></label>
            <button type="button" onClick={() => void saveProfile()}>Save profile</button>
            <button type="button" onClick={() => void exportProfile()}>Save as file…</button>
            <button type="button" onClick={() => void loadProfileFile()}>Open a profile file…</button>
            {profiles.length > 0 && (
              <label>
                Saved{' '}
                <select aria-label="Saved profiles" value="" onChange={(e) => { const p = profiles.find((x) => x.name === e.target.value); if (p) applyProfile(p); }}>
                  <option value="">(apply a saved profile)</option>
                  {profiles.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
                </select>
              </label>
            )}
            {profileMessage && <p role="status" className="hint">{profileMessage}</p>}
          </fieldset>

          {converted.length > 0 && (
            <>
              <h3>Conversions</h3>
              <RowList
                label="Conversions"
                header={['Row', 'Column', 'In the file', 'Read as', 'Why']}
                rows={converted.map((n) => [String(n.row ?? '–'), n.column ?? '–', n.original, n.understoodAs, n.reason])}
              />
            </>
          )}
          {result.skipped.length > 0 && (
            <>
              <h3>Rows skipped (not data)</h3>
              <ul className="skipped">{result.skipped.slice(0, 100).map((s) => <li key={s.row}>Row {s.row}: {s.reason}</li>)}</ul>
            </>
          )}
          <h3>Preview</h3>
          <Preview result={result} />
        </div>
      )}

      {phase.step === 'writing' && (
        <div>
          <p>Importing… {phase.done} of {phase.total} products</p>
          <progress aria-label="Importing" max={Math.max(1, phase.total)} value={phase.done} />
          <button type="button" onClick={() => abort.current?.abort()}>Cancel</button>
        </div>
      )}

      {phase.step === 'done' && (
        <div role="status" className="done">
          <p>
            <strong>Imported.</strong> Product lines: {phase.summary.linesAdded} added, {phase.summary.linesUpdated} updated. Products:{' '}
            {phase.summary.productsAdded} added, {phase.summary.productsUpdated} updated, {phase.summary.productsUnchanged} unchanged. Components:{' '}
            {phase.summary.componentsAdded} added, {phase.summary.componentsUpdated} updated.
            {phase.skipped > 0 ? ` Rows skipped because of errors: ${phase.skipped}.` : ''} Nothing was deleted; Undo reverts the import.
          </p>
          <button type="button" onClick={reset}>Import another file</button>
        </div>
      )}
    </section>
  );
}

/** Data rows, each cell marked where it was converted (original → read as) or refused. */
function Preview({ result }: { result: SpreadsheetReadResult }) {
  const issues = useMemo(() => {
    const m = new Map<string, SpreadsheetReadResult['cells'][number]>();
    for (const c of result.cells) m.set(editKey(c.row, c.col), c);
    return m;
  }, [result.cells]);
  const header = ['Row', ...result.header.map((h, i) => result.columns[i]?.column ?? `(${h || `column ${i + 1}`})`)];
  const rows = result.rows.map((r) => [
    String(r.row),
    ...result.header.map((_, c) => {
      const issue = issues.get(editKey(r.row, c));
      const v = r.cells[c] ?? '';
      if (!issue) return v;
      return issue.error ? `⚠ ${v}` : `${v} → ${issue.understoodAs}`;
    }),
  ]);
  return <RowList label="Preview of the rows" header={header} rows={rows} wide />;
}

/** A table; beyond PLAIN_ROWS rows only the rows in view are rendered. */
function RowList({ label, header, rows, wide = false }: { label: string; header: string[]; rows: string[][]; wide?: boolean }) {
  if (rows.length <= PLAIN_ROWS) {
    return (
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${label} (scrolls sideways)`}>
        <table className={wide ? 'preview-table' : 'notes-table'} aria-label={label}>
          <thead><tr>{header.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j} className={c.startsWith('⚠') ? 'cell-error' : c.includes(' → ') ? 'cell-converted' : undefined}>{c}</td>))}</tr>)}</tbody>
        </table>
      </div>
    );
  }
  return <VirtualRows label={label} header={header} rows={rows} />;
}

const ROW_HEIGHT = 30;

function VirtualRows({ label, header, rows }: { label: string; header: string[]; rows: string[][] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions each render by design.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const template = `5rem repeat(${Math.max(1, header.length - 1)}, minmax(9rem, 1fr))`;
  return (
    <div className="virtual-table" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="virtual-table-head" role="row" style={{ gridTemplateColumns: template }}>
        {header.map((h, i) => <span key={i} role="columnheader">{h}</span>)}
      </div>
      <div ref={scrollRef} className="virtual-table-body" tabIndex={0} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className="virtual-table-row"
              style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template, height: ROW_HEIGHT }}
            >
              {rows[item.index]!.map((c, j) => <span key={j} role={j === 0 ? 'rowheader' : 'cell'} className={c.startsWith('⚠') ? 'cell-error' : c.includes(' → ') ? 'cell-converted' : undefined}>{c}</span>)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
