import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

/**
 * DINGTALK_CARDS=interactive: `dingtalk_card` lists the StandardCard interactive cards the robot sent (cardBizId =
 * the card callback's outTrackId), the chat each went to and the tap keys it shows, so a card callback is taken only
 * for our own card in its own chat, and an update in place is claimed once (`updated_by`).
 */
export class DingtalkCards1764400000016 implements MigrationInterface {
  name = 'DingtalkCards1764400000016';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'dingtalk_card', [
      col.pk(), col.str('card_biz_id', 128), col.str('chat_id', 191), col.text('tap_keys', false), col.int('updated_by', true),
      col.ms('created_at'), col.ms('updated_at'),
    ], { uniques: [['uq_dingtalk_card_biz', ['card_biz_id']]] });
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('dingtalk_card', true);
  }
}
