// Issue 13: bad input stays local. The org import refuses cycles, self-parents and kinds that do not fit their
// parent before writing anything; argument parsing is linear and bounded; out-of-range numbers get a usage reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';
import { importOrgCsv } from '../../src/services/org/import-org';
import { parseQuarterlyArgs } from '../../src/bot/commands/quarterly.commands';
import { parseAssignments } from '../../src/services/quarterly/parse';

const targets = await dbTargets();
const HEADER = '单位,上级单位,类型,姓名,平台,用户ID,角色';

describe('argument parsing is linear', () => {
  it('a 200,000-character whitespace run is parsed in one pass (a quadratic regex would not return)', () => {
    const args = `a${' '.repeat(200_000)}b`;
    expect(parseQuarterlyArgs(args).text).toBe('b');
    expect(parseAssignments(`自查隐患数量${' '.repeat(200_000)}x`).errors.length).toBeGreaterThan(0);
  });
});

describe.each(targets)('bad input on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);
  const count = async (table: string) => Number((await q(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('import-org refuses cycles, self-parents and misfit kinds before writing, and names the lines', async () => {
    const before = [await count('unit'), await count('member'), await count('audit_log')];
    const cases: [string[], RegExp][] = [
      [['甲学校,乙学校,学校', '乙学校,甲学校,学校'], /循环：(甲学校 → 乙学校 → 甲学校|乙学校 → 甲学校 → 乙学校)/],
      [['甲区教育局,乙区教育局,区教育局', '乙区教育局,丙区教育局,区教育局', '丙区教育局,甲区教育局,区教育局'], /循环/],
      [['自己学校,自己学校,学校'], /不能是它自己/],
      [['小学甲,丰泽区教育局,学校', '小学乙,小学甲,学校'], /学校「小学乙」不能隶属于学校「小学甲」/],
      [['新区教育局,丰泽区教育局,区教育局'], /区教育局「新区教育局」不能隶属于区教育局/],
    ];
    for (const [rows, expected] of cases) {
      const res = await importOrgCsv(t.bot.ds, [HEADER, ...rows].join('\n'), Date.now());
      expect(res.ok).toBe(false);
      expect(res.errors.map((e) => `第 ${e.line} 行：${e.message}`).join('\n')).toMatch(expected);
    }
    expect([await count('unit'), await count('member'), await count('audit_log')]).toEqual(before);
    // the database still answers at once (nothing holds the write lock)
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
    const ok = await importOrgCsv(t.bot.ds, [HEADER, '泉州市丰泽区东海中学,丰泽区教育局,学校,王安全员,dingtalk,wang,安全员'].join('\n'), Date.now());
    expect(ok.ok, JSON.stringify(ok.errors)).toBe(true);
  });

  it('/季报 with a long whitespace run and /清单 with a huge page number get a usage reply and change nothing', async () => {
    await t.bot.services.units.refresh();
    await grant(t.bot.ds, [['dingtalk', 'wang', '安全员', '泉州市丰泽区东海中学', '王安全员']]);
    const chat = new DingtalkChat(t.base, fake, 'cid-bad');
    expect(await chat.say('wang', '王安全员', '/绑定 泉州市丰泽区东海中学')).toContain('✅');
    expect(await chat.say('li', '李老师', '/我是谁')).toContain('教师');
    const values = await count('quarterly_value');
    expect(await chat.say('li', '李老师', `/季报 a${' '.repeat(20_000)}b=1`)).toContain('只有本校安全员或校长');
    const long = await chat.say('wang', '王安全员', `/季报 a${' '.repeat(20_000)}b`);
    expect(long).toMatch(/内容太长|看不懂|没有找到单位/);
    expect(await count('quarterly_value')).toBe(values);
    const list = await chat.say('li', '李老师', '/清单 99999999999999999999');
    expect(list).toContain('页码「99999999999999999999」不对');
    expect(list).toContain('/清单');
    await t.bot.worker.idle();
    const [row] = await q(`SELECT status, attempts FROM inbound_message WHERE payload LIKE '%99999999999999999999%'`);
    expect(row).toEqual({ status: 'done', attempts: 1 });
  });
});
