import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { AdjustableClock } from '../../src/services/clock';
import { RISK_COLORS } from '../../src/services/summary/chart';
import { bindWorld, codesOf, NOW, seedWorld, type World } from '../helpers/summary-world';
import type { DingtalkChat } from '../helpers/chat';

const targets = await dbTargets();

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  c.getContext('2d').drawImage(img, 0, 0);
  return c.getContext('2d').getImageData(0, 0, img.width, img.height).data;
}

function colourCount(data: Uint8ClampedArray, hex: string, tol = 6): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) n++;
  return n;
}

describe.each(targets)('/进度 per role on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let w: World;
  const clock = new AdjustableClock();
  const say = (c: DingtalkChat, user: string, nick: string, text: string) => c.say(user, nick, text, { timestamp: clock.now() });

  beforeAll(async () => {
    clock.set(NOW);
    url = await target.create();
    fake = await new FakePlatform().start();
    // A public base URL makes DingTalk replies carry the chart as a signed image link the test can fetch.
    t = await startBot(url, { ...botEnv(fake.url), PUBLIC_BASE_URL: 'http://bot.test' }, { clock });
    await seedWorld(t.bot.ds);
    w = await bindWorld(t.base, fake, () => clock.now(), t.bot.ds);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('refuses a teacher and says who may ask', async () => {
    const reply = await say(w.donghai, 'li', '李老师', '/进度');
    expect(reply).toContain('只对校长、安全员、区教育局和市教育局管理员开放（你是：教师）');
    expect(reply).not.toMatch(/新增|YH-/);
  });

  it('a principal sees the school, every figure, and nothing of another school', async () => {
    const reply = await say(w.donghai, 'lin', '林校长', '/进度');
    expect(reply).toContain('丰泽区东海中学 · 11月 安全进度');
    expect(reply).toContain('隐患 新增 5 · 销号 3 · 在办 4（🔴2 🟠0 🟡1 🔵1）· 逾期 2');
    expect(reply).toContain('重大隐患挂牌督办 1：YH-2025-900007');
    expect(reply).toContain('销号率 60% · 销号用时中位数 2 天');
    expect(reply).toContain('在办最多：消防安全 3 · 建筑安全 1');
    // The next thing a school owes is its Q4 季报 figures (12/28), before its district's 1/1 filing.
    expect(reply).toContain('报送：季报数据（12月28日截止，还有 31 天）本单位未报送');
    expect(reply).not.toContain('年度目标');
    for (const code of [...codesOf('shiyan'), ...codesOf('licheng')]) expect(reply).not.toContain(code);
    for (const name of ['实验小学', '鲤城', '第一中学']) expect(reply).not.toContain(name);

    const week = await say(w.donghai, 'lin', '林校长', '/进度 本周');
    expect(week).toContain('本周（11/24–11/27）');
    expect(week).toContain('隐患 新增 1 · 销号 1 · 在办 4');
    expect(week).toContain('销号率 100% · 销号用时中位数 1 天');
  });

  it('a principal asking for another school is refused with who may see it', async () => {
    const reply = await say(w.donghai, 'lin', '林校长', '/进度 实验小学');
    expect(reply).toContain('不在你的查看范围');
    expect(reply).toContain('该校校长、安全员，丰泽区教育局管理员和市教育局管理员');
    expect(reply).not.toMatch(/新增|YH-/);
    expect(await say(w.donghai, 'lin', '林校长', '/目标 标杆学校=9')).toContain('由区教育局管理员、市教育局管理员填报（你是：校长）');
  });

  it('a district admin sees the district and each of its schools, and enters targets', async () => {
    expect(await say(w.fengze, 'huang', '黄科长', '/目标 达标学校=45%')).toContain('达标学校要填整数个数（不是百分比）');
    expect(await say(w.fengze, 'huang', '黄科长', '/目标 鲤城区 标杆学校=3')).toContain('「鲤城区」不是你管辖的区县或市教育局');
    expect(await say(w.fengze, 'huang', '黄科长', '/目标 标杆学校=9 达标学校=1 示范岗位=5')).toContain('已更新 丰泽区 2025 年度目标');
    const reply = await say(w.fengze, 'huang', '黄科长', '/汇总 本月');
    expect(reply).toContain('丰泽区 · 11月 安全进度');
    expect(reply).toContain('隐患 新增 8 · 销号 4 · 在办 6（🔴3 🟠1 🟡1 🔵1）· 逾期 2');
    expect(reply).toContain('重大隐患挂牌督办 2：YH-2025-900007（东海中学）、YH-2025-900013（实验小学）');
    expect(reply).toContain('销号率 50% · 销号用时中位数 1.6 天');
    expect(reply).toContain('在办最多：消防安全 3 · 建筑安全 2 · 食品安全 1');
    expect(reply).toContain('报送：季报数据（12月28日截止，还有 31 天）已交 0/2，未交 2 个：东海中学、实验小学');
    expect(reply).toContain('年度目标：标杆学校 9/13 · 达标学校 50%/45% · 示范岗位 5/8');
    expect(reply).toContain('- 东海中学 新增 5 · 销号 3 · 在办 4（🔴2🟡1🔵1）· 逾期 2');
    expect(reply).toContain('- 实验小学 新增 3 · 销号 1 · 在办 2（🔴1🟠1）· 逾期 0');
    for (const code of codesOf('licheng')) expect(reply).not.toContain(code);
    expect(reply).not.toContain('鲤城');

    const narrowed = await say(w.fengze, 'huang', '黄科长', '/progress 东海中学');
    expect(narrowed).toContain('丰泽区东海中学 · 11月 安全进度');
    expect(narrowed).toContain('隐患 新增 5 · 销号 3');
    const refused = await say(w.fengze, 'huang', '黄科长', '/进度 鲤城区');
    expect(refused).toContain('「鲤城区教育局」不在你的查看范围');
    expect(refused).toContain('鲤城区教育局管理员和市教育局管理员');
  });

  it('a city admin sees the city and every district, with the chart as a real PNG in four colours', async () => {
    const { session } = await w.city.send('chen', '陈科长', '/summary', { timestamp: clock.now() });
    const reply = await w.city.replyTo(session);
    expect(reply).toContain('泉州市 · 11月 安全进度');
    expect(reply).toContain('隐患 新增 11 · 销号 5 · 在办 8（🔴4 🟠1 🟡2 🔵1）· 逾期 4');
    expect(reply).toContain('重大隐患挂牌督办 3：YH-2025-900007（东海中学）、YH-2025-900013（实验小学）、YH-2025-900022（第一中学）');
    expect(reply).toContain('销号率 45% · 销号用时中位数 1.3 天');
    expect(reply).toMatch(/报送：年报（1月1日截止，还有 35 天）已交 1\/13，未交 12 个：.+ 等/);
    expect(reply).toContain('年度目标（各区填报合计）：标杆学校 9/170 · 达标学校 1/1300 · 示范岗位 5/13000');
    expect(reply).toContain('- 丰泽区 新增 8 · 销号 4 · 在办 6（🔴3🟠1🟡1🔵1）· 逾期 2');
    expect(reply).toContain('- 鲤城区 新增 3 · 销号 1 · 在办 2（🔴1🟡1）· 逾期 2');
    expect(reply).toContain('- 德化县 新增 0 · 销号 0 · 在办 0 · 逾期 0');
    expect(reply.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(13);
    expect(Buffer.byteLength(reply)).toBeLessThan(3800);

    // The chart is a message of its own (one outbox row per platform message), after the text, on the same session.
    expect(reply).not.toContain('![图]');
    const chart = await fake.waitFor((r) => r.path === '/robot/sendBySession' && r.query.get('session') === session && textOf(r).includes('![图]('));
    const link = /!\[图\]\((http:\/\/bot\.test[^)]+)\)/.exec(textOf(chart))?.[1];
    expect(link).toBeTruthy();
    const res = await fetch(link!.replace('http://bot.test', t.base));
    expect(res.status).toBe(200);
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    const data = await pixels(png);
    for (const hex of Object.values(RISK_COLORS)) expect(colourCount(data, hex), hex).toBeGreaterThan(300);
  });

  it('counts a quarter and a year in one pass per unit with the same figures', async () => {
    const year = await say(w.city, 'chen', '陈科长', '/进度 本年');
    expect(year).toContain('泉州市 · 2025年 安全进度');
    expect(year).toContain('隐患 新增 13 · 销号 5 · 在办 8（🔴4 🟠1 🟡2 🔵1）· 逾期 4');
    expect(year).toContain('销号率 38% · 销号用时中位数 1.3 天');
    expect(year).toContain('- 丰泽区 新增 10 · 销号 4 ·');
    expect(year).toContain('- 鲤城区 新增 3 · 销号 1 ·');
    const quarter = await say(w.fengze, 'huang', '黄科长', '/进度 本季度');
    expect(quarter).toContain('丰泽区 · 第四季度 安全进度');
    expect(quarter).toContain('隐患 新增 10 · 销号 4 · 在办 6');
    expect(quarter).toContain('销号率 40% · 销号用时中位数 1.6 天');
    expect(quarter).toContain('- 东海中学 新增 7 · 销号 3 ·');
  });
});
