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
    await splitPendingPictures(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('robot_rate', 'blocked_until');
    await qr.dropColumn('outbox_message', 'after_key');
  }
}

/** Rows enqueued before this version still carry their pictures in the body: give each picture its own row. */
async function splitPendingPictures(qr: QueryRunner): Promise<void> {
  const rows: any[] = await qr.query(`SELECT * FROM outbox_message WHERE status IN ('pending', 'sending') AND body LIKE '%imageMediaIds%'`);
  for (const row of rows) {
    const { imageMediaIds = [], ...text } = JSON.parse(row.body) as { markdown: string; title?: string; imageMediaIds?: number[] };
    if (!imageMediaIds.length) continue;
    const route = JSON.parse(row.route);
    const imageRoute = route.kind === 'wecom_response_url' && route.groupId !== null ? { kind: 'group', groupId: route.groupId } : route;
    let after: string = row.dedupe_key;
    for (const [i, id] of imageMediaIds.entries()) {
      const key = `${String(row.dedupe_key).slice(0, 180)}#img${i}`;
      await qr.query(
        `INSERT INTO outbox_message (dedupe_key, kind, group_id, route, body, robot_key, urgent, after_key, status, attempts, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
        [key, row.kind, row.group_id, JSON.stringify(imageRoute), JSON.stringify({ markdown: '', title: text.title, imageMediaId: id }), row.robot_key, row.urgent, after, row.not_before, row.created_at],
      );
      after = key;
    }
    await qr.query(`UPDATE outbox_message SET body = ? WHERE id = ?`, [JSON.stringify(text), row.id]);
  }
}
