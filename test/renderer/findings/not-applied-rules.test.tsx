/** Beside the finding filters: the rules that did not apply, with the provision that excludes them, narrowed by the kind filter. */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { productLineSchema, productSchema } from '../../../shared/domain';
import { analyzePortfolio } from '../../../shared/engine';
import { FindingFilterBar } from '../../../renderer/features/findings/finding-filter-bar';
import type { FindingFilter } from '../../../renderer/features/findings/finding-filters';

const line = productLineSchema.parse({ id: 'l', name: 'Clinic', environment: 'medical' });
const pump = productSchema.parse({ id: 'p', lineId: 'l', name: 'Infusion pump', category: 'other', markets: ['DE', 'GB'], sectorRegulation: 'mdr', declaredSupportEnd: '2030-01', expectedUseYears: 8, lastPlacedOnMarket: '2028-01-01' });
const result = analyzePortfolio({ lines: [line], products: [pump], decisions: [] }, { asOf: '2026-01-15' });
const filter = (kind: FindingFilter['kind']): FindingFilter => ({ severity: 'all', kind, status: 'all', search: '' });

describe('rules that did not apply, beside the finding filters', () => {
  it('lists each with the product and the excluding provision', () => {
    render(<FindingFilterBar filter={filter('all')} onChange={() => undefined} shown={0} total={0} notApplied={result.products} />);
    const box = screen.getByTestId('not-applied-rules');
    fireEvent.click(box.querySelector('summary')!);
    expect(box.querySelector('summary')!.textContent).toBe('2 rules did not apply');
    expect(box.textContent).toMatch(/Infusion pump: EU Cyber Resilience Act, governed by a sector regulation the CRA excludes: Medical devices, EU MDR 2017\/745 \(EU 2024\/2847 Art 2\(2\)\(a\)\)/);
    expect(box.textContent).toMatch(/UK PSTI security requirements, a medical device .* \(UK SI 2023\/1007 Sch 3\)/);
  });

  it('narrows to the rules that would have raised the filtered kind, and disappears when none would', () => {
    const { rerender } = render(<FindingFilterBar filter={filter('legal-min-support')} onChange={() => undefined} shown={0} total={0} notApplied={result.products} />);
    expect(screen.getByTestId('not-applied-rules').querySelector('summary')!.textContent).toBe('1 rule did not apply for “Support shorter than the legal minimum”');
    rerender(<FindingFilterBar filter={filter('spare-gap')} onChange={() => undefined} shown={0} total={0} notApplied={result.products} />);
    expect(screen.queryByTestId('not-applied-rules')).toBeNull();
  });
});
