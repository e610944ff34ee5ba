// Issue 9: every command × role × own / other school in the district / other district, through the webhook.
// Allowed actions take effect; refused ones change nothing (a snapshot of every table but the message queues is
// compared before and after) and the reply says who may act. Expectations are written from the rules as
// documented (permissions.ts WHO, README, /帮助), not read back from the code.
// SQLite only: permissions are decided in TypeScript; the MariaDB suites cover the storage paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { recordReport, openSupervision } from '../../src/services/hazards/hazard.service';
import { classifyLocal } from '../../src/services/classifier/local';

const [sqlite] = (await dbTargets()).filter((t) => t.name === 'sqlite');

type ActorKey =
  | 'teacher·own' | 'teacher·own·responsible' | 'teacher·same-district' | 'teacher·other-district'
  | 'safety_officer·own' | 'safety_officer·same-district' | 'safety_officer·other-district'
  | 'principal·own' | 'principal·same-district' | 'principal·other-district' | 'deputy_principal·own'
  | 'district_admin·own' | 'district_admin·other-district' | 'city_admin';

interface Actor { key: ActorKey; user: string; nick: string; role: string; unit: string; chat: string }

// S1 东海中学 is "own"; S2 实验小学 is another school in the same district (丰泽区); S3 培元中学 is in 鲤城区.
const ACTORS: Actor[] = [
  { key: 'teacher·own', user: 'r-t1', nick: '李老师', role: 'teacher', unit: '东海中学', chat: 'cid-r-s1' },
  { key: 'teacher·own·responsible', user: 'r-resp', nick: '赵师傅', role: 'teacher', unit: '东海中学', chat: 'cid-r-s1' },
  { key: 'teacher·same-district', user: 'r-t2', nick: '张老师', role: 'teacher', unit: '实验小学', chat: 'cid-r-s2' },
  { key: 'teacher·other-district', user: 'r-t3', nick: '陈老师', role: 'teacher', unit: '培元中学', chat: 'cid-r-s3' },
  { key: 'safety_officer·own', user: 'r-so1', nick: '王安全员', role: 'safety_officer', unit: '东海中学', chat: 'cid-r-s1' },
  { key: 'safety_officer·same-district', user: 'r-so2', nick: '许安全员', role: 'safety_officer', unit: '实验小学', chat: 'cid-r-s2' },
  { key: 'safety_officer·other-district', user: 'r-so3', nick: '黄安全员', role: 'safety_officer', unit: '培元中学', chat: 'cid-r-s3' },
  { key: 'principal·own', user: 'r-pr1', nick: '林校长', role: 'principal', unit: '东海中学', chat: 'cid-r-s1' },
  { key: 'deputy_principal·own', user: 'r-dp1', nick: '傅副校长', role: 'deputy_principal', unit: '东海中学', chat: 'cid-r-s1' },
  { key: 'principal·same-district', user: 'r-pr2', nick: '吴校长', role: 'principal', unit: '实验小学', chat: 'cid-r-s2' },
  { key: 'principal·other-district', user: 'r-pr3', nick: '郑校长', role: 'principal', unit: '培元中学', chat: 'cid-r-s3' },
  { key: 'district_admin·own', user: 'r-da1', nick: '黄科长', role: 'district_admin', unit: '丰泽区教育局', chat: 'cid-r-fz' },
  { key: 'district_admin·other-district', user: 'r-da2', nick: '刘科长', role: 'district_admin', unit: '鲤城区教育局', chat: 'cid-r-lc' },
  { key: 'city_admin', user: 'r-ca', nick: '周处长', role: 'city_admin', unit: '泉州市教育局', chat: 'cid-r-city' },
];
const S1_ADMINS: ActorKey[] = ['safety_officer·own', 'principal·own', 'deputy_principal·own'];
const BUREAUS_OVER_S1: ActorKey[] = ['district_admin·own', 'city_admin'];
/** A refusal names who may act (or, for the city, that nothing is owed). */
const SAYS_WHO = /只有|只对.+开放|由区教育局管理员、市教育局管理员填报|只给区、市教育局管理员用|市教育局不需要报送|不是你管辖的区县或市教育局/;

type HazardState = 'pending' | 'rectifying' | 'verifying' | 'major-pending' | 'major-verifying';
interface HazardCase { cmd: string; state: HazardState; text: (code: string) => string; allowed: ActorKey[]; effect: (h: any, events: string[]) => boolean; at?: string[] }

const HAZARD_CASES: HazardCase[] = [
  { cmd: '查询', state: 'pending', text: (c) => `/查询 ${c}`, allowed: ['teacher·own', 'teacher·own·responsible', ...S1_ADMINS, ...BUREAUS_OVER_S1], effect: () => true },
  { cmd: '确认', state: 'pending', text: (c) => `/确认 ${c}`, allowed: S1_ADMINS, effect: (h, e) => h.status === 'rectifying' && e.includes('confirm') },
  { cmd: '指派', state: 'pending', text: (c) => `/指派 ${c} @李老师`, allowed: S1_ADMINS, effect: (h, e) => h.responsible_name === '李老师' && e.includes('assign'), at: ['r-t1'] },
  { cmd: '改级', state: 'pending', text: (c) => `/改级 ${c} 橙 已设警戒线`, allowed: S1_ADMINS, effect: (h, e) => h.risk === 'orange' && e.includes('regrade') },
  { cmd: '驳回', state: 'pending', text: (c) => `/驳回 ${c} 重复上报`, allowed: S1_ADMINS, effect: (h, e) => h.status === 'rejected' && e.includes('reject') },
  { cmd: '整改', state: 'rectifying', text: (c) => `/整改 ${c} 已清理完毕`, allowed: [...S1_ADMINS, 'teacher·own·responsible'], effect: (h, e) => h.status === 'verifying' && e.includes('rectify') },
  { cmd: '验收', state: 'verifying', text: (c) => `/验收 ${c} 通过`, allowed: [...S1_ADMINS, 'district_admin·own'], effect: (h, e) => h.status === 'closed' && e.includes('verify_pass') },
  { cmd: '验收(重大)', state: 'major-verifying', text: (c) => `/验收 ${c} 通过`, allowed: BUREAUS_OVER_S1, effect: (h, e) => h.status === 'closed' && e.includes('verify_pass') },
  { cmd: '督办', state: 'major-pending', text: (c) => `/督办 ${c} 资金=2万元`, allowed: [...S1_ADMINS, 'district_admin·own'], effect: (h, e) => e.includes('supervise') },
];

describe('roles × commands × units (SQLite)', () => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const unitId = new Map<string, number>();
  const memberId = new Map<string, number>();
  let seq = 0;
  const results: string[] = [];

  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);
  const chat = (id: string) => new DingtalkChat(t.base, fake, id);
  const say = (a: Actor, text: string, chatId = a.chat, at: string[] = []) => chat(chatId).say(a.user, a.nick, text, { atUsers: at.map((staffId) => ({ staffId })) });

  /** Every table but the message queues (and the callback proofs each request leaves), the rate windows and stored pictures, as JSON. */
  async function snapshot(): Promise<string> {
    const tables: string[] = (await q(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)).map((r: any) => r.name);
    const out: Record<string, unknown> = {};
    for (const name of tables.filter((n) => !['inbound_message', 'outbox_message', 'robot_rate', 'media', 'migrations', 'typeorm_metadata', 'callback_proof'].includes(n))) out[name] = await q(`SELECT * FROM ${name} ORDER BY 1`);
    return JSON.stringify(out);
  }

  async function hazardIn(state: HazardState): Promise<string> {
    const now = Date.now();
    const c = classifyLocal('三楼楼梯口堆放旧课桌椅，疏散通道被堵');
    const { hazard } = await recordReport(t.bot.ds, {
      unitId: unitId.get('东海中学')!, groupId: null, reporter: { id: memberId.get('r-t1')!, name: '李老师' }, reporterName: '李老师',
      description: `第${++seq}号：三楼楼梯口堆放旧课桌椅`, classification: { ...c, major: { flag: false } }, deadlineAt: now + 86400_000,
      responsible: { id: memberId.get('r-resp')!, name: '赵师傅' }, sourceMsg: `seed:${seq}`, now,
    });
    const major = state.startsWith('major');
    const status = state === 'major-pending' ? 'pending' : state === 'major-verifying' ? 'verifying' : state;
    await q(`UPDATE hazard SET status = ?, major = ?, risk = ?, rectified_by_id = ?, rectified_at = ? WHERE id = ?`, [
      status, major ? 1 : 0, major ? 'red' : 'yellow', status === 'verifying' ? memberId.get('r-resp') : null, status === 'verifying' ? now : null, hazard.id,
    ]);
    if (major) {
      await openSupervision(t.bot.ds, hazard.id, now);
      if (state === 'major-verifying') await q(`UPDATE supervision SET measures = '收缴', owner = '林校长', funds = '1万元', time_limit = '12月', plan = '预案' WHERE hazard_id = ?`, [hazard.id]);
    }
    return hazard.code;
  }

  /** Runs one case and records the verdict; refused actions must leave every table as it was. */
  async function check(label: string, a: Actor, allowed: boolean, act: () => Promise<string>, effect: (reply: string) => Promise<boolean> | boolean) {
    const before = await snapshot();
    const reply = await act();
    const after = await snapshot();
    let verdict: string | null = null;
    if (allowed) {
      if (SAYS_WHO.test(reply) && /你是：|不属于你的单位/.test(reply)) verdict = `refused but should be allowed: ${reply.slice(0, 120)}`;
      else if (!(await effect(reply))) verdict = `allowed but no effect: ${reply.slice(0, 160)}`;
    } else {
      if (before !== after) verdict = `refused but the database changed: ${reply.slice(0, 120)}`;
      else if (!SAYS_WHO.test(reply)) verdict = `refused without saying who may act: ${reply.slice(0, 160)}`;
    }
    results.push(`${verdict ? '✗' : '✓'} ${label.padEnd(14)} ${a.key.padEnd(30)} ${allowed ? 'allowed' : 'refused'}${verdict ? ` — ${verdict}` : ''}`);
  }

  beforeAll(async () => {
    url = await sqlite.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    const now = Date.now();
    const district = async (name: string) => Number((await q(`SELECT id FROM unit WHERE name = ?`, [name]))[0].id);
    for (const [name, parent] of [['东海中学', '丰泽区教育局'], ['实验小学', '丰泽区教育局'], ['培元中学', '鲤城区教育局'], ['新建学校', '丰泽区教育局']]) {
      await q(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'school', ?, NULL, ?)`, [name, await district(parent), now]);
    }
    for (const name of ['东海中学', '实验小学', '培元中学', '新建学校', '丰泽区教育局', '鲤城区教育局', '泉州市教育局']) unitId.set(name, await district(name));
    const groups: [string, string][] = [['cid-r-s1', '东海中学'], ['cid-r-s2', '实验小学'], ['cid-r-s3', '培元中学'], ['cid-r-fz', '丰泽区教育局'], ['cid-r-lc', '鲤城区教育局'], ['cid-r-city', '泉州市教育局']];
    for (const [chatId, unit] of groups) await q(`INSERT INTO chat_group (platform, chat_id, unit_id, name, digest, created_at) VALUES ('dingtalk', ?, ?, ?, 0, ?)`, [chatId, unitId.get(unit), `${unit}群`, now]);
    for (const a of ACTORS) {
      await q(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES ('dingtalk', ?, ?, ?, ?, ?, ?)`, [a.user, a.nick, a.role, unitId.get(a.unit), now, now]);
      memberId.set(a.user, Number((await q(`SELECT id FROM member WHERE user_id = ?`, [a.user]))[0].id));
    }
    for (let i = 1; i <= ACTORS.length; i++) {
      await q(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES ('dingtalk', ?, ?, 'teacher', ?, ?, ?)`, [`r-target-${i}`, `目标${i}`, unitId.get('东海中学'), now, now]);
    }
    await t.bot.services.units.refresh();
  });
  afterAll(async () => {
    if (results.length) console.log(`[roles] ${results.length} cases\n${results.join('\n')}`);
    await t?.close();
    await fake?.close();
    await sqlite.drop(url);
  });

  it('/清单: each sees the open items of the units they oversee, nobody else\'s', async () => {
    const code = await hazardIn('pending');
    const sees: ActorKey[] = ['teacher·own', 'teacher·own·responsible', ...S1_ADMINS, ...BUREAUS_OVER_S1];
    for (const a of ACTORS) {
      const before = await snapshot();
      const reply = await say(a, '/清单');
      expect(await snapshot()).toBe(before);
      expect(reply.includes(code), `${a.key}: ${reply.slice(0, 100)}`).toBe(sees.includes(a.key));
      results.push(`✓ ${'清单'.padEnd(14)} ${a.key.padEnd(30)} ${sees.includes(a.key) ? 'sees' : 'does not see'} the item`);
    }
  });

  it('hazard commands: allowed ones take effect, refused ones change nothing and say who may act', async () => {
    for (const c of HAZARD_CASES) {
      for (const a of ACTORS) {
        const code = await hazardIn(c.state);
        await check(c.cmd, a, c.allowed.includes(a.key), () => say(a, c.text(code), a.chat, c.at), async () => {
          const [h] = await q(`SELECT * FROM hazard WHERE code = ?`, [code]);
          const events = (await q(`SELECT action FROM hazard_event WHERE hazard_id = ?`, [h.id])).map((e: any) => e.action);
          return c.effect(h, events);
        });
      }
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/导出 台账: everyone but teachers, and only ever for their own unit', async () => {
    for (const a of ACTORS) {
      const allowed = a.role !== 'teacher';
      await check('导出', a, allowed, () => say(a, '/导出 台账 本年'), (reply) => {
        const link = /\((http[^)]+)\)/.exec(reply)?.[1];
        return Boolean(link) && new URL(link!).searchParams.get('u') === String(unitId.get(a.unit));
      });
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  /** A group nobody has bound yet, created by the actor's first message in it. */
  async function newGroup(a: Actor, tag: string): Promise<string> {
    const chatId = `cid-r-${tag}-${a.user}`;
    await say(a, '/我是谁', chatId);
    return chatId;
  }
  const boundTo = async (chatId: string) => Number((await q(`SELECT unit_id FROM chat_group WHERE chat_id = ?`, [chatId]))[0].unit_id);

  it('/绑定 a new group to their own unit: its administrators and the bureaus above, never a teacher', async () => {
    for (const a of ACTORS) {
      const chatId = await newGroup(a, 'own');
      await check('绑定·本单位', a, a.role !== 'teacher', () => say(a, `/绑定 ${a.unit}`, chatId), async () => (await boundTo(chatId)) === unitId.get(a.unit));
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/绑定 a new group to 东海中学 (another unit for most): its own administrators and the bureaus above it', async () => {
    for (const a of ACTORS) {
      const chatId = await newGroup(a, 'new');
      await check('绑定·东海中学', a, [...S1_ADMINS, ...BUREAUS_OVER_S1].includes(a.key), () => say(a, '/绑定 东海中学', chatId), async () => (await boundTo(chatId)) === unitId.get('东海中学'));
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/绑定 a new group to 新建学校 (nobody has joined): only the district and the city, nobody by being first', async () => {
    for (const a of ACTORS) {
      const chatId = await newGroup(a, 'empty');
      await check('绑定·无人学校', a, BUREAUS_OVER_S1.includes(a.key), () => say(a, '/绑定 新建学校', chatId), async () => (await boundTo(chatId)) === unitId.get('新建学校'));
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/绑定 实验小学 in a group bound to 东海中学 (a move): only an administrator over both', async () => {
    for (const a of ACTORS) {
      const chatId = `cid-r-move-${a.user}`;
      await q(`INSERT INTO chat_group (platform, chat_id, unit_id, name, digest, created_at) VALUES ('dingtalk', ?, ?, '东海中学二群', 0, ?)`, [chatId, unitId.get('东海中学'), Date.now()]);
      await check('绑定·改绑', a, BUREAUS_OVER_S1.includes(a.key), () => say(a, '/绑定 实验小学', chatId), async (reply) =>
        (await boundTo(chatId)) === unitId.get('实验小学') && reply.includes('从「东海中学」改绑到「实验小学」'));
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/邀请码 for 东海中学 (丰泽区) and 培元中学 (鲤城区): the school\'s district bureau and the city only', async () => {
    for (const [school, allowed] of [['东海中学', BUREAUS_OVER_S1], ['培元中学', ['district_admin·other-district', 'city_admin']]] as [string, ActorKey[]][]) {
      for (const a of ACTORS) {
        const count = async () => Number((await q(`SELECT COUNT(*) AS n FROM join_code WHERE unit_id = ? AND issued_by = ?`, [unitId.get(school), `dingtalk:${a.user}`]))[0].n);
        await check(`邀请码·${school}`, a, allowed.includes(a.key), () => say(a, `/邀请码 ${school}`), async (reply) => /[A-Z0-9]{4}-[A-Z0-9]{4}/.test(reply) && (await count()) === 1);
      }
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/角色 in 东海中学\'s group: the school\'s administrators and the bureaus above it', async () => {
    for (const [i, a] of ACTORS.entries()) {
      await check('角色', a, [...S1_ADMINS, ...BUREAUS_OVER_S1].includes(a.key), () => say(a, `/角色 @目标${i + 1} 安全员`, 'cid-r-s1', [`r-target-${i + 1}`]), async () =>
        (await q(`SELECT role FROM member WHERE user_id = ?`, [`r-target-${i + 1}`]))[0].role === 'safety_officer');
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/推送 设置 and /周报 开启 in 东海中学\'s group: the school\'s administrators and the bureaus above it', async () => {
    const s1Admins = [...S1_ADMINS, ...BUREAUS_OVER_S1];
    for (const a of ACTORS) {
      await q(`UPDATE chat_group SET push_kind = NULL, push_target = NULL, digest = 0 WHERE chat_id = 'cid-r-s1'`);
      await check('推送', a, s1Admins.includes(a.key), () => say(a, '/推送 设置 钉钉群', 'cid-r-s1'), async () =>
        (await q(`SELECT push_kind FROM chat_group WHERE chat_id = 'cid-r-s1'`))[0].push_kind === 'dingtalk_group');
      await check('周报', a, s1Admins.includes(a.key), () => say(a, '/周报 开启', 'cid-r-s1'), async () =>
        Number((await q(`SELECT digest FROM chat_group WHERE chat_id = 'cid-r-s1'`))[0].digest) === 1);
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/已报送 季报数据|季报: unit administrators, for their own unit only; /目标 丰泽区: its district and the city; /季报 汇总: bureaus', async () => {
    for (const a of ACTORS) {
      const admin = ['safety_officer', 'principal', 'deputy_principal', 'district_admin'].includes(a.role);
      // Schools file their 季报数据, bureaus their 季报: a filing every administrator here owes.
      const word = a.role === 'district_admin' || a.role === 'city_admin' ? '季报' : '季报数据';
      await check('已报送', a, admin, () => say(a, `/已报送 ${word}`), async () => {
        const tables: string[] = (await q(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%filing%'`)).map((r: any) => r.name);
        for (const name of tables) {
          const cols = (await q(`PRAGMA table_info(${name})`)).map((c: any) => c.name);
          if (cols.includes('unit_id') && Number((await q(`SELECT COUNT(*) AS n FROM ${name} WHERE unit_id = ?`, [unitId.get(a.unit)]))[0].n) > 0) return true;
        }
        return false;
      });
      await check('目标', a, BUREAUS_OVER_S1.includes(a.key), () => say(a, '/目标 丰泽区 标杆学校=1'), (reply) => reply.includes('标杆学校'));
      await check('季报汇总', a, a.role === 'district_admin' || a.role === 'city_admin', () => say(a, '/季报 汇总'), (reply) => reply.length > 0);
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });

  it('/进度 东海中学: its principal and safety officer, its district, the city', async () => {
    for (const a of ACTORS) {
      await check('进度', a, [...S1_ADMINS, ...BUREAUS_OVER_S1].includes(a.key), () => say(a, '/进度 东海中学'), (reply) => reply.includes('东海中学'));
    }
    expect(results.filter((r) => r.startsWith('✗'))).toEqual([]);
  });
});
