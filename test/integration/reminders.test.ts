import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { ManualClock, seedReminderWorld, type ReminderWorld } from '../helpers/reminder-world';
import type { Scheduler } from '../../src/scheduler/scheduler';
import { markFiled } from '../../src/services/deadlines/filings';
import { fanOut, reminderSettings } from '../../src/services/deadlines/reminders';
import { slotsDueAt } from '../../src/services/deadlines/plan';
import { loadCalendar } from '../../src/services/deadlines/store';
import { robotKeyOf } from '../../src/services/outbox/push-groups';
import { DAY_MS, MINUTE_MS, shanghaiDate, shanghaiDayKey } from '../../src/services/time';

const targets = await dbTargets();
const sh = (y: number, m: number, d: number, h = 9, mi = 0) => shanghaiDate(y, m, d, h, mi).getTime();
const WEBHOOK = '/cgi-bin/webhook/send';

describe.each(targets)('reminders, scheduler and sender on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let w: ReminderWorld;
  const clock = new ManualClock(sh(2025, 1, 1));
  const scheduler = () => t.bot.services.scheduler as Scheduler;
  const sentTo = (g: { key: string }) => fake.requests.filter((r) => r.path === WEBHOOK && r.query.get('key') === g.key);
  // A tick kicks the sender in the background; wait for that pass before moving the clock, or a claim made at
  // 09:00 would look abandoned at 12:00 and be taken again (the lease is measured on the same clock).
  const drain = async () => {
    await t.bot.sender.kick();
    while ((await t.bot.sender.runOnce()) > 0);
  };
  const rows = async (like: string) => t.bot.ds.query(`SELECT dedupe_key, group_id, status, not_before, attempts FROM outbox_message WHERE dedupe_key LIKE ? ORDER BY id`, [like]);

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url), { clock, background: false });
    w = await seedReminderWorld(t.bot.ds);
    await t.bot.services.units.refresh();
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('the 2025 calendar fires at 09:00 on the right days only, and each push is sent once', async () => {
    const fired: Record<string, number> = {};
    for (let day = sh(2025, 2, 1, 0); day < sh(2025, 4, 1, 0); day += DAY_MS) {
      for (const [h, mi] of [[8, 59], [9, 0], [9, 1], [12, 0]]) {
        clock.t = day + h * 3600_000 + mi * MINUTE_MS;
        const n = await scheduler().tick(clock.t);
        if (n) fired[`${shanghaiDayKey(new Date(clock.t))} ${h}:${mi}`] = n;
        await drain();
      }
    }
    // Working days only: Saturday 2/22 and Sunday 3/23 are off, so their overdue nudges go out on the Monday,
    // folded into the +3 one. From 3/21 the schools' 季报 figures (due 3/28, their district collects them), their
    // 自评报告 (3/31, no escalation) and the 3/31 stage end join in.
    expect(fired).toEqual({
      '2025-02-14 9:0': 4, '2025-02-18 9:0': 4, '2025-02-20 9:0': 4, '2025-02-21 9:0': 4, '2025-02-24 9:0': 6,
      '2025-03-13 9:0': 2, '2025-03-17 9:0': 2, '2025-03-19 9:0': 2, '2025-03-20 9:0': 2, '2025-03-21 9:0': 5, '2025-03-24 9:0': 8,
      '2025-03-25 9:0': 4, '2025-03-27 9:0': 2, '2025-03-28 9:0': 7, '2025-03-31 9:0': 10,
    });
    const all = await rows('rem:%');
    expect(all.every((r: any) => r.status === 'sent')).toBe(true);
    for (const g of Object.values(w)) expect(sentTo(g)).toHaveLength(all.filter((r: any) => Number(r.group_id) === g.groupId).length);
    // A second run of the same minute (restart, another instance) creates nothing.
    expect(await scheduler().tick(sh(2025, 2, 24))).toBe(0);
    const escalation = sentTo(w.fengze).map(textOf).find((s) => s.includes('逾期 3 天：报送 2025 年具体方案'))!;
    expect(escalation).toContain('东海中学、实验小学');
    // The city hears about the 13 districts and the 市属学校, none of which filed.
    expect(sentTo(w.city).map(textOf).join('\n')).toContain('等 14 个单位');
  });

  it('each reminder row carries the 已报送 / 查看要求 buttons; the webhook (no cards) gets the text naming the command', async () => {
    const [row] = await t.bot.ds.query(`SELECT body FROM outbox_message WHERE dedupe_key LIKE 'rem:%' AND group_id = ? ORDER BY id LIMIT 1`, [w.donghai.groupId]);
    const body = JSON.parse(row.body);
    // 东海中学's first reminder is its own duty (《承诺书》): the button sends exactly what the text asks for.
    expect(body.card.buttons.map((b: any) => [b.label, b.command])).toEqual([['已报送', '/已报送 承诺书'], ['查看要求', '/提醒']]);
    expect(body.markdown).toContain('/已报送 承诺书');
    expect(sentTo(w.donghai).every((r) => r.body.msgtype === 'markdown')).toBe(true);
  });

  it('a unit that filed gets nothing more, and its district sees who still owes', async () => {
    fake.reset();
    // The schools' Q1 figures are due Saturday 2026-03-28; 东海中学 has submitted.
    await markFiled(t.bot.ds, { unitId: w.donghai.unitId, deadlineKey: 'q1-school', occurrence: '2026-03-28', by: 'test', now: sh(2026, 3, 20) });
    // Wednesday 3/25: the schools' −3, and the bureaus' −7 for 4/1.
    clock.t = sh(2026, 3, 25);
    expect(await scheduler().tick(clock.t)).toBe(3);
    await drain();
    expect(sentTo(w.donghai)).toHaveLength(0);
    expect(textOf(sentTo(w.shiyan)[0])).toContain('距 3 月 28 日（周六）还有 3 天：填报本校 2026 年第一季度季报数据');
    expect(textOf(sentTo(w.shiyan)[0])).toContain('/季报');
    expect(sentTo(w.fengze).map(textOf).join()).toContain('报送 2026 年第一季度工作总结及季报表');
    fake.reset();
    // +1 is Sunday 3/29: the nudge and the escalation go out on Monday 3/30.
    clock.t = sh(2026, 3, 29);
    expect(await scheduler().tick(clock.t)).toBe(0);
    clock.t = sh(2026, 3, 30);
    expect(await scheduler().tick(clock.t)).toBe(2);
    await drain();
    expect(sentTo(w.donghai)).toHaveLength(0);
    const late = textOf(sentTo(w.fengze)[0]);
    expect(late).toContain('逾期 2 天：填报本校 2026 年第一季度季报数据');
    expect(late).toContain('实验小学');
    expect(late).not.toContain('东海中学');
    expect(textOf(sentTo(w.shiyan)[0])).toContain('尚未完成');
    // A 市属学校 files its 季报 straight to the city: it never hears about the schools' figures.
    expect(sentTo(w.wuzhong)).toHaveLength(0);
  });

  it('the school 自评报告 (3月底, to its own staff) reaches schools only and is never escalated', async () => {
    const selfAssessment = async (from: number, to: number) => {
      const hits: string[] = [];
      for (let day = from; day < to; day += DAY_MS) {
        for (const slot of slotsDueAt(await loadCalendar(t.bot.ds), reminderSettings(t.bot.config), new Date(day))) {
          if (slot.deadlineKey !== 'school-self-assessment') continue;
          hits.push(`${slot.kind}:${slot.sendDay}`);
        }
      }
      return hits;
    };
    expect(await selfAssessment(sh(2025, 3, 20), sh(2025, 4, 10))).toEqual([
      'before:2025-03-24', 'before:2025-03-28', 'due:2025-03-31', 'overdue:2025-04-01', 'overdue:2025-04-03',
    ]);
    const rowsFor = async () => t.bot.ds.query(`SELECT DISTINCT group_id FROM outbox_message WHERE dedupe_key LIKE 'rem:school-self-assessment:%'`);
    const groups = (await rowsFor()).map((r: any) => Number(r.group_id)).sort((a: number, b: number) => a - b);
    // Fired in the first test (3/24–3/31): 东海中学, 实验小学 and 市属 第五中学; never 丰泽区 or the city.
    expect(groups).toEqual([w.donghai.groupId, w.shiyan.groupId, w.wuzhong.groupId].sort((a, b) => a - b));
  });

  it("markFiled joins the caller's transaction (the quarterly figures call it on submit) and is idempotent", async () => {
    const input = { unitId: w.fengze.unitId, deadlineKey: 'q2', occurrence: '2026-07-01', by: 'quarterly:test', now: sh(2026, 6, 20) };
    await expect(t.bot.ds.transaction(async (em) => {
      expect((await markFiled(em, input)).changed).toBe(true);
      throw new Error('submission failed');
    })).rejects.toThrow('submission failed');
    const filed = async () => Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM filing WHERE deadline_key = 'q2' AND undone_at IS NULL`))[0].n);
    expect(await filed()).toBe(0);
    expect((await markFiled(t.bot.ds, input)).changed).toBe(true);
    expect(await markFiled(t.bot.ds, { ...input, now: input.now + 1000 })).toMatchObject({ changed: false, filing: { filedAt: input.now, filedBy: 'quarterly:test' } });
    expect(await filed()).toBe(1);
  });

  it('a row claimed by a dead instance is sent once after its lease', async () => {
    fake.reset();
    clock.t = sh(2026, 5, 6, 10);
    await t.bot.ds.query(
      `INSERT INTO outbox_message (dedupe_key, kind, group_id, route, body, robot_key, urgent, status, attempts, not_before, claimed_by, claimed_at, created_at)
       VALUES ('rem:crash-test:1', 'reminder', ?, ?, ?, NULL, 0, 'sending', 1, ?, 'dead-instance:1', ?, ?)`,
      [w.donghai.groupId, JSON.stringify({ kind: 'group', groupId: w.donghai.groupId }), JSON.stringify({ markdown: '崩溃前已认领' }), clock.t - 5 * MINUTE_MS, clock.t - 30_000, clock.t - 5 * MINUTE_MS],
    );
    await drain();
    expect(sentTo(w.donghai)).toHaveLength(0); // still within the 60 s lease: the dead instance might be alive
    clock.t += 31_000;
    await drain();
    await drain();
    expect(sentTo(w.donghai)).toHaveLength(1);
    expect((await rows('rem:crash-test:%'))[0].status).toBe('sent');
  });

  it('21 pushes for one robot: 20 in the first minute, the 21st after 60 s', async () => {
    fake.reset();
    clock.t = sh(2026, 5, 7, 10);
    const group = { id: w.shiyan.groupId, robotKey: robotKeyOf({ platform: 'wecom', chatId: '', pushKind: 'wecom_webhook', pushTarget: w.shiyan.key }, t.bot.config) };
    for (let i = 0; i < 21; i++) await fanOut(t.bot.ds, `burst:${i}`, [{ group, body: { markdown: `第 ${i} 条` } }], { now: clock.t });
    await drain();
    expect(sentTo(w.shiyan)).toHaveLength(20);
    clock.t += 59_000;
    await drain();
    expect(sentTo(w.shiyan)).toHaveLength(20);
    clock.t += 1_000;
    await drain();
    expect(sentTo(w.shiyan)).toHaveLength(21);
    expect((await rows('rem:burst:%')).every((r: any) => r.status === 'sent')).toBe(true);
  });

  it('retries a 45009 (rate limited) answer after a minute, then succeeds', async () => {
    fake.reset();
    let refused = 0;
    fake.respond((r) => (r.path === WEBHOOK && r.query.get('key') === w.wuzhong.key && refused++ === 0 ? { body: { errcode: 45009, errmsg: 'api freq out of limit' } } : undefined));
    clock.t = sh(2026, 5, 8, 10);
    const group = { id: w.wuzhong.groupId, robotKey: `wecom:test-45009` };
    await fanOut(t.bot.ds, 'retry-45009', [{ group, body: { markdown: '重试测试' } }], { now: clock.t });
    await drain();
    const [row] = await rows('rem:retry-45009:%');
    expect(row).toMatchObject({ status: 'pending' });
    // WeCom's minute, plus a margin so the retry lands after the block rather than on its edge; no attempt spent.
    expect(Number(row.not_before)).toBe(clock.t + 65_000);
    expect(Number(row.attempts)).toBe(0);
    clock.t += 65_000;
    await drain();
    expect(sentTo(w.wuzhong)).toHaveLength(2);
    expect((await rows('rem:retry-45009:%'))[0].status).toBe('sent');
  });

  it('a bad webhook key alerts the city group once per group and code, without the key', async () => {
    fake.reset();
    fake.respond((r) => (r.path === WEBHOOK && r.query.get('key') === w.shiyan.key ? { body: { errcode: 93000, errmsg: 'invalid webhook url' } } : undefined));
    clock.t = sh(2026, 5, 9, 10);
    const group = { id: w.shiyan.groupId, robotKey: null };
    await fanOut(t.bot.ds, 'bad-key-1', [{ group, body: { markdown: '一' } }], { now: clock.t });
    await fanOut(t.bot.ds, 'bad-key-2', [{ group, body: { markdown: '二' } }], { now: clock.t });
    await drain();
    await drain();
    expect((await rows('rem:bad-key-%')).map((r: any) => r.status)).toEqual(['failed', 'failed']);
    const alerts = await rows('alert:push:%');
    expect(alerts.map((r: any) => [r.dedupe_key, Number(r.group_id), r.status])).toEqual([[`alert:push:${w.shiyan.groupId}:93000`, w.city.groupId, 'sent']]);
    const text = textOf(sentTo(w.city).at(-1)!);
    expect(text).toContain('推送失败：shiyan群');
    expect(text).toContain('/推送 设置');
    expect(text).not.toContain(w.shiyan.key);
    expect(t.logs.join('')).not.toContain(w.shiyan.key);
  });

  it('catches up: sends what was missed within 12 h, records older misses as skipped', async () => {
    fake.reset();
    await t.bot.ds.query(`DELETE FROM app_setting WHERE setting_key = 'scheduler.last_tick'`);
    await t.bot.ds.query(`INSERT INTO app_setting (setting_key, value) VALUES ('scheduler.last_tick', ?)`, [String(sh(2027, 3, 18, 8))]);
    // Down from 3/18 to 3/25 15:00: the schools' −7 for Sunday 3/28 (moved to Friday 3/19) is days old; the 3/25
    // 09:00 ones (their −3, the bureaus' −7 for 4/1) are 6 h old.
    clock.t = sh(2027, 3, 25, 15);
    const res = await scheduler().catchUp(clock.t);
    expect(res).toEqual({ sent: 4, skipped: 2 });
    expect((await rows('rem:q1-school:2027-03-28:before:-7:%')).map((r: any) => r.status)).toEqual(['skipped', 'skipped']);
    await drain();
    expect((await rows('rem:q1-school:2027-03-28:before:-3:%')).map((r: any) => r.status)).toEqual(['sent', 'sent']);
    expect((await rows('rem:q1:2027-04-01:before:-7:%')).map((r: any) => r.status)).toEqual(['sent', 'sent']);
    expect(fake.requests.filter((r) => r.path === WEBHOOK)).toHaveLength(4);
    expect(await scheduler().catchUp(clock.t)).toEqual({ sent: 0, skipped: 0 });
  });

  it('reminders wait out quiet hours (22:00–07:00)', async () => {
    clock.t = sh(2026, 6, 1, 23, 30);
    await fanOut(t.bot.ds, 'quiet', [{ group: { id: w.donghai.groupId, robotKey: null }, body: { markdown: '夜间' } }], { now: clock.t });
    expect(Number((await rows('rem:quiet:%'))[0].not_before)).toBe(sh(2026, 6, 2, 7));
    await drain();
    expect((await rows('rem:quiet:%'))[0].status).toBe('pending');
  });
});

describe.each(targets)('two instances on one $name database', (target) => {
  let url: string;
  let fake: FakePlatform;
  const bots: TestBot[] = [];
  const clock = new ManualClock(sh(2025, 2, 24));

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    for (const i of [0, 1]) bots.push(await startBot(url, { ...botEnv(fake.url), INSTANCE_ID: `inst-${i}` }, { clock, background: false }));
    await seedReminderWorld(bots[0].bot.ds);
    for (const b of bots) await b.bot.services.units.refresh();
  });
  afterAll(async () => {
    for (const b of bots) await b.close();
    await fake?.close();
    await target.drop(url);
  });

  it('both tick the same minute and send together: every reminder goes out once', async () => {
    const created = await Promise.all(bots.map((b) => (b.bot.services.scheduler as Scheduler).tick(clock.t)));
    expect(created[0] + created[1]).toBe(6);
    // Both senders claim from the same table at the same time (on top of the passes the ticks kicked off).
    for (let pass = 0; pass < 3; pass++) await Promise.all(bots.flatMap((b) => [b.bot.sender.runOnce(), b.bot.sender.kick()]));
    const pushes = fake.requests.filter((r) => r.path === WEBHOOK);
    expect(pushes).toHaveLength(6);
    const perGroup = new Map<string, number>();
    for (const p of pushes) perGroup.set(p.query.get('key')!, (perGroup.get(p.query.get('key')!) ?? 0) + 1);
    // overdue to 东海, 实验, 丰泽, 五中 + escalation to 丰泽 and the city
    expect([...perGroup.values()].sort()).toEqual([1, 1, 1, 1, 2]);
    const rows = await bots[1].bot.ds.query(`SELECT status, claimed_by FROM outbox_message WHERE dedupe_key LIKE 'rem:%'`);
    expect(rows.every((r: any) => r.status === 'sent')).toBe(true);
  });
});
