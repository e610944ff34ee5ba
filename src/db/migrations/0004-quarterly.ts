import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

/**
 * Quarterly figures (附件3-6): one submission per (unit, quarter), its cell values, and an append-only history of
 * every change. Values are integer hundredths (1.5 万元 → 150, 12 条 → 1200) in a BIGINT, so money keeps its two
 * decimals exactly on both SQLite and MySQL without DECIMAL's driver differences (string vs number).
 */
export class Quarterly1764400000004 implements MigrationInterface {
  name = 'Quarterly1764400000004';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'quarterly_submission', [
      col.pk(), col.int('unit_id'), col.str('quarter', 7), col.str('status', 16), col.int('version', false, 0),
      col.str('submitted_by', 191, true), col.str('submitted_by_name', 100, true), col.ms('submitted_at', true),
      col.str('withdrawn_by', 191, true), col.str('withdrawn_by_name', 100, true), col.ms('withdrawn_at', true),
      col.ms('created_at'), col.ms('updated_at'),
    ], {
      uniques: [['uq_quarterly_submission_unit', ['unit_id', 'quarter']]],
      indices: [['ix_quarterly_submission_quarter', ['quarter', 'status']]],
    });
    await create(qr, 'quarterly_value', [
      col.pk(), col.int('submission_id'), col.str('cell', 64), col.ms('value_cents'), col.str('updated_by', 191), col.ms('updated_at'),
    ], { uniques: [['uq_quarterly_value_cell', ['submission_id', 'cell']]] });
    await create(qr, 'quarterly_value_history', [
      col.pk(), col.int('submission_id'), col.str('cell', 64), col.ms('old_cents', true), col.ms('new_cents', true),
      col.str('actor', 191), col.str('actor_name', 100), col.str('source', 16), col.str('source_msg', 191, true), col.ms('at'),
    ], { indices: [['ix_quarterly_history_submission', ['submission_id', 'at']]] });
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['quarterly_value_history', 'quarterly_value', 'quarterly_submission']) await qr.dropTable(t, true);
  }
}
