import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { dbTargets } from '../helpers/db';
import { migrate, openDataSource } from '../../src/db/data-source';

const targets = await dbTargets();

describe.each(targets)('migration 0007 on $name', (target) => {
  let url: string;
  let ds: DataSource;
  beforeAll(async () => {
    url = await target.create();
    ds = await openDataSource(url);
  });
  afterAll(async () => {
    await ds?.destroy();
    await target.drop(url);
  });

  it('goes down and up again, and gives the pictures of rows enqueued before it rows of their own', async () => {
    // Down to just before 0007 (the migrations after it go down first), then everything up again.
    const applied = async () => (await ds.query(`SELECT name FROM migrations`)).map((r: any) => String(r.name));
    while ((await applied()).includes('PlatformRoutes1764400000007')) await ds.undoLastMigration({ transaction: 'none' });
    const body = JSON.stringify({ markdown: '**周报**', title: '周报', imageMediaIds: [41, 42] });
    await ds.query(
      `INSERT INTO outbox_message (dedupe_key, kind, group_id, route, body, robot_key, urgent, status, attempts, not_before, created_at) VALUES ('digest:old:1', 'digest', 3, ?, ?, NULL, 0, 'pending', 2, 100, 50)`,
      [JSON.stringify({ kind: 'group', groupId: 3 }), body],
    );
    await ds.query(
      `INSERT INTO outbox_message (dedupe_key, kind, group_id, route, body, robot_key, urgent, status, attempts, not_before, created_at) VALUES ('digest:old:2', 'digest', 3, ?, ?, NULL, 0, 'sent', 1, 100, 50)`,
      [JSON.stringify({ kind: 'group', groupId: 3 }), body],
    );
    expect((await migrate(ds))[0]).toBe('PlatformRoutes1764400000007');
    const rows = (await ds.query(`SELECT dedupe_key, after_key, body, status, not_before FROM outbox_message ORDER BY id`)).map((r: any) => ({
      key: r.dedupe_key, after: r.after_key, body: JSON.parse(r.body), status: r.status, notBefore: Number(r.not_before),
    }));
    expect(rows.map((r: any) => [r.key, r.after, r.body.imageMediaId ?? null, r.status])).toEqual([
      ['digest:old:1', null, null, 'pending'],
      ['digest:old:2', null, null, 'sent'],
      ['digest:old:1#img0', 'digest:old:1', 41, 'pending'],
      ['digest:old:1#img1', 'digest:old:1#img0', 42, 'pending'],
    ]);
    expect(rows[0].body).toEqual({ markdown: '**周报**', title: '周报' });
    expect(rows[1].body.imageMediaIds).toEqual([41, 42]); // sent long ago: history left as it was
    expect(rows[2].notBefore).toBe(100);
  });
});
