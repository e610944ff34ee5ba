import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Plain-word questions filter the ledger on any mix of colour, area, 重大, status and deadline within a report
 * or closure period ("今年食品安全这块各区销号率"). These two indexes hold every column such a filter reads, so a
 * city-wide year is counted from the index alone (no row lookups), and the codes behind a figure are picked by
 * id from it before the few rows shown are read.
 */
const INDICES: [string, string[]][] = [
  ['ix_hazard_ask_created', ['created_at', 'status', 'risk', 'area', 'major', 'unit_id', 'deadline_at']],
  ['ix_hazard_ask_closed', ['closed_at', 'status', 'risk', 'area', 'major', 'unit_id', 'created_at']],
];

export class Ask1764400000013 implements MigrationInterface {
  name = 'Ask1764400000013';

  async up(qr: QueryRunner): Promise<void> {
    for (const [name, columnNames] of INDICES) await qr.createIndex('hazard', new TableIndex({ name, columnNames }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [name] of INDICES) await qr.dropIndex('hazard', name);
  }
}
