/**
 * The workspace as a whole: loading the sample portfolio on first start, and
 * clearing everything for an empty workspace. Each is one transaction with one
 * change-log group, so it is all or nothing and undoes as one step.
 */
import { describeIssues, portfolioSchema, type Portfolio } from '../../../shared/domain';
import type { SupportspanDb } from '../database';
import { guardWrite, ValidationError } from '../errors';
import { logChanges, newChangeGroup, type ChangeEntry } from './change-log';
import { settingSchemas, type SettingValue } from './settings';
import { validateProduct } from './products';
import { deleteRiskDataOfProducts, riskTables } from './risks';
import { deleteObligationsOfProducts, obligationTables } from './obligations';

export type WorkspaceInit = SettingValue<'workspaceInitialized'>;

/** What the first start did: loaded the sample, or found the workspace already set up or with data. */
export type FirstRunOutcome = 'loaded-sample' | 'already-initialized' | 'had-data' | 'started-empty';

function initRecord(source: WorkspaceInit['source']): { key: 'workspaceInitialized'; value: WorkspaceInit } {
  return { key: 'workspaceInitialized', value: settingSchemas.workspaceInitialized.parse({ source, at: new Date().toISOString() }) };
}

function validatePortfolio(portfolio: Portfolio): Portfolio {
  const result = portfolioSchema.safeParse(portfolio);
  if (!result.success) throw new ValidationError('Portfolio', describeIssues(result.error));
  // The per-product checks (duplicate component ids) the schema cannot express.
  for (const p of result.data.products) validateProduct(p);
  const lineIds = new Set(result.data.lines.map((l) => l.id));
  const orphans = result.data.products.filter((p) => !lineIds.has(p.lineId)).map((p) => `products: ${p.name} refers to a missing product line ${p.lineId}`);
  if (orphans.length) throw new ValidationError('Portfolio', orphans);
  return result.data;
}

function entriesFor(portfolio: Portfolio): ChangeEntry[] {
  return [
    ...portfolio.lines.map((l) => ({ entityType: 'line' as const, entityId: l.id, before: null, after: l })),
    ...portfolio.products.map((p) => ({ entityType: 'product' as const, entityId: p.id, before: null, after: p })),
    ...portfolio.decisions.map((d) => ({ entityType: 'decision' as const, entityId: d.id, before: null, after: d })),
  ];
}

/**
 * Loads `sample` when the workspace has never been initialised and holds no
 * product line; otherwise writes only the marker (when missing). Checking and
 * writing happen in one transaction, so two windows (or a double-mounted
 * effect) starting at once load the sample exactly once.
 */
export async function loadSampleOnFirstRun(db: SupportspanDb, sample: Portfolio): Promise<FirstRunOutcome> {
  const portfolio = validatePortfolio(sample);
  return guardWrite('load the sample portfolio', () =>
    db.transaction('rw', [db.lines, db.products, db.decisions, db.settings, db.changes], async () => {
      if (await db.settings.get('workspaceInitialized')) return 'already-initialized' as const;
      if ((await db.lines.count()) > 0 || (await db.products.count()) > 0) {
        await db.settings.put(initRecord('existing'));
        return 'had-data' as const;
      }
      await db.lines.bulkAdd(portfolio.lines);
      await db.products.bulkAdd(portfolio.products);
      await db.decisions.bulkAdd(portfolio.decisions);
      await logChanges(db, newChangeGroup(), entriesFor(portfolio));
      await db.settings.put(initRecord('sample'));
      return 'loaded-sample' as const;
    }),
  );
}

/**
 * The first start of someone who came to audit a bundle: the workspace is
 * marked as set up and left empty (the empty state offers the sample as a
 * button), in one transaction with the check like loadSampleOnFirstRun.
 */
export async function startFirstRunEmpty(db: SupportspanDb): Promise<FirstRunOutcome> {
  return guardWrite('set up the workspace', () =>
    db.transaction('rw', [db.lines, db.products, db.settings], async () => {
      if (await db.settings.get('workspaceInitialized')) return 'already-initialized' as const;
      const hasData = (await db.lines.count()) > 0 || (await db.products.count()) > 0;
      await db.settings.put(initRecord(hasData ? 'existing' : 'empty'));
      return hasData ? 'had-data' as const : 'started-empty' as const;
    }),
  );
}

/** Loads the sample into an empty workspace on request (the empty state offers it). Refused if data exists. */
export async function loadSampleIntoEmptyWorkspace(db: SupportspanDb, sample: Portfolio): Promise<void> {
  const portfolio = validatePortfolio(sample);
  await guardWrite('load the sample portfolio', () =>
    db.transaction('rw', [db.lines, db.products, db.decisions, db.settings, db.changes], async () => {
      if ((await db.lines.count()) > 0 || (await db.products.count()) > 0) {
        throw new ValidationError('Sample portfolio', ['the workspace is not empty: the sample is only loaded into an empty workspace']);
      }
      await db.lines.bulkAdd(portfolio.lines);
      await db.products.bulkAdd(portfolio.products);
      await db.decisions.bulkAdd(portfolio.decisions);
      await logChanges(db, newChangeGroup(), entriesFor(portfolio));
      await db.settings.put(initRecord('sample'));
    }),
  );
}

/**
 * Removes every line, product, decision and evidence attachment (one change-log
 * group, so it can be undone) and records that the user chose an empty
 * workspace. Settings and the change log itself are kept: they are not
 * workspace data; so are evidence contents, which Undo needs (repositories/evidence.ts).
 */
export async function clearWorkspace(db: SupportspanDb): Promise<{ lines: number; products: number; decisions: number }> {
  return guardWrite('start an empty workspace', () =>
    db.transaction('rw', [db.lines, db.products, db.decisions, db.evidence, ...riskTables(db), ...obligationTables(db), db.settings, db.changes], async () => {
      const [lines, products, decisions, evidence] = await Promise.all([db.lines.toArray(), db.products.toArray(), db.decisions.toArray(), db.evidence.toArray()]);
      const risks = await deleteRiskDataOfProducts(db, products.map((p) => p.id));
      const obligations = await deleteObligationsOfProducts(db, products.map((p) => p.id));
      await db.evidence.clear();
      await db.decisions.clear();
      await db.products.clear();
      await db.lines.clear();
      await logChanges(db, newChangeGroup(), [
        ...decisions.map((d) => ({ entityType: 'decision' as const, entityId: d.id, before: d, after: null })),
        ...evidence.map((e) => ({ entityType: 'evidence' as const, entityId: e.id, before: e, after: null })),
        ...risks,
        ...obligations,
        ...products.map((p) => ({ entityType: 'product' as const, entityId: p.id, before: p, after: null })),
        ...lines.map((l) => ({ entityType: 'line' as const, entityId: l.id, before: l, after: null })),
      ]);
      await db.settings.put(initRecord('empty'));
      return { lines: lines.length, products: products.length, decisions: decisions.length };
    }),
  );
}

/** Hides the "this is sample data" notice for good. */
export async function dismissSampleNotice(db: SupportspanDb): Promise<void> {
  await guardWrite('save the setting', () =>
    db.transaction('rw', db.settings, async () => {
      const record = await db.settings.get('workspaceInitialized');
      const current = settingSchemas.workspaceInitialized.safeParse(record?.value);
      const base = current.success ? current.data : initRecord('sample').value;
      await db.settings.put({ key: 'workspaceInitialized', value: { ...base, sampleNoticeDismissed: true } });
    }),
  );
}

/**
 * Replaces the whole workspace without a change log, for the UI benchmark's
 * synthetic 100k-component portfolio only (a change log of it would double the
 * write and measure the log, not the screens). Not reachable from the app's UI.
 */
export async function replaceWorkspaceForBenchmark(db: SupportspanDb, portfolio: Portfolio): Promise<void> {
  await db.transaction('rw', [db.lines, db.products, db.decisions, db.settings], async () => {
    await db.decisions.clear();
    await db.products.clear();
    await db.lines.clear();
    await db.lines.bulkAdd(portfolio.lines);
    await db.products.bulkAdd(portfolio.products);
    await db.decisions.bulkAdd(portfolio.decisions);
    await db.settings.put(initRecord('existing'));
  });
}
