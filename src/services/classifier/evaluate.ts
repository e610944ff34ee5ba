/**
 * Scoring a classifier against labelled reports (jsonl: text, area, alt, major).
 * Shared by scripts/eval-classify.ts and the accuracy tests so both count the same way:
 * - area is right when the answer is `area` or one of `alt`;
 * - major is scored only on rows with major true/false (null = unclear, skipped);
 *   predicted major = major.flag, which includes suspected red lines (they must reach
 *   a person); the strict figures count only non-suspected 《指南》 matches;
 * - rows with `hazard: false` are not reports (questions, notices, chit-chat): they
 *   are left out of area accuracy and scored on isHazardLike instead, as are reports
 *   the classifier would not treat as one.
 */
import { z } from 'zod';
import { AREA_CODES, type AreaCode } from '../checklist/types.js';
import type { Classification } from './types.js';

const rowSchema = z.object({
  text: z.string().min(1),
  area: z.enum(AREA_CODES),
  alt: z.array(z.enum(AREA_CODES)).default([]),
  major: z.boolean().nullable().default(null),
  /** false: a question, notice or small talk (area is then only the topic, not scored). */
  hazard: z.boolean().default(true),
  /** An incident in progress (src/services/emergency); null or absent = not labelled, not scored. */
  emergency: z.boolean().nullable().default(null),
  /** The guide article or red line the writer had in mind (informational). */
  guide: z.string().nullable().optional(),
});

export type LabelledRow = z.infer<typeof rowSchema>;

export function parseLabelledJsonl(content: string): LabelledRow[] {
  return content
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), no: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, no }) => {
      const parsed = rowSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`第 ${no} 行格式不对：${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
    });
}

export interface MajorStats {
  scored: number;
  tp: number;
  fp: number;
  fn: number;
  recall: number;
  precision: number;
  /** False alarms among the rows labelled not major: fp / (fp + tn). */
  falseAlarmRate: number;
}

export interface EvalMiss {
  text: string;
  expected: AreaCode;
  got: AreaCode;
  item: string;
  major: boolean | null;
  flagged: boolean;
  /** Set when the emergency label disagrees: the label and the type detected (null = none). */
  emergency?: boolean | null;
  emergencyGot?: string | null;
}

export interface HazardLikeStats {
  /** Reports (hazard rows) and how many of them isHazardLike missed. */
  reports: number;
  reportsMissed: number;
  /** Non-report rows and how many of them isHazardLike wrongly took for a report. */
  nonReports: number;
  nonReportsFlagged: number;
  errors: { text: string; expected: boolean }[];
}

export interface EvalResult {
  /** Rows scored for area (non-report rows excluded). */
  total: number;
  areaCorrect: number;
  areaAccuracy: number;
  major: MajorStats;
  majorStrict: MajorStats;
  /** Emergency detection on rows that label it (same counts as majors). */
  emergency: MajorStats;
  /** confusion[expected][predicted] */
  confusion: Record<string, Record<string, number>>;
  timing: { p50: number; p99: number; mean: number };
  misses: EvalMiss[];
  hazardLike: HazardLikeStats;
}

function majorStats(pairs: { truth: boolean; predicted: boolean }[]): MajorStats {
  const tp = pairs.filter((p) => p.truth && p.predicted).length;
  const fp = pairs.filter((p) => !p.truth && p.predicted).length;
  const fn = pairs.filter((p) => p.truth && !p.predicted).length;
  const negatives = pairs.filter((p) => !p.truth).length;
  return {
    scored: pairs.length,
    tp,
    fp,
    fn,
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    falseAlarmRate: negatives === 0 ? 0 : fp / negatives,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function evaluate(
  rows: LabelledRow[],
  classify: (text: string) => Classification | Promise<Classification>,
): Promise<EvalResult> {
  const confusion: Record<string, Record<string, number>> = {};
  const loose: { truth: boolean; predicted: boolean }[] = [];
  const strict: { truth: boolean; predicted: boolean }[] = [];
  const emergencies: { truth: boolean; predicted: boolean }[] = [];
  const times: number[] = [];
  const misses: EvalMiss[] = [];
  const hazardLike: HazardLikeStats = { reports: 0, reportsMissed: 0, nonReports: 0, nonReportsFlagged: 0, errors: [] };
  let areaCorrect = 0;
  let total = 0;
  for (const row of rows) {
    const started = performance.now();
    const result = await classify(row.text);
    times.push(performance.now() - started);
    if (row.hazard) hazardLike.reports += 1;
    else hazardLike.nonReports += 1;
    if (row.hazard !== result.isHazardLike) {
      hazardLike.errors.push({ text: row.text, expected: row.hazard });
      if (row.hazard) hazardLike.reportsMissed += 1;
      else hazardLike.nonReportsFlagged += 1;
    }
    if (row.major !== null) {
      loose.push({ truth: row.major, predicted: result.major.flag });
      strict.push({ truth: row.major, predicted: result.major.flag && !result.major.suspected });
    }
    if (row.emergency !== null) emergencies.push({ truth: row.emergency, predicted: result.emergency !== undefined });
    if (!row.hazard) {
      if (row.major === false && result.major.flag) {
        misses.push({ text: row.text, expected: row.area, got: result.area, item: result.item, major: row.major, flagged: true });
      }
      continue;
    }
    total += 1;
    const ok = result.area === row.area || row.alt.includes(result.area);
    if (ok) areaCorrect += 1;
    confusion[row.area] ??= {};
    confusion[row.area][result.area] = (confusion[row.area][result.area] ?? 0) + 1;
    const majorWrong = row.major !== null && row.major !== result.major.flag;
    const emergencyWrong = row.emergency !== null && row.emergency !== (result.emergency !== undefined);
    if (!ok || majorWrong || emergencyWrong) {
      misses.push({
        text: row.text, expected: row.area, got: result.area, item: result.item, major: row.major, flagged: result.major.flag,
        ...(emergencyWrong ? { emergency: row.emergency, emergencyGot: result.emergency?.type ?? null } : {}),
      });
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    total,
    areaCorrect,
    areaAccuracy: total === 0 ? 0 : areaCorrect / total,
    major: majorStats(loose),
    majorStrict: majorStats(strict),
    emergency: majorStats(emergencies),
    confusion,
    timing: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length) },
    misses,
    hazardLike,
  };
}
