import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, create, isMysql } from './table-helpers';

/**
 * /进度 reads aggregates over the whole hazard ledger (a city: ~300,000 rows a year). Each index below covers one
 * of its GROUP BY queries, so they are answered from the index alone: open items by unit and colour (with the
 * deadline for 逾期), open items by area, reports and closures in a time range, and (unit-first) reports and
 * closures of a long period counted per unit in one pass in index order. Plus the counts bureaus enter with /目标.
 */
const INDICES: [string, string[]][] = [
  ['ix_hazard_sum_open', ['status', 'unit_id', 'risk', 'deadline_at']],
  ['ix_hazard_sum_area', ['status', 'area', 'risk', 'unit_id']],
  ['ix_hazard_sum_created', ['created_at', 'unit_id', 'status']],
  ['ix_hazard_sum_closed', ['closed_at', 'unit_id', 'created_at']],
  ['ix_hazard_sum_unit', ['unit_id', 'created_at', 'status', 'closed_at']],
];

/**
 * SQLite sorts every row of a GROUP BY it cannot read in group order; with this index it counts a month's
 * closures per unit by skip-scan instead. MariaDB groups in a temporary table and has no skip-scan: not there.
 * (No expression index anywhere: TypeORM cannot reload one when it rebuilds a SQLite table in a later migration.)
 */
const SQLITE_INDICES: [string, string[]][] = [['ix_hazard_sum_unit_closed', ['unit_id', 'closed_at', 'created_at']]];

export class Summary1764400000005 implements MigrationInterface {
  name = 'Summary1764400000005';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'unit_target', [
      col.pk(), col.int('unit_id'), col.str('metric', 32), col.int('year'), col.int('value'), col.ms('updated_at'), col.str('updated_by', 191),
    ], { uniques: [['uq_unit_target', ['unit_id', 'metric', 'year']]] });
    for (const [name, columnNames] of INDICES) await qr.createIndex('hazard', new TableIndex({ name, columnNames }));
    if (!isMysql(qr)) for (const [name, columnNames] of SQLITE_INDICES) await qr.createIndex('hazard', new TableIndex({ name, columnNames }));
  }

  async down(qr: QueryRunner): Promise<void> {
    if (!isMysql(qr)) for (const [name] of SQLITE_INDICES) await qr.dropIndex('hazard', name);
    for (const [name] of INDICES) await qr.dropIndex('hazard', name);
    await qr.dropTable('unit_target', true);
  }
}
