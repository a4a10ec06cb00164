// CycloneDX: the entry points only; the rest is imported from './cyclonedx' where needed (keeps names from clashing).
export {
  CDX_MAX_BYTES, CDX_SPEC_VERSIONS, readCycloneDx, exportCycloneDx, exportCycloneDxJson, deterministicSerial, planSbomMerge, applySbomMerge,
  type CycloneDxReadOptions, type CycloneDxReadResult, type CycloneDxExportOptions, type SbomMergePlan,
} from './cyclonedx';
export * from './eol';
export * from './ics';
export * from './xlsx-rows';
export * from './xlsx-workbook';
