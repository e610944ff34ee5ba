import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv, wecomBotRequest } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { ManualClock, seedReminderWorld } from '../helpers/reminder-world';
import { shanghaiDate } from '../../src/services/time';
import { grant } from '../helpers/trust';

const targets = await dbTargets();
const WECOM_KEY = '693a91f6-7aaa-4bc4-97a0-0ec21f2e5aaa';

describe.each(targets)('/已报送 /撤销报送 /提醒 /截止 /推送 through the webhooks on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;
  let district: DingtalkChat;
  let city: DingtalkChat;
  const clock = new ManualClock(shanghaiDate(2025, 2, 18, 10).getTime());
  const say = (chat: DingtalkChat, userId: string, nick: string, text: string) => chat.say(userId, nick, text, { timestamp: clock.t });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.bot.ds.query(sql, params))[0].n);

  /** A WeCom 智能机器人 group: replies come back once through the message's response_url. */
  const wecomSay = async (userId: string, text: string) => {
    const before = fake.find('/cgi-bin/aibot/response').length;
    const req = wecomBotRequest(t.base, fake.url, { userId, chatId: 'wc-shiyan-chat', text, timestamp: clock.now() });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    await fake.waitFor(() => fake.find('/cgi-bin/aibot/response').length > before);
    return textOf(fake.find('/cgi-bin/aibot/response')[before]);
  };

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url), { clock, background: false });
    await seedReminderWorld(t.bot.ds);
    await t.bot.services.units.refresh();
    school = new DingtalkChat(t.base, fake, 'cid-donghai');
    district = new DingtalkChat(t.base, fake, 'cid-fengze');
    city = new DingtalkChat(t.base, fake, 'cid-city');
    await grant(t.bot.ds, [
      ['dingtalk', 'wang', '安全员', '泉州市丰泽区东海中学', '王安全员'],
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'zheng', '市教育局管理员', undefined, '郑科长'],
      ['wecom', 'xu', '安全员', '泉州市丰泽区实验小学'],
    ]);
    expect(await say(school, 'wang', '王安全员', '/绑定 东海中学')).toContain('安全员');
    expect(await say(school, 'li', '李老师', '/我是谁')).toContain('教师');
    expect(await say(district, 'huang', '黄科长', '/绑定 丰泽区教育局')).toContain('区教育局管理员');
    expect(await say(city, 'zheng', '郑科长', '/绑定 泉州市教育局')).toContain('市教育局管理员');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('/已报送 is for the unit admins, is idempotent and audited; /撤销报送 undoes it', async () => {
    expect(await say(school, 'li', '李老师', '/已报送 方案')).toContain('只有学校的安全员或校长、区教育局管理员可以登记报送（你是：教师）');
    const filed = await say(school, 'wang', '王安全员', '/已报送 方案');
    expect(filed).toContain('✅ 已记录：东海中学 已完成「报送 2025 年具体方案」（截止 2 月 21 日）');
    expect(await say(school, 'wang', '王安全员', '/已报送 承诺书')).toContain('登记过「报送 2025 年具体方案」，无需重复');
    expect(await count(`SELECT COUNT(*) AS n FROM filing WHERE deadline_key = 'plan' AND occurrence = '2025-02-21' AND undone_at IS NULL`)).toBe(1);
    expect(await say(school, 'wang', '王安全员', '/已报送 季报')).toContain('东海中学无需登记');
    expect(await say(school, 'wang', '王安全员', '/已报送 周报')).toContain('没有找到这个事项');
    expect(await say(city, 'zheng', '郑科长', '/已报送 方案')).toContain('市教育局不需要报送');
    expect(await say(district, 'huang', '黄科长', '/已报送 方案')).toContain('丰泽区教育局 已完成');

    expect(await say(school, 'wang', '王安全员', '/撤销报送 方案')).toContain('已撤销：东海中学');
    expect(await say(school, 'wang', '王安全员', '/撤销报送 方案')).toContain('还没有登记');
    const actions = (await t.bot.ds.query(`SELECT action FROM audit_log WHERE action LIKE 'filing.%' ORDER BY id`)).map((r: any) => r.action);
    expect(actions).toEqual(['filing.mark', 'filing.mark', 'filing.undo']);
  });

  it('/提醒 shows the unit its dates and what it owes; a district sees its schools', async () => {
    const mine = await say(school, 'li', '李老师', '/提醒');
    expect(mine).toContain('东海中学 · 截止日期');
    expect(mine).toContain('2 月 21 日（周五） 报送 2025 年具体方案 · ⏳ 还有 3 天 → /已报送 方案');
    expect(mine).toContain('下一步：完成后 @我 /已报送 方案');
    const theirs = await say(district, 'huang', '黄科长', '/remind');
    expect(theirs).toContain('✅ 已报送');
    expect(theirs).toContain('尚未完成：东海中学、实验小学');
  });

  it('/截止 lists for everyone; only city admins add and delete; export is a signed, expiring link', async () => {
    const list = await say(school, 'li', '李老师', '/截止');
    expect(list).toContain('**2 月 21 日（周五）** 报送 2025 年具体方案（3 天后） · 区、市属、学校 · /已报送 方案 · 仅 2025 年');
    expect(list).toContain('季报 · 2025 年起每年');
    expect(list).not.toContain('尚未导入');
    // No internal keys in replies (issue 20): the filing word or the short name instead.
    expect(list).not.toMatch(/key |plan|stage-/);
    expect(list).toContain('/已报送 方案');
    expect(await say(school, 'wang', '王安全员', '/截止 新增 06-30 防溺水专项总结')).toContain('只有市教育局管理员可以修改截止日期（你是：安全员）');
    expect(await say(city, 'zheng', '郑科长', '/截止 新增 02-30 防溺水专项总结')).toContain('不是每年都有的日期');
    expect(await say(city, 'zheng', '郑科长', '/截止 新增 06-30 防溺水专项总结 跟踪 报送=区,市属 简称=方案')).toContain('已被');
    const added = await say(city, 'zheng', '郑科长', '/截止 新增 06-30 防溺水专项总结 跟踪 报送=区,市属 简称=防溺水');
    expect(added).toContain('已新增截止日期 06-30「防溺水专项总结」（简称 防溺水，完成后 /已报送 防溺水）');
    const row = (await t.bot.ds.query(`SELECT kind, tracked, alias, duties FROM deadline WHERE deadline_key = 'c0630'`))[0];
    expect(row).toMatchObject({ kind: 'filing', alias: '防溺水' });
    expect(JSON.parse(row.duties).map((d: any) => d.filer)).toEqual(['district', 'city_school']);
    expect(await say(district, 'huang', '黄科长', '/已报送 防溺水')).toContain('丰泽区教育局 已完成「防溺水专项总结」');
    expect(await say(city, 'zheng', '郑科长', '/截止 删除 防溺水')).toContain('已删除截止日期 06-30「防溺水专项总结」');
    expect(await count(`SELECT COUNT(*) AS n FROM deadline WHERE deadline_key = 'c0630'`)).toBe(0);

    expect(await say(school, 'wang', '王安全员', '/截止 导出')).toContain('只有区、市教育局管理员可以导出');
    const reply = await say(city, 'zheng', '郑科长', '/截止 导出');
    const link = new URL(/\((http[^)]+)\)/.exec(reply)![1]);
    const res = await fetch(`${t.base}${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('key: plan');
    // A forged signature: its first character changed (to x, or to y when it already was x: a random signature starts with x 1 time in 64).
    const forged = link.search.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'x' ? 'y' : 'x'}`);
    expect((await fetch(`${t.base}${link.pathname}${forged}`)).status).toBe(403);
    clock.t += 11 * 60_000;
    expect((await fetch(`${t.base}${link.pathname}${link.search}`)).status).toBe(403);
  });

  it('/推送 (DingTalk): admins only, app robot of this group, a real test push', async () => {
    expect(await say(school, 'li', '李老师', '/推送')).toContain('只有本单位管理员（学校：安全员或校长）或区、市教育局管理员可以设置推送（你是：教师）');
    expect(await say(school, 'wang', '王安全员', '/推送 设置 企业微信 abc')).toContain('不是企业微信群');
    expect(await say(school, 'wang', '王安全员', '/推送 设置 钉钉群')).toContain('已设置本群推送：钉钉应用机器人（本群）');
    expect((await t.bot.ds.query(`SELECT push_kind, push_target FROM chat_group WHERE chat_id = 'cid-donghai'`))[0]).toEqual({ push_kind: 'dingtalk_group', push_target: 'cid-donghai' });
    fake.reset();
    expect(await say(school, 'wang', '王安全员', '/推送 测试')).toContain('测试消息已送达');
    const push = fake.find('/v1.0/robot/groupMessages/send');
    expect(push).toHaveLength(1);
    expect(push[0].body.openConversationId).toBe('cid-donghai');
    // A district admin may manage the groups of its schools.
    expect(await say(school, 'huang', '黄科长', '/推送')).toContain('钉钉应用机器人（本群）');
  });

  it('/推送 (WeCom): the key is stored, masked in replies, never logged, scrubbed from the stored message', async () => {
    expect(await wecomSay('xu', '/绑定 实验小学')).toContain('安全员');
    expect(await wecomSay('xu', '/推送')).toContain('未设置');
    const set = await wecomSay('xu', `/推送 设置 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`);
    expect(set).toContain(`key ****${WECOM_KEY.slice(-4)}`);
    expect(set).not.toContain(WECOM_KEY);
    const group = (await t.bot.ds.query(`SELECT push_kind, push_target FROM chat_group WHERE chat_id = 'wc-shiyan-chat'`))[0];
    expect(group).toEqual({ push_kind: 'wecom_webhook', push_target: WECOM_KEY });
    expect(await wecomSay('xu', '/推送 测试')).toContain('已送达');
    expect(fake.find('/cgi-bin/webhook/send').filter((r) => r.query.get('key') === WECOM_KEY)).toHaveLength(1);
    fake.respond((r) => (r.path === '/cgi-bin/webhook/send' ? { body: { errcode: 93000, errmsg: 'invalid webhook url' } } : undefined));
    expect(await wecomSay('xu', '/推送 测试')).toContain('webhook key 无效');
    fake.reset();
    expect(await wecomSay('xu', '/推送 设置 企业微信 not-a-key!')).toContain('不像企业微信群机器人的 webhook key');

    expect(t.logs.join('')).not.toContain(WECOM_KEY);
    expect(await count(`SELECT COUNT(*) AS n FROM inbound_message WHERE payload LIKE ?`, [`%${WECOM_KEY}%`])).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM audit_log WHERE detail LIKE ?`, [`%${WECOM_KEY}%`])).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'group.push'`)).toBe(2);
  });

  it('/帮助 lists the new commands', async () => {
    const help = await say(school, 'li', '李老师', '/帮助 全部');
    for (const c of ['/提醒', '/已报送', '/撤销报送', '/截止', '/推送']) expect(help).toContain(c);
  });
});
