/** Reports for management: the findings table, its XLSX and CSV files, and the PDF report. */
export {
  findingsTable, findingsSummaryTable, summarizeFindings, recordedReportFindings, provisionTitles, describeProvision, kindLabel, findingGapText,
  sortReportFindings, findingColumnWidths, FINDING_LEAD_COLUMNS, FINDING_TAIL_COLUMNS, SUMMARY_COLUMNS,
  type ReportFinding, type ReportSource, type ExtraFindingColumn, type FindingsSummary, type SeverityCounts,
} from './findings-table';
export { findingsXlsx, findingsCsv, reportFileStem, XLSX_MIME, CSV_MIME, type FindingsFileOptions } from './findings-files';
export { findingsPdf, wrapText, PDF_MAX_FINDINGS, type FindingsPdfInput } from './findings-pdf';
