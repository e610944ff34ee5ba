import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';
import { SEED_0003 } from './data/0003-deadlines';

/**
 * The deadline calendar as data, seeded once from the 2025 plan (seeding here rather than at every start means a
 * deadline a city admin deleted stays deleted), and per-unit filings with an undo mark instead of a delete. The seed is
 * a frozen copy in ./data/0003-deadlines.ts, never the live calendar, so a new install gets what an old one got.
 */
export class Deadlines1764400000003 implements MigrationInterface {
  name = 'Deadlines1764400000003';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'deadline', [
      col.pk(), col.str('deadline_key', 64), col.str('month_day', 5), col.int('first_year'), col.int('last_year', true), col.str('kind', 16),
      col.int('tracked', false, 0), col.str('alias', 32), col.text('aliases', false), col.str('covers', 32), col.str('title', 200),
      col.text('due', false), col.text('duties', false), col.ms('created_at'), col.ms('updated_at'), col.str('updated_by', 191, true),
    ], { uniques: [['uq_deadline_key', ['deadline_key']]] });
    await create(qr, 'filing', [
      col.pk(), col.int('unit_id'), col.str('deadline_key', 64), col.str('occurrence', 10), col.str('filed_by', 191), col.ms('filed_at'),
      col.ms('undone_at', true), col.str('undone_by', 191, true),
    ], {
      uniques: [['uq_filing_unit_occurrence', ['unit_id', 'deadline_key', 'occurrence']]],
      indices: [['ix_filing_occurrence', ['deadline_key', 'occurrence']]],
    });
    const now = Date.now();
    for (const seed of SEED_0003) {
      const row: Record<string, unknown> = { ...seed, created_at: now, updated_at: now };
      const cols = Object.keys(row);
      await qr.query(`INSERT INTO deadline (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c]));
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['filing', 'deadline']) await qr.dropTable(t, true);
  }
}
