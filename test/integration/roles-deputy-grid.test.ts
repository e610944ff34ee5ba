// Issue 13: the roles the programme names. The 分管安全副校（园）长 is a role of its own with the principal's
// approvals; 网格员 is a tag on staff with the places they watch, so a report about one of those places also
// reaches them. Both set by /角色 and by the org import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';
import { importOrgCsv } from '../../src/services/org/import-org';

const targets = await dbTargets();

describe.each(targets)('分管安全副校长 and 网格员 on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let chat: DingtalkChat;
  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);
  const member = async (userId: string) => (await q(`SELECT role, grid FROM member WHERE user_id = ?`, [userId]))[0];

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    await t.bot.services.units.refresh();
    await grant(t.bot.ds, [['dingtalk', 'wang', '安全员', '东海中学', '王安全员']]);
    chat = new DingtalkChat(t.base, fake, 'cid-roles7');
    expect(await chat.say('wang', '王安全员', '/绑定 东海中学')).toContain('✅');
    for (const [u, n] of [['fu', '傅副校长'], ['li', '李老师'], ['zhao', '赵老师']]) expect(await chat.say(u, n, '/我是谁')).toContain('教师');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('/角色 @… 分管安全副校长 makes a role of its own, which then approves like the principal', async () => {
    expect(await chat.say('wang', '王安全员', '/角色 @傅副校长 分管安全副校长', { atUsers: [{ staffId: 'fu' }] })).toContain('设为分管安全副校长');
    expect((await member('fu')).role).toBe('deputy_principal');
    expect(await chat.say('fu', '傅副校长', '/我是谁')).toContain('分管安全副校长');
    const card = await chat.say('zhao', '赵老师', '/隐患 食堂后门灭火器过期了');
    const code = /YH-\d{4}-\d{6}/.exec(card)![0];
    expect(await chat.say('zhao', '赵老师', `/确认 ${code}`)).toContain('只有本校安全员或校长');
    expect(await chat.say('fu', '傅副校长', `/确认 ${code}`)).toContain('整改中');
    expect(await chat.say('wang', '王安全员', `/整改 ${code} 已更换灭火器`)).toContain('待验收');
    expect(await chat.say('fu', '傅副校长', `/验收 ${code} 通过`)).toContain('已销号');
    // and administers the school like the principal: sets roles
    expect(await chat.say('fu', '傅副校长', '/角色 @赵老师 安全员', { atUsers: [{ staffId: 'zhao' }] })).toContain('设为安全员');
    expect(await chat.say('fu', '傅副校长', '/角色 @赵老师 教师', { atUsers: [{ staffId: 'zhao' }] })).toContain('设为教师');
  });

  it('/角色 @… 网格员 地点 tags a member; a report naming a place reaches them, others do not mention them', async () => {
    expect(await chat.say('zhao', '赵老师', '/角色 @李老师 网格员 三年级 实验楼', { atUsers: [{ staffId: 'li' }] })).toContain('只有「东海中学」的管理员');
    expect((await member('li')).grid).toBeNull();
    expect(await chat.say('wang', '王安全员', '/角色 @李老师 网格员 三年级 x', { atUsers: [{ staffId: 'li' }] })).toContain('不适合作为网格地点');
    const set = await chat.say('wang', '王安全员', '/角色 @李老师 网格员 三年级、实验楼', { atUsers: [{ staffId: 'li' }] });
    expect(set).toContain('负责：三年级、实验楼');
    expect(JSON.parse((await member('li')).grid)).toEqual(['三年级', '实验楼']);
    expect((await member('li')).role).toBe('teacher');
    expect(await chat.say('zhao', '赵老师', '/隐患 实验楼二楼走廊应急灯不亮')).toContain('网格员 李老师（实验楼）');
    expect(await chat.say('zhao', '赵老师', '/隐患 操场篮球架松动')).not.toContain('网格员');
    expect(await chat.say('wang', '王安全员', '/角色 @李老师 网格员 清除', { atUsers: [{ staffId: 'li' }] })).toContain('已取消');
    expect((await member('li')).grid).toBeNull();
    expect((await q(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'member.grid'`))[0].n).toBe(2);
  });

  it('the import sets both: 角色 分管安全副校长, and 网格员 with 网格 and 手机 (the report @-mentions them by mobile)', async () => {
    const csv = [
      '单位,上级单位,类型,姓名,平台,用户ID,角色,手机,网格',
      '东海中学,,,郑副校长,dingtalk,zheng-fu,分管安全副校长,,',
      '东海中学,,,陈老师,dingtalk,chen,网格员,13800001111,初二年段；图书馆',
      '东海中学,,,坏网格,dingtalk,bad,网格员,,',
    ].join('\n');
    const bad = await importOrgCsv(t.bot.ds, csv, Date.now());
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toMatchObject({ line: 4 });
    const ok = await importOrgCsv(t.bot.ds, csv.split('\n').slice(0, 3).join('\n'), Date.now());
    expect(ok.ok, JSON.stringify(ok.errors)).toBe(true);
    expect((await member('zheng-fu')).role).toBe('deputy_principal');
    expect(JSON.parse((await member('chen')).grid)).toEqual(['初二年段', '图书馆']);
    fake.reset();
    const { session } = await chat.send('zhao', '赵老师', '/隐患 图书馆书架倾斜，有倒塌风险');
    const hit = await fake.waitFor((r) => r.path === '/robot/sendBySession' && r.query.get('session') === session);
    expect(JSON.stringify(hit.body)).toContain('网格员 陈老师（图书馆）');
    expect(hit.body.at?.atMobiles ?? []).toContain('13800001111');
  });
});
