import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

/**
 * Forgiving conversations (issue 20): the question the bot asked a person (「在哪里？看到了什么？」) waiting for
 * their follow-up, kept in the database so any instance can complete it; the claims behind the hourly digest of
 * overdue notices (one row per hazard and level, then one message per group); and the suspected duplicate a new
 * report was filed next to.
 */
export class Conversations1764400000012 implements MigrationInterface {
  name = 'Conversations1764400000012';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'conversation_ask', [
      col.pk(), col.int('group_id'), col.int('member_id'), col.text('text', false), col.int('asks', false, 1), col.str('source_msg', 191),
      col.ms('created_at'), col.ms('expires_at'),
    ], { uniques: [['uq_conversation_ask', ['group_id', 'member_id']]] });
    await create(qr, 'notice_claim', [
      col.pk(), col.str('claim_key', 191), col.int('group_id'), col.int('hazard_id'), col.str('level', 16), col.ms('created_at'), col.str('digest_key', 191, true),
    ], { uniques: [['uq_notice_claim', ['claim_key']]], indices: [['ix_notice_claim_pending', ['digest_key', 'group_id']]] });
    await qr.addColumn('hazard', new TableColumn({ name: 'duplicate_of_id', type: 'integer', isNullable: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('hazard', 'duplicate_of_id');
    await qr.dropTable('notice_claim', true);
    await qr.dropTable('conversation_ask', true);
  }
}
