import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { AdjustableClock } from '../../src/services/clock';
import { shanghaiDate } from '../../src/services/time';
import { bindWorld, codesOf, NOW, seedWorld, SCHOOLS, type World } from '../helpers/summary-world';
import type { DingtalkChat } from '../helpers/chat';

const targets = await dbTargets();
const NOV_1 = shanghaiDate(2025, 11, 1).getTime();
const JAN_1 = shanghaiDate(2025, 1, 1).getTime();

describe.each(targets)('plain-word questions on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let w: World;
  const clock = new AdjustableClock();
  const say = (c: DingtalkChat, user: string, nick: string, text: string) => c.say(user, nick, text, { timestamp: clock.now() });
  // Independent counts, written here in SQL against the seeded rows (not through the code under test).
  const n = async (sql: string, params: unknown[] = []) => Number((await t.bot.ds.query(sql, params))[0].n);
  const codes = async (sql: string, params: unknown[] = []) => ((await t.bot.ds.query(sql, params)) as any[]).map((r) => String(r.code));
  const UNDER = (district: string) => `unit_id IN (SELECT u.id FROM unit u JOIN unit d ON d.id = u.parent_id WHERE d.name = '${district}')`;
  const OF = (school: string) => `unit_id = (SELECT id FROM unit WHERE name = '${school}')`;

  beforeAll(async () => {
    clock.set(NOW);
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, { ...botEnv(fake.url), PUBLIC_BASE_URL: 'http://bot.test' }, { clock });
    await seedWorld(t.bot.ds);
    w = await bindWorld(t.base, fake, () => clock.now(), t.bot.ds);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('a principal asks about the school: the count equals SQL, the codes are the school\'s own', async () => {
    const open = await n(`SELECT COUNT(*) AS n FROM hazard WHERE ${OF(SCHOOLS.donghai)} AND status IN ('pending','rectifying','verifying')`);
    const reply = await say(w.donghai, 'lin', '林校长', '我们学校还有几条没销号的?');
    expect(reply).toContain(`未销号隐患 ${open} 条`);
    for (const c of await codes(`SELECT code FROM hazard WHERE ${OF(SCHOOLS.donghai)} AND status IN ('pending','rectifying','verifying')`)) expect(reply).toContain(c);
    for (const c of [...codesOf('shiyan'), ...codesOf('licheng')]) expect(reply).not.toContain(c);
    expect(reply).toContain('下一步：');

    const hours = (await t.bot.ds.query(`SELECT AVG(closed_at - created_at) AS a FROM hazard WHERE ${OF(SCHOOLS.donghai)} AND closed_at >= ? AND closed_at < ?`, [JAN_1, NOW]))[0].a;
    const days = Math.round((Number(hours) / 86_400_000) * 10) / 10;
    expect(await say(w.donghai, 'lin', '林校长', '我们学校平均整改用时多少天')).toContain(`平均整改用时 ${days} 天`);
  });

  it('a school never sees another school, and is told who may', async () => {
    const reply = await say(w.donghai, 'lin', '林校长', '实验小学本月有多少条隐患');
    expect(reply).toContain('不在你的查看范围');
    expect(reply).toContain('该校校长、安全员，丰泽区教育局管理员和市教育局管理员');
    expect(reply).not.toMatch(/YH-|\d+ 条/);
    const district = await say(w.donghai, 'wang', '王安全员', '鲤城区本月新增了多少隐患？');
    expect(district).toContain('「鲤城区教育局」不在你的查看范围');
  });

  it('a teacher\'s question is refused, and not filed as a report', async () => {
    const before = await n(`SELECT COUNT(*) AS n FROM hazard`);
    const reply = await say(w.donghai, 'li', '李老师', '我们学校还有几条没销号的?');
    expect(reply).toContain('只对校长、安全员、区教育局和市教育局管理员开放（你是：教师）');
    expect(await n(`SELECT COUNT(*) AS n FROM hazard`)).toBe(before);
    // A report in the same group is still filed.
    expect(await say(w.donghai, 'li', '李老师', '三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半')).toContain('已登记隐患');
    expect(await n(`SELECT COUNT(*) AS n FROM hazard`)).toBe(before + 1);
    await t.bot.ds.query(`DELETE FROM hazard_event WHERE hazard_id = (SELECT MAX(id) FROM hazard)`);
    await t.bot.ds.query(`DELETE FROM hazard WHERE id = (SELECT m FROM (SELECT MAX(id) AS m FROM hazard) x)`);
  });

  it('a district sees its schools only; the city sees every district', async () => {
    const redLate = `risk = 'red' AND status IN ('pending','rectifying') AND deadline_at < ${NOW}`;
    const fengze = await codes(`SELECT code FROM hazard WHERE ${UNDER('丰泽区教育局')} AND ${redLate}`);
    const licheng = await codes(`SELECT code FROM hazard WHERE ${UNDER('鲤城区教育局')} AND ${redLate}`);
    expect(fengze.length).toBeGreaterThan(0);
    expect(licheng.length).toBeGreaterThan(0);

    const d = await say(w.fengze, 'huang', '黄科长', '哪些学校红色隐患超期了？');
    expect(d).toContain(`超期红色隐患 ${fengze.length} 条`);
    for (const c of fengze) expect(d).toContain(c);
    for (const c of codesOf('licheng')) expect(d).not.toContain(c);
    expect(d).not.toContain('鲤城');
    expect(await say(w.fengze, 'huang', '黄科长', '鲤城区第一中学有多少隐患超期了')).toContain('不在你的查看范围');

    const c = await say(w.city, 'chen', '陈科长', '哪些学校红色隐患超期了？');
    expect(c).toContain(`超期红色隐患 ${fengze.length + licheng.length} 条`);
    for (const code of [...fengze, ...licheng]) expect(c).toContain(code);
  });

  it('numbers equal independent SQL counts, and /进度 says the same', async () => {
    const reported = await n(`SELECT COUNT(*) AS n FROM hazard WHERE ${UNDER('丰泽区教育局')} AND status <> 'rejected' AND created_at >= ? AND created_at < ?`, [NOV_1, NOW]);
    const closed = await n(`SELECT COUNT(*) AS n FROM hazard WHERE ${UNDER('丰泽区教育局')} AND closed_at >= ? AND closed_at < ?`, [NOV_1, NOW]);
    const answer = await say(w.city, 'chen', '陈科长', '丰泽区本月新增了多少隐患？');
    expect(answer).toContain(`丰泽区本月新增隐患 ${reported} 条`);
    expect(await say(w.city, 'chen', '陈科长', '/进度 丰泽区 本月')).toContain(`新增 ${reported} · 销号 ${closed}`);

    const rates = await say(w.city, 'chen', '陈科长', '本月各区销号率分别多少');
    expect(rates).toContain(`- 丰泽区 ${Math.round((closed / reported) * 1000) / 10}%（新增 ${reported}）`);
    // A ranked rate stays a rate, cut to the number asked: the best district's rate, one line.
    const byDistrict = (await t.bot.ds.query(
      `SELECT d.name, SUM(CASE WHEN h.status <> 'rejected' AND h.created_at >= ? AND h.created_at < ? THEN 1 ELSE 0 END) AS r, SUM(CASE WHEN h.closed_at >= ? AND h.closed_at < ? THEN 1 ELSE 0 END) AS c FROM hazard h JOIN unit u ON u.id = h.unit_id JOIN unit d ON d.id = u.parent_id GROUP BY d.name`,
      [NOV_1, NOW, NOV_1, NOW],
    )) as any[];
    const best = Math.max(...byDistrict.filter((x) => Number(x.r) > 0).map((x) => Math.round((Number(x.c) / Number(x.r)) * 1000) / 10));
    const top = await say(w.city, 'chen', '陈科长', '本月销号率最高的前1个区是哪个');
    expect(top.match(/%（新增 \d+）/g)).toHaveLength(1);
    expect(top).toContain(` ${best}%（新增 `);

    const fire = (await t.bot.ds.query(
      `SELECT u.name, COUNT(*) AS n FROM hazard h JOIN unit u ON u.id = h.unit_id WHERE h.area = 'fire' AND h.status <> 'rejected' AND h.created_at >= ? AND h.created_at < ? GROUP BY u.name ORDER BY n DESC, u.name`,
      [JAN_1, NOW],
    )) as any[];
    const ranking = await say(w.fengze, 'huang', '黄科长', '今年消防隐患最多的是哪几所学校？');
    expect(ranking).toContain(`1. ${fire[0].name.replace('丰泽区', '')} ${Number(fire[0].n)} 条`);
    expect(ranking).not.toContain('鲤城');

    const colours = await say(w.fengze, 'huang', '黄科长', '红橙黄蓝各有多少？');
    const red = await n(`SELECT COUNT(*) AS n FROM hazard WHERE ${UNDER('丰泽区教育局')} AND risk = 'red' AND status IN ('pending','rectifying','verifying')`);
    expect(colours).toContain(`- 🔴红色 ${red} 条`);
  });

  it('zero is a clear 没有; filings, progress and a series with its chart', async () => {
    expect(await say(w.fengze, 'huang', '黄科长', '本月实验室红色隐患有多少')).toMatch(/^\*\*没有。丰泽区本月没有新增实验室和危化品管理安全红色隐患。/);

    const filing = await say(w.city, 'chen', '陈科长', '还有哪几个区没交年报？');
    const districts = await n(`SELECT COUNT(*) AS n FROM unit WHERE kind = 'district'`);
    expect(filing).toContain(`应交 ${districts} 个，未交 ${districts - 1} 个`);
    expect(filing).toContain('- 丰泽区');
    expect(filing).not.toContain('- 鲤城区');

    const progress = await say(w.fengze, 'huang', '黄科长', '东海中学的重大隐患整改到哪一步了？');
    expect(progress).toContain('YH-2025-900007');
    expect(progress).toContain('整改中');
    expect(progress).not.toContain('YH-2025-900013');

    const sent = await w.fengze.send('huang', '黄科长', '今年每个月的隐患数量走势给我看下', { timestamp: clock.now() });
    const series = await w.fengze.replyTo(sent.session);
    const oct = await n(`SELECT COUNT(*) AS n FROM hazard WHERE ${UNDER('丰泽区教育局')} AND status <> 'rejected' AND created_at >= ? AND created_at < ?`, [shanghaiDate(2025, 10, 1).getTime(), NOV_1]);
    expect(series).toContain(`10月 ${oct}`);
    // One outbox row is one platform message: the chart follows the text as its own message (#15).
    const picture = await fake.waitFor((r) => r.path === '/robot/sendBySession' && r.query.get('session') === sent.session && textOf(r).includes('![图]'));
    const link = /!\[图\]\((http:\/\/bot\.test[^)]+)\)/.exec(textOf(picture))?.[1];
    expect(link).toBeTruthy();
    const png = Buffer.from(await (await fetch(link!.replace('http://bot.test', t.base))).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('/问 and /ask work alike; what is not understood is said, with the nearest question', async () => {
    const a = await say(w.fengze, 'huang', '黄科长', '/问 本月新增了多少隐患');
    const b = await say(w.fengze, 'huang', '黄科长', '/ask 本月新增了多少隐患');
    expect(a).toBe(b);
    expect(a).toContain('丰泽区本月新增隐患');
    const odd = await say(w.fengze, 'huang', '黄科长', '/问 明天天气怎么样');
    expect(odd).toContain('没看懂「明天天气怎么样」');
    expect(odd).toContain('/问 本月新增隐患多少条');
    expect(await say(w.fengze, 'huang', '黄科长', '/问')).toContain('用法：/问 <问题>');
  });
});
