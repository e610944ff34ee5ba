import type ExcelJSModule from 'exceljs';
import type { DataSource } from 'typeorm';
import { getArea, getItem } from '../checklist/catalogue';
import { PassThrough } from 'node:stream';
import { SHANGHAI_OFFSET_MS, shanghaiDate, shanghaiParts } from '../time';
import { RISK_NAME, RISK_ZH, STATUS_LABEL, isOverdue, type HazardStatus } from './hazard.types';
import type { RiskColour } from '../checklist/types';

/** Columns of 隐患台账, as an inspector asks for them. */
export const LEDGER_COLUMNS = [
  '编号', '区', '学校', '来源', '发现时间', '上报人', '地点', '类别/检查项', '风险等级', '是否重大', '描述', '临时管控措施', '整改措施', '责任人', '整改期限',
  '状态', '整改次数', '验收不通过次数', '整改完成时间', '验收人', '验收意见', '销号时间',
  '挂牌督办时间', '督办·整改措施', '督办·责任人', '督办·资金', '督办·时限', '督办·应急预案', '督办销号时间',
];
const WIDTHS = [17, 10, 18, 10, 17, 10, 18, 30, 14, 10, 40, 30, 30, 10, 17, 14, 9, 9, 17, 10, 20, 17, 17, 24, 10, 12, 12, 20, 17];
/** Columns that hold instants (written as real Excel dates, Shanghai wall clock). */
const DATE_COLUMNS = new Set(['发现时间', '整改期限', '整改完成时间', '销号时间', '挂牌督办时间', '督办销号时间']);

/** 整改记录: one row per rectification attempt and its 验收 result, failed ones included. */
export const ATTEMPT_COLUMNS = ['编号', '学校', '第几次', '整改提交时间', '整改人', '整改说明', '验收时间', '验收人', '验收结果', '验收意见'];

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

/** Excel has no time zones: a Date whose UTC fields read as the Shanghai wall clock shows the right time. */
const excelDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v) + SHANGHAI_OFFSET_MS));
const DATE_FMT = 'yyyy-mm-dd hh:mm';
const PAGE = 2000;

interface Attempt {
  code: string;
  school: string;
  n: number;
  submittedAt: number;
  by: string;
  note: string;
  verifiedAt: number | null;
  verifier: string;
  result: '通过' | '不通过' | '待验收';
  opinion: string;
}

/** Rectify/verify events in order → attempts: each 整改 with the 验收 that followed it, if any. */
function attemptsOf(code: string, school: string, events: readonly any[]): Attempt[] {
  const out: Attempt[] = [];
  for (const e of events) {
    if (e.action === 'rectify') {
      out.push({ code, school, n: out.length + 1, submittedAt: Number(e.at), by: e.actor_name, note: e.note ?? '', verifiedAt: null, verifier: '', result: '待验收', opinion: '' });
    } else if (out.length && out[out.length - 1].result === '待验收') {
      const last = out[out.length - 1];
      Object.assign(last, { verifiedAt: Number(e.at), verifier: e.actor_name, result: e.action === 'verify_pass' ? '通过' : '不通过', opinion: e.note ?? '' });
    }
  }
  return out;
}

function styleHeader(row: ExcelJSModule.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.height = 30;
}

/**
 * The 隐患台账 as an xlsx: every hazard of the units found in [from, to), in order of discovery, with its school and
 * district, 来源, 疑似重大 apart from 重大, 临时管控措施, the 五落实 of its 挂牌督办, and each rectification attempt
 * (failed ones on 整改记录, never shown as the completion). Rows are read in pages and streamed into the file, so a
 * city-wide ledger does not hold every hazard as cell objects at once. A 汇总 sheet counts school × colour × state.
 */
export async function buildLedgerXlsx(ds: DataSource, unitIds: number[], from: number, to: number, title: string, now: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => (sink.on('end', resolve), sink.on('error', reject)));
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default; // loaded on the first export, not at start
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true });
  wb.creator = '校园安全助手';
  const ws = wb.addWorksheet('隐患台账', { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  // Column styles, not per-cell ones: a streamed row inherits them, and 300k rows × 29 style objects would dominate.
  LEDGER_COLUMNS.forEach((name, i) => {
    const column = ws.getColumn(i + 1);
    column.width = WIDTHS[i];
    column.alignment = { vertical: 'top', wrapText: true };
    if (DATE_COLUMNS.has(name)) column.numFmt = DATE_FMT;
  });
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  const t = ws.getRow(1);
  t.getCell(1).value = title;
  t.getCell(1).font = { bold: true, size: 14 };
  t.getCell(1).alignment = { horizontal: 'center' };
  t.commit();
  const header = ws.getRow(2);
  header.values = LEDGER_COLUMNS;
  styleHeader(header);
  header.commit();
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: LEDGER_COLUMNS.length } };

  const summary = new Map<string, number>();
  const attempts: Attempt[] = [];
  let written = 0;
  let cursor: { at: number; id: number } | null = null;
  const ids = unitIds.map(() => '?').join(',');
  // Many units (a district, the city): walk the created_at index page by page; "+unit_id" keeps both engines from
  // picking the unit index and sorting every matching row again for each page. A school's few rows use its index.
  const unitCol = unitIds.length > 20 ? '+h.unit_id' : 'h.unit_id';
  while (unitIds.length) {
    // A sargable lower bound first (the index on created_at starts the scan at the cursor), then the tie-break.
    const after = cursor ? 'AND h.created_at >= ? AND (h.created_at > ? OR h.id > ?)' : '';
    const page: any[] = await ds.query(
      `SELECT h.*, v.name AS verifier, u.name AS school, d.name AS district, s.opened_at AS s_opened, s.measures AS s_measures, s.owner AS s_owner,
              s.funds AS s_funds, s.time_limit AS s_time_limit, s.plan AS s_plan, s.closed_at AS s_closed
       FROM hazard h JOIN unit u ON u.id = h.unit_id LEFT JOIN unit d ON d.id = u.parent_id AND d.kind = 'district'
       LEFT JOIN member v ON v.id = h.verified_by_id LEFT JOIN supervision s ON s.hazard_id = h.id
       WHERE ${unitCol} IN (${ids}) AND h.created_at >= ? AND h.created_at < ? ${after} ORDER BY h.created_at, h.id LIMIT ${PAGE}`,
      [...unitIds, from, to, ...(cursor ? [cursor.at, cursor.at, cursor.id] : [])],
    );
    if (!page.length) break;
    const events: any[] = await ds.query(
      `SELECT hazard_id, at, actor_name, action, note FROM hazard_event WHERE hazard_id IN (${page.map(() => '?').join(',')})
       AND action IN ('rectify', 'verify_pass', 'verify_fail') ORDER BY hazard_id, at, id`,
      page.map((r) => r.id),
    );
    const byHazard = new Map<number, any[]>();
    for (const e of events) byHazard.set(Number(e.hazard_id), [...(byHazard.get(Number(e.hazard_id)) ?? []), e]);
    for (const raw of page) {
      // A joined raw row (snake_case): the few numbers it needs are read as numbers here.
      const h: { status: HazardStatus; risk: RiskColour; [column: string]: any } = { ...raw, status: raw.status as HazardStatus, risk: raw.risk as RiskColour, created_at: Number(raw.created_at), deadline_at: Number(raw.deadline_at), major: Number(raw.major), major_suspected: Number(raw.major_suspected) };
      const item = getItem(h.item_code);
      const mine = attemptsOf(h.code, raw.school, byHazard.get(Number(raw.id)) ?? []);
      attempts.push(...mine);
      const last = mine[mine.length - 1];
      // Completion columns show the attempt that stands: the one passed (closed) or awaiting 验收; never a failed one.
      const standing = last && last.result !== '不通过' ? last : undefined;
      const state = `${STATUS_LABEL[h.status]}${isOverdue({ status: h.status, deadlineAt: h.deadline_at }, now) ? '（逾期）' : ''}`;
      const row = ws.addRow([
        h.code, raw.district ?? '', raw.school, raw.origin ?? '自查', excelDate(h.created_at), h.reporter_name, h.location ?? '',
        `${getArea(h.area)?.name ?? h.area}/${item?.title ?? h.item_code}`, `${RISK_ZH[h.risk]}（${RISK_NAME[h.risk]}）`,
        h.major ? '是' : h.major_suspected ? '疑似重大' : '否', h.description, raw.interim_measures ?? '', h.measures ?? '', h.responsible_name ?? '',
        excelDate(h.deadline_at), `${state}${h.status === 'rejected' && h.reject_reason ? `：${h.reject_reason}` : ''}`,
        mine.length, mine.filter((a) => a.result === '不通过').length,
        standing ? excelDate(standing.submittedAt) : h.status === 'closed' || h.status === 'verifying' ? excelDate(h.rectified_at) : null,
        standing?.result === '通过' ? standing.verifier : h.status === 'closed' ? (raw.verifier ?? '') : '',
        standing?.result === '通过' ? standing.opinion : h.status === 'closed' ? (h.verify_note ?? '') : '',
        excelDate(h.closed_at),
        excelDate(raw.s_opened), raw.s_measures ?? '', raw.s_owner ?? '', raw.s_funds ?? '', raw.s_time_limit ?? '', raw.s_plan ?? '', excelDate(raw.s_closed),
      ]);
      row.commit();
      const key = `${raw.district ?? ''}|${raw.school}|${RISK_ZH[h.risk]}|${STATUS_LABEL[h.status]}`;
      summary.set(key, (summary.get(key) ?? 0) + 1);
      written++;
    }
    const tail = page[page.length - 1];
    cursor = { at: Number(tail.created_at), id: Number(tail.id) };
    if (page.length < PAGE) break;
  }
  ws.commit();

  const aw = wb.addWorksheet('整改记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  [17, 18, 8, 17, 10, 30, 17, 10, 10, 30].forEach((w, i) => (aw.getColumn(i + 1).width = w));
  const ah = aw.getRow(1);
  ah.values = ATTEMPT_COLUMNS;
  styleHeader(ah);
  ah.commit();
  aw.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ATTEMPT_COLUMNS.length } };
  for (const a of attempts) {
    const r = aw.addRow([a.code, a.school, a.n, excelDate(a.submittedAt), a.by, a.note, excelDate(a.verifiedAt), a.verifier, a.result, a.opinion]);
    r.getCell(4).numFmt = DATE_FMT;
    r.getCell(7).numFmt = DATE_FMT;
    r.commit();
  }
  aw.commit();

  const sw = wb.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  [10, 18, 8, 14, 8].forEach((w, i) => (sw.getColumn(i + 1).width = w));
  const sh = sw.getRow(1);
  sh.values = ['区', '学校', '风险等级', '状态', '数量'];
  styleHeader(sh);
  sh.commit();
  sw.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
  for (const [key, n] of [...summary].sort(([a], [b]) => a.localeCompare(b, 'zh'))) sw.addRow([...key.split('|'), n]).commit();
  sw.addRow(['合计', '', '', '', written]).commit();
  sw.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
