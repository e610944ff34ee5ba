import type ExcelJSModule from 'exceljs';
import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { HazardEvent } from '../../../entities/hazard-event.entity';
import type { Db } from '../../db/repositories/base';
import { ledger, type LedgerHazard, type LedgerScope } from '../../db/repositories/ledger.repository';
import { getArea, getItem } from '../checklist/catalogue';
import { SHANGHAI_OFFSET_MS } from '../time';
import { RISK_NAME, RISK_ZH, STATUS_LABEL } from './hazard.types';
import { RawRowWriter } from './xlsx-rows';

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

export { parsePeriod } from './ledger-period';

/** What a ledger export covers: the units (a school, or the schools of a district or the city), [from, to), a title. */
export interface LedgerRequest extends LedgerScope {
  title: string;
  /** For 逾期: the instant the export is made. */
  now: number;
  /** Rows per page (tests use a small one to cross page boundaries). */
  pageSize?: number;
}

/**
 * Excel has no time zones: an instant shifted so that its UTC fields read as the Shanghai wall clock shows the right
 * time. As epoch ms for RawRowWriter's date columns (no Date object per cell).
 */
const wall = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v + SHANGHAI_OFFSET_MS);
const LEDGER_INSTANTS = LEDGER_COLUMNS.flatMap((name, i) => (DATE_COLUMNS.has(name) ? [i] : []));
const ATTEMPT_INSTANTS = ATTEMPT_COLUMNS.flatMap((name, i) => (name.endsWith('时间') ? [i] : []));
const DATE_FMT = 'yyyy-mm-dd hh:mm';
/** Rows read and written per step: one keyset page of hazards with its events, supervisions and verifier names. */
const PAGE = 2000;

/** Each column's cell style (RawRowWriter registers it once per column and value type). */
const LEDGER_STYLES: Partial<ExcelJSModule.Style>[] = LEDGER_COLUMNS.map((name) => ({
  alignment: { vertical: 'top', wrapText: true },
  ...(DATE_COLUMNS.has(name) ? { numFmt: DATE_FMT } : {}),
}));
const ATTEMPT_STYLES: Partial<ExcelJSModule.Style>[] = ATTEMPT_COLUMNS.map((name) => ({
  alignment: { vertical: 'top', wrapText: true },
  ...(name.endsWith('时间') ? { numFmt: DATE_FMT } : {}),
}));

const SUMMARY_STYLES: Partial<ExcelJSModule.Style>[] = [{}, {}, {}, {}, {}];

interface Attempt {
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
function attemptsOf(events: readonly HazardEvent[]): Attempt[] {
  const out: Attempt[] = [];
  for (const e of events) {
    if (e.action === 'rectify') {
      out.push({ n: out.length + 1, submittedAt: e.at, by: e.actorName, note: e.note ?? '', verifiedAt: null, verifier: '', result: '待验收', opinion: '' });
    } else if (out.length && out[out.length - 1].result === '待验收') {
      Object.assign(out[out.length - 1], { verifiedAt: e.at, verifier: e.actorName, result: e.action === 'verify_pass' ? '通过' : '不通过', opinion: e.note ?? '' });
    }
  }
  return out;
}

const RISK_LABEL = Object.fromEntries(Object.entries(RISK_ZH).map(([k, zh]) => [k, `${zh}（${RISK_NAME[k as keyof typeof RISK_NAME]}）`])) as Record<keyof typeof RISK_ZH, string>;

const overdue = (h: LedgerHazard, now: number): boolean => (h.status === 'pending' || h.status === 'rectifying') && h.deadlineAt < now;

/** 是否重大: a confirmed 重大事故隐患, one the classifier flagged and nobody has confirmed or cleared yet, or neither. */
export const majorLabel = (h: Pick<LedgerHazard, 'major' | 'majorSuspected'>): string => (h.major ? '是' : h.majorSuspected ? '疑似重大' : '否');

function styleHeader(row: ExcelJSModule.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.height = 30;
}

/**
 * Between pages: lets the zip take the sheet written so far, then waits while the reader (an HTTP client, a file) is
 * behind, so neither the sheet's XML nor unread bytes pile up in memory.
 */
async function keepPace(rows: RawRowWriter, out: Writable): Promise<void> {
  await rows.drain();
  if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}

/**
 * The 隐患台账 as an xlsx written into `out` as it is read: every hazard of the units found in [from, to), in order of
 * registration (编号), with its school and district, 来源, 疑似重大 apart from 重大, 临时管控措施, the 五落实 of its
 * 挂牌督办, and each rectification attempt (failed ones on 整改记录, never shown as the completion). Hazards are read
 * in keyset pages and each row goes into exceljs's streaming writer as soon as it is built, so memory stays flat
 * whatever the size of the ledger; a 汇总 sheet counts school × colour × state with one GROUP BY. Resolves when the
 * last byte has been handed to `out` (which is ended).
 */
export async function writeLedgerXlsx(db: Db, out: Writable, req: LedgerRequest): Promise<{ rows: number }> {
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default; // loaded on the first export, not at start
  const room = ledger(db);
  const scope: LedgerScope = { unitIds: req.unitIds, from: req.from, to: req.to };
  const units = await room.units(req.unitIds);
  const schoolOf = (id: number) => units.get(id)?.name ?? '';
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, zip: { zlib: { level: 1 } } } as any);
  wb.creator = '校园安全助手';
  const ws = wb.addWorksheet('隐患台账', { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  LEDGER_COLUMNS.forEach((_, i) => (ws.getColumn(i + 1).width = WIDTHS[i]));
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  const t = ws.getRow(1);
  t.getCell(1).value = req.title;
  t.getCell(1).font = { bold: true, size: 14 };
  t.getCell(1).alignment = { horizontal: 'center' };
  t.commit();
  const header = ws.getRow(2);
  header.values = LEDGER_COLUMNS;
  styleHeader(header);
  header.commit();
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: LEDGER_COLUMNS.length } };

  const rows = new RawRowWriter(wb, ws, LEDGER_STYLES, LEDGER_INSTANTS);
  // 类别/检查项 and 风险等级 repeat across rows: built once per item and colour.
  const itemLabels = new Map<string, string>();
  const itemLabel = (area: string, code: string) => {
    const key = `${area}\u0000${code}`;
    let label = itemLabels.get(key);
    if (label === undefined) itemLabels.set(key, (label = `${getArea(area)?.name ?? area}/${getItem(code)?.title ?? code}`));
    return label;
  };
  let written = 0;
  /** Hazards with at least one 整改, in ledger order: the 整改记录 sheet's second pass reads their events again. */
  const withAttempts: number[] = [];
  const pageSize = req.pageSize ?? PAGE;
  for await (const page of room.pages(scope, pageSize)) {
    const ids = page.map((h) => h.id);
    const [events, supervisions] = await Promise.all([room.attemptEvents(ids), room.supervisions(ids)]);
    const verifiers = await room.memberNames([...new Set(page.map((h) => h.verifiedById).filter((v): v is number => v !== null))]);
    for (const h of page) {
      const mine = attemptsOf(events.get(h.id) ?? []);
      if (mine.length) withAttempts.push(h.id);
      const last = mine[mine.length - 1];
      // Completion columns show the attempt that stands: the one passed (closed) or awaiting 验收; never a failed one.
      const standing = last && last.result !== '不通过' ? last : undefined;
      const s = supervisions.get(h.id);
      rows.write([
        h.code, units.get(h.unitId)?.district ?? '', schoolOf(h.unitId), h.origin ?? '自查', wall(h.createdAt), h.reporterName, h.location ?? '',
        itemLabel(h.area, h.itemCode), RISK_LABEL[h.risk],
        majorLabel(h), h.description, h.interimMeasures ?? '', h.measures ?? '', h.responsibleName ?? '',
        wall(h.deadlineAt), `${STATUS_LABEL[h.status]}${overdue(h, req.now) ? '（逾期）' : ''}${h.status === 'rejected' && h.rejectReason ? `：${h.rejectReason}` : ''}`,
        mine.length, mine.filter((a) => a.result === '不通过').length,
        standing ? wall(standing.submittedAt) : h.status === 'closed' || h.status === 'verifying' ? wall(h.rectifiedAt) : null,
        standing?.result === '通过' ? standing.verifier : h.status === 'closed' ? (h.verifiedById !== null ? verifiers.get(h.verifiedById) ?? '' : '') : '',
        standing?.result === '通过' ? standing.opinion : h.status === 'closed' ? (h.verifyNote ?? '') : '',
        wall(h.closedAt),
        wall(s?.openedAt), s?.measures ?? '', s?.owner ?? '', s?.funds ?? '', s?.timeLimit ?? '', s?.plan ?? '', wall(s?.closedAt),
      ]);
      written++;
    }
    await keepPace(rows, out);
  }
  ws.commit();

  const aw = wb.addWorksheet('整改记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  [17, 18, 8, 17, 10, 30, 17, 10, 10, 30].forEach((w, i) => (aw.getColumn(i + 1).width = w));
  const ah = aw.getRow(1);
  ah.values = ATTEMPT_COLUMNS;
  styleHeader(ah);
  ah.commit();
  aw.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ATTEMPT_COLUMNS.length } };
  const attemptRows = new RawRowWriter(wb, aw, ATTEMPT_STYLES, ATTEMPT_INSTANTS);
  for (let i = 0; i < withAttempts.length; i += pageSize) {
    const ids = withAttempts.slice(i, i + pageSize);
    const [hazards, events] = await Promise.all([room.byIds(ids), room.attemptEvents(ids)]);
    for (const h of hazards) {
      for (const a of attemptsOf(events.get(h.id) ?? [])) {
        attemptRows.write([h.code, schoolOf(h.unitId), a.n, wall(a.submittedAt), a.by, a.note, wall(a.verifiedAt), a.verifier, a.result, a.opinion]);
      }
    }
    await keepPace(attemptRows, out);
  }
  aw.commit();

  const sw = wb.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  [10, 18, 8, 14, 8].forEach((w, i) => (sw.getColumn(i + 1).width = w));
  const sh = sw.getRow(1);
  sh.values = ['区', '学校', '风险等级', '状态', '数量'];
  styleHeader(sh);
  sh.commit();
  sw.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
  const summary = new Map<string, number>();
  for (const c of await room.counts(scope)) {
    const key = `${units.get(c.unitId)?.district ?? ''}|${schoolOf(c.unitId)}|${RISK_ZH[c.risk]}|${STATUS_LABEL[c.status]}`;
    summary.set(key, (summary.get(key) ?? 0) + c.n);
  }
  const summaryRows = new RawRowWriter(wb, sw, SUMMARY_STYLES);
  let total = 0;
  for (const [key, n] of [...summary].sort(([a], [b]) => a.localeCompare(b, 'zh'))) {
    summaryRows.write([...key.split('|'), n]);
    total += n;
  }
  summaryRows.write(['合计', '', '', '', total]);
  sw.commit();
  await wb.commit();
  await finished;
  return { rows: written };
}

/**
 * The ledger as a readable stream (an HTTP body): bytes flow while the rows are read. A failure part-way destroys the
 * stream, so the client sees a cut download rather than a truncated file that looks whole.
 */
export function ledgerXlsxStream(db: Db, req: LedgerRequest, onError?: (err: unknown) => void): Readable {
  const body = new PassThrough();
  writeLedgerXlsx(db, body, req).catch((err) => {
    onError?.(err);
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return body;
}

/** The ledger as one buffer, for the channels that upload a file (a few hundred rows: a school's or a district's). */
export async function buildLedgerXlsx(db: Db, unitIds: number[], from: number, to: number, title: string, now: number, pageSize?: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeLedgerXlsx(db, sink, { unitIds, from, to, title, now, pageSize });
  return Buffer.concat(chunks);
}
