import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { LEDGER_COLUMNS } from '../../src/services/hazards/ledger';
import { overdueTick } from '../../src/services/hazards/overdue';
import type { LinkSigner } from '../../src/services/links';

const run = promisify(execFile);
const targets = await dbTargets();

describe.each(targets)('ledger export and overdue round on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;
  let codes: string[] = [];

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '实验小学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    school = new DingtalkChat(t.base, fake, 'cid-donghai');
    await new DingtalkChat(t.base, fake, 'cid-fz').say('huang', '黄科长', '/绑定 丰泽区教育局');
    await school.say('wang', '王安全员', '/绑定 东海中学');
    await school.say('lin', '林校长', '/我是谁');
    await school.say('wang', '王安全员', '/角色 @林校长 校长');
    for (const text of ['/隐患 一楼配电房门口堆放杂物', '/隐患 操场围墙有一段出现裂缝', '/隐患 <b>**粗体**</b> @所有人 \'; DROP TABLE hazard; --']) {
      codes.push(/YH-\d{4}-\d{6}/.exec(await school.say('li', '李老师', text))![0]);
    }
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('answers /导出 台账 with a signed link to a real xlsx with the usual columns', async () => {
    expect(await school.say('li', '李老师', '/导出 台账')).toContain('只有安全员、校长或教育局管理员');
    const reply = await school.say('wang', '王安全员', '/导出 台账 本年');
    const link = /\((http[^)]+)\)/.exec(reply)![1];
    const u = new URL(link);
    const res = await fetch(`${t.base}${u.pathname}${u.search}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.getWorksheet('隐患台账')!;
    expect((ws.getRow(2).values as any[]).slice(1)).toEqual(LEDGER_COLUMNS);
    const codesInSheet = [3, 4, 5].map((r) => ws.getRow(r).getCell(1).value);
    expect(codesInSheet).toEqual(codes);
    expect(String(ws.getRow(5).getCell(11).value)).toContain('DROP TABLE hazard');
    expect(Number((await t.bot.ds.query('SELECT COUNT(*) AS n FROM hazard'))[0].n)).toBe(3);

    // The signature binds unit and expiry: another unit, a stretched expiry or a guessed sig are refused.
    const other = new URL(link);
    other.pathname = other.pathname.replace(/\/ledger\/\d+\//, '/ledger/1/');
    expect((await fetch(`${t.base}${other.pathname}${other.search}`)).status).toBe(403);
    const stretched = new URL(link);
    stretched.searchParams.set('exp', String(Number(stretched.searchParams.get('exp')) + 86400_000));
    expect((await fetch(`${t.base}${stretched.pathname}${stretched.search}`)).status).toBe(403);
    const expired = (t.bot.services.links as LinkSigner).sign(u.pathname, Number(u.searchParams.get('u')), Date.now() - 1000);
    const e = new URL(expired);
    expect((await fetch(`${t.base}${e.pathname}${e.search}`)).status).toBe(403);
  });

  it('shows injected markdown and @all as harmless text', async () => {
    const history = await school.say('li', '李老师', `/查询 ${codes[2]}`);
    expect(history).not.toContain('**粗体**');
    expect(history).not.toMatch(/@所有人/);
  });

  it('npm run export:ledger writes the same workbook from the command line', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'l.xlsx');
    const year = new Date().getFullYear();
    await run('npx', ['tsx', 'scripts/export-ledger.ts', '--unit', '东海中学', '--from', `${year - 1}-01-01`, '--to', `${year + 1}-12-31`, '--out', out], { env: { ...process.env, DATABASE_URL: url } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as any);
    expect(wb.getWorksheet('隐患台账')!.rowCount).toBe(5);
  });

  it('the overdue round lists each person once a day and escalates at 3 and 7 days, never twice', async () => {
    const now = Date.now();
    const day = 24 * 3600_000;
    const first = await overdueTick(t.bot.services, now + 40 * day + 3600_000);
    expect(first).toBeGreaterThan(0);
    expect(await overdueTick(t.bot.services, now + 40 * day + 2 * 3600_000)).toBe(0);
    const keys = (await t.bot.ds.query(`SELECT dedupe_key FROM outbox_message WHERE kind IN ('overdue','escalation') ORDER BY dedupe_key`)).map((r: any) => r.dedupe_key);
    expect(keys.filter((k: string) => k.startsWith('overdue:'))).toHaveLength(1);
    expect(keys.filter((k: string) => k.startsWith('esc:principal:'))).toHaveLength(3);
    expect(keys.filter((k: string) => k.startsWith('esc:district:'))).toHaveLength(3);
    await t.bot.sender.kick();
    const district = await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-fz' && textOf(r).includes('逾期 7 天'));
    expect(textOf(district)).toContain('东海中学');
  });
});
