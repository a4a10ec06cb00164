import { describe, expect, it } from 'vitest';
import { analyzePortfolio, applyDecisions, FINDING_KINDS, KIND_INFO, planSupportPeriod } from '../../../shared/engine';
import { DEFAULT_RULE_PACKS, PACK_IDS } from '../../../shared/engine/rule-packs';
import { ACTIVITIES, ACTIVITY_2020_ALIASES, ACTIVITY_IDS, activityDefinition } from '../../../shared/obligations/activity-catalog';
import {
  activitiesOfFinding,
  activityForNistKey,
  activityForNistText,
  activityRecordSchema,
  activityReviewKey,
  emptyActivityRecord,
  evidenceList,
  KIND_ACTIVITIES,
  productActivities,
  statusProblem,
  type ActivityRecord,
} from '../../../shared/obligations/activities';
import { samplePortfolio } from '../../fixtures/bundles/sample';

const AS_OF = '2026-12-01';

function record(productId: string, activityId: ActivityRecord['activityId'], patch: Partial<ActivityRecord> = {}): ActivityRecord {
  return activityRecordSchema.parse({ ...emptyActivityRecord(productId, activityId), ...patch });
}

describe('the activity catalog', () => {
  it('has Activities 0 to 8 in order, pre-market 0-5 and post-market 6-8, none claimed verified', () => {
    expect(ACTIVITIES.map((a) => a.id)).toEqual([...ACTIVITY_IDS]);
    expect(ACTIVITIES.map((a) => a.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ACTIVITIES.filter((a) => a.phase === 'post-market').map((a) => a.id)).toEqual(['A6', 'A7', 'A8']);
    expect(ACTIVITIES.every((a) => a.title.trim() && a.description.trim())).toBe(true);
    expect(ACTIVITIES.some((a) => a.verified)).toBe(false);
  });

  it('the NIST rule pack reads its activity provisions from the catalog, r1 ids and 2020 aliases', () => {
    const nist = DEFAULT_RULE_PACKS.find((p) => p.id === PACK_IDS.nist)!;
    for (const a of ACTIVITIES) {
      expect(nist.provisions.find((p) => p.key === a.id)).toMatchObject({ id: `IR 8259r1 Activity ${a.number}`, title: a.title, verified: false });
    }
    for (const [key, to] of Object.entries(ACTIVITY_2020_ALIASES)) {
      expect(nist.provisions.find((p) => p.key === key)?.id).toBe(`IR 8259r1 Activity ${activityDefinition(to).number}`);
    }
  });
});

describe('the 2020 alias mapping', () => {
  it('maps the 2020 Activities 1-6 onto r1 (3 split into 3/4 with 4 carrying the capabilities; 4-6 shift)', () => {
    expect(Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [n, activityForNistKey(`activity-${n}`)]))).toEqual({ 1: 'A1', 2: 'A2', 3: 'A4', 4: 'A5', 5: 'A7', 6: 'A8' });
    expect(activityForNistKey('A6')).toBe('A6');
    expect(activityForNistKey('activity-7')).toBeNull();
    expect(activityForNistKey('software-update')).toBeNull();
  });

  it('reads citations as recorded in bundles: r1 texts and the 2020 texts of older bundles', () => {
    expect(activityForNistText('IR 8259r1 Activity 0')).toBe('A0');
    expect(activityForNistText('IR 8259r1 Activity 8')).toBe('A8');
    expect(activityForNistText('IR 8259 Activity 4')).toBe('A5');
    expect(activityForNistText('IR 8259 Activity 5')).toBe('A7');
    expect(activityForNistText('IR 8259 Activity 7')).toBeNull();
    expect(activityForNistText('IR 8259r1 Activity 9')).toBeNull();
    expect(activityForNistText('IR 8259A Software Update')).toBeNull();
  });

  it('a finding of a kind this version does not know lands through its recorded 2020 citation', () => {
    expect(activitiesOfFinding({ kind: 'retired-kind', nist: ['IR 8259 Activity 4', 'IR 8259 Activity 5', 'IR 8259B Documentation'] })).toEqual(['A5', 'A7']);
    expect(activitiesOfFinding({ kind: 'retired-kind' })).toEqual([]);
  });

  it('a kind that still cites a 2020 key lands on its r1 activity', () => {
    const kinds = FINDING_KINDS.filter((k) => KIND_INFO[k].nist.some((r) => /#activity-\d$/.test(r)));
    expect(kinds.length).toBeGreaterThan(0);
    for (const k of kinds) {
      for (const ref of KIND_INFO[k].nist.filter((r) => /#activity-\d$/.test(r))) {
        expect(KIND_ACTIVITIES[k]).toContain(ACTIVITY_2020_ALIASES[ref.split('#')[1]!]);
      }
    }
  });
});

describe('derivation of evidence from findings', () => {
  it('every finding kind lands on at least one activity (so every high finding does)', () => {
    for (const k of FINDING_KINDS) {
      expect(KIND_ACTIVITIES[k].length, `${k} lands on no activity`).toBeGreaterThan(0);
      expect(activitiesOfFinding({ kind: k })).toEqual([...KIND_ACTIVITIES[k]]);
    }
  });

  it('every high finding of the sample portfolio appears on an activity of its product, and no finding on another product', () => {
    const portfolio = samplePortfolio();
    const result = analyzePortfolio(portfolio, { asOf: AS_OF });
    const highs = result.findings.filter((f) => f.severity === 'high');
    expect(highs.length).toBeGreaterThanOrEqual(3);
    for (const p of portfolio.products) {
      const acts = productActivities({ productId: p.id, records: [], findings: result.findings });
      const derivedKeys = new Set(acts.flatMap((a) => a.derived.map((d) => d.key)));
      for (const f of result.findings.filter((x) => x.productId === p.id)) expect(derivedKeys.has(f.key), f.key).toBe(true);
      for (const f of result.findings.filter((x) => x.productId !== p.id)) expect(derivedKeys.has(f.key)).toBe(false);
      for (const a of acts) for (const d of a.derived) expect(KIND_ACTIVITIES[d.kind as keyof typeof KIND_ACTIVITIES]).toContain(a.id);
    }
    const thermo = productActivities({ productId: 'p-thermo', records: [], findings: result.findings });
    const a5 = thermo.find((a) => a.id === 'A5')!;
    expect(a5.derived.map((d) => d.key)).toEqual(expect.arrayContaining(['support-ends-before-use:p-thermo:-', 'legal-min-support:p-thermo:-']));
    expect(a5.blockingFindings).toEqual(expect.arrayContaining(['support-ends-before-use:p-thermo:-', 'legal-min-support:p-thermo:-']));
    // Activity 0 (new in r1) has nothing in the lifecycle data bearing on it.
    expect(thermo.find((a) => a.id === 'A0')!.derived).toEqual([]);
  });

  it('puts the planner result on Activity 5 only, and names it as evidence', () => {
    const portfolio = samplePortfolio();
    const product = portfolio.products.find((p) => p.id === 'p-thermo')!;
    const plan = planSupportPeriod(product, portfolio.lines.find((l) => l.id === product.lineId)!, { asOf: AS_OF });
    const acts = productActivities({ productId: 'p-thermo', records: [], findings: [], plan });
    expect(acts.filter((a) => a.plan !== null).map((a) => a.id)).toEqual(['A5']);
    const a5 = acts.find((a) => a.id === 'A5')!;
    expect(a5.plan).toEqual({ key: 'plan:p-thermo', meetsPlan: plan.meetsPlan, recommendedEarliestEnd: plan.recommendedEarliestEnd, effectiveSupportEnd: plan.effectiveSupportEnd.end });
    expect(evidenceList(a5)).toEqual([{ kind: 'plan', ref: 'plan:p-thermo' }]);
    // Another product's plan does not land here.
    expect(productActivities({ productId: 'p-lock', records: [], findings: [], plan }).every((a) => a.plan === null)).toBe(true);
  });

  it('links risks: every risk to Activity 3, lifecycle risks also to Activity 6; recorded evidence first and no duplicate', () => {
    const risks = [
      { id: 'r-life', productId: 'p1', threat: { title: 'No updates after the end' }, level: 'high', status: 'open', lifecycle: true },
      { id: 'r-user', productId: 'p1', threat: { title: 'Cloned firmware' }, level: 'medium', status: 'open', lifecycle: false },
      { id: 'r-other', productId: 'p2', threat: { title: 'Elsewhere' }, level: 'low', status: 'open', lifecycle: false },
    ];
    const records = [record('p1', 'A3', { evidence: [{ kind: 'risk', ref: 'r-user', label: '' }, { kind: 'link', ref: 'https://example.com/tm', label: 'Threat model' }] })];
    const acts = productActivities({ productId: 'p1', records, findings: [], risks });
    const byId = Object.fromEntries(acts.map((a) => [a.id, a]));
    expect(byId.A3!.risks.map((r) => r.id)).toEqual(['r-life', 'r-user']);
    expect(byId.A6!.risks.map((r) => r.id)).toEqual(['r-life']);
    expect(acts.filter((a) => a.risks.length > 0).map((a) => a.id)).toEqual(['A3', 'A6']);
    expect(evidenceList(byId.A3!)).toEqual([
      { kind: 'risk', ref: 'r-user' },
      { kind: 'link', ref: 'https://example.com/tm' },
      { kind: 'risk', ref: 'r-life' },
    ]);
  });
});

describe('status rules', () => {
  const high = { key: 'support-ends-before-use:p1:-', severity: 'high' as const, status: 'open' as const };

  it('an open high finding keeps "done" from holding without a recorded reason', () => {
    const done = record('p1', 'A5', { status: 'done' });
    expect(statusProblem(done, [high])).toBe('Activity 5 cannot be done while a high finding is open on it (support-ends-before-use:p1:-) unless a reason is recorded.');
    expect(statusProblem({ ...done, reason: 'Extension agreed with the supplier, letter attached' }, [high])).toBeNull();
    expect(statusProblem({ ...done, reason: '   ' }, [high])).not.toBeNull();
  });

  it('settled (accepted, mitigated) and non-high findings do not hold it back; reopened ones do', () => {
    const done = record('p1', 'A5', { status: 'done' });
    expect(statusProblem(done, [{ ...high, status: 'accepted' }])).toBeNull();
    expect(statusProblem(done, [{ ...high, status: 'mitigated' }])).toBeNull();
    expect(statusProblem(done, [{ ...high, severity: 'medium' }])).toBeNull();
    expect(statusProblem(done, [{ ...high, status: 'reopened' }, { ...high, key: 'k2' }])).toMatch(/^Activity 5 cannot be done while 2 high findings are open on it \(support-ends-before-use:p1:-, k2\)/);
  });

  it('other statuses are never blocked; "not applicable" needs a reason', () => {
    for (const status of ['not-started', 'in-progress'] as const) expect(statusProblem(record('p1', 'A5', { status }), [high])).toBeNull();
    expect(statusProblem({ activityId: 'A2', status: 'not-applicable', reason: '' }, [])).toBe('Activity 2 is marked not applicable without a reason: say why it does not apply.');
    expect(statusProblem({ activityId: 'A2', status: 'not-applicable', reason: 'No customers outside the EU' }, [high])).toBeNull();
    const refused = activityRecordSchema.safeParse({ ...emptyActivityRecord('p1', 'A2'), status: 'not-applicable' });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]).toMatchObject({ path: ['reason'], message: 'an activity marked not applicable needs a reason' });
  });

  it('decided findings from the engine feed the rule: accepting the risk lets "done" hold', () => {
    const portfolio = samplePortfolio();
    const findings = analyzePortfolio(portfolio, { asOf: AS_OF }).findings;
    const records = [record('p-lock', 'A8', { status: 'done' })];
    const open = applyDecisions(findings, [], AS_OF);
    expect(productActivities({ productId: 'p-lock', records, findings: open }).find((a) => a.id === 'A8')!.statusProblem).toMatch(/support-end-undisclosed:p-lock:-/);
    const decided = applyDecisions(findings, [{ id: 'd1', findingKey: 'support-end-undisclosed:p-lock:-', productId: 'p-lock', type: 'accepted', rationale: 'Published next month', by: 'Ana', decidedAt: '2026-11-01T09:00:00Z', expires: '2027-06-30' }], AS_OF);
    expect(productActivities({ productId: 'p-lock', records, findings: decided }).find((a) => a.id === 'A8')!.statusProblem).toBeNull();
  });

  it('checks a record id against its product and activity; the review key follows the convention', () => {
    expect(activityRecordSchema.safeParse({ ...emptyActivityRecord('p1', 'A1'), id: 'p1:A2' }).success).toBe(false);
    expect(activityReviewKey('p1', 'A7')).toBe('activity:p1:A7');
  });

  it('refuses bad evidence: a link that is not a link, an empty reference', () => {
    const base = emptyActivityRecord('p1', 'A1');
    const bad = activityRecordSchema.safeParse({ ...base, evidence: [{ kind: 'link', ref: 'javascript:alert(1)' }, { kind: 'finding', ref: '  ' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['evidence.0.ref', 'evidence.1.ref']);
  });
});
