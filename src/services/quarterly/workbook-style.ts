import type ExcelJS from 'exceljs';
import type { HeaderCell } from './header-grid.js';
import type { SheetLayout } from './sheet-layout.js';
import type { FormDef } from './types.js';

export const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const LINE_HEIGHT = 13.5;

/** Width of text in Excel column units: a CJK character is about two digits wide at 10 pt. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e7f ? 1.9 : 1;
  return units;
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** Column widths: the row label wide enough for 县（市、区）, value columns wide enough for three lines of their label. */
export function columnWidths(form: FormDef, layout: SheetLayout): number[] {
  const widths = new Array<number>(layout.columnCount).fill(8);
  for (const h of layout.header) {
    if (h.node.children?.length) continue;
    if (h.node.rowLabel) widths[h.col - 1] = 14;
    else if (h.node.dimColumn) widths[h.col - 1] = 7;
    else widths[h.col - 1] = clamp(Math.ceil(textUnits(h.label) / 3) + 1, 8, 12);
  }
  for (const f of form.fields) if (f.unit === '万元') widths[f.columns[0] - 1] = Math.max(widths[f.columns[0] - 1], 10);
  return widths;
}

const linesFor = (text: string, width: number): number => Math.max(1, Math.ceil(textUnits(text) / Math.max(1, width - 1)));

/** Header row heights so each label fits when wrapped; a label over several rows may lengthen its last row. */
export function headerRowHeights(cells: readonly HeaderCell[], depth: number, widths: readonly number[]): number[] {
  const spanWidth = (h: HeaderCell): number => widths.slice(h.col - 1, h.colEnd).reduce((a, b) => a + b, 0);
  const need = (h: HeaderCell): number => linesFor(h.label, spanWidth(h)) * LINE_HEIGHT + 6;
  const heights = new Array<number>(depth).fill(20);
  for (const h of cells) if (h.row === h.rowEnd) heights[h.row - 1] = Math.max(heights[h.row - 1], need(h));
  for (const h of cells) {
    if (h.row === h.rowEnd) continue;
    const have = heights.slice(h.row - 1, h.rowEnd).reduce((a, b) => a + b, 0);
    if (have < need(h)) heights[h.rowEnd - 1] += need(h) - have;
  }
  return heights;
}

/** Height of the notes row spanning the whole sheet. */
export function noteHeight(notes: string, widths: readonly number[]): number {
  const total = widths.reduce((a, b) => a + b, 0);
  return linesFor(notes, total) * LINE_HEIGHT + 8;
}
