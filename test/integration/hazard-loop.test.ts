import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';

const targets = await dbTargets();
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe.each(targets)('hazard loop through the webhooks on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;
  let other: DingtalkChat;
  let district: DingtalkChat;
  const code = (text: string) => /YH-\d{4}-\d{6}/.exec(text)?.[0] ?? '';
  const hazardCount = async () => Number((await t.bot.ds.query('SELECT COUNT(*) AS n FROM hazard'))[0].n);

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    fake.respond((r) => (r.path === '/v1.0/robot/messageFiles/download' ? { body: { downloadUrl: `${fake.url}/files/pic.png` } } : undefined));
    fake.respond((r) => (r.path === '/files/pic.png' ? { body: null, raw: PNG, contentType: 'image/png' } : undefined));
    t = await startBot(url, botEnv(fake.url));
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '实验小学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    school = new DingtalkChat(t.base, fake, 'cid-donghai');
    other = new DingtalkChat(t.base, fake, 'cid-shiyan');
    district = new DingtalkChat(t.base, fake, 'cid-fengze');
    await grant(t.bot.ds, [
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'],
      ['dingtalk', 'xu', '安全员', '实验小学', '许安全员'],
    ]);
    expect(await district.say('huang', '黄科长', '/绑定 丰泽区教育局')).toContain('区教育局管理员');
    expect(await school.say('wang', '王安全员', '/绑定 东海中学')).toContain('安全员');
    expect(await other.say('xu', '许安全员', '/绑定 实验小学')).toContain('安全员');
    expect(await school.say('lin', '林校长', '/我是谁')).toContain('教师');
    expect(await school.say('wang', '王安全员', '/角色 @林校长 校长', { atUsers: [{ staffId: 'lin' }] })).toContain('设为校长');
    expect(await school.say('zhao', '赵师傅', '/我是谁')).toContain('教师');
    expect(await school.say('li', '李老师', '/我是谁')).toContain('教师');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('report → card, photo, confirm, rectify, verify by another person, closed', async () => {
    const card = await school.say('li', '李老师', '/隐患 三楼东边楼梯口堆了好多旧课桌椅，疏散通道被堵了一半');
    expect(card).toMatch(/已登记隐患 YH-\d{4}-\d{6}/);
    expect(card).toContain('消防安全');
    expect(card).toContain('责任人 王安全员');
    const c = code(card);
    expect(await school.say('li', '李老师', '', { downloadCode: 'dl-1' })).toContain(`已附到 ${c}`);
    expect(Number((await t.bot.ds.query('SELECT COUNT(*) AS n FROM hazard_photo'))[0].n)).toBe(1);

    expect(await school.say('li', '李老师', `/确认 ${c}`)).toContain('只有本校安全员或校长可以处理');
    expect(await school.say('wang', '王安全员', `/确认 ${c} @赵师傅 明天`, { atUsers: [{ staffId: 'zhao' }] })).toContain('整改中 · 责任人 赵师傅');
    expect(await school.say('zhao', '赵师傅', `/整改 ${c} 桌椅已搬到一楼仓库`)).toContain('待验收');
    expect(await school.say('li', '李老师', `/验收 ${c} 通过`)).toContain('你是：教师');
    const closed = await school.say('lin', '林校长', `/验收 ${c} 通过`);
    expect(closed).toContain(`${c} 已销号`);
    const history = await school.say('li', '李老师', `/查询 ${c}`);
    for (const word of ['上报', '确认', '提交整改', '验收通过', '补充照片']) expect(history).toContain(word);
    const events = await t.bot.ds.query(`SELECT action, from_status, to_status FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE h.code = ? ORDER BY e.id`, [c]);
    expect(events.map((e: any) => e.action)).toEqual(['report', 'photo', 'confirm', 'rectify', 'verify_pass']);
  });

  it('refuses self-verification', async () => {
    const c = code(await school.say('li', '李老师', '/隐患 二楼男厕所的灯坏了一个星期'));
    await school.say('wang', '王安全员', `/确认 ${c}`);
    await school.say('wang', '王安全员', `/整改 ${c} 已更换灯管`);
    expect(await school.say('wang', '王安全员', `/验收 ${c} 通过`)).toContain('验收人不能是整改人');
    expect((await t.bot.ds.query(`SELECT status FROM hazard WHERE code = ?`, [c]))[0].status).toBe('verifying');
  });

  it('a major hazard alerts the principal and the district and cannot close without 五落实', async () => {
    fake.reset();
    fake.respond((r) => (r.path === '/v1.0/robot/messageFiles/download' ? { body: { downloadUrl: `${fake.url}/files/pic.png` } } : undefined));
    const card = await school.say('li', '李老师', '/隐患 男生宿舍3号楼有学生把电动车电池拿进寝室充电');
    expect(card).toContain('重大事故隐患');
    const c = code(card);
    await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-fengze' && textOf(r).includes(c));
    await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-donghai' && textOf(r).includes('林校长'));
    expect((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM supervision s JOIN hazard h ON h.id = s.hazard_id WHERE h.code = ?`, [c]))[0].n).toBeGreaterThan(0);
    await school.say('wang', '王安全员', `/确认 ${c} @赵师傅 后天`, { atUsers: [{ staffId: 'zhao' }] });
    await school.say('zhao', '赵师傅', `/整改 ${c} 电池已收缴`);
    expect(await school.say('lin', '林校长', `/验收 ${c} 通过`)).toContain('区教育局管理员');
    const refused = await district.say('huang', '黄科长', `/验收 ${c} 通过`);
    expect(refused).toContain('五落实');
    expect(refused).toContain('资金');
    expect(await school.say('wang', '王安全员', `/督办 ${c} 措施=收缴电池 责任人=林校长 资金=2万元 时限=12月10日 预案=宿舍火灾应急预案`)).toContain('五落实已齐全');
    expect(await district.say('huang', '黄科长', `/验收 ${c} 通过`)).toContain('已销号');
    const [sup] = await t.bot.ds.query(`SELECT s.closed_at FROM supervision s JOIN hazard h ON h.id = s.hazard_id WHERE h.code = ?`, [c]);
    expect(sup.closed_at).not.toBeNull();
  });

  it('a report delivered three times is one hazard', async () => {
    const before = await hazardCount();
    const first = await school.send('li', '李老师', '/隐患 操场东侧篮球架底座松动，摇晃', { msgId: 'dup-report-1' });
    await school.send('li', '李老师', '/隐患 操场东侧篮球架底座松动，摇晃', { msgId: 'dup-report-1' });
    await school.send('li', '李老师', '/隐患 操场东侧篮球架底座松动，摇晃', { msgId: 'dup-report-1' });
    await school.replyTo(first.session);
    await t.bot.worker.idle();
    expect(await hazardCount()).toBe(before + 1);
  });

  it('two simultaneous verifications give one success', async () => {
    const c = code(await school.say('li', '李老师', '/隐患 食堂冰箱里的熟食没有标注日期'));
    await school.say('wang', '王安全员', `/确认 ${c} @赵师傅`, { atUsers: [{ staffId: 'zhao' }] });
    await school.say('zhao', '赵师傅', `/整改 ${c} 已清理并贴标签`);
    const [a, b] = await Promise.all([school.send('lin', '林校长', `/验收 ${c} 通过`), school.send('huang', '黄科长', `/验收 ${c} 通过`)]);
    const replies = await Promise.all([school.replyTo(a.session), school.replyTo(b.session)]);
    expect(replies.filter((r) => r.includes('已销号 · 用时'))).toHaveLength(1);
    expect(replies.filter((r) => r.includes('已被他人处理') || r.includes('当前是「已销号」'))).toHaveLength(1);
    const events = await t.bot.ds.query(`SELECT COUNT(*) AS n FROM hazard_event e JOIN hazard h ON h.id = e.hazard_id WHERE h.code = ? AND e.action = 'verify_pass'`, [c]);
    expect(Number(events[0].n)).toBe(1);
  });

  it('bad input shows the right usage and changes nothing', async () => {
    const before = await hazardCount();
    const otherCode = code(await other.say('xu', '许安全员', '/隐患 实验室的酒精灯没有收好'));
    const beforeAll = await hazardCount();
    expect(await school.say('wang', '王安全员', '/确认')).toContain('请写上隐患编号');
    expect(await school.say('wang', '王安全员', '/确认 YH-2099-999999')).toContain('没有找到');
    expect(await school.say('wang', '王安全员', `/确认 ${otherCode}`)).toContain('不属于你的单位');
    expect(await school.say('li', '李老师', '/隐患')).toContain('请写上看到的隐患');
    expect(await school.say('li', '李老师', `/隐患 ${'楼梯堵了'.repeat(600)}`)).toContain('描述太长了');
    expect(await hazardCount()).toBe(beforeAll);
    expect(beforeAll).toBe(before + 1);
    expect((await t.bot.ds.query(`SELECT status FROM hazard WHERE code = ?`, [otherCode]))[0].status).toBe('pending');
  });

  it('per-school deadlines: only the school admins change them, new reports use them', async () => {
    expect(await school.say('li', '李老师', '/整改期限 黄=2天')).toContain('只有本校安全员或校长');
    expect(await school.say('wang', '王安全员', '/整改期限 黄=2天 蓝=10天')).toContain('黄 2 天 · 蓝 10 天');
    expect(await school.say('wang', '王安全员', '/整改期限 紫=2天')).toContain('看不懂');
    const [unit] = await t.bot.ds.query(`SELECT settings FROM unit WHERE name = '东海中学'`);
    expect(JSON.parse(unit.settings).deadlineHours.yellow).toBe(48);
  });

  it('a principal can list open items, most urgent first', async () => {
    const list = await school.say('lin', '林校长', '/清单');
    expect(list).toContain('东海中学 · 在办隐患');
    const mine = await school.say('li', '李老师', '/我的');
    expect(mine).toContain('我上报的隐患');
  });
});
