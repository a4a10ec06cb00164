/** "Import & export": spreadsheets, CycloneDX, end-of-life catalogs and calendar export. */
import { SpreadsheetImport } from './spreadsheet-import';
import { CycloneDxImport } from './cyclonedx-import';
import { ExportPanel } from '../export/export-panel';
import { CatalogScreen } from '../catalog/catalog-screen';
import './import.css';

export function DataScreen() {
  return (
    <div className="screen data-screen">
      <h1>Import &amp; export</h1>
      <SpreadsheetImport />
      <CycloneDxImport />
      <CatalogScreen />
      <ExportPanel />
    </div>
  );
}
