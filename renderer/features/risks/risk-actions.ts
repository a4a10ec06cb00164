/**
 * What the risk screens can change, as functions bound to the open database.
 * The screens take them as props so the same components work with the real
 * repositories (useRiskActions) and stay free of database code.
 */
import type { Control, Stride, UserThreat } from '../../../shared/risk';
import type { RiskAssessmentInput } from '../../db/repositories/risks';

/** What an assessment edit carries: the repository's own input. */
export type AssessmentInput = RiskAssessmentInput;

export interface RiskActions {
  saveAssessment(input: AssessmentInput): Promise<unknown>;
  addRisk(input: { productId: string; componentId: string | null; threatId: string }): Promise<string>;
  deleteRisk(id: string): Promise<unknown>;
  /** Creates (no id) or updates a control; resolves to its id. */
  putControl(control: Partial<Control> & { title: string }): Promise<string>;
  linkControl(controlId: string, riskId: string): Promise<unknown>;
  unlinkControl(controlId: string, riskId: string): Promise<unknown>;
  deleteControl(id: string): Promise<unknown>;
  putUserThreat(threat: UserThreat): Promise<unknown>;
  deleteUserThreat(id: string): Promise<unknown>;
  setThreatStride(threatId: string, stride: Stride[]): Promise<unknown>;
  setProductProperty(input: { productId: string; propertyId: string; state: 'confirmed' | 'rejected' | null }): Promise<unknown>;
}

/** A failed write in the user's words: the repository's message, without a stack. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
