import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every report reads the school's default responsible (its safety officer, else 分管安全副校长, else principal) and its
 * 网格员 (hazard-contacts and org repositories). member had no index but (platform, user_id), so both read the whole
 * member table of the city, twice per report. (unit_id, role) finds a school's members, and its roles first.
 */
export class MemberUnit1764400000019 implements MigrationInterface {
  name = 'MemberUnit1764400000019';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex('member', new TableIndex({ name: 'ix_member_unit_role', columnNames: ['unit_id', 'role'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('member', 'ix_member_unit_role');
  }
}
