/** The risk actions bound to the open database: every edit goes through the risk repository (undoable, in the change log). */
import { useMemo } from 'react';
import { useDb } from '../../db/db-context';
import {
  addUserRisk, deleteControl, deleteRisk, deleteUserThreat, linkControl, putControl, putUserThreat, saveRiskAssessment,
  setProductProperty, setThreatStride, unlinkControl,
} from '../../db/repositories/risks';
import type { RiskActions } from './risk-actions';

export function useRiskActions(by = ''): RiskActions {
  const db = useDb();
  return useMemo<RiskActions>(() => ({
    saveAssessment: (input) => saveRiskAssessment(db, input),
    addRisk: async (input) => (await addUserRisk(db, input)).id,
    deleteRisk: (id) => deleteRisk(db, id),
    putControl: async (control) => (await putControl(db, control)).id,
    linkControl: (controlId, riskId) => linkControl(db, controlId, riskId),
    unlinkControl: (controlId, riskId) => unlinkControl(db, controlId, riskId),
    deleteControl: (id) => deleteControl(db, id),
    putUserThreat: (threat) => putUserThreat(db, threat),
    deleteUserThreat: (id) => deleteUserThreat(db, id),
    setThreatStride: (threatId, stride) => setThreatStride(db, threatId, stride),
    setProductProperty: (input) => setProductProperty(db, { ...input, by }),
  }), [db, by]);
}
