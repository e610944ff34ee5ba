import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { isMysql } from './table-helpers';

/**
 * One outbox row is one platform message: a push with pictures becomes a text row and one row per picture, each
 * waiting for the one before it (`after_key`, the predecessor's dedupe key). A platform's rate-limit lockout
 * (DingTalk blocks a robot ~10 minutes after its 20th message in a minute) is kept per robot (`blocked_until`),
 * so every row for that robot waits it out instead of spending its attempts inside it.
 */
export class PlatformRoutes1764400000007 implements MigrationInterface {
  name = 'PlatformRoutes1764400000007';

  async up(qr: QueryRunner): Promise<void> {
    // Same charset and collation as dedupe_key, which it is compared with.
    const text = isMysql(qr) ? { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } : {};
    await qr.addColumn('outbox_message', new TableColumn({ name: 'after_key', type: 'varchar', length: '191', isNullable: true, ...text }));
    await qr.addColumn('robot_rate', new TableColumn({ name: 'blocked_until', type: 'bigint', isNullable: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('robot_rate', 'blocked_until');
    await qr.dropColumn('outbox_message', 'after_key');
  }
}
