export { DB_NAME, SupportspanDb, type ChangeRecord, type EntityType, type SettingRecord, type SupportspanDbOptions } from './database';
export { SCHEMA_HISTORY, CURRENT_SCHEMA_VERSION, type SchemaVersion } from './schema-history';
export { ValidationError, NotFoundError, StorageError, guardWrite, classifyStorageError, type StorageErrorKind } from './errors';
export * from './repositories/product-lines';
export * from './repositories/products';
export * from './repositories/settings';
export { DbProvider, useDb } from './db-context';
