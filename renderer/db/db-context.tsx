import { createContext, useContext, type ReactNode } from 'react';
import type { SupportspanDb } from './database';

const DbContext = createContext<SupportspanDb | null>(null);

/** The open workspace database; an auditor's workspace gets its own database by name. */
export function DbProvider({ db, children }: { db: SupportspanDb; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

export function useDb(): SupportspanDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb() needs a <DbProvider> above it.');
  return db;
}
