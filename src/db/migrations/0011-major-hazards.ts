import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

/**
 * Emergencies and combined judgements (docs/major-hazards.md):
 * - hazard.emergency: the emergency type of a record filed 紧急 (an incident in progress), null otherwise;
 * - combined_judgement: one row per 综合判定 raised on a unit. `open_key` (unit:rule) is set while the judgement is
 *   open and cleared when it closes; its unique index is the claim that makes the raise happen once across
 *   instances (NULLs never collide, on SQLite and MySQL alike).
 */
export class MajorHazards1764400000011 implements MigrationInterface {
  name = 'MajorHazards1764400000011';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('hazard', new TableColumn(col.str('emergency', 32, true)));
    await create(qr, 'combined_judgement', [
      col.pk(), col.int('unit_id'), col.str('rule_code', 64), col.str('open_key', 191, true), col.int('hazard_id', true), col.text('findings', false),
      col.ms('opened_at'), col.ms('closed_at', true),
    ], { uniques: [['uq_combined_open', ['open_key']]], indices: [['ix_combined_unit', ['unit_id', 'rule_code']]] });
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('combined_judgement', true);
    await qr.dropColumn('hazard', 'emergency');
  }
}
