import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, listProducts, putProduct } from '../../../renderer/db';
import { undo } from '../../../renderer/db/repositories/undo';
import { useUiStore } from '../../../renderer/state/ui-store';
import { renderApp, useTestDb } from '../helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const sbom = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/interop/sbom', name))) });

const freshDb = useTestDb();

async function screenWithProduct() {
  const db = freshDb();
  const line = await createLine(db, { name: 'Hubs', environment: 'consumer' });
  await putProduct(db, { id: 'hub', lineId: line.id, name: 'Hub H1', category: 'gateway', components: [{ id: 'keep', name: 'Enclosure', class: 'mechanical', role: 'enclosure' }] });
  const app = await renderApp({ db });
  useUiStore.getState().navigate({ area: 'data' });
  const region = within(await screen.findByRole('region', { name: 'Import a CycloneDX SBOM or HBOM' }));
  return { ...app, region, user: userEvent.setup() };
}

/** The cdxgen SBOM with spring-boot bumped to 3.0.2 and one component added. */
function newerCdxgen() {
  const doc = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/interop/sbom/cdxgen-ddc-sbom.json'), 'utf8')) as { components: Record<string, unknown>[]; dependencies: { ref: string; dependsOn?: string[] }[] };
  const boot = doc.components.find((c) => c.name === 'spring-boot')!;
  const oldRef = String(boot['bom-ref']);
  const newRef = oldRef.replace('3.0.1', '3.0.2');
  Object.assign(boot, { version: '3.0.2', purl: newRef, 'bom-ref': newRef });
  doc.dependencies = doc.dependencies.map((d) => ({ ref: d.ref === oldRef ? newRef : d.ref, dependsOn: d.dependsOn?.map((r) => (r === oldRef ? newRef : r)) }));
  doc.components.push({ type: 'library', name: 'zstd-jni', version: '1.5.5-1', purl: 'pkg:maven/com.github.luben/zstd-jni@1.5.5-1', 'bom-ref': 'zstd' });
  return { name: 'ddc-newer.json', bytes: new TextEncoder().encode(JSON.stringify(doc)) };
}

describe('CycloneDX import screen', () => {
  it('adds an SBOM as a new product, then merges a newer one: changed and added, not duplicated; one undo step each', async () => {
    const { region, user, platform, db } = await screenWithProduct();
    platform.queueFile(sbom('cdxgen-ddc-sbom.json'));
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX file…' }));
    const table = await region.findByRole('table', { name: 'Components to add' });
    expect(within(table).getAllByRole('row')).toHaveLength(57);
    expect(region.getByText(/CycloneDX 1\.4 JSON, UTF-8; product "dependency-diff-check" from metadata\.component; 56 components read/)).toBeTruthy();
    // Role guesses are shown and can be changed before anything is written.
    expect(within(table).getAllByText(/guess: purl type maven/).length).toBeGreaterThan(50);
    await user.selectOptions(within(table).getByRole('combobox', { name: 'Role of spring-boot' }), 'firmware');
    await user.click(region.getByRole('button', { name: 'Add product with 56 components' }));
    await region.findByText('Added product dependency-diff-check with 56 components from cdxgen-ddc-sbom.json.', undefined, { timeout: 10_000 });
    let added = (await listProducts(db)).find((p) => p.name === 'dependency-diff-check')!;
    expect(added.components).toHaveLength(56);
    expect(added.components.find((c) => c.name === 'spring-boot')!.role).toBe('firmware');

    platform.queueFile(newerCdxgen());
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX file…' }));
    // metadata.component matches the product just added: the preview is a merge.
    expect(await region.findByText(/metadata\.component matches dependency-diff-check \(by name\)/)).toBeTruthy();
    expect(region.getByRole('status').textContent).toMatch(/Merge: 1 changed, 1 added, 0 removed, 55 unchanged\./);
    const changed = region.getByRole('table', { name: 'Changed components' });
    expect(within(changed).getByText('3.0.1 → 3.0.2')).toBeTruthy();
    expect(within(region.getByRole('table', { name: 'Added components' })).getByText('zstd-jni')).toBeTruthy();
    await user.click(region.getByRole('button', { name: 'Merge into dependency-diff-check' }));
    await region.findByText('Merged ddc-newer.json into dependency-diff-check: 1 changed, 1 added, 0 removed.', undefined, { timeout: 10_000 });
    added = (await listProducts(db)).find((p) => p.name === 'dependency-diff-check')!;
    expect(added.components).toHaveLength(57);
    expect(added.components.filter((c) => c.name === 'spring-boot')).toEqual([expect.objectContaining({ version: '3.0.2', role: 'firmware' })]);
    expect(await db.products.count()).toBe(2);

    await undo(db);
    expect((await db.products.get(added.id))!.components).toHaveLength(56);
  });

  it('a large SBOM (juice-shop, 1,115 components) previews a page at a time; every row can be reached and confirmed', async () => {
    const { region, user, platform } = await screenWithProduct();
    platform.queueFile(sbom('bomex-juice-shop-bare-1.4.xml'));
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX file…' }));
    const table = await region.findByRole('table', { name: 'Components to add' }, { timeout: 10_000 });
    expect(within(table).getAllByRole('row')).toHaveLength(201);
    const below = within(table.parentElement!);
    expect(below.getByText(/Showing 200 of 1,115\./)).toBeTruthy();
    for (let i = 0; i < 5; i += 1) await user.click(below.getByRole('button', { name: /^Show \d+ more$/ }));
    expect(within(table).getAllByRole('row')).toHaveLength(1116);
    expect(below.queryByRole('button', { name: /^Show \d+ more$/ })).toBeNull();
  }, 90_000); // 1,115 real components through jsdom: slow on a busy 2-core machine, so it gets more time than the default

  it('the same SBOM into an existing product by choice; removed components can be kept', async () => {
    const { region, user, platform, db } = await screenWithProduct();
    platform.queueFile(sbom('trivy-centos-7-1.5.json'));
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX file…' }));
    await user.selectOptions(await region.findByRole('combobox', { name: 'Import as' }), 'hub');
    expect(region.getByRole('status').textContent).toMatch(/0 changed, 3 added, 0 removed/);
    await user.click(region.getByRole('button', { name: 'Merge into Hub H1' }));
    await region.findByText(/Merged trivy-centos-7-1\.5\.json into Hub H1: 0 changed, 3 added, 0 removed\./);
    expect((await db.products.get('hub'))!.components.map((c) => c.name)).toHaveLength(4);
    platform.queueFile(sbom('trivy-centos-7-1.5.json'));
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX file…' }));
    await user.selectOptions(await region.findByRole('combobox', { name: 'Import as' }), 'hub');
    expect(region.getByRole('status').textContent).toMatch(/0 changed, 0 added, 0 removed, 3 unchanged/);
  });

  it('a refused file shows each place and reason; nothing is written', async () => {
    const { region, user, platform, db } = await screenWithProduct();
    platform.queueFile({ name: 'laughs.xml', bytes: new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY a "aaaa">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>') });
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX file…' }));
    expect((await region.findByRole('alert')).textContent).toMatch(/laughs\.xml was not imported:.*declares a DOCTYPE/);
    platform.queueFile({ name: 'bad.json', bytes: new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'spaceship', name: 'x' }] })) });
    await user.click(region.getByRole('button', { name: 'Choose a CycloneDX file…' }));
    const alert = await region.findByRole('alert');
    expect(alert.textContent).toMatch(/components\[0\]\.type \("x"\): "spaceship" is not an allowed value/);
    expect(await db.products.count()).toBe(1);
  });
});
