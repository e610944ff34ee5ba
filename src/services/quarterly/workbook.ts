import type ExcelJS from 'exceljs';
import type { UnitRow } from './aggregate.js';
import { FORM_IDS, FORMS, cellLabel, listCells } from './catalogue.js';
import { READING_NOTES, notesFor, titleFor } from './forms/notes.js';
import { isMoney } from './normalize.js';
import { sheetLayout, type SheetLayout } from './sheet-layout.js';
import { BORDER, FONT, columnWidths, headerRowHeights, noteHeight } from './workbook-style.js';
import type { FormDef } from './types.js';

/** One school's figures on the second sheet (各校明细); values null when it has not submitted. */
export interface BreakdownRow {
  area: string;
  school: string;
  values: ReadonlyMap<string, number> | null;
}

export interface QuarterlyWorkbookInput {
  /** e.g. 2025Q1: its year goes into the titles and the counting phrases of the notes. */
  quarter: string;
  /** Year of the plan the calendar files this quarter under; a line says so when it is not the quarter's year. */
  planYear?: number;
  /** 'school': cells a school does not report show 「—」 instead of 「未报」. */
  scope?: 'school' | 'bureau';
  /** Lines under each table: who should have filed and who did (应报 N、已报 M). */
  coverage?: readonly string[];
  /** Per-school figures for a second sheet. */
  breakdown?: readonly BreakdownRow[];
  /** 填报单位 */
  unitName: string;
  /** 填表人 */
  filler?: string;
  /** 联系电话 */
  phone?: string;
  /** 填报日期; a Date is read in Asia/Shanghai, a string as YYYY-MM-DD. */
  date: Date | string;
  /**
   * One block per row: 市直单位 or 县（市、区）. A cell without a value was not filed and reads 「未报」, never 0 (the
   * seed's 0 means "none"): values hold submitted figures only.
   */
  rows: readonly UnitRow[];
}

const HEADER_TOP = 4;

/** 2025年4月1日 */
export function formatChineseDate(date: Date | string): string {
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(date);
    return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : date;
  }
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return `${get('year')}年${get('month')}月${get('day')}日`;
}

function styleRange(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, style: Partial<ExcelJS.Style>): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) Object.assign(ws.getCell(r, c), style);
}

function put(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>): void {
  styleRange(ws, top, left, bottom, right, style);
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
  ws.getCell(top, left).value = value;
}

/** Title, the 填报单位/填表人/联系电话/日期 line, as the seed prints them above each form. */
function writeTop(ws: ExcelJS.Worksheet, form: FormDef, input: QuarterlyWorkbookInput, width: number): void {
  put(ws, 1, 1, 1, 1, form.annex, { font: { ...FONT, size: 12, bold: true }, alignment: { vertical: 'middle' } });
  put(ws, 2, 1, 2, width, titleFor(form.id, yearOf(input)), { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  ws.getRow(2).height = 36;
  const cuts = [0, 0.4, 0.6, 0.8, 1].map((f) => Math.round(width * f));
  const texts = [`填报单位（盖章）：${input.unitName}`, `填表人：${input.filler ?? ''}`, `联系电话：${input.phone ?? ''}`, formatChineseDate(input.date)];
  texts.forEach((text, i) => {
    const alignment: Partial<ExcelJS.Alignment> = { horizontal: i === 3 ? 'right' : 'left', vertical: 'middle' };
    put(ws, 3, cuts[i] + 1, 3, cuts[i + 1], text, { font: FONT, alignment });
  });
  ws.getRow(3).height = 24;
}

function writeHeader(ws: ExcelJS.Worksheet, layout: SheetLayout, widths: readonly number[]): void {
  const style: Partial<ExcelJS.Style> = {
    font: { ...FONT, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
  };
  for (const h of layout.header) {
    put(ws, HEADER_TOP + h.row - 1, h.col, HEADER_TOP + h.rowEnd - 1, h.colEnd, h.label, style);
  }
  headerRowHeights(layout.header, layout.headerDepth, widths).forEach((height, i) => {
    ws.getRow(HEADER_TOP + i).height = height;
  });
}

export const UNFILED = '未报';
export const NOT_REPORTED_BY_SCHOOLS = '—';

const yearOf = (input: QuarterlyWorkbookInput) => Number(input.quarter.slice(0, 4));

function writeBlock(ws: ExcelJS.Worksheet, layout: SheetLayout, top: number, row: UnitRow, scope: 'school' | 'bureau'): void {
  const base: Partial<ExcelJS.Style> = { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
  for (const item of layout.block) {
    const { content } = item;
    let value: ExcelJS.CellValue;
    let style = base;
    if (content.kind === 'row-label') value = row.rowLabel;
    else if (content.kind === 'dim') value = content.dim;
    else {
      const v = row.values.get(content.cell);
      if (v !== undefined) {
        value = v;
        style = { ...base, numFmt: isMoney(content.field.unit) ? '0.00' : '0' };
      } else value = scope === 'school' && content.field.supplier !== 'school' ? NOT_REPORTED_BY_SCHOOLS : UNFILED;
    }
    put(ws, top + item.row, item.col, top + item.rowEnd, item.colEnd, value, style);
  }
  for (let r = 0; r < layout.blockHeight; r++) ws.getRow(top + r).height = 22;
}

/**
 * The seed's row type of a block: 市直单位, or 县（市、区） (the city's workbook names each district after a colon); a
 * school's own workbook has its name, which is no row type of the seed.
 */
export function rowKindOf(label: string): string | undefined {
  if (label === '市直单位') return '市直单位';
  if (label === '县（市、区）' || label.startsWith('县（市、区）：')) return '县（市、区）';
  return undefined;
}

function writeSheet(wb: ExcelJS.Workbook, form: FormDef, input: QuarterlyWorkbookInput): void {
  // Only the row types the seed's form has: its 附件6 is filed by the 县（市、区） alone, so no 市直单位 row there.
  const rows = input.rows.filter((r) => {
    const kind = rowKindOf(r.rowLabel);
    return kind === undefined || form.rowKinds.includes(kind);
  });
  const left = [...new Set(input.rows.map((r) => rowKindOf(r.rowLabel)).filter((k): k is string => k !== undefined && !form.rowKinds.includes(k)))];
  const layout = sheetLayout(form);
  const width = layout.columnCount;
  const widths = columnWidths(form, layout);
  const dataTop = HEADER_TOP + layout.headerDepth;
  const ws = wb.addWorksheet(form.annex, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: dataTop - 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
      printTitlesRow: `${HEADER_TOP}:${dataTop - 1}`,
    },
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  writeTop(ws, form, input, width);
  writeHeader(ws, layout, widths);
  rows.forEach((row, i) => writeBlock(ws, layout, dataTop + i * layout.blockHeight, row, input.scope ?? 'bureau'));
  const year = yearOf(input);
  const lines = [
    notesFor(form.id, year),
    ...(input.coverage ?? []),
    ...(input.scope === 'school' ? [`「${NOT_REPORTED_BY_SCHOOLS}」为县（市、区）教育局填报的栏目，学校不填。`] : []),
    ...(left.length ? [`${left.join('、')}不填报本表（${form.annex}只设${form.rowKinds.join('、')}行）。`] : []),
    ...(READING_NOTES[form.id] ? [READING_NOTES[form.id]!] : []),
    ...(input.planYear !== undefined && input.planYear !== year ? [`${year}年尚无新的专项行动方案：本表沿用${input.planYear}年方案的表式，统计口径按${year}年计。`] : []),
  ];
  let r = dataTop + rows.length * layout.blockHeight + 1;
  for (const text of lines) {
    put(ws, r, 1, r, width, text, { font: FONT, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
    ws.getRow(r).height = noteHeight(text, widths);
    r++;
  }
}

/** 各校明细: one row per school, its own figures (「未报」 when it has not submitted), so the sums can be checked. */
function writeBreakdown(wb: ExcelJS.Workbook, rows: readonly BreakdownRow[]): void {
  const cells = listCells().filter((c) => c.field.supplier === 'school');
  const ws = wb.addWorksheet('各校明细', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const head = ['县（市、区）', '学校', '状态', ...cells.map((c) => `${FORMS[c.field.form].annex} ${cellLabel(c, 'short')}`)];
  ws.addRow(head).eachCell((cell) => Object.assign(cell, { font: { ...FONT, bold: true }, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' }, border: BORDER }));
  ws.getRow(1).height = 48;
  for (const r of rows) {
    ws.addRow([r.area, r.school, r.values ? '已报' : UNFILED, ...cells.map((c) => (r.values ? (r.values.get(c.id) ?? 0) : UNFILED))]);
  }
  ws.columns.forEach((col, i) => {
    col.width = i < 2 ? 18 : i === 2 ? 8 : 12;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };
}

/** The four quarterly forms (附件3-6) as one .xlsx, one sheet each, laid out like the seed. */
export async function buildQuarterlyWorkbook(input: QuarterlyWorkbookInput): Promise<Buffer> {
  const m = /^(\d{4})Q([1-4])$/.exec(input.quarter);
  if (!m) throw new Error(`quarter must look like 2025Q1, got ${input.quarter}`);
  const wb = new (await import('exceljs')).default.Workbook(); // loaded on the first export, not at start
  wb.creator = '校园安全助手';
  wb.title = `${input.unitName} ${m[1]}年第${m[2]}季度 季报表（附件3-6）`;
  wb.subject = `${m[1]}年第${m[2]}季度`;
  for (const id of FORM_IDS) writeSheet(wb, FORMS[id], input);
  if (input.breakdown?.length) writeBreakdown(wb, input.breakdown);
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
