/**
 * Spreadsheet import: pick a CSV or .xlsx file (button or drop), map its
 * columns to the template, preview the first rows, see every error with row
 * and column, then either fix the file or import only the valid rows after an
 * explicit confirmation that says how many rows are skipped.
 */
import { FILE_LIMITS } from '../../../shared/ipc/file-limits';
import { readLocalFile } from '../../platform/file-refusal';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import { TEMPLATE_COLUMNS, type TemplateColumn } from '../../../shared/csv';
import { useDb } from '../../db/db-context';
import { importPortfolio, ImportCancelledError, type ImportSummary } from '../../db/repositories/import-portfolio';
import { ValidationError, StorageError } from '../../db/errors';
import { usePlatform } from '../../platform/platform-context';
import { readSpreadsheet, ReadCancelledError, type SourceTable } from '../../interop/read-spreadsheet';
import { autoMap, mappedColumns, mappingIsUsable, mappingProblems, validateMapped, type ColumnMapping } from './mapping';
import './import.css';

type Phase =
  | { step: 'pick'; error?: string }
  | { step: 'reading'; fileName: string; progress: number }
  | { step: 'mapping' }
  | { step: 'confirm-skip' }
  | { step: 'writing'; done: number; total: number }
  | { step: 'done'; summary: ImportSummary; skipped: number };

const PREVIEW_ROWS = 5;
const ERRORS_SHOWN = 200;

export function SpreadsheetImport() {
  const db = useDb();
  const platform = usePlatform();
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const [table, setTable] = useState<SourceTable | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const abort = useRef<AbortController | null>(null);

  const problems = useMemo(() => mappingProblems(mapping), [mapping]);
  const usable = mappingIsUsable(problems);
  const outcome = useMemo(
    () => (table && usable ? validateMapped(mapping, table.rows, table.firstRow, table.cellErrors) : null),
    [table, mapping, usable],
  );

  async function load(file: { name: string; bytes: Uint8Array }) {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'reading', fileName: file.name, progress: 0 });
    try {
      const result = await readSpreadsheet(file, {
        signal: controller.signal,
        onProgress: (progress) => setPhase({ step: 'reading', fileName: file.name, progress }),
      });
      if (!result.ok) {
        setPhase({ step: 'pick', error: result.error });
        return;
      }
      setTable(result.table);
      setMapping(autoMap(result.table.header));
      setPhase({ step: 'mapping' });
    } catch (error) {
      if (error instanceof ReadCancelledError) setPhase({ step: 'pick', error: 'Reading the file was cancelled. Nothing was imported.' });
      else setPhase({ step: 'pick', error: `Could not read ${file.name}: ${(error as Error).message}` });
    } finally {
      abort.current = null;
    }
  }

  async function pick() {
    const file = await platform.openFile({
      title: 'Import a spreadsheet',
      filters: [{ name: 'Spreadsheets', extensions: ['csv', 'xlsx'] }],
      maxBytes: FILE_LIMITS.spreadsheet, kind: 'spreadsheet',
    });
    if (file) await load(file);
  }

  async function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) await load(await readLocalFile(file, FILE_LIMITS.spreadsheet, 'spreadsheet'));
  }

  async function write() {
    if (!outcome) return;
    const controller = new AbortController();
    abort.current = controller;
    const total = outcome.portfolio.products.length;
    setPhase({ step: 'writing', done: 0, total });
    try {
      const summary = await importPortfolio(db, outcome.portfolio, {
        columns: mappedColumns(mapping),
        signal: controller.signal,
        onProgress: (done, all) => setPhase({ step: 'writing', done, total: all }),
      });
      setPhase({ step: 'done', summary, skipped: outcome.skippedRows });
    } catch (error) {
      const message = error instanceof ImportCancelledError ? error.message
        : error instanceof ValidationError || error instanceof StorageError ? error.message
          : `The import failed: ${(error as Error).message}. Nothing was written.`;
      setTable(null);
      setPhase({ step: 'pick', error: message });
    } finally {
      abort.current = null;
    }
  }

  function reset() {
    setTable(null);
    setMapping([]);
    setPhase({ step: 'pick' });
  }

  const errorCount = outcome?.errors.length ?? 0;

  return (
    <section className="import-panel" aria-labelledby="sheet-import-title">
      <h2 id="sheet-import-title">Import a spreadsheet</h2>
      {phase.step === 'pick' && (
        <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
          <p>
            A CSV or Excel (.xlsx) file with one row per component, in the template's columns (product_line, environment,
            product, category, component, class, role, …). Semicolon-separated CSV from Excel works too.
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

      {table && (phase.step === 'mapping' || phase.step === 'confirm-skip') && (
        <div className="mapping">
          <p>
            <strong>{table.fileName}</strong>: {table.rows.length} data row{table.rows.length === 1 ? '' : 's'}
            {table.delimiter === ';' ? ', separated by semicolons' : ''}
            {table.kind === 'xlsx' && table.firstRow > 2 ? `, header on row ${table.firstRow - 1}` : ''}.
          </p>
          {table.warnings.map((w) => <p key={w} className="hint">{w}</p>)}
          <h3>Columns</h3>
          <table className="mapping-table" aria-label="Column mapping">
            <thead>
              <tr><th scope="col">Column in the file</th><th scope="col">Template column</th><th scope="col">First values</th></tr>
            </thead>
            <tbody>
              {table.header.map((h, i) => (
                <tr key={i}>
                  <th scope="row">{h || `(column ${i + 1}, no header)`}</th>
                  <td>
                    <select
                      aria-label={`Template column for “${h || `column ${i + 1}`}”`}
                      value={mapping[i] ?? ''}
                      disabled={phase.step !== 'mapping'}
                      onChange={(e) => {
                        const next = [...mapping];
                        next[i] = (e.target.value || null) as TemplateColumn | null;
                        setMapping(next);
                      }}
                    >
                      <option value="">(ignore this column)</option>
                      {TEMPLATE_COLUMNS.map((c) => <option key={c} value={c}>{c}</option>)}
                    </select>
                  </td>
                  <td className="sample">{table.rows.slice(0, 3).map((r) => r[i] ?? '').filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {problems.missing.length > 0 && (
            <p role="alert" className="error-text">
              Required column{problems.missing.length > 1 ? 's' : ''} not mapped: {problems.missing.join(', ')}. Map a column of the file to
              {problems.missing.length > 1 ? ' each' : ' it'}, or fix the file.
            </p>
          )}
          {problems.duplicates.map((d) => (
            <p key={d.column} role="alert" className="error-text">
              Template column {d.column} is mapped from more than one column ({d.sources.map((s) => `“${table.header[s] || `column ${s + 1}`}”`).join(', ')}): ignore all but one.
            </p>
          ))}
          {TEMPLATE_COLUMNS.some((c) => !mapping.includes(c)) && (
            <p className="hint">
              Not in the file: {TEMPLATE_COLUMNS.filter((c) => !mapping.includes(c)).join(', ')}. These stay empty on new records and unchanged on existing ones.
            </p>
          )}

          <h3>Preview</h3>
          <div className="table-scroll">
            <table className="preview-table" aria-label="Preview of the first rows">
              <thead>
                <tr><th scope="col">Row</th>{table.header.map((h, i) => <th key={i} scope="col">{mapping[i] ?? <s>{h}</s>}</th>)}</tr>
              </thead>
              <tbody>
                {table.rows.slice(0, PREVIEW_ROWS).map((r, ri) => (
                  <tr key={ri}><th scope="row">{table.firstRow + ri}</th>{table.header.map((_, ci) => <td key={ci}>{r[ci] ?? ''}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>

          {outcome && (
            <>
              <h3>Check</h3>
              <p role="status">
                {outcome.totalRows} row{outcome.totalRows === 1 ? '' : 's'}, {outcome.totalProducts} product{outcome.totalProducts === 1 ? '' : 's'}:
                {' '}{errorCount === 0 ? 'no errors.' : `${errorCount} error${errorCount === 1 ? '' : 's'}; ${outcome.skippedRows} row${outcome.skippedRows === 1 ? '' : 's'} cannot be imported.`}
              </p>
              {errorCount > 0 && (
                <table className="error-table" aria-label="Errors">
                  <thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead>
                  <tbody>
                    {outcome.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                      <tr key={i}><td>{e.row || '–'}</td><td>{e.column ?? '–'}</td><td>{e.reason}{e.value ? ` (value “${e.value}”)` : ''}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
              {errorCount > ERRORS_SHOWN && <p className="hint">The first {ERRORS_SHOWN} errors are listed.</p>}
            </>
          )}

          {phase.step === 'mapping' && (
            <div className="actions">
              {outcome && errorCount === 0 && (
                <button type="button" className="primary" onClick={() => void write()}>
                  Import {outcome.portfolio.products.length} product{outcome.portfolio.products.length === 1 ? '' : 's'}
                </button>
              )}
              {outcome && errorCount > 0 && outcome.importedRows > 0 && (
                <button type="button" onClick={() => setPhase({ step: 'confirm-skip' })}>Import only the valid rows…</button>
              )}
              <button type="button" onClick={reset}>{errorCount > 0 ? 'Fix the file and choose it again' : 'Choose another file'}</button>
            </div>
          )}
          {phase.step === 'confirm-skip' && outcome && (
            <div className="confirm" role="group" aria-label="Confirm skipping rows">
              <p>
                <strong>{outcome.skippedRows} of {outcome.totalRows} rows will be skipped</strong> (the rows with errors, and the other rows of
                their products: a product is never imported in part). {outcome.portfolio.products.length} of {outcome.totalProducts} products will
                be imported.
              </p>
              <button type="button" className="primary" onClick={() => void write()}>
                Skip {outcome.skippedRows} row{outcome.skippedRows === 1 ? '' : 's'} and import the rest
              </button>
              <button type="button" onClick={() => setPhase({ step: 'mapping' })}>Back</button>
            </div>
          )}
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
            {phase.skipped > 0 ? ` ${phase.skipped} rows with errors were skipped.` : ''} Nothing was deleted.
          </p>
          <button type="button" onClick={reset}>Import another file</button>
        </div>
      )}
    </section>
  );
}
