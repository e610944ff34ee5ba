import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

export class Hazards1764400000002 implements MigrationInterface {
  name = 'Hazards1764400000002';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'hazard', [
      col.pk(), col.str('code', 32), col.int('unit_id'), col.int('group_id', true), col.int('reporter_id', true), col.str('reporter_name', 100),
      col.text('description', false), col.str('location', 200, true), col.str('area', 32), col.str('item_code', 64), col.str('risk', 8),
      col.int('major', false, 0), col.str('major_criterion', 64, true), col.int('major_suspected', false, 0), col.str('classifier_source', 16),
      col.str('status', 16), col.ms('deadline_at'), col.int('responsible_id', true), col.str('responsible_name', 100, true), col.text('measures'),
      col.int('rectified_by_id', true), col.ms('rectified_at', true), col.int('verified_by_id', true), col.ms('verified_at', true), col.text('verify_note'),
      col.ms('closed_at', true), col.text('reject_reason'), col.str('source_msg', 191, true), col.int('version', false, 0), col.ms('created_at'), col.ms('updated_at'),
    ], {
      uniques: [['uq_hazard_code', ['code']], ['uq_hazard_source', ['source_msg']]],
      indices: [
        ['ix_hazard_unit_status', ['unit_id', 'status']], ['ix_hazard_status_deadline', ['status', 'deadline_at']],
        ['ix_hazard_created', ['created_at']], ['ix_hazard_closed', ['closed_at']], ['ix_hazard_reporter', ['reporter_id', 'created_at']],
      ],
    });
    await create(qr, 'hazard_event', [
      col.pk(), col.int('hazard_id'), col.ms('at'), col.int('actor_id', true), col.str('actor_name', 100), col.str('action', 32),
      col.str('from_status', 16, true), col.str('to_status', 16, true), col.text('note'), col.str('source_msg', 191, true),
    ], { uniques: [['uq_hazard_event_source', ['source_msg']]], indices: [['ix_hazard_event_hazard', ['hazard_id', 'at']]] });
    await create(qr, 'hazard_photo', [col.pk(), col.int('hazard_id'), col.int('media_id'), col.str('kind', 8), col.ms('at'), col.str('source_msg', 191, true)], {
      uniques: [['uq_hazard_photo_source', ['source_msg']]], indices: [['ix_hazard_photo_hazard', ['hazard_id']]],
    });
    await create(qr, 'supervision', [
      col.pk(), col.int('hazard_id'), col.ms('opened_at'), col.text('measures'), col.str('owner', 100, true), col.str('funds', 100, true),
      col.str('time_limit', 100, true), col.text('plan'), col.ms('updated_at'), col.ms('closed_at', true),
    ], { uniques: [['uq_supervision_hazard', ['hazard_id']]] });
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['supervision', 'hazard_photo', 'hazard_event', 'hazard']) await qr.dropTable(t, true);
  }
}
