/**
 * Validation of an edited catalogue, row by row, with messages a safety officer can
 * act on ("第 12 行：风险等级必须是 红/橙/黄/蓝"). Both the xlsx and the yaml reader
 * hand rows here, so the rules are the same whichever format was edited.
 */
import { z } from 'zod';
import { areas as shippedAreas, CATALOGUE_VERSION } from './catalogue.js';
import { parseRiskColour } from './colours.js';
import { parsePatterns } from './pattern-text.js';
import { AREA_CODES, type Area, type Catalogue, type CheckItem, type MajorRule, type RulePattern } from './types.js';

export interface ImportError {
  row: number;
  message: string;
  sheet?: string;
}

export type ImportResult = { ok: true; catalogue: Catalogue } | { ok: false; errors: ImportError[] };

/** One source row: where it came from (for messages) and its fields by name. */
export interface RawRow {
  row: number;
  /** Prefix naming the place, e.g. 第 12 行 or 「重大隐患规则」第 3 行. */
  where: string;
  sheet?: string;
  data: Record<string, unknown>;
}

const areaByName = new Map<string, string>(shippedAreas.flatMap((a) => [[a.name, a.code], [a.code, a.code]]));

const toText = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());
const splitList = (separator: RegExp) => (v: unknown): string[] =>
  (Array.isArray(v) ? v.map(toText) : toText(v).split(separator)).map((s) => s.trim()).filter(Boolean);

const lookup = (map: Record<string, string>) => (v: unknown): string => map[toText(v)] ?? toText(v);
const required = (message: string) => z.preprocess(toText, z.string().min(1, message));
/** Keywords are short terms (顿号 or commas); phrasings are sentences, one per line. */
const keywordList = z.preprocess(splitList(/[、,，;；\r\n]/), z.array(z.string()));
const sentenceList = z.preprocess(splitList(/\r?\n/), z.array(z.string()));

const structuredPatterns = z.array(
  z.object({
    all: z.array(z.array(z.string().min(1)).min(1)).min(1),
    none: z.array(z.string().min(1)).optional(),
  }),
);

const patterns = (requiredMessage?: string) =>
  z.unknown().transform((value, ctx): RulePattern[] => {
    let parsed: RulePattern[] = [];
    try {
      if (typeof value === 'string' || value === null || value === undefined) parsed = parsePatterns(toText(value));
      else parsed = structuredPatterns.parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof z.ZodError ? '匹配条件格式不对' : String((error as Error).message) });
      return z.NEVER;
    }
    if (requiredMessage && parsed.length === 0) {
      ctx.addIssue({ code: 'custom', message: requiredMessage });
      return z.NEVER;
    }
    return parsed;
  });

export const itemRowSchema = z.object({
  area: z.preprocess((v) => areaByName.get(toText(v)) ?? toText(v), z.enum(AREA_CODES, { error: '领域必须是 12 个领域之一（如 fire 或 消防安全）' })),
  code: z.preprocess(toText, z.string().regex(/^[a-z_]+\.[a-z0-9-]+$/, '检查项代码必须形如 fire.exits-clear（小写字母、数字、连字符）')),
  title: required('检查项名称不能为空'),
  description: z.preprocess(toText, z.string()),
  keywords: keywordList,
  phrasings: sentenceList,
  risk: z.preprocess((v) => parseRiskColour(toText(v)) ?? toText(v), z.enum(['red', 'orange', 'yellow', 'blue'], { error: '风险等级必须是 红/橙/黄/蓝' })),
  post: required('责任岗位不能为空'),
  cues: patterns(),
});

const severity = z.preprocess(
  lookup({ 重大: 'major', 疑似重大: 'suspected' }),
  z.enum(['major', 'suspected'], { error: '判定必须是 重大 或 疑似重大' }),
);

export const ruleRowSchema = z.object({
  code: z.preprocess(toText, z.string().regex(/^[a-z]+(\.[a-z0-9-]+)+$/, '规则代码必须形如 guide.fire.6 或 redline.lab.double-lock')),
  basis: z.preprocess(
    lookup({ 指南: 'guide', 红线: 'redline' }),
    z.enum(['guide', 'redline'], { error: '依据必须是 指南 或 红线' }),
  ),
  title: required('条款内容不能为空'),
  citation: required('引用原文不能为空'),
  item: required('对应检查项不能为空'),
  severity,
  patterns: patterns('匹配条件不能为空'),
});

/** Absent keys become explicit undefined so each field's own message applies, not zod's generic one. */
function withKeys(data: Record<string, unknown>, schema: z.ZodObject): Record<string, unknown> {
  return { ...Object.fromEntries(Object.keys(schema.shape).map((k) => [k, undefined])), ...data };
}

function issues(where: string, sheet: string | undefined, row: number, error: z.ZodError): ImportError[] {
  return error.issues.map((issue) => ({ row, sheet, message: `${where}：${issue.message}` }));
}

/** Validates all rows; returns nothing but errors when any row is bad. */
export function assembleCatalogue(
  itemRows: RawRow[],
  ruleRows: RawRow[],
  options: { version?: string; areas?: Area[] } = {},
): ImportResult {
  const errors: ImportError[] = [];
  const items: CheckItem[] = [];
  const seen = new Map<string, number>();
  for (const raw of itemRows) {
    const parsed = itemRowSchema.safeParse(withKeys(raw.data, itemRowSchema));
    if (!parsed.success) {
      errors.push(...issues(raw.where, raw.sheet, raw.row, parsed.error));
      continue;
    }
    const { cues, ...item } = parsed.data;
    const fail = (message: string) => errors.push({ row: raw.row, sheet: raw.sheet, message: `${raw.where}：${message}` });
    if (!item.code.startsWith(`${item.area}.`)) fail(`检查项代码 ${item.code} 应以所属领域代码 ${item.area}. 开头`);
    else if (seen.has(item.code)) fail(`检查项代码 ${item.code} 重复（第 ${seen.get(item.code)} 行已使用）`);
    else {
      seen.set(item.code, raw.row);
      items.push(cues.length > 0 ? { ...item, cues } : item);
    }
  }

  const rules: MajorRule[] = [];
  const seenRules = new Map<string, number>();
  for (const raw of ruleRows) {
    const parsed = ruleRowSchema.safeParse(withKeys(raw.data, ruleRowSchema));
    if (!parsed.success) {
      errors.push(...issues(raw.where, raw.sheet, raw.row, parsed.error));
      continue;
    }
    const { severity: level, ...rule } = parsed.data;
    const fail = (message: string) => errors.push({ row: raw.row, sheet: raw.sheet, message: `${raw.where}：${message}` });
    if (seenRules.has(rule.code)) fail(`规则代码 ${rule.code} 重复（第 ${seenRules.get(rule.code)} 行已使用）`);
    else if (!seen.has(rule.item)) fail(`对应检查项 ${rule.item} 在检查项表里不存在`);
    else {
      seenRules.set(rule.code, raw.row);
      rules.push({ ...rule, flag: true, suspected: level === 'suspected' });
    }
  }

  const areaList = options.areas ?? [...shippedAreas];
  for (const area of areaList) {
    if (errors.length === 0 && !items.some((i) => i.area === area.code)) {
      errors.push({ row: 0, message: `领域「${area.name}」没有任何检查项，请至少保留一项` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, catalogue: { version: options.version || CATALOGUE_VERSION, areas: areaList, items, majorRules: rules } };
}
