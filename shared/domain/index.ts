export * from './dates';
export * from './schemas';
export * from './dependencies';
