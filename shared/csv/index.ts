export * from './columns';
export * from './cells';
export * from './parse-template';
export * from './export-template';
export { stableId, slugify, hash64 } from './stable-id';
