export * from './cyclonedx';
export * from './eol';
export * from './ics';
export * from './xlsx-rows';
export * from './xlsx-workbook';
