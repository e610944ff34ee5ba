import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

/**
 * Trust and onboarding: one-time join codes a district issues for a school (`/邀请码`), the bodies seen under each
 * DingTalk (timestamp, sign) header pair (a captured pair is no pass for another body), and the places a 网格员
 * watches (JSON list on the member).
 */
export class Trust1764400000006 implements MigrationInterface {
  name = 'Trust1764400000006';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'join_code', [
      col.pk(), col.int('unit_id'), col.str('code_hash', 64), col.str('issued_by', 191), col.ms('issued_at'), col.ms('expires_at'),
      col.ms('used_at', true), col.str('used_by', 191, true),
    ], { uniques: [['uq_join_code_hash', ['code_hash']]], indices: [['ix_join_code_unit', ['unit_id']]] });
    await create(qr, 'callback_proof', [
      col.pk(), col.str('platform', 16), col.str('proof', 64), col.str('body_hash', 64), col.ms('created_at'),
    ], { uniques: [['uq_callback_proof', ['platform', 'proof', 'body_hash']]], indices: [['ix_callback_proof_created', ['created_at']]] });
    await qr.addColumn('member', new TableColumn(col.text('grid')));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('member', 'grid');
    await qr.dropTable('callback_proof', true);
    await qr.dropTable('join_code', true);
  }
}
