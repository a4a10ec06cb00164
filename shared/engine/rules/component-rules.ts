/**
 * Component-level rules: supplier support, updatability and certificates for IT
 * components; wear-out, replaceability, spare parts and repair information for
 * parts; the batteries rule. Per-product inputs are computed once in
 * `componentSetup` so that the per-component work is comparisons only.
 */
import { addYears, isEcosystemRole, ON_SHUTDOWN_LABELS } from '../../domain';
import type { Component, DayNumber } from '../../domain';
import type { CompiledPartRule } from '../context';
import { POLICY_PROVISION } from '../finding-kinds';
import { PART_LIST_LABELS } from '../rule-packs';
import { placedFrom, placingRef } from '../product-facts';
import type { Emitter } from './emitter';

export interface ComponentSetup {
  /** What component support must reach: the declared support end, else use end. */
  target: DayNumber | null;
  targetText: string;
  eco: {
    min: DayNumber;
    ref: DayNumber;
    years: number;
    provision: string;
    /** Role -> listed part; null = no per-part list (every replaceable part owes `years`). */
    parts: Map<string, CompiledPartRule> | null;
  } | null;
  policySpare: { min: DayNumber; years: number } | null;
  battery: boolean;
}

export function componentSetup(e: Emitter): ComponentSetup {
  const { ctx, f } = e;
  const target = f.declared ?? f.useEnd;
  const targetText = target === null ? '' : f.declared !== null ? `the declared support end ${e.iso(target)}` : `the use end ${e.iso(target)} (no support end is declared)`;
  let eco: ComponentSetup['eco'] = null;
  const rule = f.scope.ecodesign && ctx.ecodesign ? ctx.ecodesign.get(f.product.category) : undefined;
  if (rule && placedFrom(f, rule.from)) {
    const ref = placingRef(f, rule.from);
    eco = { min: addYears(ref, rule.years), ref, years: rule.years, provision: rule.provision, parts: rule.parts };
  }
  const py = ctx.policy.minSpareYears;
  return {
    target,
    targetText,
    eco,
    policySpare: py === null ? null : { min: addYears(f.lastEff, py), years: py },
    battery: ctx.batteries !== null && f.scope.batteries && placedFrom(f, ctx.batteries.from),
  };
}

export function componentRules(e: Emitter, s: ComponentSetup, c: Component): void {
  const { ctx, f } = e;
  const pname = f.product.name;
  let missingReplaceable = false;
  // A part the ecodesign list names owes its spare parts whatever its declared replaceability.
  const listed = s.eco !== null && s.eco.parts !== null ? s.eco.parts.get(c.role) ?? null : null;

  if (c.class === 'it') {
    if (c.role === 'certificate') {
      if (c.expires === null) e.missing(c, 'component.expires');
      else if (s.target !== null) {
        const exp = ctx.day(c.expires, c.id, 'expires');
        if (exp < s.target) {
          e.emit('certificate-expiry', c, {
            gapDays: s.target - exp,
            message: `Certificate ${c.name} in ${pname} expires ${e.iso(exp)}, before ${s.targetText}.`,
            dates: f.declared !== null ? { expires: e.iso(exp), supportEnd: e.iso(s.target) } : { expires: e.iso(exp), useEnd: e.iso(s.target) },
          });
        }
      }
    } else {
      if (c.core === null) e.missing(c, 'component.core');
      let coreGap = false;
      const ecosystem = isEcosystemRole(c.role);
      if (c.core !== false || ecosystem) {
        if (c.securitySupportEnd === null) e.missing(c, 'component.securitySupportEnd');
        else if (c.core === true && s.target !== null) {
          const end = ctx.day(c.securitySupportEnd, c.id, 'securitySupportEnd');
          if (end < s.target) {
            coreGap = true;
            e.emit('component-support-gap', c, {
              gapDays: s.target - end,
              message: `Core component ${c.name} (${c.role}${c.supplier ? `, ${c.supplier}` : ''}) in ${pname} gets security support until ${e.iso(end)}, before ${s.targetText}.`,
              dates: f.declared !== null ? { componentSupportEnd: e.iso(end), supportEnd: e.iso(s.target) } : { componentSupportEnd: e.iso(end), useEnd: e.iso(s.target) },
            });
          }
        }
      }
      // What component-support-gap does not report: non-core services, and ends between the declared end and the use end.
      if (ecosystem && !coreGap && c.securitySupportEnd !== null && f.useEnd !== null) {
        const end = ctx.day(c.securitySupportEnd, c.id, 'securitySupportEnd');
        if (end < f.useEnd) {
          // Records stored before the field existed have none (undefined): not recorded.
          const onShutdown = c.onShutdown ?? null;
          const what = onShutdown === null
            ? 'what the device does then is not recorded (on shutdown)'
            : `when it ends the ${ON_SHUTDOWN_LABELS[onShutdown]}`;
          e.emit('ecosystem-end-before-use', c, {
            gapDays: f.useEnd - end,
            message: `${c.name} (${c.role}${c.supplier ? `, ${c.supplier}` : ''}${c.core === true ? ', core' : c.core === false ? ', not core' : ''}) serving ${pname} ends ${e.iso(end)}, before units stop being used ${e.iso(f.useEnd)}; ${what}.`,
            dates: { serviceEnd: e.iso(end), useEnd: e.iso(f.useEnd) },
          });
        }
      }
      if (c.role === 'ai-model') aiModelRules(e, s, c);
      if (ctx.updatableRoles !== null && ctx.updatableRoles.has(c.role)) {
        if (c.updateMechanism === null) e.missing(c, 'component.updateMechanism');
        else if (c.updateMechanism === 'none') {
          e.emit('no-update-mechanism', c, {
            gapDays: null,
            message: `${c.name} (${c.role}) in ${pname} has no update mechanism, so a vulnerability found after ${ctx.asOf} cannot be fixed in the field.`,
            dates: ctx.asOfDates,
          });
        }
      }
    }
  } else {
    if (c.expectedLifeYears === null) e.missing(c, 'component.expectedLifeYears');
    else if (f.useYears !== null && f.useEnd !== null && c.expectedLifeYears < f.useYears) {
      const useEndIso = e.iso(f.useEnd);
      if (c.fieldReplaceable === null) {
        e.missing(c, 'component.fieldReplaceable');
        missingReplaceable = true;
      } else if (c.fieldReplaceable === 'no' && listed !== null) {
        // Reported as the high legal finding below, never as the softer wear-part one.
      } else if (c.fieldReplaceable === 'no') {
        const wearEnd = addYears(f.lastEff, c.expectedLifeYears);
        e.emit('not-field-replaceable', c, {
          gapDays: f.useEnd - wearEnd,
          message: `${c.name} in ${pname} wears out after ${c.expectedLifeYears} years (by ${e.iso(wearEnd)} for the last unit placed), before use ends ${useEndIso}, and cannot be replaced in the field.`,
          dates: { wearOut: e.iso(wearEnd), useEnd: useEndIso },
        });
      } else {
        const spare = c.sparePartsUntil === null ? null : ctx.day(c.sparePartsUntil, c.id, 'sparePartsUntil');
        if (spare === null || spare < f.useEnd) {
          e.emit('spare-gap', c, {
            gapDays: spare === null ? null : f.useEnd - spare,
            message: spare === null
              ? `No spare parts are committed for ${c.name} in ${pname}, a wear part (${c.expectedLifeYears} years) needed until use ends ${useEndIso}.`
              : `Spare parts for ${c.name} in ${pname} are committed until ${e.iso(spare)}, before use ends ${useEndIso}.`,
            dates: spare === null ? { useEnd: useEndIso } : { sparePartsUntil: e.iso(spare), useEnd: useEndIso },
          });
        }
      }
    }
    // Ecodesign spare-part duties are about physical parts; an IT component counts only once declared replaceable.
    if (c.fieldReplaceable === null && s.eco !== null && !missingReplaceable) {
      e.missing(c, 'component.fieldReplaceable');
      missingReplaceable = true;
    }
  }

  const replaceable = c.fieldReplaceable === 'user' || c.fieldReplaceable === 'professional';
  if (replaceable) {
    if (c.repairDocs === null) e.missing(c, 'component.repairDocs');
    else if (c.repairDocs === false) {
      e.emit('no-repair-info', c, {
        gapDays: null,
        message: `${c.name} in ${pname} is replaceable by ${c.fieldReplaceable === 'user' ? 'the user' : 'a professional'} but has no repair documentation as of ${ctx.asOf}.`,
        dates: ctx.asOfDates,
      });
    }
  }
  // With a per-part list only listed parts are owed; without one, every replaceable part is.
  const ecoDue = s.eco !== null && (s.eco.parts === null ? replaceable : listed !== null);
  if (ecoDue || (replaceable && s.policySpare !== null)) {
    const spare = c.sparePartsUntil === null ? null : ctx.day(c.sparePartsUntil, c.id, 'sparePartsUntil');
    const spareIso = spare === null ? null : e.iso(spare);
    let legal = false;
    if (ecoDue) {
      const eco = s.eco!;
      const years = listed?.years ?? eco.years;
      const min = listed === null ? eco.min : addYears(eco.ref, years);
      const minIso = e.iso(min);
      const basis = `${e.placing(eco.ref)} + ${years} years`;
      const part = listed === null ? '' : ` (${listed.part}, on the list for ${PART_LIST_LABELS[listed.list]})`;
      if (spare === null || spare < min) {
        legal = true;
        e.emit('legal-min-spares', c, {
          gapDays: spare === null ? null : min - spare,
          provisions: [eco.provision],
          message: spare === null
            ? `No spare parts are committed for ${c.name}${part} in ${pname}, although the ecodesign minimum runs until ${minIso} (${basis}).`
            : `Spare parts for ${c.name}${part} in ${pname} end ${spareIso}, before the ecodesign minimum ${minIso} (${basis}).`,
          dates: spareIso === null ? { legalMinimumEnd: minIso, lastPlacedOnMarket: e.iso(eco.ref) } : { sparePartsUntil: spareIso, legalMinimumEnd: minIso, lastPlacedOnMarket: e.iso(eco.ref) },
        });
      }
      if (listed !== null && c.fieldReplaceable === 'no') {
        e.emit('legal-min-spares', c, {
          gapDays: null,
          detail: 'not-replaceable',
          field: 'component.fieldReplaceable',
          provisions: [eco.provision],
          remediation: 'Make the part replaceable by the people the list names, with the spare parts available until the minimum.',
          message: `${c.name} in ${pname} is declared not replaceable, although the ecodesign list for ${PART_LIST_LABELS[listed.list]} names it (${listed.part}): its spare parts are owed until ${minIso} (${basis}) and must be fittable.`,
          dates: { legalMinimumEnd: minIso, lastPlacedOnMarket: e.iso(eco.ref) },
        });
      }
    }
    if (replaceable && !legal && s.policySpare !== null && (spare === null || spare < s.policySpare.min)) {
      const minIso = e.iso(s.policySpare.min);
      e.emit('legal-min-spares', c, {
        gapDays: spare === null ? null : s.policySpare.min - spare,
        detail: 'policy',
        fromPolicy: true,
        provisions: [`${POLICY_PROVISION}: spare parts for at least ${s.policySpare.years} years`],
        remediation: 'Commit to spare parts until the organisation minimum, or record an accepted exception with its rationale.',
        message: spare === null
          ? `No spare parts are committed for ${c.name} in ${pname}, although the organisation minimum runs until ${minIso} (${e.placing()} + ${s.policySpare.years} years).`
          : `Spare parts for ${c.name} in ${pname} end ${spareIso}, before the organisation minimum ${minIso} (${e.placing()} + ${s.policySpare.years} years).`,
        dates: spareIso === null ? { policyMinimumEnd: minIso, lastPlacedOnMarket: e.iso(f.lastEff) } : { sparePartsUntil: spareIso, policyMinimumEnd: minIso, lastPlacedOnMarket: e.iso(f.lastEff) },
      });
    }
  }

  if (s.battery && ctx.batteries!.roles.has(c.role)) {
    if (c.fieldReplaceable === null) {
      if (!missingReplaceable) e.missing(c, 'component.fieldReplaceable');
    } else if (c.fieldReplaceable !== 'user') {
      const from = e.iso(ctx.batteries!.from);
      e.emit('battery-not-replaceable', c, {
        gapDays: null,
        message: `Battery ${c.name} in ${pname} is not replaceable by the user, although units are placed on the EU market on or after ${from} (${e.placing()}).`,
        dates: { batteriesFrom: from, lastPlacedOnMarket: e.iso(f.lastEff) },
      });
    }
  }
}

/**
 * An AI model must stay current: it needs an update (retraining) path, and the
 * runtime it depends on must be supported as long as the model must be.
 */
function aiModelRules(e: Emitter, s: ComponentSetup, c: Component): void {
  const { ctx, f } = e;
  const pname = f.product.name;
  const cadence = c.retrainingCadenceMonths === undefined ? '' : ` (planned retraining every ${c.retrainingCadenceMonths} months)`;
  if (c.updateMechanism === 'none') {
    e.emit('ai-model-not-updatable', c, {
      gapDays: null,
      detail: 'no-update',
      message: `AI model ${c.name} in ${pname} cannot be updated or retrained in the field${cadence}, so a poisoned, evaded or outdated model stays on every unit.`,
      dates: ctx.asOfDates,
    });
  }
  if (s.target === null) return;
  const byId = new Map(f.product.components.map((x) => [x.id, x]));
  for (const depId of c.dependsOn ?? []) {
    const dep = byId.get(depId);
    if (dep === undefined || dep.role !== 'ai-runtime' || dep.securitySupportEnd === null) continue;
    const end = ctx.day(dep.securitySupportEnd, dep.id, 'securitySupportEnd');
    if (end < s.target) {
      e.emit('ai-model-not-updatable', c, {
        gapDays: s.target - end,
        detail: `runtime-${dep.id}`,
        field: 'component.dependsOn',
        message: `AI model ${c.name} in ${pname} runs on ${dep.name}${dep.supplier ? ` (${dep.supplier})` : ''}, whose security support ends ${e.iso(end)}, before ${s.targetText}${cadence}.`,
        dates: f.declared !== null ? { runtimeSupportEnd: e.iso(end), supportEnd: e.iso(s.target) } : { runtimeSupportEnd: e.iso(end), useEnd: e.iso(s.target) },
      });
    }
  }
}
