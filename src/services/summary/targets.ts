// The programme's end-of-year targets (三项引领工程, shared/docs/programme.md "Targets to track") and the counts
// bureaus enter with /目标. Counts are kept per (unit, metric, year) because the targets are set per year.
import { summary } from '../../db/repositories/summary.repository';
import type { Db } from '../../db/repositories/base';
import type { Unit } from '../../../entities/unit.entity';
import { audit } from '../audit';
import { UserError } from '../errors';
import { SUMMARY_TEXT } from './refusals';

export type TargetMetric = 'benchmark' | 'standard' | 'model_post';
export const TARGET_METRICS: TargetMetric[] = ['benchmark', 'standard', 'model_post'];
export const TARGET_LABEL: Record<TargetMetric, string> = { benchmark: '标杆学校', standard: '达标学校', model_post: '示范岗位' };

const METRIC_WORDS: Record<string, TargetMetric> = {
  标杆学校: 'benchmark', 标杆: 'benchmark', 百优学校: 'benchmark', 百优: 'benchmark',
  达标学校: 'standard', 达标: 'standard', 千校评审: 'standard',
  示范岗位: 'model_post', 示范岗: 'model_post', 万岗达标: 'model_post',
};

/** 泉州开发区 shares the fixed "at least 13" targets with 市属学校 instead of a share of its schools. */
const FIXED_DISTRICT = /泉州开发区/;
const MAX_COUNT = 100_000;

export type TargetValues = Partial<Record<TargetMetric, number>>;

/** "丰泽区 标杆学校=9 达标学校=41" → the optional unit words and the counts; a wrong word names the right ones. */
export function parseTargetArgs(words: string[]): { unitWords: string[]; values: TargetValues } {
  const values: TargetValues = {};
  const unitWords: string[] = [];
  for (const w of words) {
    const m = /^(.+?)\s*[=＝:：]\s*(.*)$/.exec(w);
    if (!m) {
      unitWords.push(w);
      continue;
    }
    const metric = METRIC_WORDS[m[1]];
    if (!metric) throw new UserError(SUMMARY_TEXT.badMetric(m[1]));
    if (!/^\d+$/.test(m[2]) || Number(m[2]) > MAX_COUNT) throw new UserError(SUMMARY_TEXT.badCount(TARGET_LABEL[metric]));
    values[metric] = Number(m[2]);
  }
  return { unitWords, values };
}

/** Upserts the entered counts; audited with the previous values so a mistake can be traced and undone. */
export async function setTargets(db: Db, unitId: number, year: number, values: TargetValues, actor: string, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await targetsOf(tx, [unitId], year);
    for (const metric of TARGET_METRICS) {
      const value = values[metric];
      if (value === undefined) continue;
      await summary(tx).setTarget({ unitId, metric, year, value, updatedAt: now, updatedBy: actor.slice(0, 191) });
    }
    await audit(tx, { at: now, actor, unitId, action: 'target.set', target: `unit:${unitId}:${year}`, detail: { before: before.get(unitId) ?? {}, after: values } });
  });
}

export async function targetsOf(db: Db, unitIds: number[], year: number): Promise<Map<number, TargetValues>> {
  const out = new Map<number, TargetValues>();
  for (const t of await summary(db).targets(unitIds, year)) out.set(t.unitId, { ...(out.get(t.unitId) ?? {}), [t.metric]: t.value });
  return out;
}

export interface TargetLine {
  metric: TargetMetric;
  label: string;
  /** Entered count; null when nobody has entered it yet. */
  actual: number | null;
  /** The goal as a count (达标学校 of a district: 45% of its schools, rounded up). */
  goal: number;
  /** 达标学校 of a district: the share of its schools, entered and required (percent). */
  share?: { actual: number | null; goal: number };
  /** The city shows the districts' entries added up when it has entered nothing itself. */
  summed?: boolean;
}

/**
 * The goals for one bureau: a district 13 标杆 and 45% 达标 of its schools, 4 示范岗位 per school; 泉州开发区 13 and 13;
 * the city 170 标杆, about 1300 达标, 13000 示范岗位. Schools have no targets of their own.
 */
export function targetLines(unit: Unit, schools: number, own: TargetValues, children: TargetValues[]): TargetLine[] {
  if (unit.kind === 'school') return [];
  const value = (m: TargetMetric): { actual: number | null; summed?: boolean } => {
    if (own[m] !== undefined) return { actual: own[m]! };
    const entered = children.filter((c) => c[m] !== undefined);
    return entered.length ? { actual: entered.reduce((s, c) => s + c[m]!, 0), summed: true } : { actual: null };
  };
  const line = (metric: TargetMetric, goal: number, extra: Partial<TargetLine> = {}): TargetLine => {
    const v = unit.kind === 'city' ? value(metric) : { actual: own[metric] ?? null };
    return { metric, label: TARGET_LABEL[metric], goal, ...v, ...extra };
  };
  if (unit.kind === 'city') return [line('benchmark', 170), line('standard', 1300), line('model_post', 13000)];
  const posts = line('model_post', 4 * schools);
  if (FIXED_DISTRICT.test(unit.name)) return [line('benchmark', 13), line('standard', 13), posts];
  const standard = own.standard ?? null;
  const share = { actual: standard !== null && schools > 0 ? Math.round((standard / schools) * 100) : null, goal: 45 };
  return [line('benchmark', 13), line('standard', Math.ceil(schools * 0.45), { share }), posts];
}
