import type { DataSource } from 'typeorm';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { UnitDirectory } from '../src/services/org/units';
import type { Unit } from '../src/services/org/types';

/**
 * The shape every unit-scoped CLI shares: open DATABASE_URL, find the unit by (part of) its name or say which
 * ones were meant and exit 1, run `work`, always release the database.
 */
export async function withUnit(name: string, work: (ctx: { ds: DataSource; units: UnitDirectory; unit: Unit }) => Promise<void>): Promise<void> {
  const config = readConfig(process.env);
  const ds = await openDataSource(config.DATABASE_URL);
  try {
    const units = new UnitDirectory(ds);
    await units.refresh();
    const { unit, candidates } = units.find(name);
    if (!unit) {
      console.error(`没有找到单位「${name}」。${candidates.length ? `你是不是要找：${candidates.map((u) => u.name).join('、')}？` : ''}`);
      process.exitCode = 1;
      return;
    }
    await work({ ds, units, unit });
  } finally {
    await ds.destroy();
  }
}
