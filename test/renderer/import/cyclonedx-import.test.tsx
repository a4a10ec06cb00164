import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, getProduct, putProduct } from '../../../renderer/db';
import { useUiStore } from '../../../renderer/state/ui-store';
import { renderApp, useTestDb } from '../helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/interop/cyclonedx', name))) });

const freshDb = useTestDb();

async function screenWithProduct() {
  const db = freshDb();
  const line = await createLine(db, { name: 'Hubs', environment: 'consumer' });
  await putProduct(db, { id: 'hub', lineId: line.id, name: 'Hub H1', category: 'gateway', components: [{ id: 'keep', name: 'Enclosure', class: 'mechanical', role: 'other' }] });
  const app = await renderApp({ db });
  useUiStore.getState().navigate({ area: 'data' });
  const region = within(await screen.findByRole('region', { name: 'Import a CycloneDX SBOM or HBOM into a product' }));
  return { ...app, region, user: userEvent.setup() };
}

describe('CycloneDX import into a product', () => {
  it('previews nested components and adds them in one change-logged write', async () => {
    const { region, user, platform, db: d } = await screenWithProduct();
    platform.queueFile(fixture('nested-1.5.json'));
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX JSON file…' }));
    const table = await region.findByRole('table', { name: 'Components to add' });
    const count = within(table).getAllByRole('row').length - 1;
    expect(count).toBeGreaterThan(1);
    expect(await d.changes.count()).toBe(2);
    await user.click(region.getByRole('button', { name: new RegExp(`^Add(?: them anyway)? ${count} components$`) }));
    await region.findByText(new RegExp(`Added ${count} components from nested-1\\.5\\.json to Hub H1\\.`));
    const hub = (await getProduct(d, 'hub'))!;
    expect(hub.components).toHaveLength(count + 1);
    expect(hub.components[0]!.id).toBe('keep');
    expect(await d.changes.count()).toBe(3);
  });

  it('shows the errors of a bad file before anything is added, and cancel adds nothing', async () => {
    const { region, user, platform, db: d } = await screenWithProduct();
    platform.queueFile(fixture('bad-date-1.6.json'));
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX JSON file…' }));
    const alert = await region.findByRole('alert');
    expect(alert.textContent).toMatch(/2027-02-30|not a date|date/);
    await user.click(region.getByRole('button', { name: 'Cancel' }));
    expect((await getProduct(d, 'hub'))!.components).toHaveLength(1);

    platform.queueFile(fixture('spec-1.2.json'));
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX JSON file…' }));
    expect((await region.findByRole('alert')).textContent).toMatch(/1\.2/);
  });
});
