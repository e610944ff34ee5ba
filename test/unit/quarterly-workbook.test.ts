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

let wb: ExcelJS.Workbook;
const values = new Map<string, number>([
  ['f3.base_total', 30],
  ['f3.grade_level1@国标', 2],
  ['f3.grade_ungraded@地标', 4],
  ['f4.top10_towns@县级', 3],
  ['f5.enf_fine_amount', 1.5],
  ['f6.base_school', 7],
]);

beforeAll(async () => {
  const buffer = await buildQuarterlyWorkbook({
    quarter: '2025Q1',
    unitName: '泉州市教育局',
    filler: '林老师',
    phone: '0595-22222222',
    date: '2025-03-31',
    rows: [
      { rowLabel: '市直单位', values },
      { rowLabel: '县（市、区）', values: new Map() },
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
    const notesRow = HEADER_TOP + 3 + 2 * Math.max(1, FORMS[id].dimValues.length) + 1;
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
    const seedRows = seed[annex].rows.slice(3);
    const height = Math.max(1, FORMS[id].dimValues.length);
    // the seed's 附件6 has a 县（市、区） row only: compare it with our second block
    const skip = id === 'f6' ? height : 0;
    const rows = id === 'f6' ? 1 : 2 * height;
    for (let i = 0; i < rows; i++) {
      const shaped = seedShapedRow(ws, HEADER_TOP + 3 + skip + i, FORMS[id].columnCount);
      expect(shaped, `data row ${i + 1}`).toEqual(seedRows[i]);
    }
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
