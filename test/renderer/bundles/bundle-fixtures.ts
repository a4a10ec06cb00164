/** Bundles built with the core for the screen tests: the same code an exporter runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { assembleBundleInput, buildBundle, generateSigningKey, type SigningKey } from '../../../shared/bundle';
import { parseTemplateCsv } from '../../../shared/csv';
import type { Portfolio } from '../../../shared/domain';
import { afterEach, beforeEach } from 'vitest';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { importPortfolio } from '../../../renderer/db/repositories/import-portfolio';
import { dropDb, testDb } from '../helpers';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const AS_OF = '2026-11-28';
export const CREATED = '2026-11-28T10:00:00.000Z';

export function samplePortfolio(): Portfolio {
  const { portfolio, errors } = parseTemplateCsv(readFileSync(join(ROOT, 'assets', 'sample-portfolio.csv'), 'utf8'));
  if (errors.length) throw new Error(`sample has errors: ${JSON.stringify(errors[0])}`);
  return portfolio;
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'bundles', name)));
}

export async function makeBundle(options: { portfolio?: Portfolio; key?: SigningKey | null; edit?: (input: ReturnType<typeof assembleBundleInput>) => void } = {}) {
  const input = assembleBundleInput(options.portfolio ?? samplePortfolio(), {
    scope: { kind: 'portfolio' }, asOf: AS_OF, appVersion: '9.9.9', createdAt: CREATED, signingKey: options.key ?? null,
  });
  options.edit?.(input);
  return buildBundle(input);
}

let keyCache: SigningKey | null = null;
export async function otherKey(): Promise<SigningKey> {
  keyCache ??= await generateSigningKey();
  return keyCache;
}

/** Flips one byte of data/portfolio.json (the zip is rebuilt, so it stays readable and only the content is wrong). */
export function tamper(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const data = files['data/portfolio.json']!.slice();
  const at = Math.floor(data.length / 2);
  data[at] = data[at]! ^ 0x01;
  return zipSync({ ...files, 'data/portfolio.json': data });
}

export async function loadPortfolio(db: SupportspanDb, portfolio: Portfolio = samplePortfolio()): Promise<void> {
  await importPortfolio(db, portfolio);
}

export async function counts(db: SupportspanDb) {
  return { lines: await db.lines.count(), products: await db.products.count(), decisions: await db.decisions.count(), changes: await db.changes.count() };
}

/**
 * Per test: a fresh workspace database handed to `use`, the app opened on the bundles
 * screen; afterwards the database and the auditor store named after it are removed.
 */
export function useBundlesScreenDb(use: (db: SupportspanDb) => void): void {
  let db: SupportspanDb;
  beforeEach(() => {
    db = testDb();
    use(db);
    window.location.hash = '#/bundles';
  });
  afterEach(async () => {
    auditStoreFor(db.name).close();
    await dropDb(db);
  });
}
