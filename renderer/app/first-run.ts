/**
 * First start: a workspace that has never been set up and holds no product line
 * gets the sample portfolio (fictional products that show every finding kind),
 * and the portfolio screen says it is sample data with a way to start empty.
 * Showing real-looking data at once teaches the tool faster than an empty form;
 * the choice to start empty stays one click away.
 *
 * Someone who starts the app to audit a bundle (the operating system handed it
 * a .sspan before any data exists) gets no sample in their own workspace: it
 * stays empty, and the empty state offers the sample as a button. The sample
 * notice has "I am an auditor" for the same choice made after the first start.
 */
import { parseTemplateCsv } from '../../shared/csv';
import type { Portfolio } from '../../shared/domain';
import type { SupportspanDb } from '../db/database';
import { getSetting } from '../db/repositories/settings';
import { loadSampleIntoEmptyWorkspace, loadSampleOnFirstRun, startFirstRunEmpty, type FirstRunOutcome } from '../db/repositories/workspace';

/** The bundled sample, parsed; loaded on demand so it stays out of the start-up bundle. */
export async function samplePortfolio(): Promise<Portfolio> {
  const { default: csv } = await import('../../assets/sample-portfolio.csv?raw');
  const { portfolio, errors } = parseTemplateCsv(csv);
  if (errors.length) {
    throw new Error(`The bundled sample portfolio has errors: ${errors.slice(0, 3).map((e) => JSON.stringify(e)).join('; ')}`);
  }
  return portfolio;
}

/** Runs once per workspace (the `workspaceInitialized` setting records it). `auditing`: started to audit a bundle, so no sample. */
export async function runFirstRun(db: SupportspanDb, options: { auditing?: boolean } = {}): Promise<FirstRunOutcome> {
  // Checked again inside the write's transaction; this only avoids loading the sample's chunk on every start.
  if (await getSetting(db, 'workspaceInitialized')) return 'already-initialized';
  if (options.auditing) return startFirstRunEmpty(db);
  return loadSampleOnFirstRun(db, await samplePortfolio());
}

export async function loadSample(db: SupportspanDb): Promise<void> {
  await loadSampleIntoEmptyWorkspace(db, await samplePortfolio());
}
