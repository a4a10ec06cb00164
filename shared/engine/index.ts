/** The lifecycle engine: pure functions of (data, as-of date, rule packs, policy). */
export { FINDING_KINDS, SEVERITIES, KIND_SEVERITY, KIND_INFO, POLICY_PROVISION, POLICY_SEVERITY, severityOf, severityRank } from './finding-kinds';
export type { Finding, FindingKind, Severity, KindInfo } from './finding-kinds';
export type { OrgPolicy, AnalysisOptions } from './context';
export { DEFAULT_RULE_PACKS, PACK_IDS, rulePackSchema, findPack, derivePack } from './rule-packs';
export type { RulePack, Provision, CategoryRule } from './rule-packs';
export { analyzePortfolio, analyzeProduct, useEnd } from './analyze';
export type { AnalysisResult } from './analyze';
export { MISSING_FIELDS } from './rules/emitter';
export { applyDecisions } from './decisions';
export type { DecidedFinding, FindingStatus } from './decisions';
export { planSupportPeriod } from './planner';
export type { SupportPlan, SupportRequirement, SupportBlocker } from './planner';
export { forecastFleet, weibullScaleForMedian, weibullSurvival, WEIBULL_SHAPE } from './forecast';
export type { FleetForecast, FleetYear, ForecastOptions } from './forecast';
