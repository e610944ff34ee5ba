import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A city-wide period of one area, and the ask.v2 filters: a checklist item (「灭火器过期的隐患全市有多少」), who reported (李老师报的 → reporter_name = ? or
 * LIKE '李%') and who owns the rectification. A school or a district reads its own rows through the unit index; a
 * city-wide question on one item or one name would otherwise visit every open row (or every row of a period) to
 * test a column no index holds. Each index leads with the filtered column, then status and the report time the
 * other filters read.
 */
const INDICES: [string, string[]][] = [
  // 「今年食品安全这块各区销号率」: one area of a city's year, read from the index alone (a twelfth of the 0013 range).
  ['ix_hazard_ask_area_created', ['area', 'created_at', 'status', 'risk', 'major', 'unit_id', 'deadline_at']],
  ['ix_hazard_ask_area_closed', ['area', 'closed_at', 'status', 'risk', 'major', 'unit_id', 'created_at']],
  ['ix_hazard_ask_item', ['item_code', 'status', 'created_at', 'unit_id']],
  ['ix_hazard_ask_reporter', ['reporter_name', 'status', 'created_at']],
  ['ix_hazard_ask_responsible', ['responsible_name', 'status', 'created_at']],
];

export class AskIndexes1764400000017 implements MigrationInterface {
  name = 'AskIndexes1764400000017';

  async up(qr: QueryRunner): Promise<void> {
    for (const [name, columnNames] of INDICES) await qr.createIndex('hazard', new TableIndex({ name, columnNames }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [name] of INDICES) await qr.dropIndex('hazard', name);
  }
}
