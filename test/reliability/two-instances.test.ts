// Issue 9: two bots (different INSTANCE_ID) on one MariaDB behind the same callback URL. Reports arrive at either —
// sometimes the same message at both, as a platform retry through a load balancer would — people act on the same
// hazard at the same time through different instances, and both run the scheduler for the same minute.
// Every effect must happen once: rows in the database and requests on the platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv, dingtalkRequest, uid } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { readConfig } from '../../src/config';
import type { Scheduler } from '../../src/scheduler/scheduler';
import { overdueTick } from '../../src/services/hazards/overdue';
import type { LinkSigner } from '../../src/services/links';
import { openDataSource } from '../../src/db/data-source';
import { findReminderSlot, seedSchools } from './helpers/world';

const mysql = (await dbTargets()).find((t) => t.name === 'mysql');
if (!mysql) console.warn('[skip] two-instance tests need MariaDB/MySQL: several instances share one MySQL database, never one SQLite file');

describe.skipIf(!mysql)('two instances on one MariaDB', () => {
  let url: string;
  let fake: FakePlatform;
  let a: TestBot;
  let b: TestBot;
  let chatIds: string[];
  const both = () => [a, b];
  const q = async (sql: string, params: unknown[] = []) => a.bot.ds.query(sql, params);
  const n = async (sql: string, params: unknown[] = []) => Number((await q(sql, params))[0].n);

  /** A DingTalk callback to one instance; returns its session (the reply channel) and status. */
  async function send(t: TestBot, p: { user: string; nick: string; chat: string; text: string; msgId?: string; session?: string; at?: string[] }) {
    const req = dingtalkRequest(t.base, fake.url, { userId: p.user, nick: p.nick, chatId: p.chat, text: p.text, msgId: p.msgId, atUsers: p.at?.map((staffId) => ({ staffId })) });
    const body = JSON.parse(String(req.init.body));
    if (p.session) body.sessionWebhook = `${fake.url}/robot/sendBySession?session=${p.session}`;
    const res = await fetch(req.url, { ...req.init, body: JSON.stringify(body) });
    return { status: res.status, msgId: req.msgId, session: new URL(body.sessionWebhook).searchParams.get('session')! };
  }
  const repliesTo = (session: string) => fake.find('/robot/sendBySession').filter((r) => r.query.get('session') === session);
  const settle = async () => {
    await waitUntil(async () => (await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE status <> 'done'`)) === 0 && (await n(`SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('pending','sending') AND not_before <= ?`, [Date.now()])) === 0, 30_000);
    await Promise.all(both().flatMap((t) => [t.bot.worker.idle(), t.bot.sender.kick()]));
    await new Promise((r) => setTimeout(r, 300));
  };

  beforeAll(async () => {
    url = await mysql!.create();
    fake = await new FakePlatform().start();
    // Both start at once on an empty database: the migration lock lets one migrate, the other waits.
    [a, b] = await Promise.all([startBot(url, { ...botEnv(fake.url), INSTANCE_ID: 'inst-a' }), startBot(url, { ...botEnv(fake.url), INSTANCE_ID: 'inst-b' })]);
    ({ chatIds } = await seedSchools(a.bot.ds, { prefix: 'two', schools: 6, teachersPerSchool: 3 }));
    await Promise.all(both().map((t) => t.bot.services.units.refresh()));
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await fake?.close();
    await mysql!.drop(url);
  });

  it('started together: migrations ran once and both instances share one link secret', async () => {
    expect(await n(`SELECT COUNT(*) AS n FROM migrations`)).toBeGreaterThan(0);
    expect(await n(`SELECT COUNT(*) AS n FROM (SELECT name FROM migrations GROUP BY name HAVING COUNT(*) > 1) d`)).toBe(0);
    expect(await n(`SELECT COUNT(*) AS n FROM unit WHERE name = '丰泽区教育局'`)).toBe(1);
    const [{ id: unitId }] = await q(`SELECT unit_id AS id FROM chat_group WHERE chat_id = ?`, [chatIds[0]]);
    const link = (a.bot.services.links as LinkSigner).sign(`/files/ledger/${unitId}/0-${Date.now()}.xlsx`, Number(unitId), Date.now() + 60_000, { relative: true });
    expect((await fetch(`${b.base}${link}`)).status).toBe(200);
  });

  it('reports to either instance, some to both at once: each stored once, one hazard, one reply', async () => {
    fake.reset();
    const sent = await Promise.all(Array.from({ length: 48 }, async (_, i) => {
      const school = i % 6;
      const p = { user: `two-t-${school + 1}-${(i % 3) + 1}`, nick: `老师${i}`, chat: chatIds[school], text: `/隐患 ${i + 1}号实验室通风橱不工作`, msgId: uid('two'), session: uid('s') };
      if (i % 3 === 0) {
        // The platform retried through the load balancer: the same message reaches both instances together.
        const [x, y] = await Promise.all([send(a, p), send(b, p)]);
        return { ...x, statuses: [x.status, y.status] };
      }
      const r = await send(i % 2 ? a : b, p);
      return { ...r, statuses: [r.status] };
    }));
    expect(sent.flatMap((s) => s.statuses).filter((x) => x !== 200)).toEqual([]);
    await settle();
    expect(await n(`SELECT COUNT(*) AS n FROM inbound_message WHERE msg_id LIKE 'two%'`)).toBe(48);
    expect(await n(`SELECT COUNT(*) AS n FROM (SELECT source_msg FROM hazard GROUP BY source_msg HAVING COUNT(*) > 1) d`)).toBe(0);
    expect(await n(`SELECT COUNT(*) AS n FROM hazard WHERE source_msg NOT LIKE 'combined:%'`)).toBe(48);
    // Eight lab findings per school meet the lab 综合判定 once per school, whichever instance processed them.
    expect(await n(`SELECT COUNT(*) AS n FROM combined_judgement`)).toBe(6);
    expect(await n(`SELECT COUNT(*) AS n FROM (SELECT unit_id FROM combined_judgement GROUP BY unit_id HAVING COUNT(*) > 1) d`)).toBe(0);
    expect(await n(`SELECT COUNT(*) AS n FROM hazard WHERE source_msg LIKE 'combined:%'`)).toBe(6);
    for (const s of sent) expect(repliesTo(s.session)).toHaveLength(1);
    // Both instances did part of the work.
    const claimers = await q(`SELECT DISTINCT SUBSTRING_INDEX(claimed_by, ':', 1) AS who FROM inbound_message WHERE claimed_by IS NOT NULL`);
    console.log(`[two instances] inbound processed by ${claimers.map((c: any) => c.who).join(', ')}; outbox sent by ${(await q(`SELECT SUBSTRING_INDEX(claimed_by, ':', 1) AS who, COUNT(*) AS n FROM outbox_message GROUP BY who`)).map((c: any) => `${c.who}:${c.n}`).join(' ')}`);
  });

  it('the same transition through both instances at once: exactly one applies, the other is told', async () => {
    fake.reset();
    const hazards: any[] = await q(`SELECT h.code, h.unit_id, g.chat_id FROM hazard h JOIN chat_group g ON g.unit_id = h.unit_id WHERE h.status = 'pending' ORDER BY h.id LIMIT 12`);
    expect(hazards).toHaveLength(12);
    const confirms = await Promise.all(hazards.map(async (h) => {
      const idx = chatIds.indexOf(h.chat_id) + 1;
      // Two different messages (two clicks, or two officers): different msgIds, one through each instance.
      const [x, y] = await Promise.all([
        send(a, { user: `two-so-${idx}`, nick: `安全员${idx}`, chat: h.chat_id, text: `/确认 ${h.code} @老师${idx}-1`, at: [`two-t-${idx}-1`] }),
        send(b, { user: `two-so-${idx}`, nick: `安全员${idx}`, chat: h.chat_id, text: `/确认 ${h.code} @老师${idx}-2`, at: [`two-t-${idx}-2`] }),
      ]);
      return { code: h.code, sessions: [x.session, y.session] };
    }));
    await settle();
    for (const c of confirms) {
      expect(await n(`SELECT COUNT(*) AS n FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE h.code = ? AND e.action = 'confirm'`, [c.code])).toBe(1);
      const texts = c.sessions.map((s) => JSON.stringify(repliesTo(s).map((r) => r.body)));
      expect(texts.filter((t) => t.includes('整改中 · 责任人'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('已被他人处理') || t.includes('不能这样操作'))).toHaveLength(1);
    }
    expect(await n(`SELECT COUNT(*) AS n FROM hazard WHERE status = 'rectifying'`)).toBe(12);
    expect(await n(`SELECT COUNT(*) AS n FROM hazard WHERE version <> 1 AND status = 'rectifying'`)).toBe(0);
  });

  it('both run the scheduler and the overdue round for the same minute: each reminder and nudge created and sent once', async () => {
    fake.reset();
    const config = readConfig({ DATABASE_URL: url, ...botEnv(fake.url) });
    const at = await findReminderSlot(a.bot.ds, config, 3);
    expect(at).toBeGreaterThan(0);
    const created = await Promise.all(both().map((t) => (t.bot.services.scheduler as Scheduler).tickReminders(at)));
    const rows = await n(`SELECT COUNT(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'rem:%'`);
    expect(created[0] + created[1]).toBe(rows);
    expect(rows).toBeGreaterThanOrEqual(3);
    // Due now, whatever the hour in Shanghai.
    await q(`UPDATE outbox_message SET not_before = ? WHERE dedupe_key LIKE 'rem:%'`, [Date.now() - 1000]);
    const later = Date.now() + 40 * 86400_000;
    const overdue = await Promise.all(both().map((t) => overdueTick(t.bot.services, later)));
    const overdueRows = await n(`SELECT COUNT(*) AS n FROM outbox_message WHERE kind IN ('overdue', 'escalation')`);
    expect(overdue[0] + overdue[1]).toBe(overdueRows);
    expect(overdueRows).toBeGreaterThan(0);
    await q(`UPDATE outbox_message SET not_before = ? WHERE kind IN ('overdue', 'escalation')`, [Date.now() - 1000]);
    await Promise.all(both().map((t) => t.bot.sender.kick()));
    await settle();
    const pushes = fake.find('/v1.0/robot/groupMessages/send');
    const perKey = new Map<string, number>();
    for (const p of pushes) perKey.set(`${p.body.openConversationId}|${p.body.msgParam}`, (perKey.get(`${p.body.openConversationId}|${p.body.msgParam}`) ?? 0) + 1);
    expect([...perKey.values()].filter((v) => v > 1)).toEqual([]);
    expect(pushes.length).toBe(await n(`SELECT COUNT(*) AS n FROM outbox_message WHERE (dedupe_key LIKE 'rem:%' OR kind IN ('overdue', 'escalation')) AND status = 'sent'`));
    console.log(`[two instances] scheduler: ${created.join(' + ')} reminders, overdue round ${overdue.join(' + ')} nudges; ${pushes.length} pushes, none twice`);
  });

  it('a third process counting the same rows agrees (nothing only in an instance\'s memory)', async () => {
    const ds = await openDataSource(url, { migrate: false });
    try {
      expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM hazard WHERE source_msg NOT LIKE 'combined:%'`))[0].n)).toBe(48);
      expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM combined_judgement`))[0].n)).toBe(6);
      expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('pending','sending') AND not_before <= ?`, [Date.now()]))[0].n)).toBe(0);
    } finally {
      await ds.destroy();
    }
  });
});
