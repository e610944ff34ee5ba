import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, create, blob } from './table-helpers';

// Frozen copy of the units this migration seeds (programme.md "Who is who", as of 2025-11): a migration writes the same
// rows on every install, whatever src/services/org/quanzhou.ts says later.
const QUANZHOU_CITY = '泉州市教育局';
const QUANZHOU_DISTRICTS = [
  '鲤城区教育局', '丰泽区教育局', '洛江区教育局', '泉港区教育局', '石狮市教育局', '晋江市教育局', '南安市教育局',
  '惠安县教育局', '安溪县教育局', '永春县教育局', '德化县教育局', '泉州开发区教育局', '泉州台商投资区教育局',
];

export class Foundation1764400000001 implements MigrationInterface {
  name = 'Foundation1764400000001';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'unit', [col.pk(), col.str('name', 100), col.str('kind', 16), col.int('parent_id', true), col.text('settings'), col.ms('created_at')], {
      uniques: [['uq_unit_name', ['name']]],
      indices: [['ix_unit_parent', ['parent_id']]],
    });
    await create(qr, 'chat_group', [
      col.pk(), col.str('platform', 16), col.str('chat_id', 191), col.int('unit_id', true), col.str('name', 100, true),
      col.str('push_kind', 32, true), col.text('push_target'), col.text('push_secret'), col.int('digest', false, 0), col.ms('created_at'),
    ], { uniques: [['uq_chat_group_platform_chat', ['platform', 'chat_id']]], indices: [['ix_chat_group_unit', ['unit_id']]] });
    await create(qr, 'member', [
      col.pk(), col.str('platform', 16), col.str('user_id', 191), col.str('name', 100), col.str('role', 32), col.int('unit_id', true),
      col.str('mobile', 32, true), col.ms('created_at'), col.ms('updated_at'),
    ], { uniques: [['uq_member_platform_user', ['platform', 'user_id']]], indices: [['ix_member_unit', ['unit_id']]] });
    await create(qr, 'inbound_message', [
      col.pk(), col.str('platform', 16), col.str('msg_id', 191), col.str('chat_id', 191), col.str('sender_id', 191), col.text('payload', false),
      col.str('status', 16), col.int('attempts', false, 0), col.str('claimed_by', 64, true), col.ms('claimed_at', true), col.ms('received_at'), col.ms('done_at', true),
    ], { uniques: [['uq_inbound_platform_msg', ['platform', 'msg_id']]], indices: [['ix_inbound_status', ['status']]] });
    await create(qr, 'audit_log', [col.pk(), col.ms('at'), col.str('actor', 191), col.int('unit_id', true), col.str('action', 64), col.str('target', 191, true), col.text('detail')], {
      indices: [['ix_audit_target', ['target']]],
    });
    await create(qr, 'outbox_message', [
      col.pk(), col.str('dedupe_key', 191), col.str('kind', 32), col.int('group_id', true), col.text('route', false), col.text('body', false),
      col.str('robot_key', 191, true), col.int('urgent', false, 0), col.str('status', 16), col.int('attempts', false, 0), col.ms('not_before'),
      col.str('claimed_by', 64, true), col.ms('claimed_at', true), col.ms('sent_at', true), col.text('last_error'), col.ms('created_at'),
    ], {
      uniques: [['uq_outbox_dedupe', ['dedupe_key']]],
      indices: [['ix_outbox_status_nb', ['status', 'not_before']], ['ix_outbox_robot_sent', ['robot_key', 'sent_at']]],
    });
    await create(qr, 'robot_rate', [{ ...col.str('robot_key', 191), isPrimary: true }, col.text('sends', false), col.int('version', false, 0)]);
    await create(qr, 'app_setting', [{ ...col.str('setting_key', 100), isPrimary: true }, col.text('value', false)]);
    await create(qr, 'sandbox_message', [
      col.pk(), col.int('group_id'), col.str('direction', 8), col.str('sender_name', 100), col.text('text'), col.text('markdown'), col.text('image_urls'), col.ms('at'),
    ]);
    await create(qr, 'media', [col.pk(), col.str('sha256', 64), col.str('mime', 64), col.int('size'), col.int('unit_id', true), blob(qr, 'data'), col.ms('created_at')], {
      indices: [['ix_media_sha', ['sha256']]],
    });

    // The Quanzhou city bureau and its district bureaus, so a group can be bound on day one.
    const now = Date.now();
    await qr.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'city', NULL, NULL, ?)`, [QUANZHOU_CITY, now]);
    const [{ id: cityId }] = await qr.query(`SELECT id FROM unit WHERE name = ?`, [QUANZHOU_CITY]);
    for (const d of QUANZHOU_DISTRICTS) {
      await qr.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'district', ?, NULL, ?)`, [d, cityId, now]);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['media', 'sandbox_message', 'app_setting', 'robot_rate', 'outbox_message', 'audit_log', 'inbound_message', 'member', 'chat_group', 'unit']) {
      await qr.dropTable(t, true);
    }
  }
}
