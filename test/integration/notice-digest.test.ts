// Quiet by default: 30 items overdue at once are one message per group (counts, the worst few with codes and
// steps, 「/清单 逾期」), a 重大事故隐患 is still pushed at once on its own, and a second round in the same hour adds
// nothing. The round runs in the real bot against a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';
import { overdueTick } from '../../src/services/hazards/overdue';
import { shanghaiDate } from '../../src/services/time';

const targets = await dbTargets();
const DAY = 86400_000;

describe.each(targets)('overdue digest on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let schoolGroup: number;
  let districtGroup: number;
  const nine = shanghaiDate(2026, 3, 10, 9, 0).getTime();
  const rows = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p) as Promise<any[]>;

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    const school = new DingtalkChat(t.base, fake, 'cid-dh');
    const district = new DingtalkChat(t.base, fake, 'cid-fz');
    await grant(t.bot.ds, [
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'zheng', '市教育局管理员', '泉州市教育局', '郑科长'],
      ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'],
    ]);
    school.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    district.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    await district.say('huang', '黄科长', '/绑定 丰泽区教育局');
    await school.say('wang', '王安全员', '/绑定 东海中学');
    await school.say('lin', '林校长', '/我是谁');
    await school.say('wang', '王安全员', '/角色 @林校长 校长');
    await school.say('zhao', '赵师傅', '/我是谁');
    schoolGroup = Number((await rows(`SELECT id FROM chat_group WHERE chat_id = 'cid-dh'`))[0].id);
    districtGroup = Number((await rows(`SELECT id FROM chat_group WHERE chat_id = 'cid-fz'`))[0].id);
    const [unit] = await rows(`SELECT id FROM unit WHERE name = '东海中学'`);
    const [zhao] = await rows(`SELECT id FROM member WHERE name = '赵师傅'`);
    const [wang] = await rows(`SELECT id FROM member WHERE name = '王安全员'`);
    // 30 ordinary items, 1 to 10 days late, half waiting for 确认 (the safety officer's), half in 整改 (赵师傅's); one major.
    for (let i = 0; i < 31; i++) {
      const pending = i % 2 === 0;
      const who = pending ? { id: wang.id, name: '王安全员' } : { id: zhao.id, name: '赵师傅' };
      await t.bot.ds.query(
        `INSERT INTO hazard (code, unit_id, group_id, reporter_id, reporter_name, description, location, area, item_code, risk, major, major_suspected, classifier_source, status, deadline_at, responsible_id, responsible_name, version, created_at, updated_at)
         VALUES (?, ?, ?, NULL, '李老师', ?, NULL, 'fire', 'fire.extinguishers', ?, ?, 0, 'local', ?, ?, ?, ?, 0, ?, ?)`,
        [`YH-2026-${String(900 + i).padStart(6, '0')}`, unit.id, schoolGroup, `第 ${i} 处灭火器过期`, i === 30 ? 'red' : i < 3 ? 'orange' : 'yellow', i === 30 ? 1 : 0, pending ? 'pending' : 'rectifying',
          nine - (i === 30 ? 8 : 1 + (i % 10)) * DAY, who.id, who.name, nine - 20 * DAY, nine - 20 * DAY],
      );
    }
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('30 overdue at once → one message per group; the major one alone; nothing more this hour', async () => {
    const created = await overdueTick(t.bot.services, nine);
    const out = await rows(`SELECT dedupe_key, group_id, body FROM outbox_message WHERE kind = 'escalation' ORDER BY id`);
    expect(created).toBe(out.length);
    const school = out.filter((r) => Number(r.group_id) === schoolGroup);
    const district = out.filter((r) => Number(r.group_id) === districtGroup);
    const digest = school.filter((r) => r.dedupe_key.startsWith('notice:'));
    expect(digest).toHaveLength(1);
    expect(school.filter((r) => r.dedupe_key.startsWith('overdue-major:'))).toHaveLength(1);
    expect(district.filter((r) => r.dedupe_key.startsWith('notice:'))).toHaveLength(1);
    expect(district.filter((r) => r.dedupe_key.startsWith('esc:district:'))).toHaveLength(1); // the major one, on its own
    expect(out).toHaveLength(4);

    const text = JSON.parse(digest[0].body).markdown as string;
    expect(text).toContain('东海中学 逾期隐患 30 条');
    expect(text).toMatch(/其中 \d+ 条逾期 3 天以上，请林校长督促/);
    expect(text).toContain('其余 25 条：/清单 逾期');
    expect(text).toContain('责任人：');
    expect(text).not.toContain('YH-2026-000930'); // the major item is not folded in
    // The step named is the one that would work: a 待确认 item needs the safety officer's /确认, not /整改.
    for (const line of text.split('\n')) {
      const m = /^　(\S+) \/(\S+) (YH-\d{4}-\d{6})/.exec(line);
      if (!m) continue;
      const [h] = await rows(`SELECT status FROM hazard WHERE code = ?`, [m[3]]);
      expect(m[2]).toBe(h.status === 'pending' ? '确认' : '整改');
    }
    const major = JSON.parse(school.find((r) => r.dedupe_key.startsWith('overdue-major:')).body).markdown as string;
    expect(major).toContain('YH-2026-000930');
    expect(major).toContain('重大事故隐患');
    const toDistrict = JSON.parse(district.find((r) => r.dedupe_key.startsWith('notice:')).body).markdown as string;
    expect(toDistrict).toMatch(/下属学校隐患逾期 7 天以上 \d+ 条/);
    expect(toDistrict).toContain('/清单 逾期');

    expect(await overdueTick(t.bot.services, nine + 20 * 60_000)).toBe(0);
    expect(await rows(`SELECT id FROM outbox_message WHERE kind = 'escalation'`)).toHaveLength(4);
  });

  it('the next day: one new digest per group, escalations are not repeated', async () => {
    await overdueTick(t.bot.services, nine + DAY);
    const fresh = await rows(`SELECT dedupe_key, group_id, body FROM outbox_message WHERE kind = 'escalation' AND id > (SELECT MAX(id) - 100 FROM outbox_message) AND dedupe_key LIKE ?`, [`notice:%:%T09`]);
    const school = fresh.filter((r) => Number(r.group_id) === schoolGroup);
    expect(school).toHaveLength(2); // yesterday's and today's
    expect(fresh.filter((r) => Number(r.group_id) === districtGroup).length).toBeLessThanOrEqual(2);
    const claims = await rows(`SELECT COUNT(*) AS n FROM notice_claim WHERE claim_key LIKE 'esc:principal:%'`);
    const events = await rows(`SELECT COUNT(*) AS n FROM hazard_event WHERE action = 'escalate' AND note LIKE '%校长%'`);
    expect(Number(events[0].n)).toBe(Number(claims[0].n));
  });

  it('a suspected repeat waiting for the merge is not reminded; its original is', async () => {
    const [orig] = await rows(`SELECT id, code FROM hazard WHERE code = 'YH-2026-000902'`);
    await t.bot.ds.query(`UPDATE hazard SET duplicate_of_id = ? WHERE code = 'YH-2026-000900'`, [orig.id]);
    await overdueTick(t.bot.services, nine + 3 * DAY);
    const claims = await rows(`SELECT h.code FROM notice_claim c JOIN hazard h ON h.id = c.hazard_id WHERE c.claim_key LIKE '%:2026-03-13'`);
    const codes = claims.map((c) => c.code);
    expect(codes).toContain(orig.code);
    expect(codes).not.toContain('YH-2026-000900');
  });
});
