import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dbTargets } from '../helpers/db';
import { dataSourceOptions } from '../../src/db/data-source';
import { MIGRATIONS } from '../../src/db/migrations';

/**
 * A migration is a frozen snapshot: 0003 seeds exactly the deadline rows it wrote when it shipped (the fixture was
 * dumped from the code it used to import), whatever the live calendar says today.
 */
const targets = await dbTargets();
const fixture: Record<string, unknown>[] = JSON.parse(readFileSync(new URL('../fixtures/migrations/0003-deadlines.json', import.meta.url), 'utf8'));

describe.each(targets)('migration 0003 on $name', (target) => {
  let url: string;
  let ds: DataSource;
  beforeAll(async () => {
    url = await target.create();
    // Only 0001–0003: 0010 replaces a calendar still as 0003 seeded it.
    ds = new DataSource({ ...dataSourceOptions(url), migrations: MIGRATIONS.slice(0, 3) } as any);
    await ds.initialize();
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await target.drop(url);
  });

  it('seeds an empty database with the fixture rows', async () => {
    const before = Date.now();
    const done = await ds.runMigrations({ transaction: 'each' });
    expect(done.map((m) => m.name).at(-1)).toBe('Deadlines1764400000003');
    const rows: any[] = await ds.query(`SELECT * FROM deadline ORDER BY id`);
    const stamps = rows.map((r) => [Number(r.created_at), Number(r.updated_at)]);
    for (const [created, updated] of stamps) {
      expect(created).toBe(updated);
      expect(created).toBeGreaterThanOrEqual(before);
      expect(created).toBeLessThanOrEqual(Date.now());
    }
    const plain = rows.map(({ created_at, updated_at, ...r }) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    expect(plain).toEqual(fixture);
  });
});
