/**
 * The live analysis of the open workspace: lines, products and decisions are read
 * and kept up to date (portfolio-store.ts), the pure engine turns them into findings for the as-of date,
 * rule packs and policy in settings, and decisions are applied on top. Screens read
 * it with `useAnalysis()`; nothing here is stored.
 *
 * Edits arrive per keystroke, so a recompute waits until the data has been quiet
 * for a moment (debounce) and large portfolios are analysed in a Web Worker; the
 * last findings stay visible, marked `pending`, until the new ones arrive.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_RULE_PACKS, type AnalysisOptions, type AnalysisResult, type DecidedFinding, type OrgPolicy } from '../../shared/engine';
import { todayIso, type Portfolio } from '../../shared/domain';
import { useDb } from '../db/db-context';
import { getSetting, type SettingValue } from '../db/repositories/settings';
import { describeError } from '../db/errors';
import { useUiStore } from '../state/ui-store';
import { countComponents, groupByProduct, type AnalysisInput, type AnalysisOutput } from './analysis-job';
import { createScheduler, type AnalysisScheduler } from './scheduler';
import { createWorkerRunner, PRELOAD_MIN_PRODUCTS, syncRunner, WORKER_THRESHOLD, type WorkerRunner } from './runners';
import { useLivePortfolio } from './portfolio-store';

export interface AnalysisState {
  status: 'loading' | 'ready';
  /** The latest data read from the database (may be newer than `result`). */
  portfolio: Portfolio | null;
  options: AnalysisOptions;
  result: AnalysisResult | null;
  findings: DecidedFinding[];
  byProduct: ReadonlyMap<string, DecidedFinding[]>;
  /** A change waits for the quiet period or is being analysed: the findings shown are from before it. */
  pending: boolean;
  /** The last analysis failed (the previous findings stay shown); null when it succeeded. */
  error: string | null;
}

/** The analysis settings as stored; each may be unset. */
export interface AnalysisSettings {
  asOfDate: SettingValue<'asOfDate'> | undefined;
  enabledRulePacks: SettingValue<'enabledRulePacks'> | undefined;
  orgPolicy: SettingValue<'orgPolicy'> | undefined;
}

/** Turns stored settings into engine options; `today` is passed in so this stays a pure function. */
export function optionsFromSettings(settings: AnalysisSettings, today: string): AnalysisOptions {
  const options: AnalysisOptions = { asOf: settings.asOfDate ?? today };
  if (settings.enabledRulePacks) {
    const enabled = new Set(settings.enabledRulePacks);
    options.rulePacks = DEFAULT_RULE_PACKS.filter((p) => enabled.has(p.id));
  }
  const policy: OrgPolicy = {};
  if (settings.orgPolicy?.minSupportYears != null) policy.minSupportYears = settings.orgPolicy.minSupportYears;
  if (settings.orgPolicy?.minSpareYears != null) policy.minSpareYears = settings.orgPolicy.minSpareYears;
  if (policy.minSupportYears !== undefined || policy.minSpareYears !== undefined) options.policy = policy;
  return options;
}

const AnalysisContext = createContext<AnalysisState | null>(null);

export interface AnalysisProviderProps {
  children: ReactNode;
  /** Quiet period after the last change before recomputing. */
  debounceMs?: number;
  /** Portfolios with more components than this are analysed in a worker. */
  workerThreshold?: number;
  /** Tests inject a runner; the default starts the real worker (null where Workers do not exist). */
  createWorker?: () => WorkerRunner | null;
}

export const DEFAULT_DEBOUNCE_MS = 200;

async function readSetting<K extends 'asOfDate' | 'enabledRulePacks' | 'orgPolicy'>(db: Parameters<typeof getSetting>[0], key: K) {
  // A failure to read a setting must not take the whole app down: analyse with the default and say so.
  return getSetting(db, key).catch((error: unknown) => {
    useUiStore.getState().pushNotice({ kind: 'warning', message: `Could not read the setting "${key}"; the default is used.`, detail: describeError(error) });
    return undefined;
  });
}

async function readAnalysisSettings(db: Parameters<typeof getSetting>[0]): Promise<AnalysisSettings> {
  const [asOfDate, enabledRulePacks, orgPolicy] = await Promise.all([
    readSetting(db, 'asOfDate'),
    readSetting(db, 'enabledRulePacks'),
    readSetting(db, 'orgPolicy'),
  ]);
  return { asOfDate, enabledRulePacks, orgPolicy };
}

export function AnalysisProvider({ children, debounceMs = DEFAULT_DEBOUNCE_MS, workerThreshold = WORKER_THRESHOLD, createWorker = createWorkerRunner }: AnalysisProviderProps) {
  const db = useDb();
  // Kept up to date by re-reading only what a write changed (portfolio-store.ts).
  const portfolio = useLivePortfolio(db);
  const settings = useLiveQuery(() => readAnalysisSettings(db), [db]);

  const settingsKey = settings ? JSON.stringify(settings) : null;
  const options = useMemo<AnalysisOptions>(
    () => optionsFromSettings(settingsKey ? (JSON.parse(settingsKey) as AnalysisSettings) : { asOfDate: undefined, enabledRulePacks: undefined, orgPolicy: undefined }, todayIso()),
    [settingsKey],
  );

  const [output, setOutput] = useState<AnalysisOutput | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const schedulerRef = useRef<AnalysisScheduler<AnalysisInput> | null>(null);
  const hasOutput = useRef(false);
  /** The worker started at once for a large workspace, until its first run. */
  const preloaded = useRef<WorkerRunner | null>(null);
  /** The options from the stored settings, once they are read. */
  const knownOptions = useRef<AnalysisOptions | null>(null);

  useEffect(() => {
    let worker: WorkerRunner | null | undefined;
    let disposed = false;
    // A large workspace starts its worker now, so that the worker's start and its own read of
    // the portfolio overlap the page's read instead of following it.
    db.products.count().then(
      (n) => {
        if (disposed || worker !== undefined || n < PRELOAD_MIN_PRODUCTS) return;
        worker = createWorker();
        worker?.preload?.(db.name);
        preloaded.current = worker;
        if (knownOptions.current) worker?.warm?.(knownOptions.current);
      },
      () => undefined,
    );
    const scheduler = createScheduler<AnalysisInput, AnalysisOutput>({
      delayMs: debounceMs,
      runnerFor: (input) => {
        if (countComponents(input.portfolio) > workerThreshold) {
          if (worker === undefined) worker = createWorker();
          if (worker) return worker.run;
        }
        return syncRunner;
      },
      onResult: (o) => {
        hasOutput.current = true;
        setOutput(o);
        setError(null);
      },
      onError: (e) => {
        setError(describeError(e));
        useUiStore.getState().pushNotice({ kind: 'error', message: 'The findings could not be computed; the last computed findings are shown.', detail: describeError(e) });
      },
      onPending: setPending,
    });
    schedulerRef.current = scheduler;
    return () => {
      disposed = true;
      scheduler.dispose();
      worker?.terminate();
      preloaded.current = null;
      schedulerRef.current = null;
    };
  }, [db, debounceMs, workerThreshold, createWorker]);

  // Once the settings are known, the started worker analyses what it read with them while the
  // page still reads its own copy: the first run then has only the changes since to analyse.
  const settingsKnown = settings !== undefined;
  useEffect(() => {
    if (!settingsKnown) return;
    knownOptions.current = options;
    if (!hasOutput.current) preloaded.current?.warm?.(options);
  }, [settingsKnown, options]);

  const ready = portfolio !== undefined && settings !== undefined;
  useEffect(() => {
    if (!ready || !schedulerRef.current) return;
    preloaded.current = null;
    // The first analysis runs at once: there is nothing to show until it is done.
    schedulerRef.current.schedule({ portfolio, options }, !hasOutput.current);
  }, [ready, portfolio, options]);

  const byProduct = useMemo(() => (output ? groupByProduct(output.findings) : new Map<string, DecidedFinding[]>()), [output]);
  const state = useMemo<AnalysisState>(() => {
    if (!portfolio || !output) {
      return { status: 'loading', portfolio: portfolio ?? null, options, result: null, findings: [], byProduct, pending, error };
    }
    return { status: 'ready', portfolio, options, result: output.result, findings: output.findings, byProduct, pending, error };
  }, [portfolio, options, output, byProduct, pending, error]);

  return <AnalysisContext.Provider value={state}>{children}</AnalysisContext.Provider>;
}

export function useAnalysis(): AnalysisState {
  const state = useContext(AnalysisContext);
  if (!state) throw new Error('useAnalysis() needs an <AnalysisProvider> above it');
  return state;
}
