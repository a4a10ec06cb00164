import type { Environment } from '../../../shared/domain';

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  consumer: 'Consumer',
  enterprise: 'Enterprise',
  industrial: 'Industrial',
  medical: 'Medical',
};

/** "name: a name is required" reads better as "Name: a name is required." next to a form. */
export function humanIssue(issue: string): string {
  const text = issue.charAt(0).toUpperCase() + issue.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
