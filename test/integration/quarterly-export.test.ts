import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { quarterlyWorkbook } from '../../src/services/quarterly/export';
import { formatChineseDate, rowKindOf } from '../../src/services/quarterly/workbook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { foldSeed, readSeedForms } from '../helpers/quarterly-seed';
import { sh, startQuarterlyWorld, stopQuarterlyWorld, type QuarterlyWorld } from '../helpers/quarterly-world';
import { FORM_IDS, FORMS, listCells, type FormId } from '../../src/services/quarterly/fields';
import { sheetLayout } from '../../src/services/quarterly/sheet-layout';
import { findDeadline, occurrenceIn } from '../../src/services/deadlines/calendar';
import { DEFAULT_REMINDER_SETTINGS, slotsForOccurrence } from '../../src/services/deadlines/plan';
import { messagesForSlot } from '../../src/services/deadlines/reminders';
import { loadCalendar } from '../../src/services/deadlines/store';

const run = promisify(execFile);
const targets = await dbTargets();
const seed = readSeedForms();
const HEADER_TOP = 4;
const SEED_TEXT = '../shared/seed/000_04821f73f0c4bdf6.txt';

/** Header cells of a row the way the seed's text has them: one per merge, blank below its first row. */
function seedShapedRow(ws: ExcelJS.Worksheet, r: number, width: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= width; c++) {
    const cell = ws.getCell(r, c);
    if (c > 1 && cell.isMerged && ws.getCell(r, c - 1).master.address === cell.master.address) continue;
    const v = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
    out.push(typeof v === 'string' ? foldSeed(v) : '');
  }
  return out;
}

/** Value of one cell in the `block`-th unit block of a form's sheet (0 = the first row after the header). */
function cellValue(ws: ExcelJS.Worksheet, formId: FormId, block: number, cell: string): unknown {
  const layout = sheetLayout(FORMS[formId]);
  const item = layout.block.find((b) => b.content.kind === 'value' && b.content.cell === cell)!;
  return ws.getCell(HEADER_TOP + layout.headerDepth + block * layout.blockHeight + item.row, item.col).value;
}

const blockLabel = (ws: ExcelJS.Worksheet, formId: FormId, block: number) =>
  ws.getCell(HEADER_TOP + 3 + block * Math.max(1, FORMS[formId].dimValues.length), 1).value;

async function readWorkbook(data: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as any);
  return wb;
}

describe.each(targets)('季报 round trip and export on $name', (target) => {
  let url: string;
  let w: QuarterlyWorld;
  let dir: string;
  const q = (sql: string, params: unknown[] = []) => w.t.bot.ds.query(sql, params);
  const linkOf = (reply: string) => {
    const u = new URL(/\((https?:\/\/[^)\s]+)\)/.exec(reply)![1]);
    return `${w.t.base}${u.pathname}${u.search}`;
  };
  /** Units the reminder for Q1 one day before the deadline goes to. */
  const remindedFor = async () => {
    const calendar = await loadCalendar(w.t.bot.ds);
    const deadline = findDeadline(calendar, 'q1')!;
    const slot = slotsForOccurrence(deadline, occurrenceIn(deadline, 2025)!, DEFAULT_REMINDER_SETTINGS).find((s) => s.daysOffset === -1)!;
    return (await messagesForSlot({ db: w.t.bot.ds, units: w.t.bot.services.units, calendar }, slot)).map((m) => m.unit.name);
  };

  beforeAll(async () => {
    url = await target.create();
    w = await startQuarterlyWorld(url);
    dir = mkdtempSync(join(tmpdir(), 'csb-quarterly-'));
  });
  afterAll(async () => {
    await stopQuarterlyWorld(w);
    await target.drop(url);
    rmSync(dir, { recursive: true, force: true });
  });

  it('three schools and their district file through the webhooks; the district’s submission stops its reminders', async () => {
    expect(await remindedFor()).toContain('丰泽区教育局');
    const wang = (text: string) => w.donghai.say('wang', '王安全员', text);
    const xu = (text: string) => w.shiyan.say('xu', '许安全员', text);
    const cai = (text: string) => w.kinder.say('cai', text);
    expect(await wang('/季报 自查隐患数量=12 整改隐患数量=10 一级达标学校@国标=1 年度考核学校数量=1 年度考核兑现奖励学校数量=1 年度考核兑现奖励资金=0.15 党员模范岗@市级=2 建立全员责任制及其考核清单=1')).toContain('已保存 8 项');
    expect(await xu('/季报 自查隐患数量=5 整改隐患数量=5 一级达标学校@国标=1 年度考核学校数量=1 年度考核兑现奖励学校数量=1 年度考核兑现奖励资金=0.07 签订承诺书学校数=1')).toContain('已保存 7 项');
    expect(await cai('/季报 自查隐患数量=7 整改隐患数量=6 自评学校=1 内部报告隐患数量=3 内部报告奖励机制=1')).toContain('已保存 5 项');
    for (const say of [wang, xu]) {
      expect(await say('/季报 其余填0')).toMatch(/空着的 \d+ 项填 0/);
      expect(await say('/季报 提交')).toContain('✅ 已提交');
    }
    // Two of three schools submitted: the district's form sums those two and says so; its own cells, not yet
    // submitted, read 「未报」; the city's row for 丰泽区 is 「未报」 throughout.
    const book = async (name: string) => readWorkbook(await quarterlyWorkbook(w.t.bot.ds, w.t.bot.services.units, w.t.bot.services.units.byName(name)!, '2025Q1', w.clock.now()));
    const partial = await book('丰泽区教育局');
    const pf3 = partial.getWorksheet('附件3')!;
    expect(cellValue(pf3, 'f3', 0, 'f3.hazard_selfcheck')).toBe(17);
    expect(cellValue(pf3, 'f3', 0, 'f3.grade_level1@国标')).toBe(2);
    expect(cellValue(pf3, 'f3', 0, 'f3.base_total')).toBe('未报');
    const under: string[] = [];
    pf3.eachRow((row) => typeof row.getCell(1).value === 'string' && String(row.getCell(1).value).startsWith('报送情况') && under.push(String(row.getCell(1).value)));
    expect(under).toEqual(['报送情况：所属学校应报 3、已报 2（已报 2/3），学校填报的栏目只合计已报学校，未报：丰泽幼儿园；丰泽区本级栏目尚未提交，为「未报」。']);
    const detail = partial.getWorksheet('各校明细')!;
    const states: string[] = [];
    detail.eachRow((row, i) => i > 1 && states.push(`${row.getCell(2).value} ${row.getCell(3).value}`));
    expect(states.sort()).toEqual(['东海中学 已报', '丰泽幼儿园 未报', '实验小学 已报'].sort());
    const cityPartial = (await book('泉州市教育局')).getWorksheet('附件3')!;
    const cityLabels = Array.from({ length: 14 }, (_, b) => blockLabel(cityPartial, 'f3', b));
    expect(cellValue(cityPartial, 'f3', cityLabels.indexOf('县（市、区）：丰泽区'), 'f3.hazard_selfcheck')).toBe('未报');
    // A school's workbook: 填表人 and 联系电话 of the member who submitted, the submission's date.
    await q(`UPDATE member SET mobile = '13800000001' WHERE user_id = 'wang'`);
    const own = (await book('东海中学')).getWorksheet('附件3')!;
    const line = [1, 2, 3, 4].map(() => '');
    let k = 0;
    for (let c = 1; c <= FORMS.f3.columnCount; c++) {
      const cell = own.getCell(3, c);
      if (cell.value && !(cell.isMerged && cell.master.address !== cell.address)) line[k++] = String(cell.value);
    }
    const submittedAt = Number((await q(`SELECT s.submitted_at FROM quarterly_submission s JOIN unit u ON u.id = s.unit_id WHERE u.name = '东海中学'`))[0].submitted_at);
    expect(line).toEqual(['填报单位（盖章）：东海中学', '填表人：王安全员', '联系电话：13800000001', formatChineseDate(new Date(submittedAt))]);
    expect(await cai('/季报 其余填0')).toMatch(/空着的 \d+ 项填 0/);
    expect(await cai('/季报 提交')).toContain('✅ 已提交');
    const huang = (text: string) => w.fengze.say('huang', '黄科长', text);
    // 罚款金额 is in 附件5 and 附件6: the bot asks which, and a form name before the fields settles it.
    expect(await huang('/季报 罚款金额=1.5')).toContain('「罚款金额」对应多项：附件5.罚款金额、附件6.罚款金额');
    expect(await huang('/季报 附件3 学校底数总数=3 规上学校=0 中等学校=1 小微学校=2 附件5 罚款学校数=1 罚款金额=1.5 检查学校=9 发现隐患=4 督促整改隐患=4')).toContain('已保存 9 项');
    expect(await huang('/季报 其余填0')).toMatch(/空着的 82 项填 0/);
    const done = await huang('/季报 提交');
    expect(done).toContain('✅ 已提交 丰泽区教育局 2025年第一季度季报');
    expect(done).toContain('已记为本期「季报」已报送，不再提醒');
    expect(done).toContain('计入学校 3 所');

    const fengze = await w.id('丰泽区教育局');
    // The three schools filed their 季报数据 (q1-school, 3/28); the district its 季报 (q1, 4/1).
    const all = await q(`SELECT unit_id, deadline_key, occurrence, filed_by, undone_at FROM filing ORDER BY id`);
    expect(all.map((r: any) => r.deadline_key)).toEqual(['q1-school', 'q1-school', 'q1-school', 'q1']);
    const filings = all.filter((r: any) => r.deadline_key === 'q1');
    expect(filings[0]).toMatchObject({ deadline_key: 'q1', occurrence: '2025-04-01', undone_at: null });
    expect(Number(filings[0].unit_id)).toBe(fengze);
    expect(filings[0].filed_by).toMatch(/^quarterly:\d+$/);
    expect(await remindedFor()).not.toContain('丰泽区教育局');

    const summary = await huang('/季报 汇总');
    expect(summary).toContain('学校已提交 3/3');
    expect(summary).toContain('区教育局本级已提交 1/1');
    const city = await w.city.say('zheng', '郑科长', '/季报 汇总');
    expect(city).toContain('县（市、区）已提交 1/13：丰泽区教育局');
    expect(city).toContain('市属学校已提交 0/1');
    expect(city).toContain('泉州第五中学（已填 0/97）');
    expect(await w.donghai.say('li', '李老师', '/季报 汇总')).toContain('汇总只给区、市教育局管理员用');

    // A 市属学校 files like a district: every cell of 附件3-5, and its submission is its filing.
    expect(await w.wuzhong.say('wu', '吴安全员', '/季报 其余填0')).toMatch(/空着的 97 项填 0/);
    expect(await w.wuzhong.say('wu', '吴安全员', '/季报 提交')).toContain('已记为本期「季报」已报送');
    expect(await remindedFor()).not.toContain('泉州第五中学');

    // Withdrawing the district's form puts it back among those reminded; submitting again takes it out.
    expect(await huang('/季报 撤回')).toContain('已撤回 丰泽区教育局');
    expect(await remindedFor()).toContain('丰泽区教育局');
    expect(await huang('/季报 提交')).toContain('✅ 已提交');
    expect(await remindedFor()).not.toContain('丰泽区教育局');
  });

  it('npm run export:quarterly writes the district form: every seed header in its column, the district’s cells the sums', async () => {
    const out = join(dir, 'fengze.xlsx');
    const res = await run('npx', ['tsx', 'scripts/export-quarterly.ts', '--quarter', '2025Q1', '--unit', '丰泽区教育局', '--out', out], { env: { ...process.env, DATABASE_URL: url } });
    expect(res.stdout).toContain('已导出 丰泽区教育局 2025年第一季度季报表');
    const wb = await readWorkbook(readFileSync(out));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['附件3', '附件4', '附件5', '附件6', '各校明细']);
    for (const id of FORM_IDS) {
      const annex = FORMS[id].annex as keyof typeof seed;
      const ws = wb.getWorksheet(annex)!;
      for (let r = 0; r < 3; r++) expect(seedShapedRow(ws, HEADER_TOP + r, FORMS[id].columnCount), `${annex} header row ${r + 1}`).toEqual(seed[annex].rows[r]);
      // The seed's row type, one row: the schools are on 各校明细, not 其中 rows, and there is no 合计 row.
      expect([0, 1].map((b) => blockLabel(ws, id, b))).toEqual(['县（市、区）', null]);
      // …which is the label of the seed's own 县（市、区） row.
      expect(seed[annex].rows.slice(3).map((r) => r[0]).filter(Boolean)).toContain(blockLabel(ws, id, 0));
    }
    expect(wb.getWorksheet('附件3')!.getCell(3, 1).value).toBe('填报单位（盖章）：丰泽区教育局');
    // What each unit stored, read back from the database, against the sheet.
    const stored = async (name: string) => {
      const rows = await q(`SELECT v.cell, v.value_cents FROM quarterly_value v JOIN quarterly_submission s ON s.id = v.submission_id JOIN unit u ON u.id = s.unit_id WHERE u.name = ? AND s.quarter = '2025Q1'`, [name]);
      return new Map<string, number>(rows.map((r: any) => [r.cell, Number(r.value_cents)]));
    };
    const schools = await Promise.all(['东海中学', '实验小学', '丰泽幼儿园'].map(stored));
    const district = await stored('丰泽区教育局');
    for (const cell of listCells()) {
      const ws = wb.getWorksheet(FORMS[cell.field.form].annex)!;
      const expected = cell.field.supplier === 'school' ? schools.reduce((a, m) => a + (m.get(cell.id) ?? 0), 0) : district.get(cell.id)!;
      expect(Math.round(Number(cellValue(ws, cell.field.form, 0, cell.id)) * 100), cell.id).toBe(expected);
    }
    // 各校明细: each school's own figures, in a column per school cell.
    const detail = wb.getWorksheet('各校明细')!;
    const head = (detail.getRow(1).values as unknown[]).slice(1);
    const col = head.indexOf('附件3 自查隐患数量') + 1;
    const bySchool = new Map<string, unknown>();
    detail.eachRow((row, i) => i > 1 && bySchool.set(String(row.getCell(2).value), row.getCell(col).value));
    expect(Object.fromEntries(bySchool)).toEqual({ 东海中学: schools[0].get('f3.hazard_selfcheck')! / 100, 实验小学: schools[1].get('f3.hazard_selfcheck')! / 100, 丰泽幼儿园: schools[2].get('f3.hazard_selfcheck')! / 100 });
    const f3 = wb.getWorksheet('附件3')!;
    expect(cellValue(f3, 'f3', 0, 'f3.hazard_selfcheck')).toBe(24);
    expect(cellValue(f3, 'f3', 0, 'f3.grade_level1@国标')).toBe(2);
    expect(cellValue(f3, 'f3', 0, 'f3.base_total')).toBe(3);
    const f5 = wb.getWorksheet('附件5')!;
    expect(cellValue(f5, 'f5', 0, 'f5.assess_reward_money')).toBe(0.22);
    expect(cellValue(f5, 'f5', 0, 'f5.enf_fine_amount')).toBe(1.5);

    const bad = await run('npx', ['tsx', 'scripts/export-quarterly.ts', '--quarter', '2025Q1', '--unit', '不存在的单位'], { env: { ...process.env, DATABASE_URL: url } }).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(String(bad.stderr)).toContain('没有找到单位「不存在的单位」');
  });

  it('the city’s workbook of 2025Q4, 2026Q2 and 2027Q1: every form has the seed’s row types, in order, and its notes for that year', async () => {
    const city = w.t.bot.services.units.get(await w.id('泉州市教育局'))!;
    const items = (notes: string) => notes.replace(/^注：/, '').replace(/。$/, '').split(/；(?=\d+\.)/);
    for (const [quarter, year] of [['2025Q4', 2025], ['2026Q2', 2026], ['2027Q1', 2027]] as const) {
      const wb = await readWorkbook(await quarterlyWorkbook(w.t.bot.ds, w.t.bot.services.units, city, quarter, Date.now()));
      for (const id of FORM_IDS) {
        const annex = FORMS[id].annex as keyof typeof seed;
        const ws = wb.getWorksheet(annex)!;
        const height = Math.max(1, FORMS[id].dimValues.length);
        const labels: string[] = [];
        for (let b = 0; blockLabel(ws, id, b); b++) labels.push(String(blockLabel(ws, id, b)));
        // The seed's row types in the seed's order: 市直单位 (one row, the 市属学校 summed) first, then the 县（市、区）
        // rows (one per district, named after the colon); 附件6 has 县（市、区） rows only.
        const kinds = labels.map((l) => rowKindOf(l));
        const seedKinds = seed[annex].rows.slice(3).map((r) => r[0]).filter(Boolean);
        expect(kinds.filter((k, i) => k !== kinds[i - 1]), `${quarter} ${annex}`).toEqual(seedKinds);
        expect(kinds.filter((k) => k === '县（市、区）'), `${quarter} ${annex}`).toHaveLength(13);
        // The first block's 达标类型 / 级别 rows as the seed's first block has them.
        for (let i = 0; i < height; i++) {
          const shaped = seedShapedRow(ws, HEADER_TOP + 3 + i, FORMS[id].columnCount).map((c, col) => (col === 0 ? '' : c === '未报' ? '' : c));
          expect(shaped, `${quarter} ${annex} row ${i + 1}`).toEqual(seed[annex].rows[3 + i].map((c, col) => (col === 0 ? '' : c)));
        }
        // Notes: the seed's, item by item, with only the year's own counts and the base year moved to this period.
        const notes = String(ws.getCell(HEADER_TOP + 3 + labels.length * height + 1, 1).value);
        const asSeed = (n: string) => n.replaceAll(`${year}年1月以来`, '2025年1月以来').replace(new RegExp(`以${year - 1}年(企业|“九小场所”)底数`), '以2024年$1底数');
        expect(items(notes).map(asSeed), `${quarter} ${annex} notes`).toEqual(items(seed[annex].notes));
        if (year !== 2025) expect(notes).not.toContain('2025年1月以来');
        expect(String(ws.getCell('A2').value)).toBe(seed[annex].title.replace('2025年', `${year}年`));
      }
    }
  });

  it.skipIf(!existsSync(SEED_TEXT))('the quarterly fixture is the seed’s own text of 附件3-6 (skipped where ../shared/seed is not there)', () => {
    const seedText = SEED_TEXT;
    const fixture = readFileSync('test/fixtures/quarterly/seed-annex3-6.txt', 'utf8').trimEnd();
    expect(readFileSync(seedText, 'utf8').trimEnd().endsWith(fixture)).toBe(true);
  });

  it('/季报 导出 links to the asker’s own workbook and to nobody else’s', async () => {
    const district = await w.fengze.say('huang', '黄科长', '/季报 导出');
    expect(district).toContain('丰泽区教育局 · 2025年第一季度季报表');
    const res = await fetch(linkOf(district));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('丰泽区教育局-2025年第一季度季报表.xlsx'));
    const wb = await readWorkbook(await res.arrayBuffer());
    expect(cellValue(wb.getWorksheet('附件3')!, 'f3', 0, 'f3.hazard_selfcheck')).toBe(24);

    const school = linkOf(await w.donghai.say('wang', '王安全员', '/季报 导出 2025Q1'));
    const own = await readWorkbook(await (await fetch(school)).arrayBuffer());
    expect(blockLabel(own.getWorksheet('附件3')!, 'f3', 0)).toBe('东海中学');
    const [donghai, shiyan] = [await w.id('东海中学'), await w.id('实验小学')];
    const other = school.replace(`/quarterly/${donghai}/`, `/quarterly/${shiyan}/`);
    expect((await fetch(other)).status).toBe(403);
    expect((await fetch(other.replace(`u=${donghai}`, `u=${shiyan}`))).status).toBe(403);
    expect((await fetch(school.replace('2025Q1.xlsx', '2025Q2.xlsx'))).status).toBe(403);
    expect(await w.donghai.say('li', '李老师', '/季报 导出')).toContain('你是：教师');

    const city = await w.city.say('zheng', '郑科长', '/季报 导出');
    const cwb = await readWorkbook(await (await fetch(linkOf(city))).arrayBuffer());
    const cf3 = cwb.getWorksheet('附件3')!;
    const labels = Array.from({ length: 15 }, (_, b) => blockLabel(cf3, 'f3', b));
    // 市直单位 (the 市属学校 summed) and one 县（市、区） row per district; no 合计 row.
    expect(labels[0]).toBe('市直单位');
    expect(labels).toContain('县（市、区）：丰泽区');
    expect(labels[14]).toBeNull();
    expect(cellValue(cf3, 'f3', labels.indexOf('县（市、区）：丰泽区'), 'f3.hazard_selfcheck')).toBe(24);
    // A district that has not submitted is 「未报」, never 0.
    expect(cellValue(cf3, 'f3', labels.indexOf('县（市、区）：鲤城区'), 'f3.hazard_selfcheck')).toBe('未报');

    w.clock.set(sh(2025, 3, 25, 12));
    expect((await fetch(school)).status).toBe(403); // expired after 30 minutes
  });
});
