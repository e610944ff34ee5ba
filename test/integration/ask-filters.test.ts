// The ask.v2 filters end to end: a checklist item, who reported, who owns the rectification, several units at once.
// Numbers are checked against SQL written here; scope is checked with hostile questions (a unit outside the scope
// inside a set, a reporter who belongs to another school, an injection where a name should be).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { startFakeOpenAi, type ChatRequestBody, type FakeOpenAiServer, type FakeReply } from '../helpers/fake-openai-server';
import { AdjustableClock } from '../../src/services/clock';
import { emptyQuery, type AskQuery } from '../../src/services/ask/query';
import { bindWorld, codesOf, NOW, seedWorld, SCHOOLS, type World } from '../helpers/summary-world';
import type { DingtalkChat } from '../helpers/chat';

const targets = await dbTargets();
const OPEN = `status IN ('pending','rectifying','verifying')`;
const isAsk = (body: ChatRequestBody) => body.response_format?.json_schema?.name === 'ask_query';
const q = (over: Partial<AskQuery>): AskQuery => ({ ...emptyQuery(), ...over });

describe.each(targets)('ask.v2 filters on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let llm: FakeOpenAiServer;
  let t: TestBot;
  let w: World;
  const clock = new AdjustableClock();
  const say = (c: DingtalkChat, user: string, nick: string, text: string) => c.say(user, nick, text, { timestamp: clock.now() });
  const n = async (sql: string, params: unknown[] = []) => Number((await t.bot.ds.query(sql, params))[0].n);
  const codes = async (sql: string, params: unknown[] = []) => ((await t.bot.ds.query(sql, params)) as any[]).map((r) => String(r.code));
  const OF = (school: string) => `unit_id = (SELECT id FROM unit WHERE name = '${school}')`;
  /** The model answers the ask translation with `reply`; 500 = no model (the local parser answers). */
  const model = (reply: FakeReply) => llm.setHandler((body) => (isAsk(body) ? reply : { status: 500 }));

  beforeAll(async () => {
    clock.set(NOW);
    url = await target.create();
    fake = await new FakePlatform().start();
    llm = await startFakeOpenAi();
    model({ status: 500 });
    t = await startBot(url, { ...botEnv(fake.url), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseURL, OPENAI_MODEL: 'test-model', OPENAI_TIMEOUT_MS: '1500' }, { clock });
    await seedWorld(t.bot.ds);
    w = await bindWorld(t.base, fake, () => clock.now(), t.bot.ds);
    // Who reported and who owns some of them, and real checklist items: written here, read back by the questions.
    const set = (sql: string, codes: string[]) => t.bot.ds.query(`UPDATE hazard SET ${sql} WHERE code IN (${codes.map(() => '?').join(',')})`, codes);
    await set(`reporter_name = '王安全'`, ['YH-2025-900003', 'YH-2025-900004']);
    // A 王 reporting at another school: the same words, another school's person.
    await set(`reporter_name = '王安全'`, ['YH-2025-900021']);
    await set(`reporter_name = '张三'`, ['YH-2025-900022', 'YH-2025-900023']);
    await set(`responsible_name = '赵师傅'`, ['YH-2025-900007', 'YH-2025-900001', 'YH-2025-900013']);
    await set(`item_code = 'fire.extinguishers'`, ['YH-2025-900003', 'YH-2025-900005', 'YH-2025-900021']);
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('a checklist item: the count equals SQL, within the scope', async () => {
    const open = await n(`SELECT COUNT(*) AS n FROM hazard WHERE item_code = 'fire.extinguishers' AND ${OPEN} AND unit_id IN (SELECT u.id FROM unit u JOIN unit d ON d.id = u.parent_id WHERE d.name = '丰泽区教育局')`);
    expect(open).toBe(2);
    const reply = await say(w.fengze, 'huang', '黄科长', '灭火器过期的隐患还有多少条');
    expect(reply).toContain(`${open} 条`);
    for (const c of ['YH-2025-900003', 'YH-2025-900005']) expect(reply).toContain(c);
    expect(reply).not.toContain('YH-2025-900021');
  });

  it('who reported: a surname with a title matches, another school\'s person stays out', async () => {
    const mine = await codes(`SELECT code FROM hazard WHERE ${OF(SCHOOLS.donghai)} AND reporter_name LIKE '王%' AND ${OPEN}`);
    expect(mine.sort()).toEqual(['YH-2025-900003', 'YH-2025-900004']);
    const reply = await say(w.donghai, 'lin', '林校长', '王安全员报的隐患有多少条');
    expect(reply).toContain(`${mine.length} 条`);
    for (const c of mine) expect(reply).toContain(c);
    // 鲤城一中's 王安全 reported 900021: never in 东海中学's answer.
    expect(reply).not.toContain('YH-2025-900021');
    // 张三 reports only at 鲤城一中: asked at 东海中学 the answer is none, and nothing of his shows.
    const other = await say(w.donghai, 'lin', '林校长', '张三报的隐患有哪些');
    expect(other).toContain('没有');
    for (const c of codesOf('licheng')) expect(other).not.toContain(c);
  });

  it('who owns the rectification', async () => {
    const open = await n(`SELECT COUNT(*) AS n FROM hazard WHERE ${OF(SCHOOLS.donghai)} AND responsible_name = '赵师傅' AND ${OPEN}`);
    const reply = await say(w.donghai, 'lin', '林校长', '赵师傅负责整改的还有几条没销号');
    expect(reply).toContain(`${open} 条`);
    expect(reply).toContain('YH-2025-900007');
    expect(reply).not.toContain('YH-2025-900013');
  });

  it('several units at once: each counted as SQL counts it', async () => {
    const of = (district: string) => n(`SELECT COUNT(*) AS n FROM hazard WHERE status <> 'rejected' AND created_at >= ? AND unit_id IN (SELECT u.id FROM unit u JOIN unit d ON d.id = u.parent_id WHERE d.name = ?)`, [Date.parse('2025-11-01T00:00:00+08:00'), district]);
    const reply = await say(w.city, 'chen', '陈科长', '丰泽区和鲤城区本月各有多少隐患');
    expect(reply).toMatch(new RegExp(`丰泽区[^\\n]*${await of('丰泽区教育局')}`));
    expect(reply).toMatch(new RegExp(`鲤城区[^\\n]*${await of('鲤城区教育局')}`));
  });

  it('a unit outside the scope inside a set refuses the whole question', async () => {
    const reply = await say(w.fengze, 'huang', '黄科长', '东海中学和鲤城区第一中学的隐患各有多少');
    expect(reply).toContain('不在你的查看范围');
    for (const c of [...codesOf('licheng'), ...codesOf('donghai')]) expect(reply).not.toContain(c);
    expect(reply).not.toMatch(/\d+ 条/);
    // The same through a model that names the set: the same refusal.
    model({ content: JSON.stringify({ question: true, query: q({ measure: 'count', groupBy: 'unit', units: [SCHOOLS.donghai, SCHOOLS.licheng] }) }) });
    const viaModel = await say(w.fengze, 'huang', '黄科长', '东海中学和鲤城区第一中学的隐患各有多少');
    expect(viaModel).toContain('不在你的查看范围');
    for (const c of codesOf('licheng')) expect(viaModel).not.toContain(c);
    model({ status: 500 });
  });

  it('an injection where a name should be: refused by the schema, the local parser answers', async () => {
    const local = await say(w.donghai, 'lin', '林校长', '王安全员报的隐患有多少条');
    model({ content: JSON.stringify({ question: true, query: q({ measure: 'list', reporter: "x' OR '1'='1" }) }) });
    const viaModel = await say(w.donghai, 'lin', '林校长', '王安全员报的隐患有多少条');
    expect(viaModel).toBe(local);
    model({ content: JSON.stringify({ question: true, query: q({ measure: 'list', responsible: '赵师傅; DROP TABLE hazard' }) }) });
    expect(await say(w.donghai, 'lin', '林校长', '王安全员报的隐患有多少条')).toBe(local);
    model({ status: 500 });
    // Typed into the question itself: only a name is read, nothing leaves the school, the table is intact.
    const typed = await say(w.donghai, 'lin', '林校长', "王老师' OR '1'='1 报的隐患有哪些");
    for (const c of [...codesOf('licheng'), ...codesOf('shiyan')]) expect(typed).not.toContain(c);
    expect(await n(`SELECT COUNT(*) AS n FROM hazard`)).toBeGreaterThan(10);
  });
});
