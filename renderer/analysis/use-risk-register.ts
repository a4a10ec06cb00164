/**
 * The live risk register: lines, products, the register's tables and the
 * analysis settings are read with live queries and the pure engine
 * (shared/risk/register.ts) builds the register for the as-of date, rule packs
 * and policy the Findings screen uses (analysis-context.tsx), so a risk's
 * finding keys are the findings shown there. Nothing here is stored.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { todayIso, type Portfolio } from '../../shared/domain';
import { buildRegister, reconcileRiskData, type RegisterResult, type RiskRegisterData } from '../../shared/risk';
import { useDb } from '../db/db-context';
import type { SupportspanDb } from '../db/database';
import { getSetting } from '../db/repositories/settings';
import { loadRiskRegisterData } from '../db/repositories/risks';
import { optionsFromSettings, type AnalysisSettings } from './analysis-context';

/** The register's stored data (user threats, tags, answers, assessments, controls, method); undefined while loading. */
export function useRiskRegisterData(): RiskRegisterData | undefined {
  const db = useDb();
  return useLiveQuery(() => loadRiskRegisterData(db), [db]);
}

export interface RiskRegisterState {
  result: RegisterResult | undefined;
  /** Why the register could not be built (the data is kept as it is); null when it was. */
  error: string | null;
}

interface RegisterInput {
  portfolio: Portfolio;
  data: RiskRegisterData;
  settings: AnalysisSettings;
}

/** What the register is built from, read together (inside a live query it re-runs on any change of these tables). */
async function readRegisterInput(db: SupportspanDb): Promise<RegisterInput> {
  const [lines, products, data, asOfDate, enabledRulePacks, orgPolicy] = await Promise.all([
    db.lines.toArray(),
    db.products.toArray(),
    loadRiskRegisterData(db),
    getSetting(db, 'asOfDate').catch(() => undefined),
    getSetting(db, 'enabledRulePacks').catch(() => undefined),
    getSetting(db, 'orgPolicy').catch(() => undefined),
  ]);
  return { portfolio: { lines, products, decisions: [] }, data, settings: { asOfDate, enabledRulePacks, orgPolicy } };
}

/** Builds the register with the options the Findings screen uses; throws RangeError for a bad as-of date or inconsistent data. */
function registerOf(input: RegisterInput, asOf: string | undefined): RegisterResult {
  const options = optionsFromSettings(input.settings, todayIso());
  return buildRegister(input.portfolio, reconcileRiskData(input.data, input.portfolio), {
    asOf: asOf ?? options.asOf,
    ...(options.rulePacks ? { rulePacks: options.rulePacks } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
}

/** The register as it is now, outside React (exports). */
export async function computeRiskRegister(db: SupportspanDb, asOf?: string): Promise<RegisterResult> {
  return registerOf(await readRegisterInput(db), asOf);
}

/** The register with its error, for screens that show why it is missing. */
export function useRiskRegisterState(asOf?: string): RiskRegisterState {
  const db = useDb();
  const input = useLiveQuery(() => readRegisterInput(db), [db]);
  return useMemo<RiskRegisterState>(() => {
    if (!input) return { result: undefined, error: null };
    try {
      return { result: registerOf(input, asOf), error: null };
    } catch (error) {
      return { result: undefined, error: error instanceof Error ? error.message : String(error) };
    }
  }, [input, asOf]);
}

/** The live register for `asOf` (default: the app's as-of date); undefined while loading or when it cannot be built. */
export function useRiskRegister(asOf?: string): RegisterResult | undefined {
  return useRiskRegisterState(asOf).result;
}
