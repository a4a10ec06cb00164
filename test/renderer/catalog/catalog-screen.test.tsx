import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, getProduct, putProduct } from '../../../renderer/db';
import { listCatalogs } from '../../../renderer/db/repositories/catalogs';
import { EMBEDDED_CATALOG, readCatalogFile } from '../../../renderer/features/catalog/catalog-files';
import { useUiStore } from '../../../renderer/state/ui-store';
import { SCHEMA_HISTORY } from '../../../renderer/db/schema-history';
import { SupportspanDb } from '../../../renderer/db/database';
import { dropDb, renderApp, useTestDb } from '../helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/interop/eol', name))) });

const freshDb = useTestDb();

async function catalogScreen() {
  const db = freshDb();
  const line = await createLine(db, { name: 'Gateways', environment: 'industrial' });
  await putProduct(db, {
    id: 'gw', lineId: line.id, name: 'Gateway G1', category: 'gateway',
    components: [
      { id: 'k', name: 'Kernel', class: 'it', role: 'os', version: '6.6.30', purl: 'pkg:generic/linux@6.6.30' },
      { id: 'o', name: 'OpenSSL', class: 'it', role: 'crypto', version: '3.0.13' },
      { id: 'r', name: 'Relay', class: 'mechanical', role: 'other' },
    ],
  });
  const app = await renderApp({ db });
  useUiStore.getState().navigate({ area: 'data' });
  const region = within(await screen.findByRole('region', { name: 'End-of-life catalogs' }));
  return { ...app, region, user: userEvent.setup() };
}

const kernel66 = EMBEDDED_CATALOG.products.find((p) => p.product === 'linux-kernel')!.cycles.find((c) => c.cycle === '6.6')!;

describe('catalog matching screen', () => {
  it('lists IT components with their matches, flags name matches, accepts (undoable write) and rejects', async () => {
    const { region, user, db: d } = await catalogScreen();
    const table = within(region.getByRole('table', { name: 'Catalog matches' }));
    expect(table.queryByText(/Relay/)).toBeNull();
    const kernelRow = table.getByText((_, el) => el?.tagName === 'TR' && /^Kernel 6\.6\.30/.test(el.textContent ?? '')) as HTMLElement;
    expect(within(kernelRow).getByText('catalog embedded-platforms, of 2025-06-01')).toBeTruthy();
    expect(within(kernelRow).getByText('Exact (purl or CPE)')).toBeTruthy();
    expect(within(kernelRow).getByText(/purl pkg:generic\/linux is linux-kernel; version 6\.6\.30 from the purl, 6\.6\.30 is in cycle 6\.6/)).toBeTruthy();
    expect(within(kernelRow).getByText(/^Extended support: /)).toBeTruthy();
    expect(within(kernelRow).queryByText(/Matched by name/)).toBeNull();
    const opensslRow = table.getByText((_, el) => el?.tagName === 'TR' && /^OpenSSL 3\.0\.13/.test(el.textContent ?? '')) as HTMLElement;
    expect(within(opensslRow).getByText(/Matched by name and version: confirm/)).toBeTruthy();
    expect(within(opensslRow).getByText('High (name and version)')).toBeTruthy();

    const before = await d.changes.count();
    await user.click(region.getByRole('button', { name: `Accept ${kernel66.securitySupport.date} for Kernel 6.6.30 (Gateway G1)` }));
    await region.findByText(`Kernel 6.6.30: security support ends ${kernel66.securitySupport.date} (from embedded-platforms).`);
    const k = (await getProduct(d, 'gw'))!.components.find((c) => c.id === 'k')!;
    expect(k.securitySupportEnd).toBe(kernel66.securitySupport.date);
    expect(k.sources.securitySupportEnd).toBe(`catalog:embedded-platforms:linux-kernel:6.6:${kernel66.securitySupport.date}:${EMBEDDED_CATALOG.asOf}`);
    const change = (await d.changes.toArray()).slice(before);
    expect(change).toHaveLength(1);
    expect((change[0]!.before as { components: { securitySupportEnd: unknown }[] }).components[0]!.securitySupportEnd).toBeNull();

    await user.click(region.getByRole('button', { name: 'Reject the match for OpenSSL 3.0.13 (Gateway G1)' }));
    expect(within(opensslRow).getByText('Rejected')).toBeTruthy();
    expect((await getProduct(d, 'gw'))!.components.find((c) => c.id === 'o')!.securitySupportEnd).toBeNull();
  });

  it('re-checks accepted dates when a newer catalog is loaded and updates a moved date in one click', async () => {
    const { region, user, platform, db: d } = await catalogScreen();
    await user.click(region.getByRole('button', { name: /^Accept .* for Kernel 6\.6\.30/ }));
    await region.findByText(/Kernel 6\.6\.30: security support ends/);
    expect(region.queryByRole('region', { name: 'Accepted dates that moved' })).toBeNull();

    platform.queueFile(fixture('catalog-newer.json'));
    await user.click(region.getByRole('button', { name: 'Load a catalog file…' }));
    await region.findByText(/Loaded Common embedded platforms \(curated\), newer/);
    expect((await listCatalogs(d)).map((c) => c.id)).toEqual(['embedded-platforms']);
    const moved = within(region.getByRole('region', { name: 'Accepted dates that moved' }));
    expect(moved.getByText(kernel66.securitySupport.date!)).toBeTruthy();
    expect(moved.getByText('2027-12-31')).toBeTruthy();
    await user.click(moved.getByRole('button', { name: 'Update Kernel to 2027-12-31' }));
    await region.findByText(`Kernel: security support end updated from ${kernel66.securitySupport.date} to 2027-12-31.`);
    const k = (await getProduct(d, 'gw'))!.components.find((c) => c.id === 'k')!;
    expect(k).toMatchObject({ securitySupportEnd: '2027-12-31', sources: { securitySupportEnd: 'catalog:embedded-platforms:linux-kernel:6.6:2027-12-31:2026-06-01' } });
    await waitFor(() => expect(region.queryByRole('region', { name: 'Accepted dates that moved' })).toBeNull());
  });

  it('refuses an invalid catalog file with the place of each problem, and stores nothing', async () => {
    const { region, user, platform, db: d } = await catalogScreen();
    platform.queueFile(fixture('legacy-bad.json'));
    await user.click(region.getByRole('button', { name: 'Load a catalog file…' }));
    const alert = await region.findByRole('alert');
    expect(alert.textContent).toMatch(/legacy-bad\.json: cycle index \d+/);
    expect(await listCatalogs(d)).toEqual([]);
  });
});

describe('catalog files', () => {
  it('reads endoflife.date legacy (product from the file name) and v1 files', () => {
    // A fetch made just now is dated by the fetch; "linux" is the older id of linux-kernel.
    const fetched = readCatalogFile(fixture('legacy-linux.json'), { product: 'linux', today: '2026-01-02' });
    expect(fetched.ok && fetched.catalog).toMatchObject({ id: 'endoflife-linux-kernel', asOf: '2026-01-02', asOfBasis: 'stated', products: [{ product: 'linux-kernel' }] });
    // A file from disk is dated by its own data, never by the day it was loaded.
    const fromDisk = readCatalogFile({ ...fixture('legacy-linux.json'), name: 'linux.json' });
    const newest = (JSON.parse(new TextDecoder().decode(fixture('legacy-linux.json').bytes)) as { releaseDate?: string; latestReleaseDate?: string }[])
      .flatMap((c) => [c.releaseDate, c.latestReleaseDate]).filter((d): d is string => !!d).sort().at(-1);
    expect(fromDisk.ok && fromDisk.catalog).toMatchObject({ id: 'endoflife-linux-kernel', asOf: newest, asOfBasis: 'newest-entry', products: [{ product: 'linux-kernel' }] });
    const v1 = readCatalogFile(fixture('v1-yocto.json'), { today: '2026-01-02' });
    expect(v1.ok && v1.catalog).toMatchObject({ id: 'endoflife-yocto', asOf: '2025-05-20' });
  });

  it('adds the catalogs table in schema version 3 without touching older data', async () => {
    const name = `catalog-upgrade-${Date.now()}`;
    const v2 = new SupportspanDb(name, { history: SCHEMA_HISTORY.filter((s) => s.version <= 2) });
    await v2.open();
    await v2.table('lines').add({ id: 'l1', name: 'Hubs', environment: 'consumer', notes: '' });
    v2.close();
    const current = new SupportspanDb(name);
    await current.open();
    expect(current.verno).toBeGreaterThanOrEqual(3);
    expect(await current.lines.get('l1')).toEqual({ id: 'l1', name: 'Hubs', environment: 'consumer', notes: '' });
    await current.table('catalogs').put({ id: 'x', catalog: EMBEDDED_CATALOG, source: 'test', loadedAt: '2026-01-01T00:00:00Z' });
    expect(await current.table('catalogs').count()).toBe(1);
    await dropDb(current);
  });
});
