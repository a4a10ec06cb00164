export * from './aliases';
export * from './catalog-parse';
export * from './match';
export * from './proposal';
export * from './version';
