// The next-step function against every state × role: each command it suggests is executed by that person through
// the real bot and must succeed; a role it suggests nothing to really cannot act. Hazards are written straight
// into the state under test (each suggestion gets a fresh one, since executing it moves the state on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';
import { nextSteps, renderStep, type Step } from '../../src/services/hazards/next-steps';
import type { HazardRow } from '../../src/services/hazards/hazard.types';
import { getHazardByCode } from '../../src/services/hazards/hazard.service';
import type { Member } from '../../entities/member.entity';

const [sqlite] = await dbTargets();
const FILL: Record<string, string> = { 原因: '不是隐患', 措施: '已处理完毕', '@某人': '@赵师傅', '措施=… 责任人=… 资金=… 时限=… 预案=…': '措施=收缴 责任人=林校长 资金=2万元 时限=12月10日 预案=应急预案' };
const REFUSED = /只有|不能|不是隐患编号|没有找到|看不懂|请写|当前是|不属于|出错/;

describe('next steps: every state × role, every suggestion executed', () => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let chats: Record<string, DingtalkChat>;
  const people: Record<string, { uid: string; nick: string; chat: string }> = {
    reporter: { uid: 'li', nick: '李老师', chat: 'school' }, responsible: { uid: 'zhao', nick: '赵师傅', chat: 'school' },
    safety_officer: { uid: 'wang', nick: '王安全员', chat: 'school' }, principal: { uid: 'lin', nick: '林校长', chat: 'school' },
    district_admin: { uid: 'huang', nick: '黄科长', chat: 'district' }, city_admin: { uid: 'zheng', nick: '郑科长', chat: 'city' },
  };
  const member = async (nick: string): Promise<Member> => {
    const [m] = await t.bot.ds.query(`SELECT id, role, unit_id FROM member WHERE name = ?`, [nick]);
    return { id: Number(m.id), role: m.role, unitId: Number(m.unit_id) } as Member;
  };
  let seq = 0;
  async function hazardIn(status: string, major: boolean, complete: boolean): Promise<HazardRow> {
    const [unit] = await t.bot.ds.query(`SELECT id FROM unit WHERE name = '东海中学'`);
    const [group] = await t.bot.ds.query(`SELECT id FROM chat_group WHERE chat_id = 'cid-dh'`);
    const li = await member('李老师');
    const zhao = await member('赵师傅');
    const now = Date.now();
    const code = `YH-2026-${String(500000 + ++seq).padStart(6, '0')}`;
    await t.bot.ds.query(
      `INSERT INTO hazard (code, unit_id, group_id, reporter_id, reporter_name, description, area, item_code, risk, major, major_suspected, classifier_source, status, deadline_at, responsible_id, responsible_name, rectified_by_id, rectified_at, closed_at, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, '李老师', '宿舍走廊灭火器过期', 'fire', 'fire.extinguishers', ?, ?, 0, 'local', ?, ?, ?, '赵师傅', ?, ?, ?, 0, ?, ?)`,
      [code, unit.id, group.id, li.id, major ? 'red' : 'yellow', major ? 1 : 0, status, now + 3 * 86400_000, zhao.id, status === 'verifying' || status === 'closed' ? zhao.id : null, status === 'verifying' ? now : null, status === 'closed' ? now : null, now, now],
    );
    const row = (await getHazardByCode(t.bot.ds, code))!;
    if (major) {
      const f = complete ? ['收缴', '林校长', '2万元', '12月10日', '预案'] : [null, null, null, null, null];
      await t.bot.ds.query(`INSERT INTO supervision (hazard_id, opened_at, measures, owner, funds, time_limit, plan, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [row.id, now, ...f, now]);
    }
    return row;
  }

  beforeAll(async () => {
    url = await sqlite.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    chats = { school: new DingtalkChat(t.base, fake, 'cid-dh'), district: new DingtalkChat(t.base, fake, 'cid-fz'), city: new DingtalkChat(t.base, fake, 'cid-qz') };
    await grant(t.bot.ds, [
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'zheng', '市教育局管理员', '泉州市教育局', '郑科长'],
      ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'],
    ]);
    chats.school.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    chats.district.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    chats.city.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    await chats.district.say('huang', '黄科长', '/绑定 丰泽区教育局');
    await chats.city.say('zheng', '郑科长', '/绑定 泉州市教育局');
    await chats.school.say('wang', '王安全员', '/绑定 东海中学');
    for (const [u, n] of [['lin', '林校长'], ['zhao', '赵师傅'], ['li', '李老师']]) await chats.school.say(u, n, '/我是谁');
    await chats.school.say('wang', '王安全员', '/角色 @林校长 校长');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await sqlite.drop(url);
  });

  it('each suggested command succeeds for the person it is suggested to', async () => {
    const executed: string[] = [];
    const failures: string[] = [];
    const silent = new Map<string, string[]>();
    for (const status of ['pending', 'rectifying', 'verifying', 'closed', 'rejected']) {
      for (const [major, complete] of [[false, false], [true, false], [true, true]] as const) {
        for (const [role, p] of Object.entries(people)) {
          const probe = await hazardIn(status, major, complete);
          const m = await member(p.nick);
          const sup = major ? { complete } : null;
          const steps: Step[] = nextSteps(t.bot.services.units, probe, m, sup);
          const label = `${status}${major ? (complete ? '+major(5/5)' : '+major') : ''} × ${role}`;
          if (!steps.length) silent.set(label, []);
          for (const step of steps) {
            const h = await hazardIn(status, major, complete);
            const command = renderStep({ ...step, code: h.code, fill: step.fill ? FILL[step.fill] ?? step.fill : undefined });
            const reply = await chats[p.chat].say(p.uid, p.nick, command);
            executed.push(`${label}: ${command}`);
            if (REFUSED.test(reply)) failures.push(`${label}: ${command} → ${reply.replace(/\n+/g, ' ⏎ ').slice(0, 160)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(executed.length).toBeGreaterThan(30);
    // Every open state offers someone a step; closed and rejected offer none.
    for (const status of ['pending', 'rectifying', 'verifying']) expect(executed.some((e) => e.startsWith(status))).toBe(true);
    for (const status of ['closed', 'rejected']) expect(executed.some((e) => e.startsWith(status))).toBe(false);
    console.log(`[next steps] ${executed.length} suggestions executed, all succeeded; no step for ${silent.size} state × role pairs`);
  });

  it('where it suggests nothing, the person really cannot act: their attempt is refused', async () => {
    const h = await hazardIn('pending', false, false);
    expect(nextSteps(t.bot.services.units, h, await member('李老师'))).toEqual([]);
    expect(await chats.school.say('li', '李老师', `/确认 ${h.code}`)).toMatch(REFUSED);
    const v = await hazardIn('verifying', false, false);
    expect(nextSteps(t.bot.services.units, v, await member('赵师傅'))).toEqual([]);
    expect(await chats.school.say('zhao', '赵师傅', `/验收 ${v.code} 通过`)).toMatch(REFUSED);
    const mv = await hazardIn('verifying', true, true);
    expect(nextSteps(t.bot.services.units, mv, await member('林校长'), { complete: true })).toEqual([]);
    expect(await chats.school.say('lin', '林校长', `/验收 ${mv.code} 通过`)).toMatch(REFUSED);
  });
});
