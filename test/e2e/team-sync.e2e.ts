/**
 * Team replication between two people: two browser contexts (two profiles, two
 * IndexedDBs) signed in through Settings → Team to one team server
 * (pouchdb-server in memory), each editing and seeing the other's edits.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTeamServer, type TeamServer } from '../support/team-server';
import { openProductTab, screenshot, seriousViolations, startEmptyWorkspace, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();
let server: TeamServer;
let dbUrl: string;

beforeAll(async () => {
  server = await startTeamServer();
  await server.createUser('ana', 'ana-password');
  await server.createUser('ben', 'ben-password');
  dbUrl = await server.createDatabase('team', ['ana', 'ben']);
  // The app's origin may call the server with its session cookie.
  const appOrigin = new URL(baseUrl).origin;
  for (const [section, key, value] of [['httpd', 'enable_cors', 'true'], ['cors', 'origins', appOrigin], ['cors', 'credentials', 'true']] as const) {
    const r = await server.admin('PUT', `/_config/${section}/${key}`, value);
    expect(r.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

async function signIn(page: Page, user: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}#/settings`);
  const panel = page.getByRole('region', { name: 'Team' });
  await panel.getByLabel('Team database URL').fill(dbUrl);
  await panel.getByLabel('User name').fill(user);
  await panel.getByLabel('Password').fill(password);
  await panel.getByRole('button', { name: 'Sign in' }).click();
  await panel.getByText(`Signed in as`).waitFor();
  await page.getByTestId('team-status').getByText('Team: up to date').waitFor({ timeout: 20_000 });
}

async function openPerson(name: string) {
  const session = await openSession({ bypassCSP: true });
  await session.page.goto(baseUrl);
  await startEmptyWorkspace(session.page);
  await session.page.goto(`${baseUrl}#/settings`);
  const form = session.page.getByRole('region', { name: 'Your name' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Save name' }).click();
  return session;
}

const componentCell = (page: Page, product: string, rowIndex: number) =>
  page.getByRole('grid', { name: `Components of ${product}` }).locator(`[role="row"][aria-rowindex="${rowIndex}"] [data-column="name"]`);

describe('team replication', () => {
  it('refuses a wrong password and a bad address with a message saying what is wrong', async () => {
    const { page, requests } = await openSession({ bypassCSP: true });
    await page.goto(baseUrl);
    await startEmptyWorkspace(page);
    // Nothing went to the team server before anything was configured.
    expect(requests.filter((r) => r.url.startsWith(server.origin))).toEqual([]);
    await page.goto(`${baseUrl}#/settings`);
    const panel = page.getByRole('region', { name: 'Team' });
    await panel.getByLabel('Team database URL').fill('http://couch.example.com/team');
    await panel.getByLabel('User name').fill('ana');
    await panel.getByLabel('Password').fill('ana-password');
    await panel.getByRole('button', { name: 'Sign in' }).click();
    await panel.getByRole('alert').getByText(/must use https:\/\/; plain http:\/\/ is allowed only to this computer/).waitFor();
    await panel.getByLabel('Team database URL').fill(dbUrl);
    await panel.getByLabel('Password').fill('wrong');
    await panel.getByRole('button', { name: 'Sign in' }).click();
    await panel.getByRole('alert').getByText('The server refused “ana”: wrong user name or password.').waitFor();
    expect(await page.getByTestId('team-status').count()).toBe(0);
    expect(requests.filter((r) => r.url.startsWith(server.origin)).length).toBeGreaterThan(0);
  });

  it('an edit by one person reaches the other, a deletion too, and a reload loses nothing', async () => {
    const a = await openPerson('Ana');
    const b = await openPerson('Ben');
    await signIn(a.page, 'ana', 'ana-password');
    await signIn(b.page, 'ben', 'ben-password');

    // A creates a line, a product and a component
    await a.page.goto(baseUrl);
    const lineForm = a.page.locator('form.new-line-form');
    await lineForm.getByLabel('Name', { exact: true }).fill('Team line');
    await lineForm.getByRole('button', { name: 'Create product line' }).click();
    await a.page.getByText('Team line').first().waitFor();
    await a.page.goto(`${baseUrl}#/product`);
    await a.page.getByLabel('Product line').selectOption({ label: 'Team line' });
    await a.page.getByLabel('Product name').fill('Gateway G1');
    await a.page.getByLabel('Category').selectOption('gateway');
    await a.page.getByRole('button', { name: 'Create product' }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Gateway G1' }).waitFor();
    await a.page.getByRole('button', { name: 'Add component' }).click();
    await componentCell(a.page, 'Gateway G1', 3).getByText('New component').waitFor();

    // B sees the product with its component
    await b.page.goto(baseUrl);
    await b.page.getByText('Gateway G1').first().waitFor({ timeout: 20_000 });

    // A renames the product; B sees the new name
    const productUrl = a.page.url();
    await openProductTab(a.page, 'Product details');
    const name = a.page.getByLabel('Name', { exact: true });
    await name.fill('Gateway G2');
    await name.press('Enter');
    await a.page.getByRole('heading', { level: 1, name: 'Gateway G2' }).waitFor();
    await b.page.getByText('Gateway G2').first().waitFor({ timeout: 20_000 });

    // B deletes the component; A sees it gone
    await b.page.goto(productUrl);
    await b.page.getByRole('heading', { level: 1, name: 'Gateway G2' }).waitFor();
    await componentCell(b.page, 'Gateway G2', 2).click();
    await b.page.getByRole('button', { name: 'Delete “New component”' }).click();
    await expect.poll(() => componentCell(b.page, 'Gateway G2', 3).count()).toBe(0);
    await a.page.goto(productUrl);
    await openProductTab(a.page, 'Components');
    await expect.poll(() => componentCell(a.page, 'Gateway G2', 3).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => a.page.getByRole('grid', { name: 'Components of Gateway G2' }).getByText('New component').count()).toBe(1); // the empty row's placeholder only

    // A renames again and reloads at once: the edit still reaches B
    await openProductTab(a.page, 'Product details');
    await a.page.getByLabel('Name', { exact: true }).fill('Gateway G3');
    await a.page.getByLabel('Name', { exact: true }).press('Enter');
    await a.page.getByRole('heading', { level: 1, name: 'Gateway G3' }).waitFor();
    await a.page.reload();
    await a.page.getByRole('heading', { level: 1, name: 'Gateway G3' }).waitFor();
    await b.page.goto(baseUrl);
    await b.page.getByText('Gateway G3').first().waitFor({ timeout: 20_000 });
    await a.page.getByTestId('team-status').getByText('Team: up to date').waitFor({ timeout: 20_000 });

    // The server holds both documents, written by the app
    const docs = await server.admin('GET', '/team/_all_docs?include_docs=true');
    const rows = (docs.json as { rows: { id: string; doc: Record<string, unknown> }[] }).rows;
    const product = rows.find((r) => r.id.startsWith('product:'))?.doc as { product: { name: string; components: unknown[] }; changed: { via: string } };
    expect(product.product.name).toBe('Gateway G3');
    expect(product.product.components).toEqual([]);
    expect(product.changed.via).toBe('app');
    expect(rows.filter((r) => r.id.startsWith('line:'))).toHaveLength(1);

    // PouchDB asks the server for its replication checkpoints first: a 404 until they exist.
    const unexpected = (errors: string[]) => errors.filter((e) => e !== 'console: Failed to load resource: the server responded with a status of 404 (Not Found)');
    expect(unexpected(a.pageErrors)).toEqual([]);
    expect(unexpected(b.pageErrors)).toEqual([]);
    await a.page.goto(`${baseUrl}#/settings`);
    await a.page.getByRole('region', { name: 'Team' }).getByText('Signed in as').waitFor();
    expect(await seriousViolations(a.page)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await a.page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 1920]) {
        await a.page.setViewportSize({ width, height: 900 });
        await a.page.getByRole('region', { name: 'Team' }).scrollIntoViewIfNeeded();
        await screenshot(a.page, `team-settings-signed-in-${width}`, scheme);
      }
    }
  }, 180_000);

  it('says offline since when the server goes away', async () => {
    // Screenshots of the panel before signing in and of the header status while offline.
    const a = await openPerson('Ana');
    await a.page.goto(`${baseUrl}#/settings`);
    const panel = a.page.getByRole('region', { name: 'Team' });
    await panel.getByLabel('Team database URL').fill(dbUrl);
    await panel.getByLabel('User name').fill('ana');
    for (const scheme of ['light', 'dark'] as const) {
      await a.page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 1920]) {
        await a.page.setViewportSize({ width, height: 900 });
        await screenshot(a.page, `team-settings-form-${width}`, scheme);
      }
    }
    await panel.getByLabel('Password').fill('ana-password');
    await panel.getByRole('button', { name: 'Sign in' }).click();
    await a.page.getByTestId('team-status').getByText('Team: up to date').waitFor({ timeout: 20_000 });
    await server.stop();
    await a.page.getByTestId('team-status').getByText(/^Team: offline since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/).waitFor({ timeout: 30_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await a.page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 1920]) {
        await a.page.setViewportSize({ width, height: 900 });
        await screenshot(a.page, `team-status-offline-${width}`, scheme);
      }
    }
  }, 90_000);
});
