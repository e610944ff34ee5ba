import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

/**
 * Cards: `pending_input` holds the one question a card tap asked a person (驳回 → the reason, 已整改 → the
 * measure), so their next plain message in that chat completes the command — in the database, so any instance
 * processing that next message finds it. `sandbox_message.card` keeps the card the sandbox page renders.
 */
export class Cards1764400000014 implements MigrationInterface {
  name = 'Cards1764400000014';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'pending_input', [
      col.pk(), col.str('platform', 16), col.str('chat_id', 191), col.str('sender_id', 191), col.str('command', 191),
      col.int('version', true), col.ms('expires_at'), col.ms('created_at'),
    ], { uniques: [['uq_pending_input_who', ['platform', 'chat_id', 'sender_id']]] });
    await qr.addColumn('sandbox_message', new TableColumn({ name: 'card', type: 'text', isNullable: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('sandbox_message', 'card');
    await qr.dropTable('pending_input', true);
  }
}
