import type ExcelJS from 'exceljs';
import type { UnitRow } from './aggregate.js';
import { FORM_IDS, FORMS } from './catalogue.js';
import { isMoney } from './normalize.js';
import { sheetLayout, type SheetLayout } from './sheet-layout.js';
import { BORDER, FONT, columnWidths, headerRowHeights, noteHeight } from './workbook-style.js';
import type { FormDef } from './types.js';

export interface QuarterlyWorkbookInput {
  /** e.g. 2025Q1; goes into the file's properties (the seed's forms carry no quarter of their own). */
  quarter: string;
  /** 填报单位 */
  unitName: string;
  /** 填表人 */
  filler?: string;
  /** 联系电话 */
  phone?: string;
  /** 填报日期; a Date is read in Asia/Shanghai, a string as YYYY-MM-DD. */
  date: Date | string;
  /** One block per row: 市直单位, a 市属学校 or a 县（市、区）; cells without a value are written as 0. */
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
  put(ws, 2, 1, 2, width, form.title, { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
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

function writeBlock(ws: ExcelJS.Worksheet, layout: SheetLayout, top: number, row: UnitRow): void {
  const base: Partial<ExcelJS.Style> = { font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
  for (const item of layout.block) {
    const { content } = item;
    let value: ExcelJS.CellValue;
    let style = base;
    if (content.kind === 'row-label') value = row.rowLabel;
    else if (content.kind === 'dim') value = content.dim;
    else {
      value = row.values.get(content.cell) ?? 0;
      style = { ...base, numFmt: isMoney(content.field.unit) ? '0.00' : '0' };
    }
    put(ws, top + item.row, item.col, top + item.rowEnd, item.colEnd, value, style);
  }
  for (let r = 0; r < layout.blockHeight; r++) ws.getRow(top + r).height = 22;
}

function writeSheet(wb: ExcelJS.Workbook, form: FormDef, input: QuarterlyWorkbookInput): void {
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
  input.rows.forEach((row, i) => writeBlock(ws, layout, dataTop + i * layout.blockHeight, row));
  const notesRow = dataTop + input.rows.length * layout.blockHeight + 1;
  put(ws, notesRow, 1, notesRow, width, form.notes, { font: FONT, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
  ws.getRow(notesRow).height = noteHeight(form.notes, widths);
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
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
