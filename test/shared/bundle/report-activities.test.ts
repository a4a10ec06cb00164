import { describe, expect, it } from 'vitest';
import { createBundle, readBundle } from '../../../shared/bundle';
import { renderActivitiesSection } from '../../../shared/bundle/report-activities';
import { activityRecordSchema, emptyActivityRecord } from '../../../shared/obligations/activities';
import { vulnerabilityRecordSchema } from '../../../shared/obligations/vulnerabilities';
import { analyzePortfolio } from '../../../shared/engine';
import { sampleInput, samplePortfolio } from '../../fixtures/bundles/sample';

const ASOF = '2026-10-25';

function data() {
  return {
    activityRecords: [
      activityRecordSchema.parse({ ...emptyActivityRecord('p-thermo', 'A5'), status: 'done', owner: 'Ana <b>Lima</b>', evidence: [{ kind: 'link', ref: 'https://example.com/plan?a=1&b=2', label: '' }], signOff: { name: 'Rui', date: '2026-10-20' }, notes: '<script>alert(1)</script>' }),
    ],
    vulnerabilities: [
      vulnerabilityRecordSchema.parse({ id: 'v1', kind: 'exploited-vulnerability', title: 'Overflow <img src=x onerror=alert(1)>', identifier: 'CVE-2026-12345', productIds: ['p-thermo'], knownAt: '2026-10-24T23:30:00Z', reports: { 'early-warning': { sentAt: '2026-10-25T10:00:00Z', reference: 'EW-1' } } }),
    ],
    communicationPlans: [],
  };
}

describe('report.html shows the activities and the vulnerability records', () => {
  it('heads each activity "Activity 0" … "Activity 8" with status, owner, evidence, findings and sign-off, all escaped', async () => {
    const portfolio = samplePortfolio();
    const findings = analyzePortfolio(portfolio, { asOf: ASOF }).findings;
    const html = renderActivitiesSection(portfolio, data(), findings, ASOF);
    for (let n = 0; n <= 8; n++) expect(html).toContain(`<h4>Activity ${n}: `);
    expect(html.match(/<h4>Activity 5: /g)).toHaveLength(portfolio.products.length);
    // The thermostat, which has records, comes first.
    expect(html.indexOf('<h3>Thermostat T1</h3>')).toBeLessThan(html.indexOf('<h3>Gateway G9</h3>'));
    const thermo = html.slice(html.indexOf('<h3>Thermostat T1</h3>'), html.indexOf('<h3>', html.indexOf('<h3>Thermostat T1</h3>') + 5));
    expect(thermo).toContain('<dt>Status</dt><dd>Done');
    expect(thermo).toContain('Ana &lt;b&gt;Lima&lt;/b&gt;');
    expect(thermo).toContain('<code>https://example.com/plan?a=1&amp;b=2</code>');
    expect(thermo).toContain('Support ends before use ends (open)');
    expect(thermo).toContain('Rui, 2026-10-20');
    expect(thermo).toContain('Activity 5 cannot be done while 2 high findings are open on it');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h2>Vulnerabilities and incidents (CRA Art 14)</h2>');
    expect(html).toContain('Overflow &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('Early warning (24 h): 2026-10-25 23:30 UTC; sent 2026-10-25 10:00 UTC, reference EW-1');
    expect(html).toContain('Notification (72 h): 2026-10-27 23:30 UTC; 1 d 23 h left');
    expect(html).toContain('Final report: 14 days after a fix is available (no fix yet); waiting');
  });

  it('is part of the bundle’s report.html; a bundle without records still lists the activities, without the vulnerability section', async () => {
    const bytes = await createBundle({ ...(await sampleInput()), obligations: data() });
    const r = await readBundle(bytes);
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.reportHtml).toContain('<h2>Activities (NIST IR 8259r1)</h2>');
    expect(r.bundle.reportHtml).toContain('<h4>Activity 8: ');
    expect(r.bundle.reportHtml).toContain('CVE-2026-12345');
    const empty = await readBundle(await createBundle(await sampleInput()));
    if (!empty.ok) throw new Error(empty.error);
    expect(empty.bundle.reportHtml).toContain('0 activity records for 0 products.');
    expect(empty.bundle.reportHtml).not.toContain('CRA Art 14)</h2>');
  });

  it('shows a bounded number of products in full', () => {
    const portfolio = samplePortfolio();
    const html = renderActivitiesSection(portfolio, data(), [], ASOF, 1);
    expect(html.match(/<h3>/g)).toHaveLength(1);
    expect(html).toContain('2 more products not shown here; their records are in data/activities.json and in the app.');
  });
});
