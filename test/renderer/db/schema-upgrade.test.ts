import { describe, expect, it } from 'vitest';
import { SCHEMA_HISTORY, CURRENT_SCHEMA_VERSION } from '../../../renderer/db/schema-history';
import { SupportspanDb } from '../../../renderer/db/database';
import { listLines, putProduct } from '../../../renderer/db';
import { productLineSchema } from '../../../shared/domain';
import { dropDb } from '../helpers';

describe('schema history', () => {
  it('is append-only in shape: versions strictly increase and the current one is the last', () => {
    const versions = SCHEMA_HISTORY.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(CURRENT_SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('keeps the shipped version 1 declaration unchanged', () => {
    expect(SCHEMA_HISTORY[0]).toEqual({ version: 1, stores: { lines: '&id, name', settings: '&key' } });
  });
});

describe('upgrade from version 1', () => {
  it('upgrades lines written by version 1 and adds the version 2 tables', async () => {
    const name = 'upgrade-v1-to-current';
    // A database exactly as version 1 created it, holding what version 1 wrote (no notes).
    const v1 = new SupportspanDb(name, { history: SCHEMA_HISTORY.slice(0, 1) });
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.table('lines').bulkAdd([
      { id: 'l-thermo', name: 'Smart thermostats', environment: 'consumer' },
      { id: 'l-ctrl', name: 'Line controllers', environment: 'industrial' },
      { id: 'l-kept', name: 'Already noted', environment: 'medical', notes: 'keep me' },
    ]);
    await v1.table('settings').put({ key: 'asOfDate', value: '2030-01-01' });
    expect(v1.tables.map((t) => t.name).sort()).toEqual(['lines', 'settings']);
    v1.close();

    const current = new SupportspanDb(name);
    await current.open();
    expect(current.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(current.tables.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['changes', 'decisions', 'lines', 'products', 'settings']));

    const lines = await listLines(current);
    expect(lines.map((l) => [l.id, l.notes])).toEqual([
      ['l-kept', 'keep me'],
      ['l-ctrl', ''],
      ['l-thermo', ''],
    ]);
    // Every upgraded record satisfies today's schema exactly (strict: no stray or missing fields).
    for (const line of lines) expect(productLineSchema.parse(line)).toEqual(line);
    expect(await current.settings.get('asOfDate')).toEqual({ key: 'asOfDate', value: '2030-01-01' });

    // The new tables work on the upgraded database.
    await putProduct(current, { id: 'p1', lineId: 'l-thermo', name: 'T-100', category: 'thermostat' });
    expect(await current.products.where('lineId').equals('l-thermo').count()).toBe(1);
    await dropDb(current);
  });
});

describe('another connection upgrading the database', () => {
  it('closes this connection and reports it, instead of writing against a moved schema', async () => {
    const name = 'versionchange-test';
    let notified = 0;
    const older = new SupportspanDb(name, { onVersionChange: () => (notified += 1) });
    await older.open();
    const next = CURRENT_SCHEMA_VERSION + 1;
    const newer = new SupportspanDb(name, {
      history: [...SCHEMA_HISTORY, { version: next, stores: { extra: '&id' } }],
    });
    await newer.open();
    expect(notified).toBe(1);
    expect(older.isOpen()).toBe(false);
    expect(newer.verno).toBe(next);
    await dropDb(newer);
  });
});
