/**
 * Where a rule pack's numbers rest on secondary or unverified sources (marked (s)
 * or (?) in the domain notes), the settings say so, so users check them before
 * relying on a finding.
 */
export const PACK_NOTES: Readonly<Record<string, string>> = {
  'eu-cra':
    'Counting the five years from the last unit placed on the market follows the Commission’s CRA FAQ as reported by secondary sources; check against the official guidance. The scope exclusions (Art 2(2)–(4)) are not yet checked against the official text.',
  'uk-psti': 'That a published support period may not be shortened, and the scope provisions (consumer products only, medical devices excepted), are from secondary sources.',
  'eu-ecodesign-spares':
    'Smartphones and tablets: the 7 years of spare parts and the 5 years of operating-system updates after the end of placing on the market (EU 2023/1670) are from secondary sources (the Commission’s summary); the per-part lists of the appliance regulations and the display exclusions are from secondary reading and marked uncertain until checked against the official texts.',
  'nist-ir-8259':
    'IR 8259r1 renumbers the activities (0–8); the identifiers here are those of IR 8259 (2020) and the revision’s numbering is unverified.',
};

export const POLICY_NOTE = 'These thresholds are your organisation’s choice, not law: the findings they raise are as reliable as the numbers you enter.';
