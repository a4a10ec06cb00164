/** The distinction NIST IR 8259r1 draws (consumer IoT, enterprise IT, industrial OT/IIoT, medical), defined once in the domain. */
export { ENVIRONMENT_LABELS } from '../../../shared/domain';

/** "name: a name is required" reads better as "Name: a name is required." next to a form. */
export function humanIssue(issue: string): string {
  const text = issue.charAt(0).toUpperCase() + issue.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
