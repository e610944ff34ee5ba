import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 综合判定 counts a school's open findings per item on every report (hazard.repository openFindingCounts). The 0015
 * index (unit_id, item_code, status) found the rows, but the count then read each row for the other conditions
 * (not major, not an emergency, not itself a 综合判定 filing): at a few thousand open findings that was the report
 * path's costliest read. The same index with those three columns appended answers the count from the index alone;
 * it replaces the old one, so an insert maintains no more indexes than before, and every query that used the old
 * one's columns still has them as its prefix.
 */
export class CombinedCounts1764400000018 implements MigrationInterface {
  name = 'CombinedCounts1764400000018';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex('hazard', new TableIndex({ name: 'ix_hazard_unit_item_open', columnNames: ['unit_id', 'item_code', 'status', 'major', 'emergency', 'source_msg'] }));
    await qr.dropIndex('hazard', 'ix_hazard_unit_item');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.createIndex('hazard', new TableIndex({ name: 'ix_hazard_unit_item', columnNames: ['unit_id', 'item_code', 'status'] }));
    await qr.dropIndex('hazard', 'ix_hazard_unit_item_open');
  }
}
