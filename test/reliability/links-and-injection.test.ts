// Issue 9: download links are signed, expire, cannot be guessed or reused for another unit (extending
// test/integration/hazard-ledger.test.ts, which covers a changed path, a stretched expiry and an expired link);
// free text with SQL, markdown and @all is stored as typed and echoed harmlessly.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { AdjustableClock } from '../../src/services/clock';
import { LinkSigner } from '../../src/services/links';
import { Rng } from './helpers/rng';
import { grant } from '../helpers/trust';

const targets = await dbTargets();

const INJECTIONS = [
  `'; DROP TABLE hazard; -- 楼梯口堆放杂物`,
  `" OR 1=1; DELETE FROM member; -- 配电箱门未上锁`,
  `Robert'); UPDATE member SET role='city_admin' WHERE 1=1; -- 消防通道被占`,
  `[点我领奖](http://evil.example/phish) ![x](http://evil.example/x.png) **粗体** 灭火器过期`,
  `# 标题\n> 引用\n- 列表 <font color="warning">红字</font> <a href="http://evil.example">x</a> <script>alert(1)</script> 围墙裂缝`,
  `@所有人 @all <@all> <at user_id="@all"></at> @everyone 食堂冰柜温度过高`,
  `\u202e反转 \u200b零宽 😀 \${7*7} {{7*7}} %s %n 篮球架松动`,
];

/** Markup or mentions a teacher typed must not act as markup or mentions in what the bot sends. */
function problems(text: string): string[] {
  const out: string[] = [];
  if (/(?<!\\)\[[^\]\n]*(?<!\\)\]\(/.test(text)) out.push('markdown link');
  if (/(?<!\\)\*\*粗体/.test(text)) out.push('bold');
  if (/@(所有人|all|everyone)/i.test(text)) out.push('@all');
  if (/(?<!\\)<(script|a |at |@|font color="warning">红字)/i.test(text)) out.push('html tag');
  if (/^(?<!\\)# 标题/m.test(text)) out.push('heading');
  return out;
}

describe.each(targets)('links and injections on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const clock = new AdjustableClock();
  let school: DingtalkChat;
  let other: DingtalkChat;
  let district: DingtalkChat;
  const unit = new Map<string, number>();
  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);
  const get = (path: string) => fetch(`${t.base}${path}`).then(async (r) => ({ status: r.status, text: r.status === 200 ? '' : await r.text() }));

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url), { clock });
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '实验小学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    for (const name of ['东海中学', '实验小学', '丰泽区教育局']) unit.set(name, Number((await q(`SELECT id FROM unit WHERE name = ?`, [name]))[0].id));
    school = new DingtalkChat(t.base, fake, 'cid-li-s1');
    other = new DingtalkChat(t.base, fake, 'cid-li-s2');
    district = new DingtalkChat(t.base, fake, 'cid-li-fz');
    await grant(t.bot.ds, [
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'],
      ['dingtalk', 'xu', '安全员', '实验小学', '许安全员'],
    ]);
    await district.say('huang', '黄科长', '/绑定 丰泽区教育局');
    await school.say('wang', '王安全员', '/绑定 东海中学');
    await other.say('xu', '许安全员', '/绑定 实验小学');
    await school.say('li', '李老师', '/我是谁');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  const linkFrom = async (chat: DingtalkChat, user: string, nick: string) => {
    const reply = await chat.say(user, nick, '/导出 台账 本年');
    const u = new URL(/\((http[^)]+)\)/.exec(reply)![1]);
    return { path: u.pathname, params: u.searchParams, full: `${u.pathname}${u.search}` };
  };
  const withParams = (path: string, p: Record<string, string>) => `${path}?${new URLSearchParams(p).toString()}`;

  it('a ledger link cannot be guessed: 300 random signatures and every one-character change are refused', async () => {
    const link = await linkFrom(school, 'wang', '王安全员');
    expect((await get(link.full)).status).toBe(200);
    const sig = link.params.get('sig')!;
    const rng = new Rng(20251103);
    const tries: string[] = [];
    for (let i = 0; i < 300; i++) tries.push(withParams(link.path, { u: link.params.get('u')!, exp: link.params.get('exp')!, sig: rng.bytes(32).toString('base64url') }));
    for (let i = 0; i < sig.length; i++) {
      const ch = sig[i] === 'A' ? 'B' : 'A';
      tries.push(withParams(link.path, { u: link.params.get('u')!, exp: link.params.get('exp')!, sig: sig.slice(0, i) + ch + sig.slice(i + 1) }));
    }
    for (const s of ['', sig.slice(0, -1), sig + 'A', sig.toUpperCase(), Buffer.from(sig, 'base64url').toString('base64'), 'x'.repeat(1000)]) {
      tries.push(withParams(link.path, { u: link.params.get('u')!, exp: link.params.get('exp')!, sig: s }));
    }
    tries.push(link.path, `${link.path}?u=${link.params.get('u')}&exp=${link.params.get('exp')}`);
    const statuses = await Promise.all(tries.map((p) => get(p).then((r) => r.status)));
    expect(statuses.filter((s) => s !== 403)).toEqual([]);
  });

  it('cannot be reused for another unit or another period, nor with another deployment\'s secret', async () => {
    const link = await linkFrom(school, 'wang', '王安全员');
    const [s1, s2] = [unit.get('东海中学')!, unit.get('实验小学')!];
    const p = Object.fromEntries(link.params);
    const otherPath = link.path.replace(`/ledger/${s1}/`, `/ledger/${s2}/`);
    expect((await get(withParams(link.path, { ...p, u: String(s2) }))).status).toBe(403);
    expect((await get(withParams(otherPath, { ...p, u: String(s2) }))).status).toBe(403);
    expect((await get(withParams(otherPath, p))).status).toBe(403);
    const range = /\/(\d+)-(\d+)\.xlsx$/.exec(link.path)!;
    expect((await get(withParams(link.path.replace(range[0], `/${Number(range[1]) - 86400_000}-${range[2]}.xlsx`), p))).status).toBe(403);
    // The district's own link covers its schools, but its signature does not open a school's path.
    const d = await linkFrom(district, 'huang', '黄科长');
    expect(d.params.get('u')).toBe(String(unit.get('丰泽区教育局')));
    expect((await get(d.full)).status).toBe(200);
    expect((await get(withParams(link.path, Object.fromEntries(d.params)))).status).toBe(403);
    // Another deployment (another LINK_SECRET) signing the very same resource.
    const foreign = await LinkSigner.create(t.bot.ds, randomBytes(32).toString('hex'), '');
    expect((await get(foreign.sign(link.path, s1, Date.now() + 60_000, { relative: true }))).status).toBe(403);
  });

  it('expires: the same link works now and is refused once its 30 minutes have passed', async () => {
    const link = await linkFrom(school, 'lin', '林校长').catch(() => linkFrom(school, 'wang', '王安全员'));
    expect((await get(link.full)).status).toBe(200);
    clock.set(Date.now() + 31 * 60_000);
    const late = await get(link.full);
    clock.reset();
    expect(late.status).toBe(403);
    expect(late.text).toContain('链接已过期');
    expect((await get(link.full)).status).toBe(200);
  });

  it('picture links: signed per picture and unit, expiring', async () => {
    const now = Date.now();
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    for (const u of ['东海中学', '实验小学']) {
      await q(`INSERT INTO media (sha256, mime, size, unit_id, data, created_at) VALUES (?, 'image/png', ?, ?, ?, ?)`, [randomBytes(32).toString('hex'), png.length, unit.get(u), png, now]);
    }
    const [m1, m2] = (await q(`SELECT id FROM media ORDER BY id DESC LIMIT 2`)).map((r: any) => Number(r.id)).reverse();
    const links = t.bot.services.links as LinkSigner;
    const own = new URL(links.sign(`/media/${m1}`, unit.get('东海中学')!, now + 60_000, { relative: true }), 'http://x');
    expect((await get(`${own.pathname}${own.search}`)).status).toBe(200);
    expect((await get(`/media/${m2}${own.search}`)).status).toBe(403);
    const crossUnit = new URL(links.sign(`/media/${m2}`, unit.get('东海中学')!, now + 60_000, { relative: true }), 'http://x');
    expect((await get(`${crossUnit.pathname}${crossUnit.search}`)).status).toBe(404);
    const expired = new URL(links.sign(`/media/${m1}`, unit.get('东海中学')!, now - 1, { relative: true }), 'http://x');
    expect((await get(`${expired.pathname}${expired.search}`)).status).toBe(403);
  });

  it('SQL, markdown and @all in reports, reasons, notes and names: stored as typed, echoed harmlessly', async () => {
    const rolesBefore = await q(`SELECT user_id, role FROM member ORDER BY id`);
    const found: string[] = [];
    const dingtalkSent = () => fake.find('/robot/sendBySession');
    for (const [i, text] of INJECTIONS.entries()) {
      // A teacher whose display name is itself an injection reports it.
      const nick = i === 3 ? '[中奖](http://evil.example) @所有人 **王**' : '李老师';
      const user = i === 3 ? 'evil-nick' : 'li';
      const card = await school.say(user, nick, `/隐患 ${text}`);
      const code = /YH-\d{4}-\d{6}/.exec(card)?.[0];
      expect(code, card).toBeTruthy();
      const [h] = await q(`SELECT description, reporter_name FROM hazard WHERE code = ?`, [code]);
      expect(h.description).toBe(text.trim());
      const history = await school.say('wang', '王安全员', `/查询 ${code}`);
      const reject = await school.say('wang', '王安全员', `/驳回 ${code} ${text.replace(/\n/g, ' ')}`);
      for (const [where, out] of [['card', card], ['history', history], ['reject', reject]] as const) {
        for (const p of problems(out)) found.push(`#${i} ${where}: ${p}`);
      }
    }
    // A verification note with the same payloads.
    const c = /YH-\d{4}-\d{6}/.exec(await school.say('li', '李老师', '/隐患 二楼走廊灯不亮'))![0];
    await school.say('wang', '王安全员', `/确认 ${c} @李老师`, { atUsers: [{ staffId: 'li' }] });
    await school.say('li', '李老师', `/整改 ${c} ${INJECTIONS[3]}`);
    const fail = await school.say('wang', '王安全员', `/验收 ${c} 不通过 ${INJECTIONS[5]}`);
    for (const p of problems(fail)) found.push(`verify note: ${p}`);
    for (const p of problems(await school.say('wang', '王安全员', `/查询 ${c}`))) found.push(`history after notes: ${p}`);
    expect(found).toEqual([]);
    // Nothing the bot sent mentions everyone; the tables are all there and nobody's role changed.
    // Markdown replies say isAtAll false; ActionCards (the hazard cards) cannot @ anyone and carry no `at`.
    expect(dingtalkSent().filter((r) => (r.body?.msgtype === 'actionCard' ? r.body.at !== undefined || /@all|@所有人/.test(r.body.actionCard.text.replace(/@\u200b/g, '')) : r.body?.at?.isAtAll !== false))).toEqual([]);
    expect(await q(`SELECT user_id, role FROM member WHERE user_id IN (${rolesBefore.map(() => '?').join(',')}) ORDER BY id`, rolesBefore.map((r: any) => r.user_id))).toEqual(rolesBefore);
    expect(Number((await q(`SELECT COUNT(*) AS n FROM hazard`))[0].n)).toBe(INJECTIONS.length + 1);
  });
});
