import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildQuarterlyWorkbook, formatChineseDate } from '../../src/services/quarterly/workbook.js';
import { FORMS, type FormId } from '../../src/services/quarterly/fields.js';
import { foldSeed, readSeedForms } from '../helpers/quarterly-seed.js';

const seed = readSeedForms();
const SHEETS: Array<[FormId, '附件3' | '附件4' | '附件5' | '附件6']> = [['f3', '附件3'], ['f4', '附件4'], ['f5', '附件5'], ['f6', '附件6']];
const HEADER_TOP = 4;

const letter = (n: number): string => (n > 26 ? letter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
/** Single-column merges over header rows 5-6 for columns from..to. */
const down = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${letter(from + i)}5:${letter(from + i)}6`);

/** Header merges transcribed from the seed's three header rows. */
const HEADER_MERGES: Record<FormId, string[]> = {
  f3: ['A4:A6', 'B4:E4', 'F4:U4', 'V4:Z4', 'AA4:AF4', ...down(2, 7), 'H5:I5', 'J5:L5', 'M5:Q5', 'R5:R6', 'S5:S6', 'T5:U5', 'V5:V6', 'W5:Y5', ...down(27, 32)],
  f4: ['A4:A6', 'B4:C4', 'D4:G4', 'H4:J4', 'K4:O4', 'P4:W4', ...down(2, 17), 'R5:T5', 'U5:W5'],
  f5: ['A4:A6', 'B4:E5', 'F4:U4', 'V4:AD4', ...down(6, 8), 'I5:K5', 'L5:M5', ...down(14, 21), 'V5:Y5', 'Z5:AD5'],
  f6: ['A4:A6', 'B4:K4', 'L4:W4', 'X4:Z4', 'AA4:AP4', 'AQ4:AX4', ...down(2, 13), 'N5:P5', 'Q5:U5', ...down(22, 29), 'AD5:AF5', 'AG5:AH5', ...down(35, 44), 'AS5:AU5', 'AV5:AX5'],
};

const isSlave = (cell: ExcelJS.Cell): boolean => cell.isMerged && cell.master.address !== cell.address;
/** Cells of a row as the seed's text has them: a merge is one cell per row, blank below its first row. */
function seedShapedRow(ws: ExcelJS.Worksheet, r: number, width: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= width; c++) {
    const cell = ws.getCell(r, c);
    if (c > 1 && cell.isMerged && ws.getCell(r, c - 1).master.address === cell.master.address) continue;
    const v = isSlave(cell) ? null : cell.value;
    // A value cell is blank in the seed: 「未报」 (nothing filed) is a value, not a label.
    out.push(typeof v === 'string' && v !== '未报' ? foldSeed(v) : '');
  }
  return out;
}

/**
 * The seed's data rows of a form: one block per row type, a row per 达标类型/级别. The Word table of 附件6 ends in two
 * empty rows (left for more 县（市、区）); they are checked to be empty and not compared.
 */
function dataRowsOf(annex: keyof typeof seed, id: FormId): string[][] {
  const rows = seed[annex].rows.slice(3);
  const n = rows.filter((r) => r[0]).length * Math.max(1, FORMS[id].dimValues.length);
  for (const spare of rows.slice(n)) expect(spare.every((c) => c === ''), `${annex} spare row`).toBe(true);
  return rows.slice(0, n);
}

let wb: ExcelJS.Workbook;
const values = new Map<string, number>([
  ['f3.base_total', 30],
  ['f3.grade_level1@国标', 2],
  ['f3.grade_ungraded@地标', 4],
  ['f4.top10_towns@县级', 3],
  ['f5.enf_fine_amount', 1.5],
]);
/** 附件6 is the 县（市、区）'s alone (the seed has no 市直单位 row there): its figures sit in the 县（市、区） row. */
const districtValues = new Map<string, number>([['f6.base_school', 7]]);

beforeAll(async () => {
  const buffer = await buildQuarterlyWorkbook({
    quarter: '2025Q1',
    unitName: '泉州市教育局',
    filler: '林老师',
    phone: '0595-22222222',
    date: '2025-03-31',
    rows: [
      { rowLabel: '市直单位', values },
      { rowLabel: '县（市、区）', values: districtValues },
    ],
  });
  expect(Buffer.isBuffer(buffer)).toBe(true);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
});

describe('buildQuarterlyWorkbook: layout against the seed', () => {
  it('has one sheet per form, named 附件3..附件6, with the quarter in the file properties', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['附件3', '附件4', '附件5', '附件6']);
    expect(wb.title).toBe('泉州市教育局 2025年第1季度 季报表（附件3-6）');
  });

  it.each(SHEETS)('%s: title, the 填报单位/填表人/联系电话/日期 line and the notes', (id, annex) => {
    const ws = wb.getWorksheet(annex)!;
    expect(ws.getCell('A1').value).toBe(annex);
    expect(ws.getCell('A2').value).toBe(seed[annex].title);
    const line = [1, 2, 3, 4].map(() => '');
    let i = 0;
    for (let c = 1; c <= FORMS[id].columnCount; c++) {
      const cell = ws.getCell(3, c);
      if (!isSlave(cell) && cell.value) line[i++] = String(cell.value);
    }
    expect(line).toEqual(['填报单位（盖章）：泉州市教育局', '填表人：林老师', '联系电话：0595-22222222', '2025年3月31日']);
    for (const label of ['填报单位（盖章）：', '填表人：', '联系电话：']) expect(seed[annex].infoLine).toContain(label);
    // one block per row type the form has (附件6: 县（市、区） only), then a blank row, then the notes
    const notesRow = HEADER_TOP + 3 + FORMS[id].rowKinds.length * Math.max(1, FORMS[id].dimValues.length) + 1;
    expect(ws.getCell(notesRow, 1).value).toBe(seed[annex].notes);
  });

  it.each(SHEETS)('%s: each header row reads as the seed’s, label by label', (id, annex) => {
    const ws = wb.getWorksheet(annex)!;
    for (let r = 0; r < 3; r++) {
      const shaped = seedShapedRow(ws, HEADER_TOP + r, FORMS[id].columnCount);
      expect(shaped, `header row ${r + 1}`).toEqual(seed[annex].rows[r]);
    }
    // the last header row is full width in the seed, so each of its labels sits in the same column
    const last = seed[annex].rows[2];
    last.forEach((label, i) => {
      const cell = ws.getCell(HEADER_TOP + 2, i + 1);
      if (label) expect(cell.value, `column ${letter(i + 1)}`).toBe(label);
    });
  });

  it.each(SHEETS)('%s: header merges as the seed draws them', (id, annex) => {
    const ws = wb.getWorksheet(annex)!;
    const headerMerges = ws.model.merges.filter((range) => /^[A-Z]+[456]:/.test(range));
    expect(new Set(headerMerges)).toEqual(new Set(HEADER_MERGES[id]));
  });

  it.each(SHEETS)('%s: data rows have the seed’s shape', (id, annex) => {
    const ws = wb.getWorksheet(annex)!;
    const seedRows = dataRowsOf(annex, id);
    // Every data row the seed has, and only those: the seed's 附件6 has a 县（市、区） row only, so no 市直单位 row there.
    for (let i = 0; i < seedRows.length; i++) {
      const shaped = seedShapedRow(ws, HEADER_TOP + 3 + i, FORMS[id].columnCount);
      expect(shaped, `data row ${i + 1}`).toEqual(seedRows[i]);
    }
    expect(String(ws.getCell(HEADER_TOP + 3 + seedRows.length + 1, 1).value ?? '')).toMatch(/^注：/);
  });

  it('附件6 leaves the 市直单位 row out and says why', () => {
    const f6 = wb.getWorksheet('附件6')!;
    expect(f6.getCell('A7').value).toBe('县（市、区）');
    expect(f6.getCell('C7').value).toBe(7);
    const lines: string[] = [];
    f6.eachRow((row) => typeof row.getCell(1).value === 'string' && lines.push(row.getCell(1).value as string));
    expect(lines).not.toContain('市直单位');
    expect(lines).toContain('市直单位不填报本表（附件6只设县（市、区）行）。');
    expect(wb.getWorksheet('附件3')!.getCell('A7').value).toBe('市直单位');
  });

  it('merges unit-level cells over the 达标类型 rows and 达标评审 across the 地标 row', () => {
    const merges = wb.getWorksheet('附件3')!.model.merges;
    for (const range of ['A7:A9', 'B7:B9', 'U7:U9', 'W9:Y9', 'A10:A12', 'W12:Y12']) expect(merges).toContain(range);
    expect(merges).not.toContain('V7:V9');
    const f4 = wb.getWorksheet('附件4')!.model.merges;
    for (const range of ['H7:H9', 'W7:W9', 'B8:B9', 'C8:C9']) expect(f4).toContain(range);
  });
});

describe('buildQuarterlyWorkbook: values and style', () => {
  it('writes numbers as numbers, 「未报」 where nothing was filed (never 0), money with two decimals', () => {
    const f3 = wb.getWorksheet('附件3')!;
    expect(f3.getCell('B7').value).toBe(30);
    expect(f3.getCell('W7').value).toBe(2);
    expect(f3.getCell('W9').value).toBe(4);
    expect(f3.getCell('C7').value).toBe('未报');
    expect(f3.getCell('B10').value).toBe('未报');
    expect(f3.getCell('B7').numFmt).toBe('0');
    expect(wb.getWorksheet('附件4')!.getCell('C8').value).toBe(3);
    const f5 = wb.getWorksheet('附件5')!;
    expect(f5.getCell('M7').value).toBe(1.5);
    expect(f5.getCell('M7').numFmt).toBe('0.00');
    expect(wb.getWorksheet('附件6')!.getCell('C7').value).toBe(7);
    for (const ws of wb.worksheets) {
      for (let c = 2; c <= ws.columnCount; c++) {
        const cell = ws.getCell(HEADER_TOP + 3, c);
        if (!isSlave(cell) && typeof cell.value !== 'string') expect(typeof cell.value, `${ws.name}!${cell.address}`).toBe('number');
        if (typeof cell.value === 'string' && !isSlave(cell)) expect(['未报', '国标', '省标', '地标', '市级', '县级', '乡级']).toContain(cell.value);
      }
    }
  });

  it('draws borders, wraps and centres the header, sets widths and freezes the header', () => {
    for (const ws of wb.worksheets) {
      const h = ws.getCell('B5');
      expect(h.border?.top?.style).toBe('thin');
      expect(h.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
      expect(ws.getCell(HEADER_TOP + 3, 2).border?.bottom?.style).toBe('thin');
      expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(12);
      expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(7);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
      expect(ws.pageSetup.orientation).toBe('landscape');
    }
  });

  it('refuses a malformed quarter and formats dates in Asia/Shanghai', async () => {
    await expect(buildQuarterlyWorkbook({ quarter: '2025-1', unitName: 'x', date: '2025-04-01', rows: [] })).rejects.toThrow(/2025Q1/);
    expect(formatChineseDate(new Date('2025-03-31T17:00:00Z'))).toBe('2025年4月1日');
    expect(formatChineseDate('2025-04-01')).toBe('2025年4月1日');
  });
});

describe('buildQuarterlyWorkbook: per period', () => {
  const load = async (quarter: string, planYear = 2025, scope?: 'school') => {
    const buf = await buildQuarterlyWorkbook({ quarter, planYear, scope, unitName: '丰泽区教育局', date: '2026-07-01', rows: [{ rowLabel: '县（市、区）', values: new Map([['f3.hazard_selfcheck', 4]]) }], coverage: ['报送情况：所属学校应报 3、已报 2（已报 2/3）'] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as any);
    return book;
  };
  const notesOf = (ws: ExcelJS.Worksheet, id: FormId) => {
    const first = HEADER_TOP + 3 + Math.max(1, FORMS[id].dimValues.length) + 1;
    const out: string[] = [];
    for (let r = first; ws.getCell(r, 1).value; r++) out.push(String(ws.getCell(r, 1).value));
    return out;
  };

  it.each([['2025Q4', 2025], ['2026Q2', 2026], ['2027Q1', 2027]] as const)('%s: titles and counting phrases of its own year', async (quarter, year) => {
    const book = await load(quarter);
    for (const [id, annex] of SHEETS) {
      const ws = book.getWorksheet(annex)!;
      const title = String(ws.getCell('A2').value);
      // The seed's title with the year reported on.
      expect(title).toBe(seed[annex].title.replace('2025年', `${year}年`));
      const [notes, ...rest] = notesOf(ws, id);
      if (notes.includes('1月以来')) expect(notes).toContain(`${year}年1月以来`);
      if (year !== 2025) expect(notes).not.toContain('2025年1月以来');
      // Fixed starts stay as the seed has them.
      if (id === 'f3') {
        expect(notes).toContain('从2021年8月份开始累计');
        expect(notes).toContain(`以${year - 1}年企业底数为基数`);
        expect(rest.join()).toContain('一所学校只计一次');
      }
      expect(rest).toContain('报送情况：所属学校应报 3、已报 2（已报 2/3）');
      const planLine = rest.find((l) => l.includes('尚无新的专项行动方案'));
      if (year === 2025) expect(planLine).toBeUndefined();
      else expect(planLine).toBe(`${year}年尚无新的专项行动方案：本表沿用2025年方案的表式，统计口径按${year}年计。`);
    }
    expect(book.title).toContain(`${year}年第${quarter.slice(-1)}季度`);
  });

  /**
   * The seed's notes, item by item (「1.…；2.…；」), with the only words a period changes put back to the seed's: the
   * year's own counts (「${year}年1月以来」) and the base year (「以${year - 1}年…底数」). Everything else is the seed's.
   */
  const items = (notes: string) => notes.replace(/^注：/, '').replace(/。$/, '').split(/；(?=\d+\.)/);
  const asSeed = (note: string, year: number) => note.replaceAll(`${year}年1月以来`, '2025年1月以来').replace(new RegExp(`以${year - 1}年(企业|“九小场所”)底数`), '以2024年$1底数');

  it.each([['2025Q1', 2025], ['2025Q4', 2025], ['2026Q2', 2026], ['2027Q1', 2027]] as const)('%s: every form has the seed’s row types and its notes, per period', async (quarter, year) => {
    const buf = await buildQuarterlyWorkbook({ quarter, planYear: 2025, unitName: '泉州市教育局', date: '2026-07-01', rows: [{ rowLabel: '市直单位', values: new Map() }, { rowLabel: '县（市、区）', values: new Map() }] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as any);
    for (const [id, annex] of SHEETS) {
      const ws = book.getWorksheet(annex)!;
      const seedRows = dataRowsOf(annex, id);
      // Row types (市直单位 / 县（市、区）) and 达标类型 / 级别 labels row by row as the seed has them, nothing more.
      for (let i = 0; i < seedRows.length; i++) expect(seedShapedRow(ws, HEADER_TOP + 3 + i, FORMS[id].columnCount), `${quarter} ${annex} data row ${i + 1}`).toEqual(seedRows[i]);
      const rowTypes = seedRows.map((r) => r[0]).filter(Boolean);
      expect(rowTypes.length, annex).toBe(id === 'f6' ? 1 : 2);
      const notesAt = HEADER_TOP + 3 + seedRows.length + 1;
      const notes = String(ws.getCell(notesAt, 1).value);
      const mine = items(notes);
      const theirs = items(seed[annex].notes);
      expect(mine.length, `${quarter} ${annex} notes`).toBe(theirs.length);
      mine.forEach((item, i) => {
        expect(asSeed(item, year), `${quarter} ${annex} note ${i + 1}`).toBe(theirs[i]);
        // the year's own counts are that year's; fixed starts (2021年8月, 2024年2月, 2024年4月) stay
        if (theirs[i].includes('2025年1月以来')) expect(item).toContain(`${year}年1月以来`);
        for (const fixed of ['2021年8月份开始', '2024年2月份开始', '2024年4月份开始']) if (theirs[i].includes(fixed)) expect(item).toContain(fixed);
      });
      if (year !== 2025) expect(notes).not.toContain('2025年1月以来');
    }
  });

  it('2025: title and notes exactly as the seed prints them', async () => {
    const book = await load('2025Q4');
    for (const [id, annex] of SHEETS) {
      expect(book.getWorksheet(annex)!.getCell('A2').value).toBe(seed[annex].title);
      expect(notesOf(book.getWorksheet(annex)!, id)[0]).toBe(seed[annex].notes);
    }
  });

  it('a school workbook shows only what schools report: district cells read 「—」, not 0', async () => {
    const book = await load('2026Q2', 2025, 'school');
    const f3 = book.getWorksheet('附件3')!;
    expect(f3.getCell('B7').value).toBe('—'); // 企业底数 is the district's
    expect(book.getWorksheet('附件6')!.getCell('B7').value).toBe('—'); // 附件6 is all the district's
    expect(notesOf(f3, 'f3').join()).toContain('「—」为县（市、区）教育局填报的栏目，学校不填。');
  });
});
