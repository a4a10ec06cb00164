/** The risk register: threat catalog, scoring method, properties, lifecycle risks, OTM export (docs/risks.md). */
export * from './schemas';
export * from './catalog';
export * from './matrix';
export * from './properties';
export * from './register';
export * from './otm';
export * from './review';
