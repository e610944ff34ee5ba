import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';
import { pruneOld, PRUNED } from '../../src/ops/retention';

const DAY = 86_400_000;
const LEDGER = ['hazard', 'hazard_event', 'supervision', 'filing', 'quarterly_value', 'quarterly_value_history', 'audit_log', 'unit', 'member', 'chat_group', 'deadline'];

describe.each(await dbTargets())('retention on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;
  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p) as Promise<any[]>;
  const tables = async () => new Set((await q(target.name === 'mysql' ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()` : `SELECT name FROM sqlite_master WHERE type = 'table'`)).map((r) => String(r.name)));
  const snapshot = async () => {
    const have = await tables();
    const out: Record<string, string> = {};
    for (const table of LEDGER.filter((x) => have.has(x))) out[table] = JSON.stringify(await q(`SELECT * FROM ${table} ORDER BY id`));
    return out;
  };

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '留存中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    school = new DingtalkChat(t.base, fake, 'cid-retention');
    await grant(t.bot.ds, [['dingtalk', 'wang', '安全员', '留存中学', '王安全员']]);
    expect(await school.say('wang', '王安全员', '/绑定 留存中学')).toContain('安全员');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('clears old payloads and sent bodies in batches, never a ledger row, and an old redelivery still dedupes', async () => {
    const sent: { msgId: string; text: string }[] = [];
    for (const text of ['/隐患 三楼楼梯口堆了旧课桌椅', '/隐患 食堂冰箱里的菜没有标注日期', '/隐患 宿舍走廊灭火器过期了', '/隐患 实验室的酒精没有锁进柜子']) {
      const { session, msgId } = await school.send('li', '李老师', text);
      expect(await school.replyTo(session)).toMatch(/已登记隐患/);
      sent.push({ msgId, text });
    }
    await t.bot.sender.idle();
    const now = Date.now();
    // The first three messages and everything they sent are 40 days old; the fourth is from today.
    const [{ id: keepId }] = await q(`SELECT id FROM inbound_message WHERE msg_id = ?`, [sent[3].msgId]);
    await q(`UPDATE inbound_message SET received_at = ? WHERE id < ?`, [now - 40 * DAY, keepId]);
    const outbox = await q(`SELECT id FROM outbox_message ORDER BY id`);
    const lastOld = Number(outbox[outbox.length - 2].id);
    await q(`UPDATE outbox_message SET created_at = ? WHERE id <= ?`, [now - 40 * DAY, lastOld]);
    // An old push that never went out keeps its body (support needs it; it may still be retried).
    await q(`UPDATE outbox_message SET status = 'failed' WHERE id = ?`, [Number(outbox[0].id)]);
    // So does an old message that failed for good.
    const [{ id: failedId }] = await q(`SELECT MIN(id) AS id FROM inbound_message`);
    await q(`UPDATE inbound_message SET status = 'failed' WHERE id = ?`, [failedId]);
    const before = await snapshot();
    const hazards = Number((await q(`SELECT COUNT(*) AS n FROM hazard`))[0].n);
    expect(hazards).toBe(4);

    const pruned = await pruneOld(t.bot.ds, now, 30, { batch: 2 });
    expect(pruned.inbound).toBe(Number((await q(`SELECT COUNT(*) AS n FROM inbound_message WHERE id < ?`, [keepId]))[0].n) - 1);
    expect(pruned.outbox).toBe(outbox.length - 2);
    const inbound = await q(`SELECT id, payload, msg_id FROM inbound_message ORDER BY id`);
    for (const r of inbound) expect(r.payload === PRUNED).toBe(Number(r.id) < Number(keepId) && Number(r.id) !== Number(failedId));
    expect(JSON.parse(inbound.find((r) => r.msg_id === sent[3].msgId).payload).text).toContain('实验室');
    const bodies = await q(`SELECT id, body, status FROM outbox_message ORDER BY id`);
    for (const r of bodies) expect(r.body === PRUNED).toBe(Number(r.id) <= lastOld && r.status === 'sent');
    expect(await snapshot()).toEqual(before);
    // A second run finds nothing more (the watermark moved on).
    expect(await pruneOld(t.bot.ds, now, 30, { batch: 2 })).toEqual({ inbound: 0, outbox: 0 });

    // The platform redelivers the first (pruned) message and the recent one: both are duplicates, nothing new.
    const pushes = fake.requests.length;
    for (const s of [sent[0], sent[3]]) expect((await school.send('li', '李老师', s.text, { msgId: s.msgId })).status).toBe(200);
    await t.bot.worker.idle();
    await t.bot.sender.idle();
    expect(Number((await q(`SELECT COUNT(*) AS n FROM hazard`))[0].n)).toBe(4);
    expect(Number((await q(`SELECT COUNT(*) AS n FROM inbound_message`))[0].n)).toBe(inbound.length);
    expect(fake.requests.length).toBe(pushes);
    expect(await snapshot()).toEqual(before);
  });
});
