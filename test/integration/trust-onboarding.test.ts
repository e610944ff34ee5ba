// Issue 13: nobody becomes an administrator, moves a group or speaks as someone else from chat alone. Each attack
// goes through the real webhook as DingTalk signs it and must fail with a clear reply and nothing changed; the
// normal rollout works end to end: server-side first administrator → district admin → school 安全员 binds its own
// group (with the district's join code, or after the import named them) → teachers report.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv, dingtalkRequest } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { importOrgCsv } from '../../src/services/org/import-org';

const run = promisify(execFile);
const targets = await dbTargets();

describe.each(targets)('trust and onboarding on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);
  const chat = (id: string) => new DingtalkChat(t.base, fake, id);
  const city = () => chat('cid-t-city');
  const fengze = () => chat('cid-t-fengze');
  const donghai = () => chat('cid-t-donghai');
  const unitOf = async (chatId: string) => (await q(`SELECT unit_id FROM chat_group WHERE chat_id = ?`, [chatId]))[0]?.unit_id ?? null;
  const member = async (userId: string) => (await q(`SELECT m.role, u.name AS unit FROM member m LEFT JOIN unit u ON u.id = m.unit_id WHERE m.user_id = ?`, [userId]))[0];
  /** Every table a refused attack must leave alone. */
  const snapshot = async () => JSON.stringify(await Promise.all(['unit', 'member', 'chat_group', 'join_code', 'hazard', 'audit_log'].map((n) => q(`SELECT * FROM ${n} ORDER BY id`))));

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    for (const s of ['东海中学', '实验小学', '新建小学']) await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT ?, 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`, [s]);
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '培元中学', 'school', id, 0 FROM unit WHERE name = '鲤城区教育局'`);
    await t.bot.services.units.refresh();
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('a bureau is never claimable from chat: the first stranger is refused and nothing is stored', async () => {
    for (const bureau of ['泉州市教育局', '丰泽区教育局']) {
      const before = await snapshot();
      const reply = await chat(`cid-t-claim-${bureau}`).say('stranger', '郑处长', `/绑定 ${bureau}`);
      expect(reply).toContain('不能在群里认领');
      expect(reply).toContain('npm run admin');
      // the group row is created on first sight, unbound; nothing else changes
      expect(await unitOf(`cid-t-claim-${bureau}`)).toBeNull();
      expect(await member('stranger')).toBeUndefined();
      expect(JSON.parse(await snapshot()).filter((_: unknown, i: number) => i !== 2)).toEqual(JSON.parse(before).filter((_: unknown, i: number) => i !== 2));
    }
  });

  it('the first city administrator comes from the server: npm run admin -- grant', async () => {
    const cli = (...args: string[]) =>
      run('npx', ['tsx', 'scripts/admin.ts', ...args], { env: { ...process.env, DATABASE_URL: url } }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }),
      );
    const bad = await cli('grant', 'dingtalk', 'zheng', '区教育局管理员');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('--unit');
    const ok = await cli('grant', 'dingtalk', 'zheng', '市教育局管理员', '--name', '郑处长');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('泉州市教育局');
    expect(await member('zheng')).toEqual({ role: 'city_admin', unit: '泉州市教育局' });
    expect((await q(`SELECT actor, action FROM audit_log WHERE action = 'member.grant'`))[0].actor).toMatch(/^cli:admin:/);
    expect(await city().say('zheng', '郑处长', '/绑定 泉州市教育局')).toContain('✅ 本群已绑定「泉州市教育局」');
  });

  it('the city appoints the district admin: bind the district group, then /角色 @ by staffId', async () => {
    expect(await fengze().say('zheng', '郑处长', '/绑定 丰泽区教育局')).toContain('✅ 本群已绑定「丰泽区教育局」');
    expect(await fengze().say('huang', '黄科长', '/我是谁')).toContain('教师');
    expect(await fengze().say('zheng', '郑处长', '/角色 @黄科长 区教育局管理员', { atUsers: [{ staffId: 'huang' }] })).toContain('设为区教育局管理员');
    expect(await member('huang')).toEqual({ role: 'district_admin', unit: '丰泽区教育局' });
  });

  it('a school without members joins with the district\'s one-time code; the code works once, for that school only', async () => {
    expect(await fengze().say('huang', '黄科长', '/邀请码 丰泽区教育局')).toContain('不是学校');
    const issued = await fengze().say('huang', '黄科长', '/邀请码 东海中学');
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(issued)?.[1];
    expect(code, issued).toBeTruthy();
    expect(JSON.stringify(await q(`SELECT * FROM join_code`))).not.toContain(code!.replace('-', '')); // only the hash is stored
    // without a code, with a wrong one, with the code for another school: refused, nothing changes
    await donghai().say('wang', '王安全员', '/我是谁'); // the group row now exists, unbound
    const before = await snapshot();
    expect(await donghai().say('wang', '王安全员', '/绑定 东海中学')).toContain('/邀请码 东海中学');
    expect(await donghai().say('wang', '王安全员', '/绑定 东海中学 AAAA-BBBB')).toContain('邀请码不对');
    expect(await donghai().say('wang', '王安全员', `/绑定 实验小学 ${code}`)).toContain('邀请码不对');
    expect(await snapshot()).toBe(before);
    const bound = await donghai().say('wang', '王安全员', `/绑定 东海中学 ${code!.toLowerCase()}`);
    expect(bound).toContain('✅ 本群已绑定「东海中学」');
    expect(bound).toContain('安全员');
    expect(await member('wang')).toEqual({ role: 'safety_officer', unit: '东海中学' });
    // used once: a second person in another group gets nothing
    expect(await chat('cid-t-donghai-2').say('mallory', '王安全员', `/绑定 东海中学 ${code}`)).toContain('邀请码不对');
    expect(await member('mallory')).toBeUndefined();
  });

  it('two people claiming the same code at the same moment: exactly one becomes 安全员', async () => {
    const issued = await fengze().say('huang', '黄科长', '/邀请码 实验小学');
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(issued)![1];
    const a = chat('cid-t-race-a');
    const b = chat('cid-t-race-b');
    const [ra, rb] = await Promise.all([a.say('race-a', '甲', `/绑定 实验小学 ${code}`), b.say('race-b', '乙', `/绑定 实验小学 ${code}`)]);
    expect([ra, rb].filter((r) => r.includes('✅')).length, `${ra} | ${rb}`).toBe(1);
    expect([ra, rb].filter((r) => r.includes('邀请码不对')).length).toBe(1);
    const officers = await q(`SELECT m.user_id FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.name = '实验小学' AND m.role = 'safety_officer'`);
    expect(officers).toHaveLength(1);
    const boundGroups = await q(`SELECT g.chat_id FROM chat_group g JOIN unit u ON u.id = g.unit_id WHERE u.name = '实验小学'`);
    expect(boundGroups).toHaveLength(1);
  });

  it('teachers who write in the bound group are registered and their reports are filed under the school', async () => {
    expect(await donghai().say('li', '李老师', '/我是谁')).toContain('教师');
    const card = await donghai().say('li', '李老师', '/隐患 三楼楼梯口堆了旧课桌椅，疏散通道被堵');
    expect(card).toMatch(/YH-\d{4}-\d{6}/);
    const [h] = await q(`SELECT u.name FROM hazard h JOIN unit u ON u.id = h.unit_id ORDER BY h.id DESC LIMIT 1`);
    expect(h.name).toBe('东海中学');
  });

  it('a bound group moves only by an administrator over its current unit, audited and announced', async () => {
    const before = await snapshot();
    // a teacher of the group, the school's own 安全员 (not admin over 新建小学), the other district's admin: refused
    expect(await donghai().say('li', '李老师', '/绑定 新建小学')).toContain('只有「新建小学」的管理员');
    expect(await donghai().say('wang', '王安全员', '/绑定 新建小学')).toContain('只有「新建小学」的管理员');
    const issued = await fengze().say('huang', '黄科长', '/邀请码 新建小学');
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(issued)![1];
    // a code for the other school does not let a teacher carry the group away from 东海中学
    expect(await donghai().say('li', '李老师', `/绑定 新建小学 ${code}`)).toContain('只有「东海中学」的管理员或其上级教育局管理员可以改绑');
    expect(await unitOf('cid-t-donghai')).toBe((await q(`SELECT id FROM unit WHERE name = '东海中学'`))[0].id);
    expect((await q(`SELECT used_at FROM join_code ORDER BY id DESC LIMIT 1`))[0].used_at).toBeNull();
    const after = JSON.parse(await snapshot());
    const prev = JSON.parse(before);
    expect(after[0]).toEqual(prev[0]);
    expect(after[1]).toEqual(prev[1]);
    expect(after[2]).toEqual(prev[2]);
    // the district admin moves it: allowed, audited, announced in the group
    const moved = await donghai().say('huang', '黄科长', '/绑定 新建小学');
    expect(moved).toContain('从「东海中学」改绑到「新建小学」');
    const [a] = await q(`SELECT action, actor FROM audit_log WHERE action = 'group.move'`);
    expect(a).toEqual({ action: 'group.move', actor: 'dingtalk:huang' });
    expect(await donghai().say('huang', '黄科长', '/绑定 东海中学')).toContain('改绑到「东海中学」');
  });

  it('/角色 @ resolves the person the platform mentioned, never an earlier member with the same nickname', async () => {
    expect(await donghai().say('impostor', '林校长', '/我是谁')).toContain('教师');
    expect(await donghai().say('lin-real', '林校长', '/我是谁')).toContain('教师');
    const before = await snapshot();
    // typed by hand, no platform mention: nobody is promoted
    expect(await donghai().say('wang', '王安全员', '/角色 @林校长 校长')).toContain('没有找到');
    expect(await snapshot()).toBe(before);
    expect(await donghai().say('wang', '王安全员', '/角色 @林校长 校长', { atUsers: [{ staffId: 'lin-real' }] })).toContain('设为校长');
    expect((await member('lin-real')).role).toBe('principal');
    expect((await member('impostor')).role).toBe('teacher');
    expect(await donghai().say('wang', '王安全员', `/指派 YH-2099-000001 @林校长`, { atUsers: [{ staffId: 'lin-real' }, { staffId: 'impostor' }] })).toMatch(/没有|只能 @ 一个人/);
  });

  it('a sender without senderStaffId (an external user) is refused politely and never registered', async () => {
    const before = await snapshot();
    const reply = await donghai().say('outsider', '家长', '/清单', { external: true });
    expect(reply).toContain('只为本单位的教职工服务');
    expect(await donghai().say('outsider', '家长', '/隐患 操场有积水', { external: true })).toContain('只为本单位的教职工服务');
    expect(await snapshot()).toBe(before);
    expect(await q(`SELECT user_id FROM member WHERE user_id LIKE '%outsider%'`)).toEqual([]);
  });

  it('the imported 安全员 and 校长 bind their own school\'s group; nobody else\'s', async () => {
    const csv = ['单位,上级单位,类型,姓名,平台,用户ID,角色', '泉州市丰泽区导入中学,丰泽区教育局,学校,蔡安全员,dingtalk,imp-cai,安全员', '泉州市丰泽区导入中学,,,柯校长,dingtalk,imp-ke,校长'].join('\n');
    const res = await importOrgCsv(t.bot.ds, csv, Date.now());
    expect(res.ok, JSON.stringify(res.errors)).toBe(true);
    expect(await chat('cid-t-imp').say('imp-cai', '蔡安全员', '/绑定 泉州市丰泽区导入中学')).toContain('✅ 本群已绑定「泉州市丰泽区导入中学」');
    expect(await chat('cid-t-imp-2').say('imp-ke', '柯校长', '/绑定 泉州市丰泽区导入中学')).toContain('✅');
    expect(await chat('cid-t-imp-3').say('imp-ke', '柯校长', '/绑定 培元中学')).toContain('只有「培元中学」的管理员');
    expect(await unitOf('cid-t-imp-3')).toBeNull();
    await waitUntil(async () => (await q(`SELECT COUNT(*) AS n FROM chat_group WHERE chat_id IN ('cid-t-imp', 'cid-t-imp-2') AND unit_id IS NOT NULL`))[0].n == 2);
  });

  it('a stale DingTalk sender id cannot become a member through senderId fallback', async () => {
    const req = dingtalkRequest(t.base, fake.url, { userId: 'ghost', chatId: 'cid-t-donghai', text: '/我是谁', external: true });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    await t.bot.worker.idle();
    expect(await q(`SELECT user_id FROM member WHERE user_id LIKE '%ghost%'`)).toEqual([]);
  });
});
