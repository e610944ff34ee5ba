import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, create, isMysql } from './table-helpers';

/**
 * /进度 reads aggregates over the whole hazard ledger (a city: ~300,000 rows a year). Each index below covers one
 * of its GROUP BY queries, so they are answered from the index alone: open items by unit and colour (with the
 * deadline for 逾期), open items by area, reports and closures by time. Plus the counts bureaus enter with /目标.
 */
const INDICES: [string, string[]][] = [
  ['ix_hazard_sum_open', ['status', 'unit_id', 'risk', 'deadline_at']],
  ['ix_hazard_sum_area', ['status', 'area', 'risk', 'unit_id']],
  ['ix_hazard_sum_created', ['created_at', 'unit_id', 'status']],
  ['ix_hazard_sum_closed', ['closed_at', 'unit_id', 'created_at']],
];

/**
 * SQLite sorts every row of a GROUP BY it cannot read in order (a year of a city: ~400 ms). Unit-first indexes let
 * it count per unit in index order (skip-scan), and an index on the closure time lets the median be read at an
 * OFFSET instead of sorted. MariaDB groups in a hash table and has no expression indexes, so it gets neither.
 */
const SQLITE_INDICES: [string, string][] = [
  ['ix_hazard_sum_unit_created', 'unit_id, created_at, status'],
  ['ix_hazard_sum_unit_closed', 'unit_id, closed_at, created_at'],
  ['ix_hazard_sum_duration', '(closed_at - created_at), closed_at, unit_id'],
];

export class Summary1764400000005 implements MigrationInterface {
  name = 'Summary1764400000005';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'unit_target', [
      col.pk(), col.int('unit_id'), col.str('metric', 32), col.int('year'), col.int('value'), col.ms('updated_at'), col.str('updated_by', 191),
    ], { uniques: [['uq_unit_target', ['unit_id', 'metric', 'year']]] });
    for (const [name, columnNames] of INDICES) await qr.createIndex('hazard', new TableIndex({ name, columnNames }));
    if (!isMysql(qr)) for (const [name, cols] of SQLITE_INDICES) await qr.query(`CREATE INDEX ${name} ON hazard (${cols})`);
  }

  async down(qr: QueryRunner): Promise<void> {
    if (!isMysql(qr)) for (const [name] of SQLITE_INDICES) await qr.query(`DROP INDEX IF EXISTS ${name}`);
    for (const [name] of INDICES) await qr.dropIndex('hazard', name);
    await qr.dropTable('unit_target', true);
  }
}
