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
import { LEDGER_COLUMNS, buildLedgerXlsx } from '../../src/services/hazards/ledger';
import { overdueTick } from '../../src/services/hazards/overdue';
import type { LinkSigner } from '../../src/services/links';
import { grant } from '../helpers/trust';

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
    await grant(t.bot.ds, [
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'],
    ]);
    await new DingtalkChat(t.base, fake, 'cid-fz').say('huang', '黄科长', '/绑定 丰泽区教育局');
    await school.say('wang', '王安全员', '/绑定 东海中学');
    await school.say('lin', '林校长', '/我是谁');
    await school.say('wang', '王安全员', '/角色 @林校长 校长', { atUsers: [{ staffId: 'lin' }] });
    for (const text of ['/隐患 一楼配电房门口堆放杂物', '/隐患 操场围墙有一段出现裂缝', '/隐患 三楼走廊灭火器过期 <b>**粗体**</b> @所有人 \'; DROP TABLE hazard; --']) {
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
    expect(res.headers.get('content-length')).toBeNull(); // streamed as it is written, not built first
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

  it('the district ledger has every column an inspector asks for: school, 来源, attempts, 督办, real dates, filters, a summary', async () => {
    const report = await school.say('li', '李老师', '/隐患 来源=上级检查 男生宿舍3号楼有学生把电动车电池拿进寝室充电');
    const c = /YH-\d{4}-\d{6}/.exec(report)![0];
    expect(report).toContain(`/管控 ${c} 措施`); // red and major items are asked for their 临时管控措施
    expect(await school.say('li', '李老师', '/隐患 来源=路人 楼梯扶手松动')).toContain('来源只能是 自查、内部报告、上级检查、群众反映');
    expect(await school.say('li', '李老师', `/管控 ${c} 宿舍断电`)).toContain('只有');
    expect(await school.say('wang', '王安全员', `/管控 ${c} 宿舍插座断电，宿管每晚巡查`)).toContain('已登记');
    await school.say('wang', '王安全员', `/确认 ${c}`);
    await school.say('wang', '王安全员', `/整改 ${c} 电池已收缴`);
    // A 重大事故隐患 is verified by the district.
    expect(await new DingtalkChat(t.base, fake, 'cid-fz').say('huang', '黄科长', `/验收 ${c} 不通过 仍有学生私拉电线`)).toContain('验收不通过');
    await school.say('wang', '王安全员', `/整改 ${c} 电线已拆除，宿舍每日巡查`);
    await school.say('wang', '王安全员', `/督办 ${c} 措施=收缴电池 责任人=林校长 资金=2万元 时限=12月10日 预案=宿舍火灾应急预案`);
    const fz = Number((await t.bot.ds.query(`SELECT id FROM unit WHERE name = '丰泽区教育局'`))[0].id);
    const ids = (await t.bot.ds.query(`SELECT id FROM unit WHERE parent_id = ?`, [fz])).map((r: any) => Number(r.id));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildLedgerXlsx(t.bot.ds, ids, 0, Date.now() + 86_400_000, '丰泽区 隐患台账', Date.now())) as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['隐患台账', '整改记录', '汇总']);
    const ws = wb.getWorksheet('隐患台账')!;
    const col = (name: string) => LEDGER_COLUMNS.indexOf(name) + 1;
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === c)!;
    expect(row.getCell(col('学校')).value).toBe('东海中学');
    expect(row.getCell(col('区')).value).toBe('丰泽区教育局');
    expect(row.getCell(col('来源')).value).toBe('上级检查');
    expect(ws.getRow(3).getCell(col('来源')).value).toBe('自查');
    expect(row.getCell(col('是否重大')).value).toBe('是');
    expect(row.getCell(col('整改次数')).value).toBe(2);
    expect(row.getCell(col('验收不通过次数')).value).toBe(1);
    // The failed attempt is not the completion: it is awaiting 验收 again, with no 验收人.
    expect(row.getCell(col('状态')).value).toBe('待验收');
    expect(row.getCell(col('验收人')).value).toBeNull();
    expect(row.getCell(col('临时管控措施')).value).toBe('宿舍插座断电，宿管每晚巡查');
    expect(row.getCell(col('督办·责任人')).value).toBe('林校长');
    expect(row.getCell(col('督办·应急预案')).value).toBe('宿舍火灾应急预案');
    // Real dates, Shanghai wall clock.
    const found = row.getCell(col('发现时间'));
    expect(found.value).toBeInstanceOf(Date);
    expect(found.numFmt).toBe('yyyy-mm-dd hh:mm');
    const created = Number((await t.bot.ds.query(`SELECT created_at FROM hazard WHERE code = ?`, [c]))[0].created_at);
    expect((found.value as Date).getTime()).toBe(created + 8 * 3600_000);
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(col('描述')).width).toBe(40);
    const attempts = wb.getWorksheet('整改记录')!;
    const mine: string[] = [];
    attempts.eachRow((r, i) => i > 1 && r.getCell(1).value === c && mine.push(`${r.getCell(3).value} ${r.getCell(9).value} ${r.getCell(10).value ?? ''}`));
    expect(mine).toEqual(['1 不通过 仍有学生私拉电线', '2 待验收 ']);
    const sum = wb.getWorksheet('汇总')!;
    expect((sum.getRow(1).values as any[]).slice(1)).toEqual(['区', '学校', '风险等级', '状态', '数量']);
    let total = 0;
    sum.eachRow((r, i) => i > 1 && r.getCell(1).value !== '合计' && (total += Number(r.getCell(5).value)));
    expect(total).toBe(4);
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
    expect(wb.getWorksheet('隐患台账')!.rowCount).toBe(6); // title, header, 4 hazards
  });

  it('the overdue round claims each item once a day, escalates at 3 and 7 days, never twice, and tells each group once', async () => {
    const day = 24 * 3600_000;
    // 10:00 today in Shanghai: the two ticks below (+1 h, +2 h) fall on one Shanghai day whatever the hour the suite runs
    // (from Date.now() itself they straddled midnight between 22:00 and 24:00 Shanghai time).
    const now = Date.now() - ((Date.now() + 8 * 3600_000) % day) + 10 * 3600_000;
    const first = await overdueTick(t.bot.services, now + 40 * day + 3600_000);
    expect(first).toBeGreaterThan(0);
    expect(await overdueTick(t.bot.services, now + 40 * day + 2 * 3600_000)).toBe(0);
    const claims = (await t.bot.ds.query(`SELECT claim_key FROM notice_claim ORDER BY claim_key`)).map((r: any) => r.claim_key);
    expect(claims.filter((k: string) => k.startsWith('overdue:'))).toHaveLength(3);
    expect(claims.filter((k: string) => k.startsWith('esc:principal:'))).toHaveLength(3);
    expect(claims.filter((k: string) => k.startsWith('esc:district:'))).toHaveLength(3);
    // Quiet by default: one digest per group, not one push per item.
    const keys = (await t.bot.ds.query(`SELECT dedupe_key FROM outbox_message WHERE kind IN ('overdue','escalation') ORDER BY dedupe_key`)).map((r: any) => r.dedupe_key);
    expect(keys).toHaveLength(2);
    expect(keys.every((k: string) => k.startsWith('notice:'))).toBe(true);
    await t.bot.sender.kick();
    const district = await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-fz' && textOf(r).includes('逾期 7 天'));
    expect(textOf(district)).toContain('东海中学');
  });

  it('shows a 疑似重大 item as such, not as 否, until someone confirms or clears it', async () => {
    const report = await school.say('li', '李老师', '/隐患 锅炉的压力表过了检定日期还在用');
    const c = /YH-\d{4}-\d{6}/.exec(report)![0];
    expect(report).toContain('疑似重大');
    const fz = Number((await t.bot.ds.query(`SELECT id FROM unit WHERE name = '丰泽区教育局'`))[0].id);
    const ids = (await t.bot.ds.query(`SELECT id FROM unit WHERE parent_id = ?`, [fz])).map((r: any) => Number(r.id));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildLedgerXlsx(t.bot.ds, ids, 0, Date.now() + 86_400_000, '丰泽区 隐患台账', Date.now())) as any);
    const ws = wb.getWorksheet('隐患台账')!;
    const major = (code: string) => [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === code)!.getCell(LEDGER_COLUMNS.indexOf('是否重大') + 1).value;
    expect(major(c)).toBe('疑似重大');
    expect(major(codes[0])).toBe('否');
  });

  it('a ledger over many units (the city’s walk along the primary key, page by page) has the same rows as the school’s own', async () => {
    const donghai = Number((await t.bot.ds.query(`SELECT id FROM unit WHERE name = '东海中学'`))[0].id);
    const all = (await t.bot.ds.query(`SELECT id FROM unit`)).map((r: any) => Number(r.id));
    // More than 20 units takes the primary-key walk; ids of units that do not exist change nothing.
    const many = [...all, ...Array.from({ length: 30 }, (_, i) => 900_000 + i)];
    const rowsOf = async (ids: number[], pageSize?: number) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await buildLedgerXlsx(t.bot.ds, ids, 0, Date.now() + 86_400_000, 'x', Date.now(), pageSize)) as any);
      const sheet = (name: string) => {
        const ws = wb.getWorksheet(name)!;
        return [...Array(ws.rowCount).keys()].map((i) => (ws.getRow(i + 1).values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.getTime() : v)));
      };
      return { ledger: sheet('隐患台账').slice(2), attempts: sheet('整改记录'), summary: sheet('汇总') };
    };
    const school = await rowsOf([donghai]);
    expect(school.ledger.length).toBeGreaterThanOrEqual(3); // 5 and 2 attempts after the tests above
    expect(await rowsOf(many)).toEqual(school);
    expect(await rowsOf(many, 2)).toEqual(school); // pages of 2: every boundary crossed, nothing lost or repeated
    expect(await rowsOf([donghai], 1)).toEqual(school);
  });
});
