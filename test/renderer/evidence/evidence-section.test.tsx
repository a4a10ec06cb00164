import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, putProduct, setSetting } from '../../../renderer/db';
import { setCurrentAuthor } from '../../../renderer/db/repositories/change-log';
import { MAX_EVIDENCE_BYTES } from '../../../renderer/db/repositories/evidence';
import { useUiStore } from '../../../renderer/state/ui-store';
import { renderApp, useTestDb } from '../helpers';

const freshDb = useTestDb();
afterEach(() => {
  setCurrentAuthor('');
});

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function openProduct() {
  const db = freshDb();
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  await putProduct(db, {
    id: 'p1', lineId: line.id, name: 'T1', category: 'thermostat',
    components: [
      { id: 'c1', name: 'Main firmware', class: 'it', role: 'firmware', version: '2.1', securitySupportEnd: '2030-06' },
      { id: 'c2', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 12 },
    ],
  });
  await setSetting(db, 'userName', 'Ana Auditor');
  const user = userEvent.setup();
  const view = await renderApp({ db });
  act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
  fireEvent.click(await screen.findByRole('tab', { name: 'Evidence' }));
  const section = await screen.findByRole('region', { name: /^Evidence/ });
  await within(section).findByText('No files attached yet.');
  return { ...view, db, user, section };
}

function dropOn(target: HTMLElement, files: File[]) {
  const dataTransfer = { files, types: ['Files'], dropEffect: 'none' };
  fireEvent.dragOver(target, { dataTransfer });
  fireEvent.drop(target, { dataTransfer });
}

describe('Evidence section on the product page', () => {
  it('attaches a chosen file to a component and lists it with size, type, short hash and who', async () => {
    const { section, platform, user, db } = await openProduct();
    const bytes = text('Supplier letter: updates until 2031.');
    platform.queueFile({ name: 'supplier-letter.pdf', bytes });
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Attach to' }), 'Component: Main firmware 2.1');
    await user.click(within(section).getByRole('button', { name: 'Attach a file…' }));

    const table = await within(section).findByRole('table', { name: 'Evidence files' });
    await within(section).findByText('Attached supplier-letter.pdf to component Main firmware 2.1.');
    const row = within(table).getByText('supplier-letter.pdf').closest('tr')!;
    expect(within(row).getByText(`${bytes.length} bytes`)).toBeTruthy();
    expect(within(row).getByText('application/pdf')).toBeTruthy();
    const hash = within(row).getByText(`${sha(bytes).slice(0, 12)}…`);
    expect(hash.getAttribute('title')).toBe(sha(bytes));
    expect(within(row).getByText(/Ana Auditor/)).toBeTruthy();
    // grouped under its owner
    expect(within(table).getByRole('rowheader', { name: 'Main firmware 2.1' })).toBeTruthy();
    expect(within(section).getByRole('heading', { name: 'Evidence (1)' })).toBeTruthy();
    expect((await db.evidence.toArray()).map((e) => e.ownerId)).toEqual(['c1']);
  });

  it('downloads a file byte for byte, and removes it only after confirmation', async () => {
    const { section, platform, user, db } = await openProduct();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    platform.queueFile({ name: 'raw.bin', bytes });
    await user.click(within(section).getByRole('button', { name: 'Attach a file…' }));
    await within(section).findByText('raw.bin');

    await user.click(within(section).getByRole('button', { name: 'Download raw.bin' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0]).toMatchObject({ name: 'raw.bin', mimeType: 'application/octet-stream' });
    expect(Array.from(platform.saved[0]!.bytes)).toEqual(Array.from(bytes));

    await user.click(within(section).getByRole('button', { name: 'Remove raw.bin' }));
    const confirm = within(section).getByRole('group', { name: 'Confirm removal of raw.bin' });
    await user.click(within(confirm).getByRole('button', { name: 'Keep' }));
    expect(await db.evidence.count()).toBe(1);
    await user.click(within(section).getByRole('button', { name: 'Remove raw.bin' }));
    await user.click(within(within(section).getByRole('group', { name: 'Confirm removal of raw.bin' })).getByRole('button', { name: 'Remove' }));
    await within(section).findByText('No files attached yet.');
    expect(within(section).getByRole('status').textContent).toMatch(/Removed raw\.bin\. Undo \(Ctrl\+Z\) brings it back\./);
    expect(await db.evidence.count()).toBe(0);
  });

  it('attaches files dropped on the section, with the browser-given media type, and explains refusals', async () => {
    const { section, db } = await openProduct();
    const report = new File(['<h1>report</h1>'], 'report.html', { type: 'text/html' });
    const empty = new File([], 'empty.txt', { type: 'text/plain' });
    const huge = new File(['x'], 'huge.iso', { type: 'application/octet-stream' });
    // Refused on its size alone: never read.
    Object.defineProperty(huge, 'size', { value: MAX_EVIDENCE_BYTES + 1 });
    huge.arrayBuffer = () => Promise.reject(new Error('a refused file must not be read'));
    dropOn(section, [report, empty, huge]);

    const table = await within(section).findByRole('table', { name: 'Evidence files' });
    expect(within(table).getByText('report.html')).toBeTruthy();
    expect(within(table).getByText('text/html')).toBeTruthy();
    const alert = await within(section).findByRole('alert');
    expect(alert.textContent).toMatch(/empty\.txt was not attached: empty\.txt: the file is empty/);
    expect(alert.textContent).toMatch(/huge\.iso was not attached: huge\.iso: 52,428,801 bytes is larger than the 52,428,800 bytes/);
    expect((await db.evidence.toArray()).map((e) => [e.name, e.ownerId])).toEqual([['report.html', 'p1']]);
  });

  it('says so when the same file is attached twice to the same owner', async () => {
    const { section, platform, user } = await openProduct();
    platform.queueFile({ name: 'a.txt', bytes: text('same') });
    await user.click(within(section).getByRole('button', { name: 'Attach a file…' }));
    await within(section).findByText('a.txt');
    platform.queueFile({ name: 'b.txt', bytes: text('same') });
    await user.click(within(section).getByRole('button', { name: 'Attach a file…' }));
    expect((await within(section).findByRole('alert')).textContent).toMatch(/b\.txt was not attached: b\.txt: the same file is already attached to product T1 \(as a\.txt\)/);
  });
});
