/** Small helpers shared by the bundle and auditor screens. */
import { ValidationError } from '../../db/errors';
import { BundleImportError } from '../../db/bundle-io';
import { auditStoreFor, type AuditStore } from '../../db/auditor-db';
import { useDb } from '../../db/db-context';

/** A message for a person: what went wrong, with the details a validation carries. */
export function messageOf(error: unknown): string {
  if (error instanceof ValidationError) return error.message;
  if (error instanceof BundleImportError) {
    const issues = error.issues;
    return issues.length ? `${error.message} ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The audits that belong to the open workspace (each in its own database). */
export function useAuditStore(): AuditStore {
  const db = useDb();
  return auditStoreFor(db.name);
}

/** Bundle values shown in a diff: short, plain text. */
export function shortValue(value: unknown, max = 160): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const BUNDLE_FILTERS = [{ name: 'Supportspan bundles', extensions: ['sspan'] }];
/** What "Open a bundle…" accepts: bundles and auditors' responses to them (told apart by their manifest). */
export const OPEN_FILTERS = [{ name: 'Supportspan bundles and auditor responses', extensions: ['sspan', 'sspan-response'] }];

/** Whether a file name is one the Bundles screen opens. */
export function isBundleFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.sspan') || lower.endsWith('.sspan-response');
}
