import { grant } from './trust';
import type { DataSource } from 'typeorm';
import { shanghaiDate, HOUR_MS, DAY_MS } from '../../src/services/time';
import { markFiled } from '../../src/services/deadlines/filings';
import { DingtalkChat } from './chat';
import type { FakePlatform } from './fake-platform';

/** Thursday 27 November 2025, 10:00 in Quanzhou: the "now" of every summary test. */
export const NOW = shanghaiDate(2025, 11, 27, 10).getTime();
const at = (month: number, day: number, hour = 9) => shanghaiDate(2025, month, day, hour).getTime();

export const SCHOOLS = { donghai: '丰泽区东海中学', shiyan: '丰泽区实验小学', licheng: '鲤城区第一中学' } as const;

interface H {
  code: string;
  school: keyof typeof SCHOOLS;
  created: number;
  status: 'pending' | 'rectifying' | 'verifying' | 'closed' | 'rejected';
  risk: 'red' | 'orange' | 'yellow' | 'blue';
  area: string;
  deadline?: number;
  closedAfterH?: number;
  major?: boolean;
}

/**
 * Two districts, three schools, hazards in every state. Expected figures (period 本月 = 11/1–11/27 10:00):
 * 东海中学 reported 5 · closed 3 (24 h, 48 h, 792 h) · open 🔴2 🟡1 🔵1 · overdue 2 (D3, D7) · major D7
 * 实验小学 reported 3 · closed 1 (30 h) · open 🔴1 🟠1 · overdue 0 · major S3
 * 鲤城一中 reported 3 · closed 1 (12 h) · open 🔴1 🟡1 · overdue 2 · major L2
 */
export const HAZARDS: H[] = [
  { code: 'YH-2025-900001', school: 'donghai', created: NOW - 2 * DAY_MS, status: 'closed', closedAfterH: 24, risk: 'yellow', area: 'fire' },
  { code: 'YH-2025-900002', school: 'donghai', created: at(11, 10), status: 'closed', closedAfterH: 48, risk: 'orange', area: 'food' },
  { code: 'YH-2025-900003', school: 'donghai', created: at(11, 5), status: 'rectifying', risk: 'red', area: 'fire', deadline: at(11, 6) },
  { code: 'YH-2025-900004', school: 'donghai', created: at(11, 20), status: 'verifying', risk: 'yellow', area: 'building', deadline: at(11, 21) },
  { code: 'YH-2025-900005', school: 'donghai', created: at(10, 20), status: 'pending', risk: 'blue', area: 'fire', deadline: at(12, 20) },
  { code: 'YH-2025-900006', school: 'donghai', created: NOW - DAY_MS, status: 'rejected', risk: 'blue', area: 'org' },
  { code: 'YH-2025-900007', school: 'donghai', created: at(11, 15), status: 'rectifying', risk: 'red', area: 'fire', deadline: at(11, 16), major: true },
  { code: 'YH-2025-900008', school: 'donghai', created: at(10, 1), status: 'closed', closedAfterH: 792, risk: 'orange', area: 'lab' },
  { code: 'YH-2025-900011', school: 'shiyan', created: at(11, 25), status: 'pending', risk: 'orange', area: 'food', deadline: at(11, 28) },
  { code: 'YH-2025-900012', school: 'shiyan', created: at(11, 3), status: 'closed', closedAfterH: 30, risk: 'blue', area: 'security' },
  { code: 'YH-2025-900013', school: 'shiyan', created: at(11, 18), status: 'rectifying', risk: 'red', area: 'building', deadline: at(11, 30), major: true },
  { code: 'YH-2025-900021', school: 'licheng', created: at(11, 20), status: 'rectifying', risk: 'yellow', area: 'fire', deadline: at(11, 21) },
  { code: 'YH-2025-900022', school: 'licheng', created: at(11, 22), status: 'pending', risk: 'red', area: 'food', deadline: at(11, 23), major: true },
  { code: 'YH-2025-900023', school: 'licheng', created: at(11, 2), status: 'closed', closedAfterH: 12, risk: 'blue', area: 'org' },
];

export const codesOf = (school: keyof typeof SCHOOLS) => HAZARDS.filter((h) => h.school === school).map((h) => h.code);

/** Schools as rows, hazards (and 挂牌督办 of the major ones) by SQL: quicker than reporting each through chat. */
export async function seedWorld(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT ?, 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`, [SCHOOLS.donghai]);
  await ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT ?, 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`, [SCHOOLS.shiyan]);
  await ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT ?, 'school', id, 0 FROM unit WHERE name = '鲤城区教育局'`, [SCHOOLS.licheng]);
  for (const h of HAZARDS) {
    const [{ id: unitId }] = await ds.query(`SELECT id FROM unit WHERE name = ?`, [SCHOOLS[h.school]]);
    const closed = h.closedAfterH === undefined ? null : h.created + h.closedAfterH * HOUR_MS;
    await ds.query(
      `INSERT INTO hazard (code, unit_id, reporter_name, description, area, item_code, risk, major, major_suspected, classifier_source, status, deadline_at, closed_at, version, created_at, updated_at)
       VALUES (?, ?, '李老师', '测试隐患', ?, ?, ?, ?, 0, 'local', ?, ?, ?, 0, ?, ?)`,
      [h.code, unitId, h.area, `${h.area}.test`, h.risk, h.major ? 1 : 0, h.status, h.deadline ?? h.created + 72 * HOUR_MS, closed, h.created, closed ?? h.created],
    );
    if (h.major) {
      await ds.query(`INSERT INTO supervision (hazard_id, opened_at, updated_at) SELECT id, ?, ? FROM hazard WHERE code = ?`, [h.created, h.created, h.code]);
    }
  }
  // 鲤城区 has handed in its annual summary (due 2026-01-01); nobody else has.
  const [{ id: licheng }] = await ds.query(`SELECT id FROM unit WHERE name = '鲤城区教育局'`);
  await markFiled(ds, { unitId: Number(licheng), deadlineKey: 'annual', occurrence: '2026-01-01', by: 'test', now: NOW });
}

export interface World {
  city: DingtalkChat;
  fengze: DingtalkChat;
  licheng: DingtalkChat;
  donghai: DingtalkChat;
  shiyan: DingtalkChat;
}

/** Administrators appointed server-side (npm run admin), groups bound through the real /绑定 and /角色. */
export async function bindWorld(base: string, fake: FakePlatform, now: () => number, ds: DataSource): Promise<World> {
  await grant(ds, [
    ['dingtalk', 'chen', '市教育局管理员', undefined, '陈科长'], ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
    ['dingtalk', 'wu', '区教育局管理员', '鲤城区教育局', '吴科长'], ['dingtalk', 'wang', '安全员', SCHOOLS.donghai, '王安全员'], ['dingtalk', 'xu', '安全员', SCHOOLS.shiyan, '许安全员'],
  ]);
  const chat = (id: string) => new DingtalkChat(base, fake, id);
  const w: World = { city: chat('cid-city'), fengze: chat('cid-fengze'), licheng: chat('cid-licheng'), donghai: chat('cid-donghai'), shiyan: chat('cid-shiyan') };
  const say = (c: DingtalkChat, user: string, nick: string, text: string, extra = { timestamp: now() } as Parameters<DingtalkChat['say']>[3]) => c.say(user, nick, text, extra);
  const expectIn = (text: string, needle: string) => {
    if (!text.includes(needle)) throw new Error(`expected「${needle}」in: ${text}`);
  };
  expectIn(await say(w.city, 'chen', '陈科长', '/绑定 泉州市教育局'), '市教育局管理员');
  expectIn(await say(w.fengze, 'huang', '黄科长', '/绑定 丰泽区教育局'), '区教育局管理员');
  expectIn(await say(w.licheng, 'wu', '吴科长', '/绑定 鲤城区教育局'), '区教育局管理员');
  expectIn(await say(w.donghai, 'wang', '王安全员', `/绑定 ${SCHOOLS.donghai}`), '安全员');
  expectIn(await say(w.shiyan, 'xu', '许安全员', `/绑定 ${SCHOOLS.shiyan}`), '安全员');
  expectIn(await say(w.donghai, 'lin', '林校长', '/我是谁'), '教师');
  expectIn(await say(w.donghai, 'wang', '王安全员', '/角色 @林校长 校长', { timestamp: now(), atUsers: [{ staffId: 'lin' }] }), '设为校长');
  expectIn(await say(w.donghai, 'li', '李老师', '/我是谁'), '教师');
  return w;
}
