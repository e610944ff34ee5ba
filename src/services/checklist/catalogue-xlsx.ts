/**
 * The catalogue as a workbook a safety officer can edit in Excel/WPS: one sheet of
 * check items, one of major-hazard rules, one of instructions. Lists sit in one cell
 * (关键词 with 、, 常见说法 one per line); patterns use pattern-text.ts.
 */
import type ExcelJS from 'exceljs';

/** exceljs is loaded on first use, not at start (it is large and most processes never touch a workbook). */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
import { colourLabel } from './colours.js';
import type { ImportResult, RawRow } from './catalogue-schema.js';
import { assembleCatalogue } from './catalogue-schema.js';
import { formatPatterns } from './pattern-text.js';
import type { Catalogue } from './types.js';

export const ITEM_SHEET = '检查项';
export const RULE_SHEET = '重大隐患规则';
export const INFO_SHEET = '说明';

const ITEM_COLUMNS = [
  { header: '领域代码', key: 'area', width: 12 },
  { header: '领域', key: 'areaName', width: 16 },
  { header: '检查项代码', key: 'code', width: 30 },
  { header: '检查项', key: 'title', width: 40 },
  { header: '说明', key: 'description', width: 50 },
  { header: '关键词', key: 'keywords', width: 50 },
  { header: '常见说法', key: 'phrasings', width: 50 },
  { header: '风险等级', key: 'risk', width: 10 },
  { header: '责任岗位', key: 'post', width: 16 },
  { header: '概念组合', key: 'cues', width: 50 },
] as const;

const RULE_COLUMNS = [
  { header: '规则代码', key: 'code', width: 34 },
  { header: '依据', key: 'basis', width: 8 },
  { header: '判定', key: 'severity', width: 10 },
  { header: '条款', key: 'title', width: 50 },
  { header: '引用', key: 'citation', width: 60 },
  { header: '对应检查项', key: 'item', width: 30 },
  { header: '匹配条件', key: 'patterns', width: 70 },
] as const;

const INSTRUCTIONS = [
  '本表是学校安全检查清单，可按本校实际修改后导入。',
  '「检查项」表：每行一个检查项。检查项代码以领域代码开头（如 fire.exits-clear），导入后不要改已有代码。',
  '关键词用顿号分隔；常见说法每行一句（单元格内换行）。风险等级填 红/橙/黄/蓝。',
  '「重大隐患规则」表：依据填 指南 或 红线；判定填 重大 或 疑似重大。',
  '匹配条件每行一条：词1|词2 + 词3|词4 排除：词5。"+"前后的词组都要出现，"|"表示任选其一。',
  '任一行有错时整表不导入，并逐行列出错误。',
];

export async function exportCatalogueXlsx(catalogue: Catalogue): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '校园安全助手';
  const areaName = new Map(catalogue.areas.map((a) => [a.code, a.name]));

  const info = workbook.addWorksheet(INFO_SHEET);
  info.addRow(['版本', catalogue.version]);
  for (const line of INSTRUCTIONS) info.addRow([line]);
  info.getColumn(1).width = 100;

  const itemSheet = workbook.addWorksheet(ITEM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  itemSheet.columns = ITEM_COLUMNS.map((c) => ({ ...c }));
  for (const item of catalogue.items) {
    itemSheet.addRow({
      area: item.area,
      areaName: areaName.get(item.area) ?? '',
      code: item.code,
      title: item.title,
      description: item.description,
      keywords: item.keywords.join('、'),
      phrasings: item.phrasings.join('\n'),
      risk: colourLabel(item.risk),
      post: item.post,
      cues: formatPatterns(item.cues),
    });
  }

  const ruleSheet = workbook.addWorksheet(RULE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ruleSheet.columns = RULE_COLUMNS.map((c) => ({ ...c }));
  for (const rule of catalogue.majorRules) {
    ruleSheet.addRow({
      code: rule.code,
      basis: rule.basis === 'guide' ? '指南' : '红线',
      severity: rule.suspected ? '疑似重大' : '重大',
      title: rule.title,
      citation: rule.citation,
      item: rule.item,
      patterns: formatPatterns(rule.patterns),
    });
  }
  for (const sheet of [itemSheet, ruleSheet]) {
    sheet.getRow(1).font = { bold: true };
    sheet.eachRow((row) => {
      row.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Cell value as text, whatever Excel stored (rich text, formula result, hyperlink, number). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    if (value instanceof Date) return value.toISOString();
    return '';
  }
  return String(value);
}

function readRows(sheet: ExcelJS.Worksheet, where: (row: number) => string): RawRow[] {
  const headers = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(col, cellText(cell.value).trim()));
  const rows: RawRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const data: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const header = headers.get(col);
      if (header) data[header] = cellText(cell.value);
    });
    if (Object.values(data).every((v) => v.trim() === '')) return;
    rows.push({ row: rowNumber, where: where(rowNumber), sheet: sheet.name, data });
  });
  return rows;
}

function byHeader(rows: RawRow[], columns: readonly { header: string; key: string }[]): RawRow[] {
  return rows.map((raw) => ({
    ...raw,
    data: Object.fromEntries(columns.map((c) => [c.key, raw.data[c.header]])),
  }));
}

export async function importCatalogueXlsx(buffer: Buffer): Promise<ImportResult> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, errors: [{ row: 0, message: '无法读取文件：请上传由本系统导出并编辑的 .xlsx 文件' }] };
  }
  const itemSheet = workbook.getWorksheet(ITEM_SHEET);
  if (!itemSheet) return { ok: false, errors: [{ row: 0, message: `找不到「${ITEM_SHEET}」工作表` }] };
  // A missing rules sheet would silently switch off major-hazard detection.
  const ruleSheet = workbook.getWorksheet(RULE_SHEET);
  if (!ruleSheet) return { ok: false, errors: [{ row: 0, message: `找不到「${RULE_SHEET}」工作表` }] };
  const version = cellText(workbook.getWorksheet(INFO_SHEET)?.getCell('B1').value ?? null);

  const itemRows = byHeader(readRows(itemSheet, (r) => `第 ${r} 行`), ITEM_COLUMNS);
  const ruleRows = byHeader(readRows(ruleSheet, (r) => `「${RULE_SHEET}」第 ${r} 行`), RULE_COLUMNS);
  return assembleCatalogue(itemRows, ruleRows, { version });
}
