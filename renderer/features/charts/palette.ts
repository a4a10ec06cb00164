/**
 * Okabe-Ito colours (Okabe & Ito, "Color Universal Design", 2008): eight hues
 * that stay distinct for protanopia, deuteranopia and tritanopia. The charts
 * refer to them through CSS custom properties (charts.css) so the light and
 * dark themes can retune contrast; these constants are the single source of
 * the hex values and of which meaning gets which hue.
 */
import type { Severity } from '../../../shared/engine';
import type { TimelineGroup, WorstSeverity } from '../../../shared/charts';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** CSS custom property names used by the charts. */
export const CHART_VARS = {
  fg: '--chart-fg',
  muted: '--chart-muted',
  bg: '--chart-bg',
  grid: '--chart-grid',
  group: { it: '--chart-it', ecosystem: '--chart-ecosystem', mechanical: '--chart-mechanical' } satisfies Record<TimelineGroup, string>,
  spare: '--chart-spare',
  blocker: '--chart-blocker',
  mismatch: '--chart-mismatch',
  severity: { high: '--chart-sev-high', medium: '--chart-sev-medium', low: '--chart-sev-low', none: '--chart-sev-none' } satisfies Record<WorstSeverity, string>,
  unknown: '--chart-unknown',
  supported: '--chart-supported',
  withoutSupport: '--chart-without',
  whatIf: '--chart-whatif',
  /** Outline that gives low-contrast fills (orange, sky blue on white) a 3:1 edge. */
  edge: '--chart-edge',
} as const;

export function cssVar(name: string): string {
  return `var(${name})`;
}

export const SEVERITY_LABEL: Record<WorstSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low', none: 'No findings' };

export function severityColor(s: WorstSeverity | Severity): string {
  return cssVar(CHART_VARS.severity[s]);
}

export function groupColor(g: TimelineGroup): string {
  return cssVar(CHART_VARS.group[g]);
}
