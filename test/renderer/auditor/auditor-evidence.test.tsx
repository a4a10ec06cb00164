import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SupportspanDb } from '../../../renderer/db/database';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { makeBundle, samplePortfolio, useBundlesScreenDb } from '../bundles/bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('evidence in the auditor workspace', () => {
  it('lists the bundle\'s evidence files with owner and full hash, and saves one byte for byte', async () => {
    const portfolio = samplePortfolio();
    const product = portfolio.products[0]!;
    const component = product.components[0]!;
    const letter = new TextEncoder().encode('<script>alert(1)</script> supplier letter');
    const report = new Uint8Array([1, 2, 3, 4, 5]);
    const built = await makeBundle({
      portfolio,
      edit: (input) => {
        input.evidence = [
          { ownerId: component.id, name: '<b>letter</b>.html', mediaType: 'text/html', bytes: letter },
          { ownerId: product.id, name: 'report.bin', mediaType: 'application/octet-stream', bytes: report },
        ];
      },
    });
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    platform.queueFile({ name: 'with-evidence.sspan', bytes: built.bytes });
    await userEvent.click(await screen.findByRole('button', { name: 'Open a bundle…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Open in auditor mode' }));
    await screen.findByRole('region', { name: 'Audit banner' });

    const section = await screen.findByRole('region', { name: 'Evidence files (2)' });
    const table = within(section).getByRole('table', { name: 'Evidence files' });
    const letterRow = within(table).getByText('<b>letter</b>.html').closest('tr')!;
    expect(within(letterRow).getByText(sha(letter))).toBeTruthy();
    expect(within(letterRow).getByText(new RegExp(`^${product.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} / ${component.name}`))).toBeTruthy();
    expect(section.querySelector('script, b')).toBeNull();
    const reportRow = within(table).getByText('report.bin').closest('tr')!;
    expect(within(reportRow).getByText(sha(report))).toBeTruthy();
    expect(within(reportRow).getByText(`Product ${product.name}`)).toBeTruthy();

    await userEvent.click(within(reportRow).getByRole('button', { name: 'Save report.bin' }));
    await waitFor(() => expect(platform.saved.map((s) => s.name)).toContain('report.bin'));
    expect(Array.from(platform.saved.find((s) => s.name === 'report.bin')!.bytes)).toEqual(Array.from(report));
  });
});
