import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, create } from './table-helpers';

/**
 * Who holds each long connection (a WeCom 智能机器人 accepts one socket per robot: a second one replaces the first).
 * One row per connection name; the holder renews `expires_at` every few seconds and a dead holder's row is taken
 * over once it has expired, with a compare-and-set on (holder, expires_at).
 */
export class ConnectionLease1764400000008 implements MigrationInterface {
  name = 'ConnectionLease1764400000008';

  async up(qr: QueryRunner): Promise<void> {
    await create(qr, 'connection_lease', [
      { ...col.str('name', 64), isPrimary: true }, col.str('holder', 64), col.ms('acquired_at'), col.ms('expires_at'),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('connection_lease', true);
  }
}
