import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The report → card path reads a school's open items twice per report; with thousands open in one school both
 * reads used ix_hazard_unit_status and read every open row of the unit. These make them bounded index reads:
 * - ix_hazard_dup: the duplicate candidates (unit, area, newest first, LIMIT 100) in index order, stopping early;
 * - ix_hazard_unit_item: 综合判定's open findings under a rule's few items, without the unit's other items;
 * - ix_hazard_photo_media: "is this stored picture used by a hazard?" when unused pictures of a message are dropped.
 */
const INDICES: [string, string, string[]][] = [
  ['hazard', 'ix_hazard_dup', ['unit_id', 'area', 'created_at']],
  ['hazard', 'ix_hazard_unit_item', ['unit_id', 'item_code', 'status']],
  ['hazard_photo', 'ix_hazard_photo_media', ['media_id']],
];

export class ReportPath1764400000015 implements MigrationInterface {
  name = 'ReportPath1764400000015';

  async up(qr: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDICES) await qr.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDICES].reverse()) await qr.dropIndex(table, name);
  }
}
