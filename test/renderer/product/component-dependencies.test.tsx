/**
 * Component dependencies: kept from a real SBOM's dependency graph, shown and
 * edited by name in the component grid, checked (unknown name, cycle) with a
 * message in the user's terms.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readCycloneDx } from '../../../shared/interop';
import { dependencyProblems, type Product } from '../../../shared/domain';
import { createLine, getProduct, putProduct } from '../../../renderer/db';
import { updateComponent } from '../../../renderer/db/repositories/components';
import { ValidationError } from '../../../renderer/db/errors';
import { componentColumns, dependsOnColumn } from '../../../renderer/features/product/component-columns';
import type { SupportspanDb } from '../../../renderer/db/database';
import { useUiStore } from '../../../renderer/state/ui-store';
import { dropDb, renderApp, testDb } from '../helpers';

const SBOM = '/work/shared/fixtures/sbom/trivy-centos-7-1.5.json';

let db: SupportspanDb | null = null;
afterEach(async () => {
  if (db) await dropDb(db);
  db = null;
});

/** The Trivy SBOM of a CentOS 7 image: the OS depends on bash and openssl-libs. */
async function importedProduct(): Promise<Product> {
  const read = readCycloneDx(new Uint8Array(readFileSync(SBOM)), 'trivy-centos-7-1.5.json');
  expect(read.errors).toEqual([]);
  db = testDb();
  const line = await createLine(db, { name: 'Gateways', environment: 'industrial' });
  const p = read.portfolio.products[0]!;
  return putProduct(db, { ...p, id: 'p1', name: 'Gateway G1', lineId: line.id });
}

const byName = (p: Product, name: string) => p.components.find((c) => c.name === name)!;

describe('component dependencies', () => {
  it('keeps the SBOM dependency graph and shows it by name', async () => {
    const p = await importedProduct();
    const os = byName(p, 'centos');
    expect(os.dependsOn).toEqual([byName(p, 'bash').id, byName(p, 'openssl-libs').id]);
    expect(dependsOnColumn(p.components).text(os)).toBe('bash; openssl-libs');
    expect(dependsOnColumn(p.components).text(byName(p, 'bash'))).toBe('');
  });

  it('parses names (exact, then ignoring case) and refuses an unknown or ambiguous name', async () => {
    const p = await importedProduct();
    const column = dependsOnColumn(p.components);
    expect(column.parse(' OPENSSL-LIBS ; bash')).toEqual({ ok: true, value: [byName(p, 'openssl-libs').id, byName(p, 'bash').id] });
    expect(column.parse('')).toEqual({ ok: true, value: undefined });
    expect(column.parse('bash; glibc')).toEqual({ ok: false, reason: 'there is no component named “glibc” in this product (separate several names with ;)' });
    const twice = dependsOnColumn([...p.components, { id: 'x', name: 'bash' }]);
    expect(twice.parse('bash')).toEqual({ ok: false, reason: '2 components are named “bash”: rename one so the dependency is clear' });
  });

  it('refuses an edit that closes a cycle or points outside the product, writing nothing', async () => {
    const p = await importedProduct();
    const [os, bash, ssl] = [byName(p, 'centos'), byName(p, 'bash'), byName(p, 'openssl-libs')];
    const error = await updateComponent(db!, 'p1', ssl.id, { dependsOn: [os.id] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const index = p.components.findIndex((c) => c.id === ssl.id);
    expect((error as ValidationError).issues).toEqual([`components.${index}.dependsOn: this makes a cycle (“openssl-libs” → “centos” → “openssl-libs”): a component cannot depend on itself through others`]);
    await expect(updateComponent(db!, 'p1', bash.id, { dependsOn: [bash.id] })).rejects.toThrow('“bash” cannot depend on itself');
    await expect(updateComponent(db!, 'p1', bash.id, { dependsOn: ['elsewhere'] })).rejects.toThrow('one dependency is not a component of this product');
    expect(await getProduct(db!, 'p1')).toEqual(p);
    // A chain without a cycle is fine.
    await updateComponent(db!, 'p1', bash.id, { dependsOn: [ssl.id] });
    expect(byName((await getProduct(db!, 'p1'))!, 'bash').dependsOn).toEqual([ssl.id]);
    // An existing cycle (from elsewhere) does not block edits of other components' dependencies.
    expect(dependencyProblems([{ ...os, dependsOn: [bash.id] }, { ...bash, dependsOn: [os.id] }, { ...ssl, dependsOn: [] }], new Set([ssl.id]))).toEqual([]);
  });

  it('is edited in the grid by name, and a cycle is refused there with the component and column named', async () => {
    const p = await importedProduct();
    const user = userEvent.setup();
    await renderApp({ db: db! });
    act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
    const grid = await screen.findByRole('grid', { name: 'Components of Gateway G1' });
    await within(grid).findByText('bash; openssl-libs');
    const bashRow = p.components.findIndex((c) => c.name === 'bash');
    const toDependsOn = `{Home}${'{ArrowRight}'.repeat(componentColumns(p.components).findIndex((c) => c.key === 'dependsOn'))}{Enter}`;
    grid.focus();
    for (let i = 0; i < bashRow; i++) await user.keyboard('{ArrowDown}');
    await user.keyboard(toDependsOn);
    await user.keyboard('openssl-libs{Enter}');
    await waitFor(async () => expect(byName((await getProduct(db!, 'p1'))!, 'bash').dependsOn).toEqual([byName(p, 'openssl-libs').id]));

    const sslRow = p.components.findIndex((c) => c.name === 'openssl-libs');
    grid.focus();
    await user.keyboard('{Control>}{Home}{/Control}');
    for (let i = 0; i < sslRow; i++) await user.keyboard('{ArrowDown}');
    await user.keyboard(toDependsOn);
    await user.keyboard('centos{Enter}');
    expect(await screen.findByText(/“openssl-libs”, Depends on: this makes a cycle \(“openssl-libs” → “centos” → “bash” → “openssl-libs”\)/)).toBeTruthy();
    expect(byName((await getProduct(db!, 'p1'))!, 'openssl-libs').dependsOn).toBeUndefined();
  });
});
