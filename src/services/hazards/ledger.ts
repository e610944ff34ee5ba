import type ExcelJSModule from 'exceljs';
import type { DataSource } from 'typeorm';
import { getArea, getItem } from '../checklist/catalogue';
import { formatDateTime, shanghaiDate, shanghaiParts } from '../time';
import { RISK_NAME, RISK_ZH, STATUS_LABEL, isOverdue, toHazard } from './hazard.types';

export const LEDGER_COLUMNS = [
  '编号', '发现时间', '上报人', '地点', '类别/检查项', '风险等级', '是否重大', '描述', '整改措施', '责任人', '期限', '整改完成时间', '验收人', '验收意见', '销号时间', '状态',
];

/** A period people ask for: 本月, 上月, 11月, 2025-11, 本季度, 2025Q3, 第三季度, 本年, 2025. Returns [from, to) in ms. */
export function parsePeriod(input: string, now: number): { from: number; to: number; label: string } | undefined {
  const s = input.trim().replace(/\s+/g, '');
  const p = shanghaiParts(new Date(now));
  const month = (y: number, m: number) => ({ from: shanghaiDate(y, m, 1).getTime(), to: shanghaiDate(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1).getTime(), label: `${y}年${m}月` });
  const quarter = (y: number, q: number) => ({ from: shanghaiDate(y, q * 3 - 2, 1).getTime(), to: shanghaiDate(q === 4 ? y + 1 : y, q === 4 ? 1 : q * 3 + 1, 1).getTime(), label: `${y}年第${q}季度` });
  const year = (y: number) => ({ from: shanghaiDate(y, 1, 1).getTime(), to: shanghaiDate(y + 1, 1, 1).getTime(), label: `${y}年` });
  if (!s || s === '本年' || s === '今年') return year(p.year);
  if (s === '本月') return month(p.year, p.month);
  if (s === '上月') return p.month === 1 ? month(p.year - 1, 12) : month(p.year, p.month - 1);
  if (s === '本季度') return quarter(p.year, Math.ceil(p.month / 3));
  let m = /^(?:(\d{4})[-年/])?(\d{1,2})月?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && (m[1] || s.endsWith('月'))) return month(m[1] ? Number(m[1]) : p.year, Number(m[2]));
  m = /^(?:(\d{4})年?)?(?:Q([1-4])|第([一二三四1-4])季度)$/i.exec(s);
  if (m) return quarter(m[1] ? Number(m[1]) : p.year, Number(m[2] ?? ({ 一: 1, 二: 2, 三: 3, 四: 4 } as Record<string, number>)[m[3]] ?? m[3]));
  m = /^(\d{4})年?$/.exec(s);
  if (m) return year(Number(m[1]));
  return undefined;
}

/** The 隐患台账 as an xlsx: every hazard of the units found in [from, to), in order of discovery. */
export async function buildLedgerXlsx(ds: DataSource, unitIds: number[], from: number, to: number, title: string, now: number): Promise<Buffer> {
  const rows = unitIds.length
    ? await ds.query(
        `SELECT h.*, v.name AS verifier FROM hazard h LEFT JOIN member v ON v.id = h.verified_by_id
         WHERE h.unit_id IN (${unitIds.map(() => '?').join(',')}) AND h.created_at >= ? AND h.created_at < ? ORDER BY h.created_at, h.id`,
        [...unitIds, from, to],
      )
    : [];
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default; // loaded on the first export, not at start
  const wb = new ExcelJS.Workbook();
  wb.creator = '校园安全助手';
  const ws = wb.addWorksheet('隐患台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(LEDGER_COLUMNS).font = { bold: true };
  const dt = (v: unknown) => (v === null || v === undefined ? '' : formatDateTime(new Date(Number(v))));
  for (const raw of rows) {
    const h = toHazard(raw);
    const item = getItem(h.item_code);
    ws.addRow([
      h.code, dt(h.created_at), h.reporter_name, h.location ?? '', `${getArea(h.area)?.name ?? h.area}/${item?.title ?? h.item_code}`,
      `${RISK_ZH[h.risk]}（${RISK_NAME[h.risk]}）`, h.major ? '是' : '否', h.description, h.measures ?? '', h.responsible_name ?? '', dt(h.deadline_at),
      dt(h.rectified_at), raw.verifier ?? '', h.verify_note ?? '', dt(h.closed_at),
      `${STATUS_LABEL[h.status]}${isOverdue(h, now) ? '（逾期）' : ''}${h.status === 'rejected' && h.reject_reason ? `：${h.reject_reason}` : ''}`,
    ]);
  }
  const widths = [17, 17, 10, 18, 30, 14, 8, 40, 30, 10, 17, 17, 10, 20, 17, 14];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.eachRow((row, n) => {
    if (n < 2) return;
    row.eachCell((cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
