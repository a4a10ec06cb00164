export * from './cyclonedx';
export * from './eol-catalog';
export * from './ics';
export * from './xlsx-rows';
export * from './xlsx-workbook';
