import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { AdjustableClock } from '../../src/services/clock';
import { shanghaiDate } from '../../src/services/time';
import { loadMedia } from '../../src/services/media';
import { bindWorld, NOW, seedWorld, type World } from '../helpers/summary-world';

const targets = await dbTargets();
const monday = (day: number, hour: number, minute: number) => shanghaiDate(2025, 12, day, hour, minute).getTime();
type Tick = { tick(now: number): Promise<number> };
const schedulerOf = (t: TestBot) => t.bot.services.scheduler as Tick;

describe.each(targets)('the Monday digest on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let a: TestBot;
  let b: TestBot;
  let w: World;
  const clock = new AdjustableClock();
  // One outbox row per platform message: the digest's text, then its chart as a row of its own waiting for it.
  const allRows = async () => t0rows(await a.bot.ds.query(`SELECT dedupe_key, group_id, body, after_key, status, last_error FROM outbox_message WHERE kind = 'digest' ORDER BY dedupe_key`));
  const digestRows = async () => (await allRows()).filter((r) => !r.key.includes('#img'));
  const t0rows = (rows: any[]) => rows.map((r) => ({ key: String(r.dedupe_key), groupId: Number(r.group_id), body: JSON.parse(r.body), after: r.after_key, status: r.status, error: r.last_error }));
  const digestsSent = () => fake.requests.filter((r) => r.path === '/v1.0/robot/groupMessages/send' && textOf(r).includes('安全周报'));

  beforeAll(async () => {
    clock.set(NOW);
    url = await target.create();
    fake = await new FakePlatform().start();
    // Two instances on one database: `a` runs its worker and sender, `b` only ticks.
    a = await startBot(url, botEnv(fake.url), { clock });
    b = await startBot(url, botEnv(fake.url), { clock, background: false });
    await seedWorld(a.bot.ds);
    w = await bindWorld(a.base, fake, () => clock.now(), a.bot.ds);
    const say = (c: typeof w.city, user: string, nick: string, text: string) => c.say(user, nick, text, { timestamp: clock.now() });
    expect(await say(w.donghai, 'li', '李老师', '/周报 开启')).toContain('（你是：教师）');
    for (const [c, user, nick] of [[w.donghai, 'wang', '王安全员'], [w.fengze, 'huang', '黄科长'], [w.city, 'chen', '陈科长']] as const) {
      expect(await say(c, user, nick, '/周报 开启')).toContain('已开启');
    }
    expect(await say(w.fengze, 'huang', '黄科长', '/周报')).toContain('本群已开启周报');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('is not sent before Monday 08:30', async () => {
    expect(await schedulerOf(a).tick(monday(1, 8, 29))).toBe(0);
    expect(await digestRows()).toHaveLength(0);
  });

  it('goes once to each opted-in group, however often and by however many instances it is ticked', async () => {
    const at = monday(1, 8, 30);
    clock.set(at);
    const created = await Promise.all([schedulerOf(a).tick(at), schedulerOf(b).tick(at), schedulerOf(a).tick(at)]);
    expect(created.reduce((s, n) => s + n, 0)).toBe(3);
    // Later ticks (09:00 also brings the deadline reminders) and a restarted instance find the week claimed.
    await schedulerOf(b).tick(monday(1, 9, 0));
    await b.close();
    b = await startBot(url, botEnv(fake.url), { clock, background: false });
    await schedulerOf(b).tick(monday(1, 10, 0));

    const rows = await digestRows();
    expect(rows.map((r) => r.key.replace(/:\d+$/, ''))).toEqual(['digest:2025-11-24', 'digest:2025-11-24', 'digest:2025-11-24']);
    const groups: any[] = await a.bot.ds.query(`SELECT id, chat_id FROM chat_group WHERE digest = 1 ORDER BY id`);
    expect(rows.map((r) => r.groupId).sort()).toEqual(groups.map((g) => Number(g.id)).sort());

    // Every digest carries its chart, stored as a PNG, in a row of its own after the text.
    const all = await allRows();
    for (const r of rows) {
      expect(r.body.imageMediaIds).toBeUndefined();
      const chart = all.find((c) => c.after === r.key)!;
      expect(chart.key).toBe(`${r.key}#img0`);
      const media = await loadMedia(a.bot.ds, chart.body.imageMediaId);
      expect(media?.mime).toBe('image/png');
    }

    const sent = await waitForCount(3);
    await new Promise((r) => setTimeout(r, 500));
    expect(digestsSent()).toHaveLength(3);
    expect(new Set(sent.map((r) => r.body.openConversationId))).toEqual(new Set(['cid-donghai', 'cid-fengze', 'cid-city']));
    const school = textOf(sent.find((r) => r.body.openConversationId === 'cid-donghai')!);
    expect(school).toContain('丰泽区东海中学 · 安全周报（11/24–11/30）');
    expect(school).toContain('隐患 新增 1 · 销号 1 · 在办 4（🔴2 🟠0 🟡1 🔵1）· 逾期 2');
    const district = textOf(sent.find((r) => r.body.openConversationId === 'cid-fengze')!);
    expect(district).toContain('丰泽区 · 安全周报（11/24–11/30）');
    expect(district).toContain('隐患 新增 2 · 销号 1 · 在办 6（🔴3 🟠1 🟡1 🔵1）· 逾期 4');
    expect(district).not.toContain('鲤城');
    // Without PUBLIC_BASE_URL the chart is uploaded as DingTalk media and sent as a picture (#16), each in its own row.
    await waitUntil(async () => (await allRows()).filter((r) => r.key.includes('#img') && r.status === 'sent').length === 3);
    expect(fake.find('/v1.0/robot/groupMessages/send').filter((r) => r.body.msgKey === 'sampleImageMsg')).toHaveLength(3);
  });

  it('comes again the next Monday, and not to a group that switched it off', async () => {
    expect(await w.donghai.say('wang', '王安全员', '/周报 关闭', { timestamp: clock.now() })).toContain('已关闭');
    const at = monday(8, 8, 30);
    const created = await Promise.all([schedulerOf(a).tick(at), schedulerOf(b).tick(at)]);
    expect(created[0] + created[1]).toBe(2);
    expect((await digestRows()).filter((r) => r.key.startsWith('digest:2025-12-01:'))).toHaveLength(2);
  });

  async function waitForCount(n: number) {
    const end = Date.now() + 15_000;
    while (digestsSent().length < n) {
      if (Date.now() > end) {
        const rows = await a.bot.ds.query(`SELECT id, status, claimed_by, not_before, attempts, last_error FROM outbox_message WHERE kind = 'digest'`);
        throw new Error(`only ${digestsSent().length} digests were sent; now ${clock.now()}; outbox: ${JSON.stringify(rows)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return digestsSent();
  }
});
